import { isPorticoApiError } from '@portico/sdk';
import { useClient } from '@portico/sdk/react';
import type { ReactNode } from 'react';
import { Link, Navigate } from 'react-router-dom';
import { buttonClassName } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { FormAlert } from '@/components/ui/form-alert';
import { PageHeader } from '@/components/ui/page-header';
import { LoadingState } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { wizardHref } from '../../lib/wizard-href';
import { ClientApisSection } from './client-apis-section';
import { ClientDetailsSection } from './client-details-section';
import { ClientOverview } from './client-overview';
import { ClientSecretsSection } from './client-secrets-section';
import { ClientTokensSection } from './client-tokens-section';
import { DeleteClientSection } from './delete-client-section';

export interface ClientPageProps {
  id: string;
  /** Extra content for the Tokens section (e.g. the list of active tokens with per-token revoke). */
  tokensPanel?: ReactNode;
  /** The usage section (requests, errors, quota) when the page provides one. */
  usagePanel?: ReactNode;
  /** "Try it" (one real call through the gateway), shown above the usage it adds to. */
  tryItPanel?: ReactNode;
}

/** One OAuth client: overview, APIs, details and redirect URLs, secrets, tokens, delete. */
export function ClientPage({ id, tokensPanel, usagePanel, tryItPanel }: ClientPageProps) {
  const query = useClient(id);

  if (query.isPending) return <LoadingState label="Loading the OAuth client…" />;
  if (query.isError) {
    const missing = isPorticoApiError(query.error) && query.error.status === 404;
    return (
      <>
        <PageHeader title={missing ? 'OAuth client not found' : 'OAuth client'} />
        <ErrorState
          title={
            missing
              ? 'This OAuth client does not exist or is not yours'
              : 'The OAuth client could not be loaded'
          }
          error={query.error}
          onRetry={missing ? undefined : () => query.refetch()}
          retrying={query.isFetching}
        />
        <p>
          <Link to={paths.oauthClients.list.getHref()} className={buttonClassName({ variant: 'secondary' })}>
            Back to OAuth Clients
          </Link>
        </p>
      </>
    );
  }

  const client = query.data;
  // A draft is finished in the wizard, not managed here.
  if (client.status === 'draft') return <Navigate to={wizardHref({ draft: client.id })} replace />;

  return (
    <div className="client-page">
      <PageHeader
        title={client.name}
        description={client.description || undefined}
        actions={
          <Link to={paths.oauthClients.list.getHref()} className={buttonClassName({ variant: 'ghost' })}>
            All OAuth Clients
          </Link>
        }
      />
      {client.status === 'pending' && (
        <FormAlert tone="info" title="Waiting for approval">
          An administrator has to approve this client before its credentials get tokens for the APIs that need
          approval.
        </FormAlert>
      )}
      {client.status === 'rejected' && (
        <FormAlert tone="error" title="Rejected">
          An administrator rejected this client{client.rejectionReason ? `: ${client.rejectionReason}` : '.'}
        </FormAlert>
      )}
      <ClientOverview client={client} />
      <ClientApisSection client={client} />
      {tryItPanel}
      {usagePanel}
      <ClientDetailsSection client={client} />
      {client.confidential && <ClientSecretsSection client={client} />}
      <ClientTokensSection client={client}>{tokensPanel}</ClientTokensSection>
      <DeleteClientSection client={client} />
    </div>
  );
}
