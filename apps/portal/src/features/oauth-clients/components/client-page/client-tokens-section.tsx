import type { OAuthClient } from '@portico/contracts';
import { useClientTokenSummary, useRevokeAllClientTokens } from '@portico/sdk/react';
import { type ReactNode, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorState, errorMessage } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';

export interface ClientTokensSectionProps {
  client: OAuthClient;
  /** A detailed token list, when the page provides one. */
  children?: ReactNode;
}

/** How many tokens still work, and **Revoke all tokens**. */
export function ClientTokensSection({ client, children }: ClientTokensSectionProps) {
  const toast = useToast();
  const summary = useClientTokenSummary(client.id);
  const revokeAll = useRevokeAllClientTokens();
  const [confirming, setConfirming] = useState(false);
  // "Revoke all tokens" is disabled once there are none: focus goes back to the heading then.
  const headingRef = useRef<HTMLHeadingElement>(null);

  const onConfirm = () =>
    revokeAll.mutate(client.id, {
      onSuccess: ({ revoked }) => {
        setConfirming(false);
        toast.show({ tone: 'success', title: `${revoked} ${revoked === 1 ? 'token' : 'tokens'} revoked` });
      },
      onError: (error) => {
        setConfirming(false);
        toast.show({ tone: 'error', title: 'Could not revoke the tokens', description: errorMessage(error) });
      },
    });

  return (
    <section className="client-section" aria-labelledby="client-tokens">
      <h2 id="client-tokens" ref={headingRef} tabIndex={-1}>
        Tokens
      </h2>
      {summary.isPending ? (
        <LoadingState label="Counting tokens…" variant="inline" />
      ) : summary.isError ? (
        <ErrorState
          title="The tokens could not be counted"
          error={summary.error}
          onRetry={() => summary.refetch()}
        />
      ) : (
        <div className="tokens-summary">
          <p>
            <strong>{summary.data.active}</strong> active {summary.data.active === 1 ? 'token' : 'tokens'}
            <span className="tokens-summary__detail">
              {' '}
              ({summary.data.accessTokens} access, {summary.data.refreshTokens} refresh)
            </span>
          </p>
          <Button variant="danger" disabled={summary.data.active === 0} onClick={() => setConfirming(true)}>
            Revoke all tokens
          </Button>
        </div>
      )}
      {children}
      <ConfirmDialog
        open={confirming}
        tone="danger"
        title="Revoke all tokens?"
        description="Every access and refresh token of this client stops working at once. Users of your application will have to sign in again."
        confirmLabel="Revoke all tokens"
        pending={revokeAll.isPending}
        onConfirm={onConfirm}
        onCancel={() => setConfirming(false)}
        returnFocusTo={headingRef}
      />
    </section>
  );
}
