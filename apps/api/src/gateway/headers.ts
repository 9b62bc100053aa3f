import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { GatewayIdentityHeader, SESSION_COOKIE } from '@portico/contracts';

/** RFC 9110 §7.6.1: connection-specific fields a proxy must not forward (plus the legacy ones). */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

const IDENTITY_PREFIX = 'x-portico-';

/**
 * Other ways a caller could claim an address, host or path for itself. The gateway sends its own
 * `X-Forwarded-For/-Proto/-Host`; these, taken from the caller as they are, would be forged.
 */
const CALLER_CLAIMS = new Set([
  'forwarded',
  'x-real-ip',
  'x-client-ip',
  'true-client-ip',
  'x-host',
  'x-forwarded-port',
  'x-forwarded-prefix',
  'x-forwarded-server',
  'x-forwarded-ssl',
  'x-forwarded-scheme',
  // Frameworks (IIS, Symfony, Laminas, ...) take these as the request's real path or method: they
  // would reach resources, or use methods, that the gateway's checks never saw.
  'x-original-url',
  'x-rewrite-url',
  'x-http-method-override',
  'x-http-method',
  'x-method-override',
]);

/**
 * Response fields that act on the whole origin, which the gateway shares with the portal: an upstream
 * must not clear the portal's cookies and storage (signing the user out) or widen where a service
 * worker may act.
 */
const ORIGIN_WIDE_RESPONSE = [
  'clear-site-data',
  'service-worker-allowed',
  // Policies a browser keeps for the whole host: HSTS (`max-age=0` would switch the portal's off),
  // network error logging and its report endpoints, alternative services.
  'strict-transport-security',
  'nel',
  'report-to',
  'reporting-endpoints',
  'alt-svc',
];

/**
 * The portal's own cookies. The gateway shares the portal's origin, so a browser sends them along
 * with calls to `/gw/...`: they must never reach an upstream (the session cookie is a portal login),
 * and an upstream must not be able to set them (session fixation, or signing the user out).
 */
const PORTAL_COOKIES = new Set([SESSION_COOKIE]);

/** The name of a cookie pair (`name=value`), or '' for a pair without `=` (RFC 6265bis §5.6). */
function cookieName(pair: string): string {
  const eq = pair.indexOf('=');
  return eq < 0 ? '' : pair.slice(0, eq).trim();
}

/** `name=value` pairs of a `Cookie` header (RFC 6265 §4.2), the portal's own left out. */
function withoutPortalCookies(header: string): string {
  return header
    .split(';')
    .filter((pair) => !PORTAL_COOKIES.has(cookieName(pair)))
    .map((pair) => pair.trim())
    .join('; ');
}

/**
 * Whether an upstream may set the cookie of this `Set-Cookie` line: not one of the portal's, and not
 * a nameless one (`=portico_session=...`, or no `=` at all), which a browser sends back as its bare
 * value, where it would read as the portal's cookie.
 */
function upstreamMaySet(line: string): boolean {
  const name = cookieName(line.split(';', 1)[0] ?? '');
  return name !== '' && !PORTAL_COOKIES.has(name);
}

/**
 * Headers the gateway adds to every upstream response. The gateway answers on the portal's origin, so
 * an HTML (or sniffed-as-HTML) response would otherwise run as the portal, able to call its API as
 * the signed-in user: `sandbox` gives such a document an opaque origin and no scripts, and `nosniff`
 * keeps a JSON body from being taken for HTML. Neither changes anything for a program calling the API.
 */
