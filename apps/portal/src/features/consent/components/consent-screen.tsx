import type { AuthorizeDecision, AuthorizeRequestView } from '@portico/contracts';
import { isPorticoApiError } from '@portico/sdk';
import { useAuthorizeDecision, useAuthorizeRequest } from '@portico/sdk/react';
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState, errorMessage } from '@/components/ui/error-state';
import { FormAlert } from '@/components/ui/form-alert';
import { PageHeader } from '@/components/ui/page-header';
import { LoadingState } from '@/components/ui/spinner';

export interface ConsentScreenProps {
  /**
   * Leaves the portal for the application's redirect URI. Injected by tests; the app does a full
   * navigation, since the target is another origin.
   */
  navigate?: (url: string) => void;
}

const leave = (url: string) => window.location.assign(url);

/**
 * The authorization server's consent screen (`/consent?request=<id>`): which application asks, who
 * made it, which APIs and scopes it wants; **Allow** or **Deny** sends the browser back to the
 * application with a code or an error. RequireAuth has signed the user in before this renders.
 */
export function ConsentScreen({ navigate = leave }: ConsentScreenProps) {
  const [search] = useSearchParams();
  const requestId = search.get('request') ?? undefined;
  const request = useAuthorizeRequest(requestId);
  const decision = useAuthorizeDecision();
  const autoContinued = useRef(false);

  const decide = (choice: AuthorizeDecision) => {
    if (!requestId) return;
    decision.mutate(
      { id: requestId, decision: choice },
      { onSuccess: ({ redirectTo }) => navigate(redirectTo) },
    );
  };

  // Consent is remembered: when every scope was granted before, continue without asking again.
  useEffect(() => {
    if (request.data?.alreadyGranted && !autoContinued.current) {
      autoContinued.current = true;
      decide('allow');
    }
  });

  if (!requestId) {
    return (
      <>
        <PageHeader title="Authorize access" />
        <EmptyState
          title="There is no sign-in request to answer"
          description="Applications send you here when they ask for access. Start again from the application you want to use."
        />
      </>
    );
  }
  if (request.isPending) return <LoadingState label="Loading the request…" />;
  if (request.isError) {
    const gone = isPorticoApiError(request.error) && request.error.status === 404;
    return (
      <>
        <PageHeader title="Authorize access" />
        <ErrorState
          title={
            gone
              ? 'This sign-in request has expired or was already answered'
              : 'The request could not be loaded'
          }
          error={request.error}
          onRetry={gone ? undefined : () => request.refetch()}
          retrying={request.isFetching}
        />
      </>
    );
  }

  const view = request.data;
  if (view.alreadyGranted && !decision.isError) {
    return <LoadingState label={`You already allowed ${view.client.name}. Returning to it…`} />;
  }
  const leaving = decision.isSuccess;
  return (
    <div className="consent">
      <PageHeader title={`Allow ${view.client.name} to access your account?`} />
      {view.previouslyAllowed && (
        <FormAlert tone="info" title={`You allowed ${view.client.name} before`}>
          It runs in your browser or on your device, where it cannot prove it is the real {view.client.name},
          so we ask you each time. Allow it only if you just started signing in to it.
        </FormAlert>
      )}
      <ConsentDetails view={view} />
      {decision.isError && (
        <FormAlert title="Your answer could not be sent">{errorMessage(decision.error)}</FormAlert>
      )}
      <p className="consent__redirect">
        Either way, you will be sent back to <strong>{view.redirectOrigin}</strong>.
      </p>
      <div className="consent__actions">
        <Button
          onClick={() => decide('allow')}
          loading={decision.isPending && decision.variables?.decision === 'allow'}
          disabled={decision.isPending || leaving}
        >
          Allow
        </Button>
        <Button
          variant="secondary"
          onClick={() => decide('deny')}
          loading={decision.isPending && decision.variables?.decision === 'deny'}
          disabled={decision.isPending || leaving}
        >
          Deny
        </Button>
      </div>
    </div>
  );
}

function ConsentDetails({ view }: { view: AuthorizeRequestView }) {
  return (
    <section className="consent__card" aria-labelledby="consent-app">
      <h2 id="consent-app" className="consent__app">
        {view.client.name}
      </h2>
      <p className="consent__developer">by {view.client.developerName}</p>
      {view.client.description && <p className="consent__description">{view.client.description}</p>}
      <h3 className="consent__subheading">It will be able to use</h3>
      <ul className="consent__apis">
        {view.apis.map((api) => (
          <li key={api.id}>
            <span className="consent__api">{api.name}</span>
            {api.scopes.length > 0 ? (
              <ul className="consent__scopes" aria-label={`Scopes for ${api.name}`}>
                {api.scopes.map((scope) => (
                  <li key={scope.name}>
                    <code>{scope.name}</code>
                    {scope.description && <span> — {scope.description}</span>}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="consent__all">Everything this API offers.</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
