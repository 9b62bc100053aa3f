import { type ClientSecretInfo, GRACE_PERIODS, type GracePeriod, type OAuthClient } from '@portico/contracts';
import { useClientSecrets, useRevokeClientSecret, useRotateClientSecret } from '@portico/sdk/react';
import { useId, useRef, useState } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { ErrorState, errorMessage } from '@/components/ui/error-state';
import { Select } from '@/components/ui/field';
import { FormAlert } from '@/components/ui/form-alert';
import { LoadingState } from '@/components/ui/spinner';
import { Table, type TableColumn } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { formatDateTime, SECRET_STATUS } from '../../lib/labels';
import { SecretValue } from '../secret-value';

const GRACE_OPTIONS = Object.entries(GRACE_PERIODS) as [GracePeriod, { label: string }][];

/**
 * A working secret's badge. After a rotation two secrets work: the new one, with no end date, is
 * "Current"; the previous one is "Old" and says when it stops, so nobody revokes the wrong one.
 */
function secretBadge(secret: ClientSecretInfo): { label: string; tone: BadgeTone } {
  if (secret.status !== 'active') return SECRET_STATUS[secret.status];
  return secret.expiresAt
    ? { label: `Old — expires ${formatDateTime(secret.expiresAt)}`, tone: 'warning' }
    : { label: 'Current', tone: 'success' };
}

/**
 * What revoking `secret` would leave when every remaining secret expires: how many, and the last end
 * date, when the client stops authenticating. `null` when a secret without an end date remains.
 */
function lockout(secret: ClientSecretInfo, active: readonly ClientSecretInfo[]) {
  const others = active.filter((other) => other.id !== secret.id);
  const ends = others.flatMap((other) => (other.expiresAt ? [other.expiresAt] : []));
  if (others.length === 0 || ends.length < others.length) return null;
  return { count: others.length, at: ends.sort().at(-1)! };
}

