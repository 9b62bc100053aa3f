import { useEffect, useId, useRef, useState } from 'react';

export interface SearchFieldProps {
  label: string;
  value: string;
  onSearch: (value: string) => void;
  placeholder?: string;
}

/** A labelled search box that reports what was typed after a short pause (or at once on Enter). */
export function SearchField({ label, value, onSearch, placeholder }: SearchFieldProps) {
  const id = useId();
  const [text, setText] = useState(value);
  const latest = useRef(onSearch);
  latest.current = onSearch;

  // Follow outside changes (back button, a "clear filters" link). The URL holds the trimmed text: when
  // that is all that changed, keep what is typed, or "pay " + pause + "api" would become "payapi".
  useEffect(() => setText((current) => (current.trim() === value ? current : value)), [value]);

  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => latest.current(text), 300);
    return () => clearTimeout(timer);
  }, [text, value]);

  return (
    <div className="field list-toolbar__search">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="field__control"
        type="search"
        value={text}
        placeholder={placeholder}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            latest.current(text);
          }
        }}
      />
    </div>
  );
}
