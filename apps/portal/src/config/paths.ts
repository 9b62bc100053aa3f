/**
 * Every SPA path lives here: routes use `path`, links use `getHref(...)`.
 * `/oauth/*`, `/api/*`, `/gw/*`, `/.well-known/*`, `/docs` and `/openapi.json` belong to the
 * server, so no SPA page may live under them (the consent page is `/consent`, not `/oauth/consent`).
 */

const withId = (base: string) => (id: string) => `${base}/${encodeURIComponent(id)}`;

/** `?redirectTo=` for the auth pages; only same-site paths are kept (see `safeRedirect`). */
const withRedirect = (base: string) => (redirectTo?: string | null) => {
  const target = safeRedirect(redirectTo);
  return target && target !== '/' ? `${base}?${new URLSearchParams({ redirectTo: target })}` : base;
};

export const paths = {
  home: { path: '/', getHref: () => '/' },

  auth: {
    login: { path: '/login', getHref: withRedirect('/login') },
    register: { path: '/register', getHref: withRedirect('/register') },
  },

  catalogue: {
    list: { path: '/catalogue', getHref: () => '/catalogue' },
    entry: { path: '/catalogue/:id', getHref: withId('/catalogue') },
  },

  oauthClients: {
    list: { path: '/oauth-clients', getHref: () => '/oauth-clients' },
    new: { path: '/oauth-clients/new', getHref: () => '/oauth-clients/new' },
    detail: { path: '/oauth-clients/:id', getHref: withId('/oauth-clients') },
  },

  account: { path: '/account', getHref: () => '/account' },

  /** The authorization server sends the end user here with its query string; keep it intact. */
  consent: {
    path: '/consent',
    getHref: (search?: string | URLSearchParams) => {
      const query = search === undefined ? '' : String(search).replace(/^\?/, '');
      return query ? `/consent?${query}` : '/consent';
    },
  },

  dashboard: {
    root: { path: '/dashboard', getHref: () => '/dashboard' },
    apis: { path: '/dashboard/apis', getHref: () => '/dashboard/apis' },
    apiNew: { path: '/dashboard/apis/new', getHref: () => '/dashboard/apis/new' },
    api: { path: '/dashboard/apis/:id', getHref: withId('/dashboard/apis') },
    apiEdit: {
      path: '/dashboard/apis/:id/edit',
      getHref: (id: string) => `${withId('/dashboard/apis')(id)}/edit`,
    },
    policies: { path: '/dashboard/policies', getHref: () => '/dashboard/policies' },
    policyNew: { path: '/dashboard/policies/new', getHref: () => '/dashboard/policies/new' },
    policy: { path: '/dashboard/policies/:id', getHref: withId('/dashboard/policies') },
    catalogue: { path: '/dashboard/catalogue', getHref: () => '/dashboard/catalogue' },
    catalogueNew: { path: '/dashboard/catalogue/new', getHref: () => '/dashboard/catalogue/new' },
    catalogueEntry: { path: '/dashboard/catalogue/:id', getHref: withId('/dashboard/catalogue') },
    developers: { path: '/dashboard/developers', getHref: () => '/dashboard/developers' },
    developer: { path: '/dashboard/developers/:id', getHref: withId('/dashboard/developers') },
    approvals: { path: '/dashboard/approvals', getHref: () => '/dashboard/approvals' },
    audit: { path: '/dashboard/audit', getHref: () => '/dashboard/audit' },
  },
} as const;

const THIS_ORIGIN = 'http://portal.invalid';

/**
 * A redirect target taken from the URL is attacker-controlled: accept only paths on this
 * origin (`/x`), never `//host`, `/\host` or absolute URLs (open redirect, OWASP ASVS 5.1.5).
 * The target is read as a browser reads it, which drops tabs and line breaks anywhere and takes `\`
 * for `/`: `/<tab>/evil.example` is `//evil.example`. What comes back is the path as parsed.
 */
export function safeRedirect(target: string | null | undefined): string | null {
  if (!target?.startsWith('/')) return null;
  let url: URL;
  try {
    url = new URL(target, THIS_ORIGIN);
  } catch {
    return null;
  }
  // `/.//host` resolves to the path `//host`, which a browser would take for another site.
  if (url.origin !== THIS_ORIGIN || url.pathname.startsWith('//')) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