/** Secrets (metadata only), **Rotate secret** with a grace period for the old one, and early revoke. */
export function ClientSecretsSection({ client }: { client: OAuthClient }) {
  const toast = useToast();
  const secrets = useClientSecrets(client.id);
  const rotate = useRotateClientSecret();
  const revoke = useRevokeClientSecret();
  const [grace, setGrace] = useState<GracePeriod>('24h');
  const [newSecret, setNewSecret] = useState<string | null>(null);
  const [stored, setStored] = useState(false);
  // Escape or × before the box is ticked: the dialog stays, and says why.
  const [closeRefused, setCloseRefused] = useState(false);
  const [revoking, setRevoking] = useState<ClientSecretInfo | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const storedId = useId();
  // Focus lands here when the dialog's opener is gone (a revoked row) or disabled (Rotate, at two).
  const headingRef = useRef<HTMLHeadingElement>(null);

  const items = secrets.data?.items ?? [];
  const active = items.filter((secret) => secret.status === 'active');
  // With two active secrets (a grace period running), only "Immediately" may rotate: it replaces both,
  // the way out when the new secret leaked.
  const atLimit = active.length >= 2;
  const rotateWith: GracePeriod = atLimit ? 'immediately' : grace;
  // The grace period of the rotation whose secret the dialog shows.
  const [rotatedWith, setRotatedWith] = useState<GracePeriod>(grace);

  const onRotate = () =>
    rotate.mutate(
      { id: client.id, gracePeriod: rotateWith },
      {
        onSuccess: (result) => {
          setRotatedWith(rotateWith);
          setStored(false);
          setCloseRefused(false);
          setNewSecret(result.clientSecret);
          // The secret now lives in this state only, until Done: drop the mutation's copy.
          rotate.reset();
          toast.show({ tone: 'success', title: 'Secret rotated' });
        },
        onError: (error) =>
          toast.show({
            tone: 'error',
            title: 'Could not rotate the secret',
            description: errorMessage(error),
          }),
      },
    );

  const onRevoke = () => {
    if (!revoking) return;
    setRevokeError(null);
    revoke.mutate(
      { id: client.id, secretId: revoking.id },
      {
        onSuccess: () => {
          toast.show({ tone: 'success', title: `Secret ${revoking.prefix}… revoked` });
          setRevoking(null);
        },
        // In the dialog, which stays open: the API says why (e.g. it is the current secret).
        onError: (error) => setRevokeError(errorMessage(error)),
      },
    );
  };
  const openRevoke = (secret: ClientSecretInfo) => {
    setRevokeError(null);
    setRevoking(secret);
  };
  const leftExpiring = revoking ? lockout(revoking, active) : null;

  const columns: TableColumn<ClientSecretInfo>[] = [
    { id: 'prefix', header: 'Secret', isRowHeader: true, cell: (secret) => <code>{secret.prefix}…</code> },
    {
      id: 'status',
      header: 'Status',
      cell: (secret) => {
        const badge = secretBadge(secret);
        return <Badge tone={badge.tone}>{badge.label}</Badge>;
      },
    },
    { id: 'created', header: 'Created', cell: (secret) => formatDateTime(secret.createdAt) },
    {
      id: 'expires',
      header: 'Expires',
      cell: (secret) =>
        secret.revokedAt
          ? `Revoked ${formatDateTime(secret.revokedAt)}`
          : secret.expiresAt
            ? formatDateTime(secret.expiresAt)
            : 'Never',
    },
    {
      id: 'used',
      header: 'Last used',
      cell: (secret) => (secret.lastUsedAt ? formatDateTime(secret.lastUsedAt) : 'Never'),
    },
    {
      id: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      align: 'end',
      // Only a second working secret can be revoked: the last one would lock the client out.
      cell: (secret) =>
        secret.status === 'active' && active.length > 1 ? (
          <Button
            variant="ghost"
            size="sm"
            aria-label={`Revoke secret ${secret.prefix}`}
            onClick={() => openRevoke(secret)}
          >
            Revoke
          </Button>
        ) : null,
    },
  ];

  return (
    <section className="client-section" aria-labelledby="client-secrets">
      <h2 id="client-secrets" ref={headingRef} tabIndex={-1}>
        Client secrets
      </h2>
      <p className="client-section__intro">
        Portico keeps only a hash of each secret. Rotating issues a new one and keeps the current one working
        for the grace period you choose, so you can deploy the new secret without downtime.
      </p>
      {secrets.isPending ? (
        <LoadingState label="Loading secrets…" variant="inline" />
      ) : secrets.isError ? (
        <ErrorState
          title="The secrets could not be loaded"
          error={secrets.error}
          onRetry={() => secrets.refetch()}
        />
      ) : (
        <Table
          caption="Client secrets"
          captionHidden
          columns={columns}
          rows={items}
          getRowKey={(secret) => secret.id}
        />
      )}
      <div className="inline-form">
        <Select
          label="Keep the current secret working"
          value={rotateWith}
          onChange={(event) => setGrace(event.target.value as GracePeriod)}
          description={
            atLimit
              ? 'Two secrets are active: rotating now replaces both at once. To keep one working, revoke the older one first.'
              : undefined
          }
        >
          {GRACE_OPTIONS.filter(([value]) => !atLimit || value === 'immediately').map(
            ([value, { label }]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ),
          )}
        </Select>
        <Button
          variant="secondary"
          onClick={onRotate}
          loading={rotate.isPending}
          disabled={secrets.isPending}
        >
          Rotate secret
        </Button>
      </div>

      <Dialog
        open={newSecret !== null}
        onClose={() => {
          if (stored) setNewSecret(null);
          else setCloseRefused(true);
        }}
        title="New client secret"
        returnFocusTo={headingRef}
        footer={
          <Button disabled={!stored} onClick={() => setNewSecret(null)}>
            Done
          </Button>
        }
      >
        <FormAlert tone="warning" title="Copy the new secret now">
          You will not be able to see it again.{' '}
          {rotatedWith === 'immediately'
            ? 'The previous secrets stopped working at once.'
            : `The previous secret keeps working for ${GRACE_PERIODS[rotatedWith].label}.`}
        </FormAlert>
        {newSecret && (
          <dl className="credentials">
            <SecretValue
              label="Client secret (client_secret)"
              value={newSecret}
              copyLabel="Copy new client secret"
            />
          </dl>
        )}
        <div className="checkbox">
          <input
            id={storedId}
            type="checkbox"
            checked={stored}
            onChange={(event) => setStored(event.target.checked)}
          />
          <label htmlFor={storedId}>I have copied the new secret and stored it safely</label>
        </div>
        <p className="client-section__hint" role="status">
          {closeRefused && !stored ? 'Tick the box above to close: the secret cannot be shown again.' : ''}
        </p>
      </Dialog>

      <ConfirmDialog
        open={revoking !== null}
        tone="danger"
        title={`Revoke secret ${revoking?.prefix ?? ''}…?`}
        description="Requests authenticated with this secret fail from now on. Tokens already issued keep working until they expire or are revoked."
        confirmLabel="Revoke secret"
        pending={revoke.isPending}
        onConfirm={onRevoke}
        onCancel={() => setRevoking(null)}
        returnFocusTo={headingRef}
      >
        {revokeError ? (
          <FormAlert title="The secret could not be revoked">{revokeError}</FormAlert>
        ) : (
          leftExpiring && (
            <FormAlert tone="warning" title="The client would stop authenticating">
              {leftExpiring.count === 1
                ? 'The only secret left expires'
                : 'Every secret left expires, the last one'}{' '}
              on {formatDateTime(leftExpiring.at)}: from then on the client cannot authenticate. To replace a
              leaked secret, rotate with "Immediately" instead.
            </FormAlert>
          )
        )}
      </ConfirmDialog>
    </section>
  );
}
