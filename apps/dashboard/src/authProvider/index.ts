export { createAuthProvider, SESSION_EXPIRED } from './auth-provider';
export type { AuthProviderOptions, CrosslaneIdentity } from './auth-provider';
export { SessionStore, jwtExpiryMs, SESSION_ENDED_KEY, SESSION_KEY } from './session';
export type { Session } from './session';
