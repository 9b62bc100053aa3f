import type { LoginBody, RegisterBody, SessionResponse } from '@portico/contracts';
import { isPorticoApiError } from './errors.js';
import type { PorticoHttp } from './http.js';

/** `client.auth`: accounts and the browser session (`/api/auth/...`). */
export function authApi(http: PorticoHttp) {
  /** Every SessionResponse carries the CSRF token for this session; remember it for later mutations. */
  const remember = (session: SessionResponse): SessionResponse => {
    http.setCsrfToken(session.csrfToken);
    return session;
  };

  return {
    /** Creates a developer account and signs it in (201). */
    register: async (body: RegisterBody): Promise<SessionResponse> =>
      remember(await http.post<SessionResponse>('/api/auth/register', body)),

    /** Signs in with email and password; the server sets the session cookie. */
    login: async (body: LoginBody): Promise<SessionResponse> =>
      remember(await http.post<SessionResponse>('/api/auth/login', body)),

    /** Ends the session. Already being signed out (401) counts as success. */
    logout: async (): Promise<void> => {
      try {
        await http.post<void>('/api/auth/logout');
      } catch (error) {
        if (!(isPorticoApiError(error) && error.status === 401)) throw error;
      } finally {
        http.setCsrfToken(null);
      }
    },

    /** The signed-in user and a fresh CSRF token, or `null` when nobody is signed in (401). */
    me: async (): Promise<SessionResponse | null> => {
      try {
        return remember(await http.get<SessionResponse>('/api/auth/me'));
      } catch (error) {
        if (isPorticoApiError(error) && error.status === 401) {
          http.setCsrfToken(null);
          return null;
        }
        throw error;
      }
    },
  };
}

export type AuthApi = ReturnType<typeof authApi>;
