import type { ClientToken } from '@portico/contracts';
import { useClientTokens, useRevokeClientToken } from '@portico/sdk/react';
import { useRef, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorState, errorMessage } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/spinner';
import { Table, type TableColumn } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
// For Revoke's accessible name: tokens issued in the same minute need more to tell them apart.
const secondsFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

const TYPE_LABELS: Record<ClientToken['type'], string> = {
  access_token: 'Access token',
  refresh_token: 'Refresh token',
};

export interface ClientTokensPanelProps {
  /** The client's row id (as in the client page URL). */
  clientId: string;
}

/**
 * The client page's list of working tokens: type, subject (the end user, or the client itself for
 * client credentials), scopes, issued, expires — with **Revoke** per token. "Revoke all tokens"
 * sits next to it in the client page's Tokens section.
 */
export function ClientTokensPanel({ clientId }: ClientTokensPanelProps) {
  const tokens = useClientTokens(clientId);
  const revoke = useRevokeClientToken();
  const toast = useToast();
  const [revoking, setRevoking] = useState<ClientToken | null>(null);
  // A revoked token leaves the list with its Revoke button: focus goes back to the list itself.
  const panelRef = useRef<HTMLDivElement>(null);

  const onConfirm = () => {
    if (!revoking) return;
    const label = TYPE_LABELS[revoking.type].toLowerCase();
    revoke.mutate(
      { clientId, tokenId: revoking.id },
      {
        onSuccess: () => {
          setRevoking(null);
          toast.show({ tone: 'success', title: `The ${label} was revoked` });
        },
        onError: (error) => {
          setRevoking(null);
          toast.show({
            tone: 'error',
            title: `Could not revoke the ${label}`,
            description: errorMessage(error),
          });
        },
      },
    );
  };

  if (tokens.isPending) return <LoadingState label="Loading tokens…" variant="inline" />;
  if (tokens.isError) {
    return (
      <ErrorState
        title="The tokens could not be loaded"
        error={tokens.error}
        onRetry={() => tokens.refetch()}
        retrying={tokens.isFetching}
      />
    );
  }

  const { items, total } = tokens.data;

  const columns: TableColumn<ClientToken>[] = [
    {
      id: 'type',
      header: 'Type',
      isRowHeader: true,
      cell: (token) => (
        <Badge tone={token.type === 'access_token' ? 'info' : 'neutral'}>{TYPE_LABELS[token.type]}</Badge>
      ),
    },
    {
      id: 'subject',
      header: 'Subject',
      cell: (token) => (
        <>
          {token.subject.label}
          <span className="client-tokens__subject-kind">
            {token.subject.kind === 'client' ? ' (this client)' : ' (user)'}
          </span>
        </>
      ),
    },
    {
      id: 'scopes',
      header: 'Scopes',
      cell: (token) =>
        token.scopes.length === 0 ? (
          <span className="client-tokens__none">none</span>
        ) : (
          token.scopes.map((scope, index) => (
            <span key={scope}>
              {index > 0 && ' '}
              <code>{scope}</code>
            </span>
          ))
        ),
    },
    { id: 'issued', header: 'Issued', cell: (token) => dateFormat.format(new Date(token.issuedAt)) },
    { id: 'expires', header: 'Expires', cell: (token) => dateFormat.format(new Date(token.expiresAt)) },
    {
      id: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      align: 'end',
      cell: (token) => (
        <Button
          variant="ghost"
          size="sm"
          onClick={() => setRevoking(token)}
          aria-label={`Revoke ${TYPE_LABELS[token.type].toLowerCase()} issued ${secondsFormat.format(new Date(token.issuedAt))} for ${token.subject.label} (ID ending ${token.id.slice(-6)})`}
        >
          Revoke
        </Button>
      ),
    },
  ];

  return (
    // The dialog stays mounted when the last token goes, so it can hand focus back to this list.
    <div className="client-tokens" ref={panelRef} tabIndex={-1}>
      {items.length === 0 ? (
        <p className="client-tokens__empty">This client has no active tokens.</p>
      ) : (
        <Table
          caption={
            total > items.length
              ? `Active tokens (the ${items.length} most recent of ${total})`
              : 'Active tokens'
          }
          columns={columns}
          rows={items}
          getRowKey={(token) => `${token.type}:${token.id}`}
        />
      )}
      <ConfirmDialog
        open={revoking !== null}
        tone="danger"
        title={`Revoke this ${revoking ? TYPE_LABELS[revoking.type].toLowerCase() : 'token'}?`}
        description={
          revoking?.type === 'refresh_token'
            ? 'The refresh token and every access token issued with it stop working at once. The user has to authorize the application again.'
            : 'The access token stops working at once. The application can get a new one.'
        }
        confirmLabel="Revoke"
        pending={revoke.isPending}
        onConfirm={onConfirm}
        onCancel={() => setRevoking(null)}
        returnFocusTo={panelRef}
      />
    </div>
  );
}
