import type { AccountSummary, ApiErrorBody, LoginResponse, Role } from '@crosslane/contracts';
import type { AuthProvider, UserIdentity } from 'react-admin';
import { SessionStore } from './session';

export interface AuthProviderOptions {
  /** Base URL of the API, without a trailing slash. */
  apiUrl?: string;
  fetch?: typeof fetch;
  sessions?: SessionStore;
}

export interface CrosslaneIdentity extends UserIdentity {
  email: string;
  role: Role;
}

export const SESSION_EXPIRED = 'Your session has expired, please sign in again';

const statusOf = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : undefined;

async function readError(res: Response): Promise<Partial<ApiErrorBody>> {
  try {
    return (await res.json()) as Partial<ApiErrorBody>;
  } catch {
    return {};
  }
}

function loginErrorMessage(status: number, body: Partial<ApiErrorBody>): string {
  if (status === 401) return body.message || 'Wrong email or password';
  if (status === 429) return body.message || 'Too many sign-in attempts; wait a minute and try again';
  return body.message || `Sign-in failed (HTTP ${status})`;
}

const identityOf = (account: AccountSummary): CrosslaneIdentity => ({
  id: account.id,
  fullName: account.displayName || account.email,
  email: account.email,
  role: account.role,
});

/**
 * Bearer-token auth against `POST /api/auth/login`. The token and account
 * live in localStorage; the token's `exp` claim (or `expiresIn`, whichever is
 * sooner) decides when the dashboard stops using it.
 */
export function createAuthProvider({
  apiUrl = '/api',
  fetch: doFetch = (...args) => globalThis.fetch(...args),
  sessions = new SessionStore(),
}: AuthProviderOptions = {}): AuthProvider {
  return {
    async login({ username, password }: { username: string; password: string }) {
      let res: Response;
      try {
        res = await doFetch(`${apiUrl}/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ email: String(username ?? '').trim(), password }),
        });
      } catch {
        throw new Error('Cannot reach the server; check your connection and try again');
      }
      if (!res.ok) throw new Error(loginErrorMessage(res.status, await readError(res)));
      const body = (await res.json()) as LoginResponse;
      sessions.save(body.accessToken, body.expiresIn, body.account);
      sessions.forgetExpired();
    },

    async logout() {
      // Forgetting the token here is not enough: whoever copied it could go on using it until
      // it expires. The server ends the session; offline, or already ended, the token is forgotten anyway.
      const session = sessions.read();
      sessions.clear();
      if (!session || sessions.isExpired(session)) return;
      try {
        await doFetch(`${apiUrl}/auth/logout`, { method: 'POST', headers: { Authorization: `Bearer ${session.accessToken}` } });
      } catch {
        // Unreachable server: nothing more the browser can do.
      }
    },

    async checkAuth() {
      const session = sessions.read();
      if (!session) throw { message: false }; // first visit: straight to the login page, no toast
      if (sessions.isExpired(session)) {
        sessions.clear();
        sessions.markExpired();
        throw { message: SESSION_EXPIRED };
      }
    },

    async checkError(error: unknown) {
      const status = statusOf(error);
      // Rejecting makes react-admin call logout(), which clears the session.
      // react-admin does not notify once checkAuth fails, so the login page
      // says why instead (markExpired).
      if (status === 401) {
        sessions.markExpired();
        throw { message: SESSION_EXPIRED };
      }
      // 403 means the role is not allowed: the data provider already turned it
      // into "Your role cannot do this"; staying signed in is the point.
    },

    async getIdentity() {
      const session = sessions.current();
      if (!session) throw new Error('Not signed in');
      try {
        const res = await doFetch(`${apiUrl}/auth/me`, {
          headers: { Accept: 'application/json', Authorization: `Bearer ${session.accessToken}` },
        });
        if (res.ok) {
          const account = (await res.json()) as AccountSummary;
          sessions.updateAccount(account);
          return identityOf(account);
        }
      } catch {
        // Offline or API restarting: the stored account is good enough to show a name.
      }
      return identityOf(session.account);
    },

    async getPermissions(): Promise<Role | undefined> {
      return sessions.current()?.account.role;
    },
  };
}
