import type { AdminApi } from '@portico/contracts';
import {
  useAdminApi,
  useAdminApiDependants,
  useCreateAdminApi,
  useDeleteAdminApi,
  useUpdateAdminApi,
} from '@portico/sdk/react';
import { type ReactNode, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Badge } from '@/components/ui/badge';
import { Button, buttonClassName } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { errorMessage } from '@/components/ui/error-state';
import { FormAlert } from '@/components/ui/form-alert';
import { PageHeader } from '@/components/ui/page-header';
import { LoadingState } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import {
  AUTH_MODE_LABELS,
  formatDateTime,
  formatDuration,
  GRANT_TYPE_LABELS,
  pluralise,
  revokedTokensNote,
} from '../../lib/format';
import { QueryState } from '../query-state';
import { ApiForm } from './api-form';

export function CreateApiPage() {
  const create = useCreateAdminApi();
  const navigate = useNavigate();
  const toast = useToast();
  return (
    <>
      <PageHeader title="Create API" description="Register an API behind the gateway." />
      <ApiForm
        submitLabel="Create API"
        onCancel={() => navigate(paths.dashboard.apis.getHref())}
        onSubmit={async (body) => {
          const api = await create.mutateAsync(body);
          toast.show({
            tone: 'success',
            title: `API "${api.name}" created`,
            description: 'Next: a policy that grants it.',
          });
          navigate(paths.dashboard.api.getHref(api.id));
        }}
      />
    </>
  );
}

function WithApi({ id, children }: { id: string; children: (api: AdminApi) => ReactNode }) {
  const query = useAdminApi(id);
  return (
    <QueryState
      query={query}
      loadingLabel="Loading the API…"
      errorTitle="The API could not be loaded"
      notFound={{
        title: 'API not found',
        description: 'This API does not exist; it may have been deleted',
        backHref: paths.dashboard.apis.getHref(),
        backLabel: 'Back to APIs',
      }}
    >
      {children}
    </QueryState>
  );
}

export function EditApiPage({ id }: { id: string }) {
  const update = useUpdateAdminApi();
  const navigate = useNavigate();
  const toast = useToast();
  return (
    <WithApi id={id}>
      {(api) => (
        <>
          <PageHeader title={`Edit ${api.name}`} />
          <ApiForm
            api={api}
            submitLabel="Save changes"
            onCancel={() => navigate(paths.dashboard.api.getHref(api.id))}
            onSubmit={async (body) => {
              const result = await update.mutateAsync({ id: api.id, body });
              toast.show({
                tone: 'success',
                title: 'Changes saved',
                description: revokedTokensNote(result.revokedTokens, 'that exceeded the new settings'),
              });
              navigate(paths.dashboard.api.getHref(api.id));
            }}
          />
        </>
      )}
    </WithApi>
  );
}

