import { PASSWORD_MIN_LENGTH, RegisterBody, type SessionResponse } from '@portico/contracts';
import { useRegister } from '@portico/sdk/react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormAlert } from '@/components/ui/form-alert';
import { useNewAccountForm } from '@/lib/use-account-form';

export interface RegisterFormProps {
  onSuccess: (session: SessionResponse) => void;
}

export function RegisterForm({ onSuccess }: RegisterFormProps) {
  const register = useRegister();
  const form = useNewAccountForm(RegisterBody, { name: 'your name', email: 'your email address' });

  return (
    <form
      ref={form.formRef}
      className="form"
      noValidate
      aria-label="Create your account"
      onSubmit={form.handleSubmit((body) =>
        register.mutate(body, { onSuccess, onError: (error) => form.applyServerError(error) }),
      )}
    >
      {form.formError && <FormAlert title="Could not create your account">{form.formError}</FormAlert>}
      <TextField label="Name" autoComplete="name" {...form.fieldProps('name')} />
      <TextField
        label="Email"
        type="email"
        autoComplete="email"
        inputMode="email"
        {...form.fieldProps('email')}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        description={`At least ${PASSWORD_MIN_LENGTH} characters. Common passwords are refused; a few random words work well.`}
        {...form.fieldProps('password')}
      />
      <Button type="submit" loading={register.isPending} className="form__submit">
        Create account
      </Button>
    </form>
  );
}
