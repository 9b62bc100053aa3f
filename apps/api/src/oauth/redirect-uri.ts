/**
 * Redirect URI matching for the authorization endpoint (RFC 9700 §2.1, §4.1.3): the URI in the
 * request must equal one registered URI character for character. The one exception is RFC 8252
 * §7.3: native apps listening on a loopback interface get an ephemeral port from the OS, so for
 * their `http` loopback URIs the port may differ while everything else must still match exactly.
 * Web (confidential) clients' loopback URIs match exactly, like any other.
 */

// Scheme, loopback host, optional port, then the rest (path + query) compared verbatim.
const LOOPBACK = /^http:\/\/(127\.0\.0\.1|\[::1\]|localhost)(?::(\d{1,5}))?([/?][^#]*)?$/;

interface LoopbackParts {
  host: string;
  rest: string;
}

function loopbackParts(uri: string): LoopbackParts | null {
  const match = LOOPBACK.exec(uri);
  if (!match) return null;
  const port = match[2];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65_535 || port.startsWith('0'))) return null;
  return { host: match[1] ?? '', rest: match[3] ?? '' };
}

/**
 * True when `requested` is acceptable for a client that registered `registered`. `anyLoopbackPort`:
 * the RFC 8252 §7.3 exception, for native apps only (a web server has a fixed port).
 */
export function redirectUriMatches(registered: string, requested: string, anyLoopbackPort = true): boolean {
  if (registered === requested) return true;
  if (!anyLoopbackPort) return false;
  const a = loopbackParts(registered);
  if (a === null) return false;
  const b = loopbackParts(requested);
  return b !== null && a.host === b.host && a.rest === b.rest;
}

/** The registered URI `requested` matches, if any (see `redirectUriMatches`). */
export function matchRedirectUri(
  registered: readonly string[],
  requested: string,
  anyLoopbackPort = true,
): string | undefined {
  return registered.find((uri) => redirectUriMatches(uri, requested, anyLoopbackPort));
}
