import { APP_TYPE_PROFILES, type OAuthClient } from '@portico/contracts';
import { CopyButton } from '@/components/ui/copy-button';
import { formatDateTime, GRANT_TYPE_LABELS } from '../../lib/labels';
import { ClientStatusBadge } from '../client-status-badge';

export function ClientOverview({ client }: { client: OAuthClient }) {
  return (
    <section className="client-section" aria-labelledby="client-overview">
      <h2 id="client-overview">Overview</h2>
      <dl className="details">
        <div>
          <dt>Status</dt>
          <dd>
            <ClientStatusBadge status={client.status} />
          </dd>
        </div>
        <div>
          <dt>Client ID</dt>
          <dd className="details__copy">
            <code>{client.clientId}</code>
            <CopyButton value={client.clientId} accessibleLabel="Copy client ID" />
          </dd>
        </div>
        <div>
          <dt>Application type</dt>
          <dd>
            {APP_TYPE_PROFILES[client.appType].label}
            {client.confidential ? ' (confidential)' : ' (public, PKCE)'}
          </dd>
        </div>
        <div>
          <dt>Grant types</dt>
          <dd>{client.grantTypes.map((grant) => GRANT_TYPE_LABELS[grant] ?? grant).join(', ')}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            <time dateTime={client.createdAt}>{formatDateTime(client.createdAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd>
            <time dateTime={client.updatedAt}>{formatDateTime(client.updatedAt)}</time>
          </dd>
        </div>
      </dl>
    </section>
  );
}
