import { useEffect, useState } from 'react';
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

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      // Clipboard access can be refused (permissions, insecure context); say so rather than pretend.
      setState('failed');
    }
  };

  return (
    <span className="copy-button">
      <Button variant={variant} size={size} onClick={copy} aria-label={accessibleLabel}>
        {state === 'copied' ? 'Copied' : label}
      </Button>
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
