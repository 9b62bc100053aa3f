import { useMe } from '@portico/sdk/react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { FormAlert } from '@/components/ui/form-alert';
import { PageHeader } from '@/components/ui/page-header';
import { LoadingState } from '@/components/ui/spinner';
import { paths, safeRedirect } from '@/config/paths';
import { LoginForm } from '@/features/auth/components/login-form';
import type { LoginLocationState } from '@/features/auth/lib/session-ended';

export default function LoginPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const ended = (useLocation().state as LoginLocationState | null)?.sessionEnded === true;
  const redirectTo = safeRedirect(params.get('redirectTo'));
  const target = redirectTo ?? paths.home.getHref();

  if (me.isPending) return <LoadingState />;
  // Already signed in (e.g. the back button after logging in): go where the user was heading.
  if (me.data) return <Navigate to={target} replace />;

  return (
    <div className="auth-page">
      <PageHeader
        title="Log in"
        description={
          // Sent here by an application asking for access (`/oauth/authorize` → consent screen).
          redirectTo?.startsWith(`${paths.consent.path}?`)
            ? 'An application is asking for access to your account. Log in to review its request.'
            : 'Welcome back. Log in to manage your OAuth clients.'
        }
      />
      {ended && (
        <FormAlert tone="warning" title="Your session ended">
          Log in again to continue.
        </FormAlert>
      )}
      <LoginForm onSuccess={() => navigate(target, { replace: true })} />
      <p className="auth-page__switch">
        New to Portico? <Link to={paths.auth.register.getHref(redirectTo)}>Create an account</Link>
      </p>
    </div>
  );
}