const RESPONSE_SECURITY = {
  'content-security-policy': 'sandbox',
  'x-content-type-options': 'nosniff',
} as const;
/** Field names listed in `Connection` are hop-by-hop too (RFC 9110 §7.6.1). */
function connectionOptions(value: string | string[] | number): string[] {
  const list = Array.isArray(value) ? value.join(',') : String(value);
  return list
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * Removes hop-by-hop fields, in place (the proxy hands over its own copies of both header sets, and
 * not copying them again keeps the hot path light). Names are lower case, as Node and undici give them.
 */
export function stripHopByHop<H extends IncomingHttpHeaders | OutgoingHttpHeaders>(headers: H): H {
  const fields = headers as Record<string, unknown>;
  const connection = headers.connection;
  // `keep-alive` and `close` (nearly every response) name no other field: skip parsing them.
  if (connection !== undefined && connection !== 'keep-alive' && connection !== 'close') {
    for (const name of connectionOptions(connection)) delete fields[name];
  }
  for (const name of HOP_BY_HOP) if (fields[name] !== undefined) delete fields[name];
  return headers;
}

/**
 * Headers of the upstream response, rewritten in place: hop-by-hop and origin-wide fields removed,
 * `Set-Cookie` lines for the portal's own cookies (and nameless ones) dropped, and the response
 * security headers added. An upstream CSP is
 * kept alongside `sandbox` (CSP §3.1: a comma-separated header value is a list of policies, and a
 * browser enforces each of them).
 */
export function downstreamResponseHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  stripHopByHop(headers);
  for (const name of ORIGIN_WIDE_RESPONSE) if (headers[name] !== undefined) delete headers[name];
  // undici gives one `Set-Cookie` line as a string, several as an array (Node's own client: always
  // an array).
  const setCookie: string | string[] | undefined = headers['set-cookie'];
  if (setCookie !== undefined) {
    const kept = (Array.isArray(setCookie) ? setCookie : [setCookie]).filter(upstreamMaySet);
    if (kept.length === 0) delete headers['set-cookie'];
    else headers['set-cookie'] = kept;
  }
  const csp = headers['content-security-policy'];
  const sandbox = RESPONSE_SECURITY['content-security-policy'];
  headers['content-security-policy'] = csp === undefined || csp === '' ? sandbox : `${csp}, ${sandbox}`;
  headers['x-content-type-options'] = RESPONSE_SECURITY['x-content-type-options'];
  return headers;
}

export interface Identity {
  /** Public `client_id`. */
  clientId: string;
  subject: string;
  /** The token's scopes that apply to the called API (granted by the client's policy). */
  scopes: string[];
  /** `scopes` space-separated, as sent in `X-Portico-Scopes`. */
  scope: string;
}

export interface ForwardContext {
  /** Address this server received the request from (its peer), if still known. */
  ip: string | undefined;
  /** `http` or `https`, as the caller used it. */
  protocol: string;
  /** Host the caller addressed (the incoming `Host`, before the proxy rewrote it). */
  host: string | undefined;
  /** Remove `Authorization`: the gateway consumed the bearer token, the upstream must not see or replay it. */
  dropAuthorization: boolean;
  identity: Identity | null;
}

/**
 * Headers for the upstream request, rewritten in place: hop-by-hop fields, forged identity and the
 * caller's own address claims removed, X-Forwarded-* and identity set.
 */
export function upstreamRequestHeaders(
  incoming: IncomingHttpHeaders,
  ctx: ForwardContext,
): IncomingHttpHeaders {
  const headers = stripHopByHop(incoming);
  // One pass over what the caller sent: forged identity and address, path or method claims go.
  for (const name in headers) {
    if (name.startsWith(IDENTITY_PREFIX) || CALLER_CLAIMS.has(name)) delete headers[name];
  }
  if (ctx.dropAuthorization) delete headers.authorization;
  if (headers.cookie !== undefined) {
    const cookie = withoutPortalCookies(headers.cookie);
    if (cookie === '') delete headers.cookie;
    else headers.cookie = cookie;
  }
  // `Host` is the upstream's (the proxy library sets it); the caller's host travels as X-Forwarded-Host.

  const priorFor = headers['x-forwarded-for'];
  const prior = priorFor === undefined ? '' : Array.isArray(priorFor) ? priorFor.join(', ') : priorFor;
  // Without a peer address (the caller already gone) nothing is appended rather than `undefined`.
  if (ctx.ip) headers['x-forwarded-for'] = prior === '' ? ctx.ip : `${prior}, ${ctx.ip}`;
  headers['x-forwarded-proto'] = ctx.protocol;
  if (ctx.host) headers['x-forwarded-host'] = ctx.host;
  else delete headers['x-forwarded-host'];

  if (ctx.identity !== null) {
    headers[GatewayIdentityHeader.clientId] = ctx.identity.clientId;
    headers[GatewayIdentityHeader.subject] = ctx.identity.subject;
    headers[GatewayIdentityHeader.scopes] = ctx.identity.scope;
  }
  return headers;
}

/** RFC 6750 §3: values of `error_description` must stay within printable ASCII without `"` and `\`. */
const quoteSafe = (text: string): string => text.replace(/[^\x20\x21\x23-\x5B\x5D-\x7E]/g, '');

/** `WWW-Authenticate` challenge for the bearer scheme (RFC 6750 §3). */
export function bearerChallenge(
  params: { error?: string; description?: string; scope?: string[] } = {},
): string {
  const parts = ['realm="portico"'];
  if (params.error) parts.push(`error="${params.error}"`);
  if (params.description) parts.push(`error_description="${quoteSafe(params.description)}"`);
  if (params.scope && params.scope.length > 0) parts.push(`scope="${quoteSafe(params.scope.join(' '))}"`);
  return `Bearer ${parts.join(', ')}`;
}
