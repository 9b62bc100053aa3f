export interface StepperStep {
  id: string;
  label: string;
}

export interface StepperProps {
  steps: readonly StepperStep[];
  /** Index of the current step; earlier steps count as completed. */
  current: number;
  label?: string;
}

/** Progress through a multi-step flow, e.g. the OAuth client wizard. */
export function Stepper({ steps, current, label = 'Progress' }: StepperProps) {
  return (
    <ol className="stepper" aria-label={label}>
      {steps.map((step, index) => {
        const state = index < current ? 'complete' : index === current ? 'current' : 'upcoming';
        return (
          <li
            key={step.id}
            className={`stepper__step stepper__step--${state}`}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <span className="stepper__marker" aria-hidden="true">
              {state === 'complete' ? '✓' : index + 1}
            </span>
            <span className="stepper__label">
              {step.label}
              {state === 'complete' && <span className="visually-hidden"> (completed)</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
