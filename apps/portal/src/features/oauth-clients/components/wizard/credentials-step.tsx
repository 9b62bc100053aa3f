import { APP_TYPE_PROFILES, type ClientCredentials } from '@portico/contracts';
import { useEffect, useId, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { CopyButton } from '@/components/ui/copy-button';
import { FormAlert } from '@/components/ui/form-alert';
import { authorizeUrl, clientCredentialsCurl, codeExchangeCurl, oauthEndpoints } from '../../lib/examples';
import { createPkcePair, type PkcePair, randomUrlSafe } from '../../lib/pkce';
import { leaveTo, useLeaveGuard } from '../../lib/use-leave-guard';
import { SecretValue } from '../secret-value';
import { StepHeading } from './step-heading';

export interface CredentialsStepProps {
  credentials: ClientCredentials;
  /** Called once the developer has confirmed they stored the secret (or there is none). */
  onDone: () => void;
}

/**
 * The credentials, shown this once: `client_id`, the secret for confidential types, the endpoints and
 * a ready example. Leaving before acknowledging that the secret was stored asks for confirmation —
 * inside the app (links) and when closing or reloading the tab (`beforeunload`).
 */
export function CredentialsStep({ credentials, onDone }: CredentialsStepProps) {
  const { client, clientId, clientSecret } = credentials;
  const [acknowledged, setAcknowledged] = useState(clientSecret === null);
  // `false`: it cannot be computed here (no Web Crypto on a plain-HTTP page).
  const [pkce, setPkce] = useState<PkcePair | false | null>(null);
  const [state] = useState(() => randomUrlSafe(16));
  const acknowledgeId = useId();
  const origin = window.location.origin;
  const endpoints = oauthEndpoints(origin);
  const profile = APP_TYPE_PROFILES[client.appType];
  const scopes = [...new Set(client.apis.flatMap((api) => api.scopes))];
  const mustAcknowledge = clientSecret !== null && !acknowledged;

  useEffect(() => {
    if (client.appType === 'service') return;
    let cancelled = false;
    createPkcePair().then(
      (pair) => !cancelled && setPkce(pair),
      () => !cancelled && setPkce(false),
    );
    return () => {
      cancelled = true;
    };
  }, [client.appType]);

  const navigate = useNavigate();
  const guard = useLeaveGuard(mustAcknowledge);

  return (
    <section className="wizard__step" aria-labelledby="credentials-heading">
      <StepHeading id="credentials-heading">Credentials</StepHeading>
      {client.status === 'pending' ? (
        <FormAlert tone="info" title="Waiting for approval">
          An API you selected needs an administrator's approval. These credentials will not get tokens until
          then; the client's page shows its status.
        </FormAlert>
      ) : (
        <p className="wizard__intro">
          <strong>{client.name}</strong> is ready: a {profile.label.toLowerCase()} using{' '}
          {client.apis.map((api) => api.name).join(', ')}.
        </p>
      )}

      <dl className="credentials">
        <SecretValue label="Client ID (client_id)" value={clientId} copyLabel="Copy client ID" />
        {clientSecret !== null && (
          <SecretValue
            label="Client secret (client_secret)"
            value={clientSecret}
            copyLabel="Copy client secret"
          />
        )}
      </dl>
      {clientSecret !== null ? (
        <FormAlert tone="warning" title="Copy the client secret now">
          It is shown only this once: you will not be able to see it again. Portico stores only a hash of it.
          If you lose it, rotate the secret on the client's page.
        </FormAlert>
      ) : (
        <p className="credentials__note">
          A {profile.label.toLowerCase()} cannot keep a secret, so it has none: it proves itself with PKCE
          instead.
        </p>
      )}

      <h3 className="wizard__subheading">Endpoints</h3>
      <dl className="credentials">
        <SecretValue
          label="Authorization endpoint"
          value={endpoints.authorization}
          copyLabel="Copy authorization endpoint"
        />
        <SecretValue label="Token endpoint" value={endpoints.token} copyLabel="Copy token endpoint" />
        <SecretValue
          label="Revocation endpoint"
          value={endpoints.revocation}
          copyLabel="Copy revocation endpoint"
        />
      </dl>

      <h3 className="wizard__subheading">Try it</h3>
      {client.appType === 'service' ? (
        <Example
          title="Get an access token with client credentials"
          code={clientCredentialsCurl({
            tokenEndpoint: endpoints.token,
            clientId,
            clientSecret: clientSecret ?? '<client secret>',
            scopes,
          })}
          copyLabel="Copy curl command"
        />
      ) : pkce === null ? (
        <p className="credentials__note">Preparing an example with a fresh PKCE code challenge…</p>
      ) : pkce === false ? (
        <FormAlert tone="info" title="No ready-made example on this page">
          This browser computes a PKCE code challenge only on secure pages. Open the portal over HTTPS to get
          a ready-made example, or compute the S256 challenge in your application.
        </FormAlert>
      ) : (
        <>
          <p className="credentials__note">
            Open this URL in a browser to sign in and consent. It uses PKCE (S256): keep the code verifier
            below, you need it to exchange the code that comes back on your redirect URL.
          </p>
          <Example
            title="1. Authorization URL"
            code={authorizeUrl({
              authorizationEndpoint: endpoints.authorization,
              clientId,
              redirectUri: client.redirectUris[0] ?? '',
              scopes,
              state,
              codeChallenge: pkce.challenge,
            })}
            copyLabel="Copy authorization URL"
          />
          <Example title="Code verifier" code={pkce.verifier} copyLabel="Copy code verifier" />
          <Example
            title="2. Exchange the code for tokens"
            code={codeExchangeCurl({
              tokenEndpoint: endpoints.token,
              clientId,
              clientSecret,
              redirectUri: client.redirectUris[0] ?? '',
              codeVerifier: pkce.verifier,
            })}
            copyLabel="Copy token request"
          />
        </>
      )}

      <div className="credentials__done">
        {clientSecret !== null && (
          <div className="checkbox">
            <input
              id={acknowledgeId}
              type="checkbox"
              checked={acknowledged}
              onChange={(event) => setAcknowledged(event.target.checked)}
            />
            <label htmlFor={acknowledgeId}>I have copied the client secret and stored it safely</label>
          </div>
        )}
        <Button onClick={onDone} disabled={!acknowledged}>
          Continue to the client
        </Button>
      </div>

      <ConfirmDialog
        open={guard.pendingHref !== null}
        tone="danger"
        title="Leave without the client secret?"
        description="You will not be able to see this client secret again. If you have not stored it, you will have to rotate it."
        confirmLabel="Leave"
        cancelLabel="Stay"
        onConfirm={() => {
          const href = guard.leave();
          // Acknowledged by leaving: drop the guard before navigating so it does not fire again.
          setAcknowledged(true);
          if (href) leaveTo(href, navigate);
        }}
        onCancel={guard.stay}
      />
    </section>
  );
}

function Example({ title, code, copyLabel }: { title: string; code: string; copyLabel: string }) {
  return (
    <figure className="example">
      <figcaption className="example__title">
        {title}
        <CopyButton value={code} accessibleLabel={copyLabel} />
      </figcaption>
      <pre className="example__code">
        <code>{code}</code>
      </pre>
    </figure>
  );
}
