import type { PortalCatalogueEntryDetail } from '@portico/contracts';
import { isPorticoApiError } from '@portico/sdk';
import { useCatalogueEntry } from '@portico/sdk/react';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Badge } from '@/components/ui/badge';
import { buttonClassName } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { LoadingState } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { formatDuration, formatQuota, formatRateLimit } from '@/lib/format-limits';
import { AUTH_MODE_LABELS } from '../lib/labels';

export interface CatalogueEntryViewProps {
  id: string;
  /** Renders the entry's Markdown documentation (sanitised, loaded on demand). */
  renderDocs: (markdown: string) => ReactNode;
  /** Where "Create OAuth Client" leads, with this entry preselected in the wizard. */
  createClientHref: (entryId: string) => string;
}

/** One catalogue entry: what the API does, its documentation, the limits it comes with, and how to get access. */
export function CatalogueEntryView({ id, renderDocs, createClientHref }: CatalogueEntryViewProps) {
  const entry = useCatalogueEntry(id);

  if (entry.isPending) return <LoadingState label="Loading the API…" />;
  if (entry.isError) {
    const missing = isPorticoApiError(entry.error) && entry.error.status === 404;
    return (
      <>
        <PageHeader title={missing ? 'API not found' : 'API details'} />
        {missing ? (
          <EmptyState
            title="This API is not in the catalogue"
            description="It may have been removed or hidden by the portal's administrators, or the link may be mistyped."
          />
        ) : (
          <ErrorState
            title="The API could not be loaded"
            error={entry.error}
            onRetry={() => entry.refetch()}
            retrying={entry.isFetching}
          />
        )}
        <p>
          <Link to={paths.catalogue.list.getHref()} className={buttonClassName({ variant: 'secondary' })}>
            Back to the catalogue
          </Link>
        </p>
      </>
    );
  }
  return <EntryDetails entry={entry.data} renderDocs={renderDocs} createClientHref={createClientHref} />;
}

function EntryDetails({
  entry,
  renderDocs,
  createClientHref,
}: Omit<CatalogueEntryViewProps, 'id'> & { entry: PortalCatalogueEntryDetail }) {
  const oauth = entry.api.authMode === 'oauth2';
  return (
    <div className="catalogue-entry">
      <PageHeader
        title={entry.name}
        description={entry.shortDescription}
        actions={
          oauth && (
            <Link to={createClientHref(entry.id)} className={buttonClassName()}>
              Create OAuth Client
            </Link>
          )
        }
      />
      <p className="catalogue-card__badges">
        <Badge tone={oauth ? 'info' : 'neutral'}>{AUTH_MODE_LABELS[entry.api.authMode]}</Badge>
        {entry.approval === 'manual' && <Badge tone="warning">Needs approval</Badge>}
      </p>
      {!oauth && (
        <p className="catalogue-entry__note">
          {entry.api.authMode === 'keyless'
            ? 'This API needs no credentials: call it directly through the gateway.'
            : 'This API does not use OAuth 2.0, so OAuth clients cannot be created for it.'}
        </p>
      )}

      <div className="catalogue-entry__layout">
        <section aria-labelledby="entry-docs" className="catalogue-entry__docs">
          <h2 id="entry-docs">Documentation</h2>
          {entry.longDescription.trim() ? renderDocs(entry.longDescription) : <p>No documentation yet.</p>}
        </section>

        <aside className="catalogue-entry__facts">
          <section aria-labelledby="entry-access">
            <h2 id="entry-access">Access</h2>
            <dl className="details">
              <div>
                <dt>Authentication</dt>
                <dd>{AUTH_MODE_LABELS[entry.api.authMode]}</dd>
              </div>
              <div>
                <dt>Gateway path</dt>
                <dd>
                  <code>/gw{entry.api.listenPath}</code>
                </dd>
              </div>
              <div>
                <dt>Rate limit</dt>
                <dd>{formatRateLimit(entry.limits)}</dd>
              </div>
              <div>
                <dt>Quota</dt>
                <dd>{formatQuota(entry.limits)}</dd>
              </div>
              {oauth && (
                <div>
                  <dt>Token lifetime</dt>
                  <dd>{formatDuration(entry.limits.tokenLifetimeSeconds)}</dd>
                </div>
              )}
              {oauth && (
                <div>
                  <dt>Approval</dt>
                  <dd>
                    {entry.approval === 'manual' ? 'An administrator approves each client' : 'Automatic'}
                  </dd>
                </div>
              )}
              {oauth && (
                <div>
                  <dt>OAuth clients per developer</dt>
                  <dd>{entry.maxClientsPerDeveloper === null ? 'No limit' : entry.maxClientsPerDeveloper}</dd>
                </div>
              )}
            </dl>
          </section>
          {oauth && (
            <section aria-labelledby="entry-scopes">
              <h2 id="entry-scopes">Scopes</h2>
              {entry.scopes.length === 0 ? (
                <p>This API defines no scopes.</p>
              ) : (
                <dl className="details">
                  {entry.scopes.map((scope) => (
                    <div key={scope.name}>
                      <dt>
                        <code>{scope.name}</code>
                      </dt>
                      <dd>{scope.description}</dd>
                    </div>
                  ))}
                </dl>
              )}
            </section>
          )}
        </aside>
      </div>
    </div>
  );
}