/** The API's settings, and Delete with a confirmation that says exactly what goes with it. */
export function ApiDetailPage({ id, usagePanel }: { id: string; usagePanel?: ReactNode }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <WithApi id={id}>
      {(api) => (
        <>
          <PageHeader
            title={api.name}
            description={<code>/gw{api.listenPath}</code>}
            actions={
              <>
                <Link
                  to={paths.dashboard.apiEdit.getHref(api.id)}
                  className={buttonClassName({ variant: 'secondary' })}
                >
                  Edit
                </Link>
                <Button variant="danger" onClick={() => setConfirming(true)}>
                  Delete
                </Button>
              </>
            }
          />
          <dl className="details">
            <div>
              <dt>Status</dt>
              <dd>{api.active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>}</dd>
            </div>
            <div>
              <dt>Slug</dt>
              <dd>
                <code>{api.slug}</code>
              </dd>
            </div>
            <div>
              <dt>Upstream</dt>
              <dd>
                <code>{api.upstreamUrl}</code>
              </dd>
            </div>
            <div>
              <dt>Authentication</dt>
              <dd>{AUTH_MODE_LABELS[api.authMode]}</dd>
            </div>
            {api.authMode === 'oauth2' && (
              <>
                <div>
                  <dt>Grant types</dt>
                  <dd>{api.grantTypes.map((g) => GRANT_TYPE_LABELS[g]).join(', ')}</dd>
                </div>
                <div>
                  <dt>Token lifetimes</dt>
                  <dd>
                    Access {formatDuration(api.accessTokenTtl)}, refresh {formatDuration(api.refreshTokenTtl)}
                  </dd>
                </div>
              </>
            )}
            <div>
              <dt>Updated</dt>
              <dd>{formatDateTime(api.updatedAt)}</dd>
            </div>
          </dl>
          {api.authMode === 'oauth2' && (
            <section aria-labelledby="api-scopes" className="admin-section">
              <h2 id="api-scopes">Scopes</h2>
              {api.scopes.length === 0 ? (
                <p>This API defines no scopes: tokens for it carry none.</p>
              ) : (
                <dl className="scope-list">
                  {api.scopes.map((scope) => (
                    <div key={scope.name}>
                      <dt>
                        <code>{scope.name}</code>
                      </dt>
                      <dd>{scope.description || '—'}</dd>
                    </div>
                  ))}
                </dl>
              )}
            </section>
          )}
          {usagePanel}
          <DeleteApiDialog api={api} open={confirming} onClose={() => setConfirming(false)} />
        </>
      )}
    </WithApi>
  );
}

function DeleteApiDialog({ api, open, onClose }: { api: AdminApi; open: boolean; onClose: () => void }) {
  const dependants = useAdminApiDependants(api.id, open);
  const remove = useDeleteAdminApi();
  const navigate = useNavigate();
  const toast = useToast();
  const d = dependants.data;
  const cascade = d ? d.catalogueEntries.length + d.policies.length + d.clients.length > 0 : false;

  const names = (items: { name: string }[]) => items.map((item) => item.name).join(', ');
  return (
    <ConfirmDialog
      open={open}
      tone="danger"
      title={`Delete ${api.name}?`}
      confirmLabel={cascade ? 'Delete API and revoke access' : 'Delete API'}
      pending={remove.isPending}
      onCancel={() => {
        remove.reset();
        onClose();
      }}
      onConfirm={() => {
        if (!d) return;
        remove.mutate(
          { id: api.id, cascade },
          {
            onSuccess: (result) => {
              toast.show({
                tone: 'success',
                title: `API "${api.name}" deleted`,
                description: revokedTokensNote(result.revokedTokens),
              });
              onClose();
              navigate(paths.dashboard.apis.getHref());
            },
          },
        );
      }}
    >
      {dependants.isPending ? (
        <LoadingState label="Checking what uses this API…" variant="inline" />
      ) : dependants.isError ? (
        <FormAlert>{errorMessage(dependants.error)}</FormAlert>
      ) : cascade && d ? (
        <div className="delete-impact">
          <p>Deleting this API also:</p>
          <ul>
            {d.catalogueEntries.length > 0 && (
              <li>
                deletes {pluralise(d.catalogueEntries.length, 'catalogue entry', 'catalogue entries')}:{' '}
                {names(d.catalogueEntries)}
              </li>
            )}
            {d.policies.length > 0 && (
              <li>
                removes it from {pluralise(d.policies.length, 'policy', 'policies')}: {names(d.policies)} (a
                policy left with no API is deactivated)
              </li>
            )}
            {d.clients.length > 0 && (
              <li>
                takes it away from {pluralise(d.clients.length, 'OAuth client')}: {names(d.clients)}
              </li>
            )}
            <li>revokes {pluralise(d.activeTokens, 'active access token')} for this API at once</li>
          </ul>
          <p>This cannot be undone.</p>
        </div>
      ) : (
        <p>Nothing uses this API. This cannot be undone.</p>
      )}
      {remove.isError && <FormAlert title="The API was not deleted">{errorMessage(remove.error)}</FormAlert>}
    </ConfirmDialog>
  );
}
