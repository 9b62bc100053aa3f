import type { AuthMode } from '@portico/contracts';

export const AUTH_MODE_LABELS: Record<AuthMode, string> = {
  oauth2: 'OAuth 2.0',
  auth_token: 'Auth token',
  keyless: 'Keyless',
};
