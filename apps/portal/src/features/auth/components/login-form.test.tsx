import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, callsTo, json, makeSession, renderApp, unauthorized } from '@/testing/render-app';

describe('login page', () => {
  it('validates inline before sending anything', async () => {
    const { user, fetch } = renderApp('/login', { 'GET /api/auth/me': unauthorized });

    await user.click(await screen.findByRole('button', { name: 'Log in' }));

    const email = screen.getByLabelText('Email');
    const password = screen.getByLabelText('Password');
    expect(screen.getByText('Enter your email address')).toBeTruthy();
    expect(screen.getByText('Enter your password')).toBeTruthy();
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(email.getAttribute('aria-describedby')).toBe(screen.getByText('Enter your email address').id);
    expect(document.activeElement).toBe(email);
    expect(callsTo(fetch, 'POST', '/api/auth/login')).toHaveLength(0);

    // Errors follow the input once the user starts fixing them.
    await user.type(email, 'ada@example.com');
    expect(screen.queryByText('Enter your email address')).toBeNull();
    expect(email.getAttribute('aria-invalid')).toBeNull();
    expect(password.getAttribute('aria-invalid')).toBe('true');
  });

  it('shows a rejected login as a form-level alert and keeps the user on the page', async () => {
    const { user, location } = renderApp('/login', {
      'GET /api/auth/me': unauthorized,
      'POST /api/auth/login': () => apiError(401, 'unauthorized', 'Email or password is incorrect'),
    });
    await user.type(await screen.findByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'wrong password here');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Email or password is incorrect');
    expect(location.current?.pathname).toBe('/login');
  });

  it('puts server validation details next to their fields', async () => {
    const { user } = renderApp('/login', {
      'GET /api/auth/me': unauthorized,
      'POST /api/auth/login': () =>
        apiError(400, 'validation_failed', 'The request is invalid', [
          { field: 'email', message: 'must be at most 254 characters' },
        ]),
    });
    await user.type(await screen.findByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'whatever it is');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByText('Must be at most 254 characters')).toBeTruthy();
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('disables submit while pending, then goes where the user was heading', async () => {
    let answer: (response: Response) => void = () => {};
    const { user, location, fetch } = renderApp('/login?redirectTo=%2Faccount', {
      'GET /api/auth/me': unauthorized,
      'POST /api/auth/login': () => new Promise<Response>((resolve) => (answer = resolve)),
    });
    await user.type(await screen.findByLabelText('Email'), '  ada@example.com ');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery staple');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    const submit = screen.getByRole('button', { name: 'Log in' }) as HTMLButtonElement;
    await waitFor(() => expect(submit.disabled).toBe(true));
    const [, init] = callsTo(fetch, 'POST', '/api/auth/login')[0]!;
    expect(JSON.parse(String(init?.body))).toEqual({
      email: 'ada@example.com',
      password: 'correct horse battery staple',
    });

    answer(json(200, makeSession()));
    expect(await screen.findByRole('heading', { level: 1, name: 'Account' })).toBeTruthy();
    expect(location.current?.pathname).toBe('/account');
  });
});

describe('register page', () => {
  it('explains what is wrong in plain English', async () => {
    const { user, fetch } = renderApp('/register', { 'GET /api/auth/me': unauthorized });
    await user.type(await screen.findByLabelText('Email'), 'ada@');
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(screen.getByText('Enter your name')).toBeTruthy();
    expect(screen.getByText('Enter a valid email address')).toBeTruthy();
    expect(screen.getByText('Use at least 12 characters')).toBeTruthy();
    expect(callsTo(fetch, 'POST', '/api/auth/register')).toHaveLength(0);
  });

  it('shows a taken email next to the email field', async () => {
    const { user } = renderApp('/register', {
      'GET /api/auth/me': unauthorized,
      'POST /api/auth/register': () =>
        apiError(409, 'conflict', 'An account with this email already exists', [
          { field: 'email', message: 'An account with this email already exists' },
        ]),
    });
    await user.type(await screen.findByLabelText('Name'), 'Ada Lovelace');
    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'a long enough password');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    const message = await screen.findByText('An account with this email already exists');
    expect(screen.getByLabelText('Email').getAttribute('aria-describedby')).toBe(message.id);
  });
});
