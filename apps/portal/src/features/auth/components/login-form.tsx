import { LoginBody, type SessionResponse } from '@portico/contracts';
import { useLogin } from '@portico/sdk/react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormAlert } from '@/components/ui/form-alert';
import { useSchemaForm } from '@/lib/use-schema-form';

export interface LoginFormProps {
  onSuccess: (session: SessionResponse) => void;
}

export function LoginForm({ onSuccess }: LoginFormProps) {
  const login = useLogin();
  const form = useSchemaForm(
    LoginBody,
    { email: '', password: '' },
    {
      hints: { email: { noun: 'your email address' }, password: { noun: 'your password' } },
      toBody: (values) => ({ email: values.email.trim(), password: values.password }),
    },
  );

  return (
    <form
      ref={form.formRef}
      className="form"
      noValidate
      aria-label="Log in"
      onSubmit={form.handleSubmit((body) =>
        login.mutate(body, { onSuccess, onError: (error) => form.applyServerError(error) }),
      )}
    >
      {form.formError && <FormAlert title="Could not log you in">{form.formError}</FormAlert>}
      <TextField
        label="Email"
        type="email"
        autoComplete="username"
        inputMode="email"
        {...form.fieldProps('email')}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        {...form.fieldProps('password')}
      />
      <Button type="submit" loading={login.isPending} className="form__submit">
        Log in
      </Button>
    </form>
  );
}
