import { useAdminOverview } from '@portico/sdk/react';
import { Link } from 'react-router-dom';
import { PageHeader } from '@/components/ui/page-header';
import { paths } from '@/config/paths';
import { formatDateTime } from '../../lib/format';
import { QueryState } from '../query-state';

/** Counts per area, the next set-up step, and recent activity. */
export function DashboardOverview() {
  const query = useAdminOverview();
  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Manage the APIs you publish and the developers who use them."
      />
      <QueryState
        query={query}
        loadingLabel="Loading the dashboard…"
        errorTitle="The dashboard could not be loaded"
      >
        {({ counts, recentEvents }) => {
          const next =
            counts.apis === 0
              ? {
                  text: 'Register the first API Portico should protect.',
                  href: paths.dashboard.apiNew.getHref(),
                  label: 'Create API',
                }
              : counts.policies === 0
                ? {
                    text: 'No policies yet — create one to publish an API.',
                    href: paths.dashboard.policyNew.getHref(),
                    label: 'Create policy',
                  }
                : counts.catalogueEntries === 0
                  ? {
                      text: 'Publish an API so developers can find it.',
                      href: paths.dashboard.catalogueNew.getHref(),
                      label: 'Publish API',
                    }
                  : counts.pendingApprovals > 0
                    ? {
                        text: `${counts.pendingApprovals} OAuth client${counts.pendingApprovals === 1 ? ' is' : 's are'} waiting for approval.`,
                        href: paths.dashboard.approvals.getHref(),
                        label: 'Review approvals',
                      }
                    : null;
          // `href` only where a page lists them: no dashboard page lists every OAuth client.
          const cards: { label: [one: string, other: string]; value: number; href?: string }[] = [
            { label: ['API', 'APIs'], value: counts.apis, href: paths.dashboard.apis.getHref() },
            {
              label: ['Policy', 'Policies'],
              value: counts.policies,
              href: paths.dashboard.policies.getHref(),
            },
            {
              label: ['Catalogue entry', 'Catalogue entries'],
              value: counts.catalogueEntries,
              href: paths.dashboard.catalogue.getHref(),
            },
            {
              label: ['Developer', 'Developers'],
              value: counts.developers,
              href: paths.dashboard.developers.getHref(),
            },
            { label: ['OAuth client', 'OAuth clients'], value: counts.clients },
            {
              label: ['Waiting for approval', 'Waiting for approval'],
              value: counts.pendingApprovals,
              href: paths.dashboard.approvals.getHref(),
            },
          ];
          return (
            <>
              {next && (
                <section className="next-step" aria-labelledby="next-step">
                  <h2 id="next-step">Next step</h2>
                  <p>
                    {next.text} <Link to={next.href}>{next.label}</Link>
                  </p>
                </section>
              )}
              <ul className="stat-grid" aria-label="Totals">
                {cards.map((card) => {
                  const content = (
                    <>
                      <span className="stat__value">{card.value}</span>{' '}
                      <span className="stat__label">{card.label[card.value === 1 ? 0 : 1]}</span>
                    </>
                  );
                  return (
                    <li key={card.label[1]} className="card stat">
                      {card.href ? (
                        <Link to={card.href} className="stat__link">
                          {content}
                        </Link>
                      ) : (
                        <p className="stat__link">{content}</p>
                      )}
                    </li>
                  );
                })}
              </ul>
              <section className="admin-section" aria-labelledby="recent-activity">
                <h2 id="recent-activity">Recent activity</h2>
                {recentEvents.length === 0 ? (
                  <p>Nothing yet.</p>
                ) : (
                  <ol className="activity">
                    {recentEvents.map((event) => (
                      <li key={event.id}>
                        <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>{' '}
                        <strong>{event.actor?.name ?? event.actorType}</strong> <code>{event.action}</code>{' '}
                        {event.targetType}
                      </li>
                    ))}
                  </ol>
                )}
                <p>
                  <Link to={paths.dashboard.audit.getHref()}>Open the audit log</Link>
                </p>
              </section>
            </>
          );
        }}
      </QueryState>
    </>
  );
}
