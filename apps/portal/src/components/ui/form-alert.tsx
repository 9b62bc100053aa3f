import type { ReactNode, Ref } from 'react';

export type AlertTone = 'error' | 'warning' | 'success' | 'info';

export interface FormAlertProps {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  /** Lets a form move focus to the alert after a failed submit. */
  ref?: Ref<HTMLDivElement>;
}

/** A message about a whole form or page. Errors interrupt screen readers (role=alert); others do not. */
export function FormAlert({ tone = 'error', title, children, ref }: FormAlertProps) {
  return (
    <div
      ref={ref}
      className={`alert alert--${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
      tabIndex={-1}
    >
      {title && <p className="alert__title">{title}</p>}
      {children && <div className="alert__body">{children}</div>}
    </div>
  );
}
