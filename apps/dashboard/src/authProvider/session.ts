import type { AccountSummary } from '@crosslane/contracts';

/** What the dashboard keeps between page loads. */
export interface Session {
  accessToken: string;
  account: AccountSummary;
  /** Epoch milliseconds after which the token is not sent any more. */
  expiresAt: number;
}

export const SESSION_KEY = 'crosslane.session';
/** Set when the server or the clock ended a session, so the login page can say why. */
export const SESSION_ENDED_KEY = 'crosslane.session-ended';

/**
 * Reads the `exp` claim (seconds since the epoch) of a JWT without verifying
 * it: the server verifies; the client only needs to know when to stop trying.
 */
export function jwtExpiryMs(token: string): number | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(
      part
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(part.length / 4) * 4, '='),
    );
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

export class SessionStore {
  constructor(
    private readonly storage: Storage = globalThis.localStorage,
    private readonly now: () => number = Date.now,
  ) {}

  save(accessToken: string, expiresIn: number, account: AccountSummary): Session {
    const fromResponse = this.now() + expiresIn * 1000;
    const fromToken = jwtExpiryMs(accessToken);
    const session: Session = {
      accessToken,
      account,
      expiresAt: fromToken === null ? fromResponse : Math.min(fromToken, fromResponse),
    };
    this.storage.setItem(SESSION_KEY, JSON.stringify(session));
    return session;
  }

  /** The stored session, or null when there is none or it is malformed. Expired sessions are returned. */
  read(): Session | null {
    const raw = this.storage.getItem(SESSION_KEY);
    if (!raw) return null;
    try {
      const s = JSON.parse(raw) as Partial<Session>;
      if (typeof s.accessToken !== 'string' || typeof s.expiresAt !== 'number' || !s.account?.role) return null;
      return s as Session;
    } catch {
      return null;
    }
  }

  /** The session if its token has not expired. */
  current(): Session | null {
    const s = this.read();
    return s && s.expiresAt > this.now() ? s : null;
  }

  isExpired(s: Session): boolean {
    return s.expiresAt <= this.now();
  }

  updateAccount(account: AccountSummary): void {
    const s = this.read();
    if (s) this.storage.setItem(SESSION_KEY, JSON.stringify({ ...s, account }));
  }

  clear(): void {
    this.storage.removeItem(SESSION_KEY);
  }

  /** Remembers that the session ended by expiry, not by the user signing out. */
  markExpired(): void {
    this.storage.setItem(SESSION_ENDED_KEY, 'expired');
  }

  wasExpired(): boolean {
    return this.storage.getItem(SESSION_ENDED_KEY) === 'expired';
  }

  forgetExpired(): void {
    this.storage.removeItem(SESSION_ENDED_KEY);
  }
}
