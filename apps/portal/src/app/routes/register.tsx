import { useMe } from '@portico/sdk/react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { PageHeader } from '@/components/ui/page-header';
import { LoadingState } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { paths, safeRedirect } from '@/config/paths';
import { RegisterForm } from '@/features/auth/components/register-form';

export default function RegisterPage() {
  const me = useMe();
  const navigate = useNavigate();
  const toast = useToast();
  const [params] = useSearchParams();
  const redirectTo = safeRedirect(params.get('redirectTo'));
  const target = redirectTo ?? paths.home.getHref();

  if (me.isPending) return <LoadingState />;
  if (me.data) return <Navigate to={target} replace />;

  return (
    <div className="auth-page">
      <PageHeader
        title="Create your account"
        description="A developer account lets you create OAuth clients for the APIs in the catalogue."
      />
      <RegisterForm
        onSuccess={() => {
          toast.show({ title: 'Welcome to Portico', description: 'Your account is ready.', tone: 'success' });
          navigate(target, { replace: true });
        }}
      />
      <p className="auth-page__switch">
        Already have an account? <Link to={paths.auth.login.getHref(redirectTo)}>Log in</Link>
      </p>
    </div>
  );
}
