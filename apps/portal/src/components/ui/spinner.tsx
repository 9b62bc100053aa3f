export interface SpinnerProps {
  /** Announced to screen readers; leave empty when the text next to it already says it. */
  label?: string;
  size?: 'sm' | 'md' | 'lg';
}

export function Spinner({ label, size = 'md' }: SpinnerProps) {
  return (
    <span className={`spinner spinner--${size}`}>
      <span className="spinner__circle" aria-hidden="true" />
      {label && <span className="visually-hidden">{label}</span>}
    </span>
  );
}

export interface LoadingStateProps {
  label?: string;
  /** `page` reserves the height of a page body so content does not jump in when it arrives. */
  variant?: 'page' | 'inline';
}

export function LoadingState({ label = 'Loading…', variant = 'page' }: LoadingStateProps) {
  return (
    <div className={`loading-state loading-state--${variant}`} role="status">
      <Spinner size={variant === 'page' ? 'lg' : 'md'} />
      <span>{label}</span>
    </div>
  );
}
