import { useLogout, useMe } from '@portico/sdk/react';
import { Suspense, useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { buttonClassName } from '@/components/ui/button';
import { ErrorBoundary } from '@/components/ui/error-boundary';
import { errorMessage } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { AccountMenu } from './account-menu';
import { RouteError } from './route-error';

/** The page frame: skip link, header with the main menu and account menu, and the routed page. */
export function AppLayout() {
  const me = useMe();
  const user = me.data?.user ?? null;
  const logout = useLogout();
  const toast = useToast();
  const navigate = useNavigate();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  // After client-side navigation, start at the top and move focus to the new page, as a full page
  // load would; screen readers then read on from the new content. A page that already moved focus into
  // itself keeps it: the wizard's step heading, whose effect runs before this one once its code is
  // loaded. (Everything in <main> is new after a path change: the boundary below is keyed by path.)
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    const main = mainRef.current;
    if (main?.contains(document.activeElement)) return;
    main?.focus({ preventScroll: true });
  }, [location.pathname]);

  // Leave the page first: if the session were cleared while a protected page is still shown,
  // its guard would send the user to the login page (with a redirect back) instead of home.
  const onLogout = () => {
    navigate(paths.home.getHref());
    logout.mutate(undefined, {
      onSuccess: () => toast.show({ title: 'You are logged out', tone: 'success' }),
      onError: (error) =>
        toast.show({ title: 'Could not log out', description: errorMessage(error), tone: 'error' }),
    });
  };

  return (
    <div className="app">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <Link to={paths.home.getHref()} className="brand">
            <span className="brand__mark" aria-hidden="true" />
            Portico
          </Link>
          {user && (
            <nav aria-label="Main" className="main-nav">
              <ul>
                <li>
                  <NavLink to={paths.catalogue.list.getHref()}>Catalogue</NavLink>
                </li>
                <li>
                  <NavLink to={paths.oauthClients.list.getHref()}>OAuth Clients</NavLink>
                </li>
                {user.role === 'admin' && (
                  <li>
                    <NavLink to={paths.dashboard.root.getHref()}>Dashboard</NavLink>
                  </li>
                )}
              </ul>
            </nav>
          )}
          <div className="app-header__end">
            {user ? (
              <AccountMenu user={user} onLogout={onLogout} loggingOut={logout.isPending} />
            ) : (
              me.isSuccess && (
                <>
                  <NavLink to={paths.auth.login.getHref()} className={buttonClassName({ variant: 'ghost' })}>
                    Log in
                  </NavLink>
                  <NavLink
                    to={paths.auth.register.getHref()}
                    className={buttonClassName({ variant: 'primary' })}
                  >
                    Create account
                  </NavLink>
                </>
              )
            )}
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
        {/* Keyed by path: an error on one page must not stick when the user navigates away. */}
        <ErrorBoundary key={location.pathname} fallback={(props) => <RouteError {...props} />}>
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
      <footer className="app-footer">
        <a href="/docs">API reference</a>
        <span aria-hidden="true">·</span>
        <a href="/.well-known/oauth-authorization-server">OAuth metadata</a>
      </footer>
    </div>
  );
}
