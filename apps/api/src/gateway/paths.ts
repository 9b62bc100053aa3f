/**
 * Listen-path matching and upstream URL building for `/gw/<listen path>/*`.
 * Listen paths are compared without their leading/trailing slashes, so `/payments/`, `/payments`
 * and `payments` all mean the same prefix.
 */

export const trimSlashes = (path: string): string => path.replace(/^\/+|\/+$/g, '');

export interface Routable {
  listenPath: string;
  /** `/<listen path without slashes at the ends>`, precomputed by `routePrefix` for the hot path. */
  prefix?: string;
}

export const routePrefix = (listenPath: string): string => `/${trimSlashes(listenPath).toLowerCase()}`;

export interface RouteMatch<T extends Routable> {
  api: T;
  /** Path below the listen path, `''` or starting with `/`. */
  suffix: string;
  /** Raw query string without `?`, or `''`. */
  query: string;
}

/** A path the gateway refuses (`400 invalid_path`): it could reach what the matched API does not cover. */
export class InvalidPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPathError';
  }
}

export class DotSegmentError extends InvalidPathError {
  constructor() {
    super('The path contains "." or ".." segments, which could escape the API\'s upstream path.');
    this.name = 'DotSegmentError';
  }
}

const UNRESERVED_ESCAPE = /%(?:[46][1-9A-Fa-f]|[57][0-9Aa]|3[0-9]|2[DEde]|5[Ff]|7[Ee])/g;

/**
 * RFC 3986 §6.2.2.2: a percent-encoded unreserved character (letters, digits, `-`, `.`, `_`, `~`) is
 * the same URI as the character itself, and an upstream decodes it so. Decoded before matching, so
 * `/%61dmin` reaches the API listening on `/admin`, not a shorter listen path with its own policy,
 * and forwarded decoded. Other escapes (`%2F`, `%25`, ...) are kept as they are.
 */
export function decodeUnreserved(path: string): string {
  if (path.indexOf('%') === -1) return path;
  return path.replace(UNRESERVED_ESCAPE, (encoded) =>
    String.fromCharCode(Number.parseInt(encoded.slice(1), 16)),
  );
}

/**
 * Finds the API whose listen path is the longest prefix of `path` (the request path after `/gw`),
 * matching whole segments only: `/pay` does not match `/payments`. The path is normalised first
 * (`decodeUnreserved`), and the suffix is of the normalised path.
 */
export function matchListenPath<T extends Routable>(
  apis: readonly T[],
  pathAndQuery: string,
): RouteMatch<T> | null {
  const q = pathAndQuery.indexOf('?');
  const path = decodeUnreserved(q === -1 ? pathAndQuery : pathAndQuery.slice(0, q));
  // Upstreams that merge slashes (nginx) or ignore case (Express's default, IIS) would read these as
  // another path, perhaps one under a longer listen path with checks of its own: refuse them.
  if (path.includes('//')) {
    throw new InvalidPathError(
      'The path has an empty segment ("//"), which an upstream could read as another path.',
    );
  }
  // Listen paths are lower case (`routePrefix`), so every match is also a match of the folded path:
  // one pass finds both the longest match and the longest match when case is ignored.
  const folded = path.toLowerCase();
  let best: T | null = null;
  let bestLength = -1;
  let foldedOnly: string | null = null;
  for (const api of apis) {
    const prefix = api.prefix ?? routePrefix(api.listenPath);
    if (prefix.length <= bestLength || !segmentPrefix(folded, prefix)) continue;
    if (segmentPrefix(path, prefix)) {
      best = api;
      bestLength = prefix.length;
      if (foldedOnly !== null && foldedOnly.length <= bestLength) foldedOnly = null;
    } else if (foldedOnly === null || prefix.length > foldedOnly.length) {
      foldedOnly = prefix;
    }
  }
  if (foldedOnly !== null) {
    throw new InvalidPathError(
      `The path differs only in letter case from the listen path ${foldedOnly}/ of another API: use that API's path as it is.`,
    );
  }
  if (best === null) return null;
  const suffix = path.slice(bestLength);
  assertNoDotSegments(suffix);
  return { api: best, suffix, query: q === -1 ? '' : pathAndQuery.slice(q + 1) };
}

/** `prefix` is `path` or a whole-segment prefix of it: `/pay` is one of `/pay/x`, not of `/payments`. */
const segmentPrefix = (path: string, prefix: string): boolean =>
  path.startsWith(prefix) &&
  (path.length === prefix.length || path.charCodeAt(prefix.length) === 47); /* '/' */

/**
 * WHATWG URL parsing (used by the proxy) resolves `.`/`..` — also percent-encoded, also after `\` —
 * so such a suffix could reach upstream paths outside the API's base path. Refuse them outright.
 */
export function assertNoDotSegments(suffix: string): void {
  // Fast path for the common case: no dot and no escape means no dot segment.
  if (suffix.indexOf('.') === -1 && suffix.indexOf('%') === -1) return;
  let decoded: string;
  try {
    decoded = decodeURIComponent(suffix);
  } catch {
    // Malformed percent-encoding: compare the raw text, which cannot hide a dot segment then.
    decoded = suffix;
  }
  for (const segment of decoded.split(/[\\/]/)) {
    if (segment === '.' || segment === '..') throw new DotSegmentError();
  }
}

/** An upstream URL split once (when the API table loads) so each request only concatenates. */
export interface UpstreamBase {
  /** Origin and base path without a trailing slash, e.g. `http://up:8080/_echo/payments`. */
  base: string;
  /** The base URL's own query without `?`, or `''`. */
  search: string;
  /** The base has no path, so an empty suffix must still send `/`. */
  root: boolean;
}

export function splitUpstream(upstream: string): UpstreamBase {
  const url = new URL(upstream);
  const search = url.search.slice(1);
  url.search = '';
  url.hash = '';
  return { base: url.href.replace(/\/+$/, ''), search, root: url.pathname === '/' };
}

/** `http://up/base` + `/orders` + `a=1` → `http://up/base/orders?a=1`. */
export function joinUpstream({ base, search, root }: UpstreamBase, suffix: string, query: string): string {
  const path = suffix === '' && root ? '/' : suffix;
  const q = search === '' ? query : query === '' ? search : `${search}&${query}`;
  return q === '' ? `${base}${path}` : `${base}${path}?${q}`;
}

export const upstreamUrl = (upstream: string, suffix: string, query: string): string =>
  joinUpstream(splitUpstream(upstream), suffix, query);
