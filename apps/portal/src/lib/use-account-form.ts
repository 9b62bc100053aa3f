import type { TSchema } from 'typebox';
import { useSchemaForm } from './use-schema-form';

/**
 * A new account's name, email and password, for self-registration and for an admin creating a
 * developer. Name and email are trimmed; the password goes as typed (spaces may be part of it).
 * `nouns` word the "Enter …" messages for who fills the form in ("your name" or "a name").
 */
export function useNewAccountForm<T extends TSchema>(schema: T, nouns: { name: string; email: string }) {
  return useSchemaForm(
    schema,
    { name: '', email: '', password: '' },
    {
      hints: {
        name: { noun: nouns.name },
        email: { noun: nouns.email },
        password: { noun: 'a password' },
      },
      toBody: (values) => ({
        name: values.name.trim(),
        email: values.email.trim(),
        password: values.password,
      }),
    },
  );
}
