import { lazy } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AppLayout } from '@/components/layouts/app-layout';
import { paths } from '@/config/paths';
import { RequireAdmin } from '@/features/auth/components/require-admin';
import { RequireAuth } from '@/features/auth/components/require-auth';

/*
 * Route-level code splitting: every page is its own chunk, loaded on first visit (the layout's
 * <Suspense> shows a loading state meanwhile). Declarative routes rather than a data router keep
 * the first download small: react-router's data layer alone is ~17 KB gzip we would not use, since
 * data comes from React Query.
 */
const HomePage = lazy(() => import('./routes/home'));
const LoginPage = lazy(() => import('./routes/login'));
const RegisterPage = lazy(() => import('./routes/register'));
const CataloguePage = lazy(() => import('./routes/catalogue'));
const CatalogueEntryPage = lazy(() => import('./routes/catalogue-entry'));
const OAuthClientsPage = lazy(() => import('./routes/oauth-clients'));
const NewOAuthClientPage = lazy(() => import('./routes/oauth-client-new'));
const OAuthClientPage = lazy(() => import('./routes/oauth-client'));
const AccountPage = lazy(() => import('./routes/account'));
const ConsentPage = lazy(() => import('./routes/consent'));
const DashboardLayout = lazy(() => import('./routes/dashboard/layout'));
const DashboardOverviewPage = lazy(() => import('./routes/dashboard/overview'));
const DashboardApisPage = lazy(() => import('./routes/dashboard/apis'));
const DashboardPoliciesPage = lazy(() => import('./routes/dashboard/policies'));
const DashboardCataloguePage = lazy(() => import('./routes/dashboard/catalogue'));
const DashboardDevelopersPage = lazy(() => import('./routes/dashboard/developers'));
const DashboardApprovalsPage = lazy(() => import('./routes/dashboard/approvals'));
const DashboardAuditPage = lazy(() => import('./routes/dashboard/audit'));
const DashboardApiNewPage = lazy(() => import('./routes/dashboard/api-new'));
const DashboardApiPage = lazy(() => import('./routes/dashboard/api'));
const DashboardApiEditPage = lazy(() => import('./routes/dashboard/api-edit'));
const DashboardPolicyNewPage = lazy(() => import('./routes/dashboard/policy-new'));
const DashboardPolicyPage = lazy(() => import('./routes/dashboard/policy'));
const DashboardCatalogueNewPage = lazy(() => import('./routes/dashboard/catalogue-new'));
const DashboardCatalogueEntryPage = lazy(() => import('./routes/dashboard/catalogue-entry'));
const DashboardDeveloperPage = lazy(() => import('./routes/dashboard/developer'));
const NotFoundPage = lazy(() => import('./routes/not-found'));

/** The whole route tree, without a router: the app wraps it in a BrowserRouter, tests in a MemoryRouter. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<HomePage />} />
        <Route path={paths.auth.login.path} element={<LoginPage />} />
        <Route path={paths.auth.register.path} element={<RegisterPage />} />
        <Route element={<RequireAuth />}>
          <Route path={paths.catalogue.list.path} element={<CataloguePage />} />
          <Route path={paths.catalogue.entry.path} element={<CatalogueEntryPage />} />
          <Route path={paths.oauthClients.list.path} element={<OAuthClientsPage />} />
          <Route path={paths.oauthClients.new.path} element={<NewOAuthClientPage />} />
          <Route path={paths.oauthClients.detail.path} element={<OAuthClientPage />} />
          <Route path={paths.account.path} element={<AccountPage />} />
          <Route path={paths.consent.path} element={<ConsentPage />} />
          <Route element={<RequireAdmin />}>
            <Route path={paths.dashboard.root.path} element={<DashboardLayout />}>
              <Route index element={<DashboardOverviewPage />} />
              <Route path={paths.dashboard.apis.path} element={<DashboardApisPage />} />
              <Route path={paths.dashboard.policies.path} element={<DashboardPoliciesPage />} />
              <Route path={paths.dashboard.catalogue.path} element={<DashboardCataloguePage />} />
              <Route path={paths.dashboard.developers.path} element={<DashboardDevelopersPage />} />
              <Route path={paths.dashboard.approvals.path} element={<DashboardApprovalsPage />} />
              <Route path={paths.dashboard.audit.path} element={<DashboardAuditPage />} />
              <Route path={paths.dashboard.apiNew.path} element={<DashboardApiNewPage />} />
              <Route path={paths.dashboard.api.path} element={<DashboardApiPage />} />
              <Route path={paths.dashboard.apiEdit.path} element={<DashboardApiEditPage />} />
              <Route path={paths.dashboard.policyNew.path} element={<DashboardPolicyNewPage />} />
              <Route path={paths.dashboard.policy.path} element={<DashboardPolicyPage />} />
              <Route path={paths.dashboard.catalogueNew.path} element={<DashboardCatalogueNewPage />} />
              <Route path={paths.dashboard.catalogueEntry.path} element={<DashboardCatalogueEntryPage />} />
              <Route path={paths.dashboard.developer.path} element={<DashboardDeveloperPage />} />
            </Route>
          </Route>
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function AppRouter() {
  return (
    <BrowserRouter>
      <AppRoutes />
    </BrowserRouter>
  );
}
