import { useEffect, useRef } from 'react';

/**
 * A wizard step's heading. It takes focus when the step appears, so keyboard and screen reader users
 * land at the start of the new step instead of on a button that no longer exists.
 */
export function StepHeading({ id, children }: { id: string; children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h2 ref={ref} id={id} tabIndex={-1} className="wizard__heading">
      {children}
    </h2>
  );
}
