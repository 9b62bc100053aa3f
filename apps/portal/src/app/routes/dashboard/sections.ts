import { paths } from '@/config/paths';

/** The dashboard's sections, in menu order, with what each is for. */
export const dashboardSections = [
  {
    label: 'APIs',
    href: paths.dashboard.apis.getHref(),
    summary: 'Register APIs, their upstreams and auth modes.',
  },
  {
    label: 'Policies',
    href: paths.dashboard.policies.getHref(),
    summary: 'Access rights, rate limits and quotas.',
  },
  { label: 'Catalogue', href: paths.dashboard.catalogue.getHref(), summary: 'Publish APIs to developers.' },
  {
    label: 'Developers',
    href: paths.dashboard.developers.getHref(),
    summary: 'Developer accounts and their clients.',
  },
  {
    label: 'Approvals',
    href: paths.dashboard.approvals.getHref(),
    summary: 'Requests waiting for your decision.',
  },
  { label: 'Audit log', href: paths.dashboard.audit.getHref(), summary: 'Who changed what, and when.' },
] as const;
