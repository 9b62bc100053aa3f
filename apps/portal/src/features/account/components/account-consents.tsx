import type { AccountConsent } from '@portico/contracts';
import { useConsents, useRevokeConsent } from '@portico/sdk/react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState, errorMessage } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const ScopeList = ({ scopes }: { scopes: readonly string[] }) =>
  scopes.map((scope, index) => (
    <span key={scope}>
      {index > 0 && ', '}
      <code>{scope}</code>
    </span>
  ));

/**
 * What the user allowed: the scopes on each API. Consents recorded before the pairs were kept list
 * the APIs and the scopes separately.
 */
function ConsentAccess({ consent }: { consent: AccountConsent }) {
  if (consent.apis.length > 0 && consent.apis.every((api) => api.scopes !== undefined)) {
    return (
      <ul className="account-consents__apis" aria-label={`What ${consent.client.name} may use`}>
        {consent.apis.map((api) => (
          <li key={api.id} className="account-consents__scopes">
            {api.name}:{' '}
            {api.scopes && api.scopes.length > 0 ? <ScopeList scopes={api.scopes} /> : 'no specific scopes'}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <>
      {consent.apis.length > 0 && (
        <p className="account-consents__apis">APIs: {consent.apis.map((api) => api.name).join(', ')}</p>
      )}
      <p className="account-consents__scopes">
        {consent.scopes.length > 0 ? (
          <>
            Scopes: <ScopeList scopes={consent.scopes} />
          </>
        ) : (
          'No specific scopes'
        )}
      </p>
    </>
  );
}

/** The account page's "Apps you allowed": each application the user consented to, with revoke. */
export function AccountConsents() {
  const consents = useConsents();
  const revoke = useRevokeConsent();
  const toast = useToast();
  const [revoking, setRevoking] = useState<AccountConsent | null>(null);

  const onConfirm = () => {
    if (!revoking) return;
    const name = revoking.client.name;
    revoke.mutate(revoking.id, {
      onSuccess: () => {
        setRevoking(null);
        toast.show({ tone: 'success', title: `${name} can no longer access your account` });
      },
      onError: (error) => {
        setRevoking(null);
        toast.show({
          tone: 'error',
          title: `Could not revoke access for ${name}`,
          description: errorMessage(error),
        });
      },
    });
  };

  return (
    <section className="account-consents" aria-labelledby="account-consents">
      <h2 id="account-consents">Apps you allowed</h2>
      <p className="account-consents__intro">
        Applications you let use Portico APIs on your behalf. Revoking access signs them out at once; they
        have to ask you again next time.
      </p>
      {consents.isPending ? (
        <LoadingState label="Loading the apps you allowed…" variant="inline" />
      ) : consents.isError ? (
        <ErrorState
          title="The apps you allowed could not be loaded"
          error={consents.error}
          onRetry={() => consents.refetch()}
          retrying={consents.isFetching}
        />
      ) : consents.data.items.length === 0 ? (
        <EmptyState
          headingLevel={3}
          title="You have not allowed any apps"
          description="When an application asks to use your account and you choose Allow, it appears here."
        />
      ) : (
        <ul className="account-consents__list">
          {consents.data.items.map((consent) => (
            <li key={consent.id} className="account-consents__item">
              <div>
                <h3 className="account-consents__app">{consent.client.name}</h3>
                <p className="account-consents__meta">
                  by {consent.client.developerName} · allowed {dateFormat.format(new Date(consent.grantedAt))}
                </p>
                <ConsentAccess consent={consent} />
              </div>
              <Button
                variant="danger"
                size="sm"
                onClick={() => setRevoking(consent)}
                aria-label={`Revoke access for ${consent.client.name}`}
              >
                Revoke access
              </Button>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={revoking !== null}
        tone="danger"
        title={`Revoke access for ${revoking?.client.name ?? 'this app'}?`}
        description="The application's tokens for your account stop working at once. It will have to ask for your permission again."
        confirmLabel="Revoke access"
        pending={revoke.isPending}
        onConfirm={onConfirm}
        onCancel={() => setRevoking(null)}
      />
    </section>
  );
}
