import type { AdminApi } from '@portico/contracts';
import type { ComponentProps, ReactNode } from 'react';
import { Button, type ButtonVariant } from '@/components/ui/button';
import { AUTH_MODE_LABELS } from '../lib/format';

export interface FormSectionProps {
  legend: ReactNode;
  description?: ReactNode;
  /** A message for the group as a whole (e.g. "Grant at least one API"). */
  error?: string | null;
  /** The group's field name, so `focusFirstError` can focus its first control for a list-level error. */
  field?: string;
  nested?: boolean;
  children: ReactNode;
}

/** A group of controls under a legend, with optional help text and a group-level error. */
export function FormSection({ legend, description, error, field, nested, children }: FormSectionProps) {
  return (
    <fieldset
      className={nested ? 'admin-fieldset admin-fieldset--nested' : 'admin-fieldset'}
      data-field={field}
    >
      <legend className="field__label">{legend}</legend>
      {description && <p className="field__description">{description}</p>}
      {error && <p className="field__error">{error}</p>}
      {children}
    </fieldset>
  );
}

export type CheckboxProps = Omit<ComponentProps<'input'>, 'type'> & { label: ReactNode };

/** A checkbox inside its label. */
export function Checkbox({ label, className, ...input }: CheckboxProps) {
  return (
    <label className={className ? `checkbox ${className}` : 'checkbox'}>
      <input type="checkbox" {...input} />
      {label}
    </label>
  );
}

export interface RadioGroupProps<V extends string> {
  legend: ReactNode;
  name: string;
  value: V;
  options: readonly { value: V; label: ReactNode }[];
  onChange: (value: V) => void;
}

/** One choice out of a few, each spelled out next to its radio button. */
export function RadioGroup<V extends string>({ legend, name, value, options, onChange }: RadioGroupProps<V>) {
  return (
    <FormSection legend={legend}>
      <div className="checkbox-list">
        {options.map((option) => (
          <label key={option.value} className="checkbox">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            {option.label}
          </label>
        ))}
      </div>
    </FormSection>
  );
}

export interface FormActionsProps {
  submitLabel: ReactNode;
  pending: boolean;
  submitVariant?: ButtonVariant;
  /** Adds a Cancel button. */
  onCancel?: () => void;
}

/** Submit (with its pending spinner) and an optional Cancel. */
export function FormActions({ submitLabel, pending, submitVariant, onCancel }: FormActionsProps) {
  return (
    <div className="form__actions">
      <Button type="submit" variant={submitVariant} loading={pending}>
        {submitLabel}
      </Button>
      {onCancel && (
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      )}
    </div>
  );
}

/** The `<option>`s of an API select: a "Choose an API…" placeholder, then each API with its auth mode. */
export function ApiOptions({ apis }: { apis: readonly AdminApi[] }) {
  return (
    <>
      <option value="">Choose an API…</option>
      {apis.map((api) => (
        <option key={api.id} value={api.id}>
          {api.name} ({AUTH_MODE_LABELS[api.authMode]})
        </option>
      ))}
    </>
  );
}
