import { type FormEvent, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { type FieldErrors, serverFormErrors } from '@/lib/validation';
import { focusFirstError } from '../lib/form-errors';

export interface AdminFormOptions<V, B> {
  initialValues: () => V;
  /** The same rules as the server (contracts schema + cross-field rules), as `{ field: message }`. */
  validate: (values: V) => FieldErrors;
  toBody: (values: V) => B;
  /** The field names the server's validation details may name, so its errors show next to them. */
  serverFields: (values: V) => string[];
  /** Resolves when saved; a rejected `PorticoApiError` is shown next to the fields it names. */
  onSubmit: (body: B) => Promise<unknown>;
}

/**
 * State for the Dashboard's structured forms (APIs, policies, catalogue entries): validated on
 * submit, then errors follow the input; the first invalid field gets focus; the server's errors
 * stay until the fields they name change.
 */
export function useAdminForm<V extends object, B>({
  initialValues,
  validate,
  toBody,
  serverFields,
  onSubmit,
}: AdminFormOptions<V, B>) {
  const [values, setValues] = useState<V>(initialValues);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const clientErrors = submitted ? validate(values) : {};
  const errorFor = (field: string): string | undefined => serverErrors[field] ?? clientErrors[field];

  const update = (patch: Partial<V>) => setValues((current) => ({ ...current, ...patch }));

  /** Drops the server's errors for `fields`, or all of them. */
  const clearServerErrors = (fields?: readonly string[]) =>
    setServerErrors((current) => {
      if (!fields) return {};
      const next = { ...current };
      for (const field of fields) delete next[field];
      return next;
    });

  // The errors are rendered before focus moves: a field may only be shown once it has an error
  // (the Markdown editor switches from Preview back to Write), and a hidden one cannot take focus.
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors = validate(values);
    flushSync(() => {
      setSubmitted(true);
      setServerErrors({});
      setFormError(null);
    });
    if (Object.keys(errors).length > 0) {
      focusFirstError(formRef.current, errors);
      return;
    }
    setPending(true);
    try {
      await onSubmit(toBody(values));
    } catch (error) {
      const mapped = serverFormErrors(error, serverFields(values));
      flushSync(() => {
        setServerErrors(mapped.fieldErrors);
        setFormError(mapped.formError);
      });
      focusFirstError(formRef.current, mapped.fieldErrors);
    } finally {
      setPending(false);
    }
  };

  return { values, update, clearServerErrors, errorFor, formError, pending, formRef, submit };
}
