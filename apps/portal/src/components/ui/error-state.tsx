import { isPorticoApiError } from '@portico/sdk';
import type { ReactNode } from 'react';
import { Button } from './button';

export interface ErrorStateProps {
  title?: ReactNode;
  /** The failure; API errors show their message, anything else a generic one (no internals). */
  error?: unknown;
  onRetry?: () => void;
  retrying?: boolean;
}

export function errorMessage(error: unknown): string {
  if (isPorticoApiError(error)) return error.message;
  return 'Something unexpected happened. Please try again.';
}

export function ErrorState({ title = 'Something went wrong', error, onRetry, retrying }: ErrorStateProps) {
  return (
    <section className="error-state" role="alert">
      <h2 className="error-state__title">{title}</h2>
      <p className="error-state__description">{errorMessage(error)}</p>
      {onRetry && (
        <Button variant="secondary" onClick={onRetry} loading={retrying}>
          Try again
        </Button>
      )}
    </section>
  );
}
