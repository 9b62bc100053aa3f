import {
  type ClientApi,
  type OAuthClient,
  TryItBody,
  type TryItMethod,
  type TryItResponse,
} from '@portico/contracts';
import { useClient, useTryIt } from '@portico/sdk/react';
import { type FormEvent, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Select, TextArea, TextField } from '@/components/ui/field';
import { FormAlert } from '@/components/ui/form-alert';
import { type FieldErrors, serverFormErrors, validateForm } from '@/lib/validation';
import { TryItResult } from './try-it-result';
import '../try-it.css';

export interface TryItPanelProps {
  /** Row id of the OAuth client (the `:id` of the client page). */
  clientId: string;
}

const METHODS: TryItMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const FIELDS = ['apiId', 'scopes', 'method', 'path', 'body', 'clientSecret'];
const HINTS = {
  clientSecret: { noun: 'the client secret' },
  path: { noun: 'a path', messages: { pattern: 'Start the path with /' } },
};

/** APIs "Try it" can call: active subscriptions of APIs that take OAuth 2.0 tokens. */
const callable = (client: OAuthClient): ClientApi[] =>
  client.apis.filter((api) => api.status === 'active' && api.authMode === 'oauth2');

/**
 * The client page's **Try it** section (confidential clients): the developer pastes the client secret,
 * the server gets a `client_credentials` token with it and sends one request through the gateway.
 * The secret stays in this form's state only until the request is sent; then the field is cleared.
 */
export function TryItPanel({ clientId }: TryItPanelProps) {
  const query = useClient(clientId);
  const client = query.data;
  if (!client || client.status === 'draft') return null;

  return (
    <section className="client-section try-it" aria-labelledby="client-try-it">
      <h2 id="client-try-it">Try it</h2>
      <TryItBodyContent client={client} />
    </section>
  );
}

function TryItBodyContent({ client }: { client: OAuthClient }) {
  if (!client.confidential) {
    return (
      <p className="try-it__note">
        Try it gets a token with the client secret, and public clients have none. Use the authorization code
        flow with PKCE from your app instead.
      </p>
    );
  }
  if (!client.grantTypes.includes('client_credentials')) {
    return (
      <p className="try-it__note">
        Try it gets its token with the <code>client_credentials</code> grant, which only service clients use.
        This client signs users in with the authorization code flow; create a service client to call the APIs
        from here.
      </p>
    );
  }
  const apis = callable(client);
  if (apis.length === 0) {
    return <p className="try-it__note">This client has no active OAuth 2.0 API to call yet.</p>;
  }
  if (client.status !== 'active') {
    return <p className="try-it__note">Try it works once the client is active.</p>;
  }
  return <TryItForm client={client} apis={apis} />;
}

function TryItForm({ client, apis }: { client: OAuthClient; apis: ClientApi[] }) {
  const tryIt = useTryIt();
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const scopesId = useId();
  const [apiId, setApiId] = useState(apis[0]?.apiId ?? '');
  const [scopes, setScopes] = useState<string[]>([]);
  const [method, setMethod] = useState<TryItMethod>('GET');
  const [path, setPath] = useState('/');
  const [body, setBody] = useState('');
  const [secret, setSecret] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [result, setResult] = useState<TryItResponse | null>(null);

  const api = apis.find((candidate) => candidate.apiId === apiId) ?? apis[0];
  const sendsBody = method === 'POST' || method === 'PUT' || method === 'PATCH';

  const focusFirstError = (fieldErrors: FieldErrors) => {
    const first = FIELDS.find((field) => fieldErrors[field]);
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
    else alertRef.current?.focus();
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const request = {
      apiId,
      clientSecret: secret.trim(),
      scopes,
      method,
      path: path.trim(),
      ...(sendsBody && body.trim() !== '' ? { body } : {}),
    };
    const checked = validateForm(TryItBody, request, HINTS);
    setErrors(checked.errors);
    if (!checked.ok) {
      focusFirstError(checked.errors);
      return;
    }
    tryIt.mutate(
      { clientId: client.id, input: checked.value },
      {
        onSuccess: (response) => {
          setResult(response);
          // The secret was needed for this one token only: do not keep it around in the page.
          setSecret('');
        },
        onError: (error) => {
          const mapped = serverFormErrors(error, FIELDS);
          setErrors(mapped.fieldErrors);
          setFormError(mapped.formError);
          // Wait for the alert/error text to render before moving focus to it.
          requestAnimationFrame(() => focusFirstError(mapped.fieldErrors));
        },
        // The variables hold the secret and the result a token: keep neither in the mutation cache.
        onSettled: () => tryIt.reset(),
      },
    );
  };

  const toggleScope = (scope: string, on: boolean) =>
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));

  return (
    <>
      <p className="try-it__intro">
        Sends one real request through the gateway with a fresh <code>client_credentials</code> token. It
        counts towards this client's rate limit, quota and usage.
      </p>
      <form ref={formRef} className="try-it__form" onSubmit={onSubmit} noValidate>
        {formError && (
          <FormAlert ref={alertRef} tone="error" title="The request could not be sent">
            {formError}
          </FormAlert>
        )}
        <div className="try-it__row">
          <Select
            label="API"
            name="apiId"
            value={apiId}
            error={errors.apiId}
            onChange={(event) => {
              setApiId(event.target.value);
              setScopes([]);
            }}
          >
            {apis.map((candidate) => (
              <option key={candidate.apiId} value={candidate.apiId}>
                {candidate.apiName}
              </option>
            ))}
          </Select>
          <Select
            label="Method"
            name="method"
            value={method}
            error={errors.method}
            onChange={(event) => setMethod(event.target.value as TryItMethod)}
          >
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </Select>
        </div>
        <TextField
          label="Path"
          name="path"
          value={path}
          error={errors.path}
          description={api ? `Below the API's gateway path, e.g. /orders?limit=5.` : undefined}
          onChange={(event) => setPath(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        {api && api.scopes.length > 0 && (
          <fieldset className="try-it__scopes" aria-describedby={`${scopesId}-hint`}>
            <legend>Scopes</legend>
            <p id={`${scopesId}-hint`} className="field__description">
              None selected asks for every scope this client may have.
            </p>
            {api.scopes.map((scope) => (
              <div key={scope} className="checkbox">
                <input
                  id={`${scopesId}-${scope}`}
                  type="checkbox"
                  name="scopes"
                  checked={scopes.includes(scope)}
                  onChange={(event) => toggleScope(scope, event.target.checked)}
                />
                <label htmlFor={`${scopesId}-${scope}`}>
                  <code>{scope}</code>
                </label>
              </div>
            ))}
            {errors.scopes && <p className="field__error">{errors.scopes}</p>}
          </fieldset>
        )}
        {sendsBody && (
          <TextArea
            label="Request body"
            name="body"
            optional
            value={body}
            error={errors.body}
            description="Sent as application/json when it is valid JSON, as text otherwise."
            onChange={(event) => setBody(event.target.value)}
            spellCheck={false}
          />
        )}
        <TextField
          label="Client secret"
          name="clientSecret"
          type="password"
          value={secret}
          error={errors.clientSecret}
          description="Used once to get a token for this request. Portico does not store it."
          onChange={(event) => setSecret(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <div className="try-it__actions">
          <Button type="submit" loading={tryIt.isPending}>
            Send request
          </Button>
        </div>
      </form>
      {result && <TryItResult result={result} />}
    </>
  );
}
