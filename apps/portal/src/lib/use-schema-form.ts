import { type ChangeEvent, type FormEvent, useRef, useState } from 'react';
import type { Static, TSchema } from 'typebox';
import { type FieldErrors, type FieldHints, serverFormErrors, validateForm } from './validation';

export interface SchemaFormOptions<V extends Record<string, string>> {
  hints?: Record<string, FieldHints>;
  /** Turns the raw input into the request body before validation (trim, drop empty optionals...). */
  toBody?: (values: V) => unknown;
}

/**
 * Form state for flat text forms validated by a contracts schema: errors appear on submit, then
 * follow the input as the user fixes it; the first invalid field gets focus; server errors are
 * mapped to fields (validation details) or to one form-level message.
 */
export function useSchemaForm<T extends TSchema, V extends Record<string, string>>(
  schema: T,
  initialValues: V,
  { hints, toBody = (values) => values }: SchemaFormOptions<V> = {},
) {
  const [values, setValues] = useState<V>(initialValues);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const fields = Object.keys(initialValues);

  const focusField = (name: string | undefined) => {
    if (name) formRef.current?.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`)?.focus();
  };

  const setField = (name: keyof V & string, value: string) => {
    const next = { ...values, [name]: value };
    setValues(next);
    if (submitted) {
      const live = validateForm(schema, toBody(next), hints).errors;
      setErrors((current) => {
        // Only this field's message changes while typing; others keep what the last submit said.
        const { [name]: _drop, ...rest } = current;
        return live[name] ? { ...rest, [name]: live[name] } : rest;
      });
    }
  };

  const fieldProps = (name: keyof V & string) => ({
    name,
    value: values[name],
    error: errors[name],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      setField(name, event.target.value),
  });

  const handleSubmit = (onValid: (body: Static<T>) => void) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    setFormError(null);
    const result = validateForm(schema, toBody(values), hints);
    setErrors(result.errors);
    if (!result.ok) {
      focusField(fields.find((field) => result.errors[field]));
      return;
    }
    onValid(result.value);
  };

  const applyServerError = (error: unknown) => {
    const mapped = serverFormErrors(error, fields);
    setErrors(mapped.fieldErrors);
    setFormError(mapped.formError);
    focusField(fields.find((field) => mapped.fieldErrors[field]));
  };

  return { values, errors, formError, formRef, setField, fieldProps, handleSubmit, applyServerError };
}
