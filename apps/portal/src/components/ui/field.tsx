import { type ComponentProps, type ReactNode, useId } from 'react';

interface FieldOwnProps {
  label: ReactNode;
  /** Shown under the control and announced with it (aria-describedby); sets aria-invalid. */
  error?: string | null;
  /** Help text under the label, also announced with the control. */
  description?: ReactNode;
  /** Adds "(optional)" to the label; fields are assumed required otherwise. */
  optional?: boolean;
}

function useFieldIds(id: string | undefined, hasDescription: boolean, error: string | null | undefined) {
  const generated = useId();
  const fieldId = id ?? generated;
  const descriptionId = `${fieldId}-description`;
  const errorId = `${fieldId}-error`;
  const describedBy = [hasDescription ? descriptionId : null, error ? errorId : null]
    .filter(Boolean)
    .join(' ');
  return {
    fieldId,
    descriptionId,
    errorId,
    controlProps: {
      id: fieldId,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': describedBy || undefined,
    },
  };
}

function FieldShell({
  fieldId,
  descriptionId,
  errorId,
  label,
  description,
  error,
  optional,
  className,
  children,
}: FieldOwnProps & {
  fieldId: string;
  descriptionId: string;
  errorId: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={['field', error ? 'field--invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={fieldId}>
        {label}
        {optional && <span className="field__optional"> (optional)</span>}
      </label>
      {description && (
        <p id={descriptionId} className="field__description">
          {description}
        </p>
      )}
      {children}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

export type TextFieldProps = FieldOwnProps & Omit<ComponentProps<'input'>, 'children'>;

export function TextField({ label, error, description, optional, id, className, ...input }: TextFieldProps) {
  const ids = useFieldIds(id, Boolean(description), error);
  return (
    <FieldShell {...ids} {...{ label, error, description, optional, className }}>
      <input className="field__control" {...input} {...ids.controlProps} />
    </FieldShell>
  );
}

export type TextAreaProps = FieldOwnProps & Omit<ComponentProps<'textarea'>, 'children'>;

export function TextArea({ label, error, description, optional, id, className, ...textarea }: TextAreaProps) {
  const ids = useFieldIds(id, Boolean(description), error);
  return (
    <FieldShell {...ids} {...{ label, error, description, optional, className }}>
      <textarea className="field__control" rows={4} {...textarea} {...ids.controlProps} />
    </FieldShell>
  );
}

export type SelectProps = FieldOwnProps & ComponentProps<'select'>;

/** A native select: pass `<option>` children. */
export function Select({
  label,
  error,
  description,
  optional,
  id,
  className,
  children,
  ...select
}: SelectProps) {
  const ids = useFieldIds(id, Boolean(description), error);
  return (
    <FieldShell {...ids} {...{ label, error, description, optional, className }}>
      <select className="field__control" {...select} {...ids.controlProps}>
        {children}
      </select>
    </FieldShell>
  );
}
