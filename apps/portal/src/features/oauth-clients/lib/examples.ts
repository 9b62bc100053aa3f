import { OAUTH_ENDPOINT_PATHS } from '@portico/contracts';

/** The authorization server's endpoints on this origin (the portal and the server share one origin). */
export function oauthEndpoints(origin: string) {
  return {
    authorization: `${origin}${OAUTH_ENDPOINT_PATHS.authorization}`,
    token: `${origin}${OAUTH_ENDPOINT_PATHS.token}`,
    revocation: `${origin}${OAUTH_ENDPOINT_PATHS.revocation}`,
  };
}

/** Single-quotes a value for a POSIX shell. */
const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** A token request with client credentials (RFC 6749 §4.4.2), authenticated with HTTP Basic (§2.3.1). */
export function clientCredentialsCurl(options: {
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  scopes: readonly string[];
}): string {
  const lines = [
    `curl -X POST ${shellQuote(options.tokenEndpoint)}`,
    `  -u ${shellQuote(`${options.clientId}:${options.clientSecret}`)}`,
    '  -d grant_type=client_credentials',
  ];
  if (options.scopes.length > 0)
    lines.push(`  --data-urlencode ${shellQuote(`scope=${options.scopes.join(' ')}`)}`);
  return lines.join(' \\\n');
}

/** An authorization request for the code flow with PKCE S256 (RFC 6749 §4.1.1, RFC 7636 §4.3). */
export function authorizeUrl(options: {
  authorizationEndpoint: string;
  clientId: string;
  redirectUri: string;
  scopes: readonly string[];
  state: string;
  codeChallenge: string;
}): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
  });
  if (options.scopes.length > 0) params.set('scope', options.scopes.join(' '));
  params.set('state', options.state);
  params.set('code_challenge', options.codeChallenge);
  params.set('code_challenge_method', 'S256');
  return `${options.authorizationEndpoint}?${params}`;
}

/** Exchanging the code for tokens (RFC 6749 §4.1.3) with the PKCE verifier; `<code>` comes back on the redirect. */
export function codeExchangeCurl(options: {
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string | null;
  redirectUri: string;
  codeVerifier: string;
}): string {
  const lines = [`curl -X POST ${shellQuote(options.tokenEndpoint)}`];
  // Confidential clients authenticate with HTTP Basic; public clients send only their client_id.
  if (options.clientSecret) lines.push(`  -u ${shellQuote(`${options.clientId}:${options.clientSecret}`)}`);
  else lines.push(`  -d client_id=${shellQuote(options.clientId)}`);
  lines.push(
    '  -d grant_type=authorization_code',
    `  --data-urlencode ${shellQuote('code=<code from the redirect>')}`,
    `  --data-urlencode ${shellQuote(`redirect_uri=${options.redirectUri}`)}`,
    `  -d code_verifier=${options.codeVerifier}`,
  );
  return lines.join(' \\\n');
}
