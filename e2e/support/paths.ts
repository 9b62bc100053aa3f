import type { paths as portal } from '../../apps/portal/src/config/paths.js';

/**
 * Portal paths the suite visits directly (links are followed by their names). A type-only import
 * ties each one to the portal's paths module, so `tsc` fails here if a route moves, while the
 * suite itself never loads portal code.
 */
export const paths = {
  home: '/' satisfies (typeof portal)['home']['path'],
  login: '/login' satisfies (typeof portal)['auth']['login']['path'],
  register: '/register' satisfies (typeof portal)['auth']['register']['path'],
  oauthClients: '/oauth-clients' satisfies (typeof portal)['oauthClients']['list']['path'],
  catalogue: '/catalogue' satisfies (typeof portal)['catalogue']['list']['path'],
  dashboard: '/dashboard' satisfies (typeof portal)['dashboard']['root']['path'],
  account: '/account' satisfies (typeof portal)['account']['path'],
};
