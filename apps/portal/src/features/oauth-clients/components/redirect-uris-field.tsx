import { REDIRECT_URIS_MAX } from '@portico/contracts';
import { useEffect, useId, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';

export interface UriItem {
  /** Stable key, so removing one URL keeps the others' inputs (and focus) in place. */
  key: number;
  value: string;
}

let lastKey = 0;
export const uriItem = (value = ''): UriItem => ({ key: ++lastKey, value });

export interface RedirectUrisFieldProps {
  items: readonly UriItem[];
  onChange: (items: UriItem[]) => void;
  /** Keyed like the API's details: `redirectUris/1` for one URL, `redirectUris` for the list. */
  errors: Readonly<Record<string, string | undefined>>;
  onBlurItem?: (index: number) => void;
}

/**
 * One field per redirect URL, **Add redirect URL** for more (up to 10), each removable. Errors show
 * next to the URL they concern, whether they come from the form or from the server.
 */
export function RedirectUrisField({ items, onChange, errors, onBlurItem }: RedirectUrisFieldProps) {
  const descriptionId = useId();
  const listErrorId = useId();
  const focusKey = useRef<number | null>(null);
  const listRef = useRef<HTMLDivElement>(null);

  // After Add, move focus to the new, empty field; after Remove, to the field that took its place.
  useEffect(() => {
    if (focusKey.current === null) return;
    listRef.current?.querySelector<HTMLInputElement>(`[data-key="${focusKey.current}"]`)?.focus();
    focusKey.current = null;
  });

  const update = (index: number, value: string) =>
    onChange(items.map((item, i) => (i === index ? { ...item, value } : item)));
  const add = () => {
    const item = uriItem();
    focusKey.current = item.key;
    onChange([...items, item]);
  };
  const remove = (index: number) => {
    const next = items.filter((_, i) => i !== index);
    focusKey.current = next[Math.min(index, next.length - 1)]?.key ?? null;
    onChange(next);
  };
  const listError = errors.redirectUris;

  return (
    <fieldset
      className="redirect-uris"
      aria-describedby={[descriptionId, listError ? listErrorId : ''].filter(Boolean).join(' ')}
    >
      <legend className="field__label">Redirect URLs</legend>
      <p id={descriptionId} className="field__description">
        Where users return after signing in. Each URL must match exactly: https, or http only for 127.0.0.1,
        [::1] and localhost; no fragment (#) and no wildcards.
      </p>
      {listError && (
        <p id={listErrorId} className="field__error" role="alert">
          {listError}
        </p>
      )}
      <div className="redirect-uris__list" ref={listRef}>
        {items.map((item, index) => (
          <div className="redirect-uris__row" key={item.key}>
            <TextField
              label={`Redirect URL ${index + 1}`}
              name={`redirectUris/${index}`}
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              placeholder="https://app.example.com/callback"
              value={item.value}
              data-key={item.key}
              error={errors[`redirectUris/${index}`]}
              onChange={(event) => update(index, event.target.value)}
              onBlur={() => onBlurItem?.(index)}
            />
            {items.length > 1 && (
              <Button
                variant="ghost"
                size="sm"
                className="redirect-uris__remove"
                aria-label={`Remove redirect URL ${index + 1}`}
                onClick={() => remove(index)}
              >
                Remove
              </Button>
            )}
          </div>
        ))}
      </div>
      <div className="redirect-uris__add">
        <Button variant="secondary" size="sm" onClick={add} disabled={items.length >= REDIRECT_URIS_MAX}>
          Add redirect URL
        </Button>
        {items.length >= REDIRECT_URIS_MAX && (
          <span className="field__description">
            You can register up to {REDIRECT_URIS_MAX} redirect URLs.
          </span>
        )}
      </div>
    </fieldset>
  );
}
