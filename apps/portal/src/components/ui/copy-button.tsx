import { useEffect, useRef, useState } from 'react';
import { Button, type ButtonSize, type ButtonVariant } from './button';

export interface CopyButtonProps {
  value: string;
  /** Visible text; the accessible name adds what is copied when `accessibleLabel` is given. */
  label?: string;
  /** e.g. "Copy client secret": several copy buttons on one page need distinct names. */
  accessibleLabel?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
}

type CopyState = 'idle' | 'copied' | 'failed';

export function CopyButton({
  value,
  label = 'Copy',
  accessibleLabel,
  variant = 'secondary',
  size = 'sm',
}: CopyButtonProps) {
  const [state, setState] = useState<CopyState>('idle');
  const rootRef = useRef<HTMLSpanElement>(null);
  // The value is not shown beside the button (e.g. an access token): show it to copy by hand.
  const [showValue, setShowValue] = useState(false);
  const valueRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // A failure stays until the next try: the developer still has to copy by hand.
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  useEffect(() => {
    valueRef.current?.focus();
    valueRef.current?.select();
  }, [showValue]);

  const copy = async () => {
    try {
      // No `navigator.clipboard` at all on plain-HTTP pages: that throws here too.
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      // Clipboard access can be refused (permissions, insecure context); say so rather than pretend,
      // and select the value shown beside the button (its `code` in the same `dd` or `figure`).
      setState('failed');
      const shown = rootRef.current?.closest('dd, figure')?.querySelector('code');
      if (shown) window.getSelection()?.selectAllChildren(shown);
      else setShowValue(true);
    }
  };

  return (
    <span className="copy-button" ref={rootRef}>
      <Button variant={variant} size={size} onClick={copy} aria-label={accessibleLabel}>
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed — select and copy' : label}
      </Button>
      {state === 'failed' && showValue && (
        <input
          ref={valueRef}
          className="field__control copy-button__value"
          readOnly
          value={value}
          aria-label={`${accessibleLabel ?? label}: the value to copy`}
        />
      )}
      <span className="visually-hidden" role="status">
        {state === 'copied'
          ? 'Copied'
          : state === 'failed'
            ? 'Copy failed. Select the text and copy it.'
            : ''}
      </span>
    </span>
  );
}
