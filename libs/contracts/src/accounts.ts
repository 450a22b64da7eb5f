/** Roles, sign-in and accounts. */

export const ROLES = ['ADMIN', 'MANAGER', 'ANALYST'] as const;
export type Role = (typeof ROLES)[number];

export interface LoginRequest {
  email: string;
  password: string;
}

export interface AccountSummary {
  id: string;
  email: string;
  displayName: string | null;
  role: Role;
}

export interface LoginResponse {
  accessToken: string;
  /** Seconds until the token expires. */
  expiresIn: number;
  account: AccountSummary;
}

export interface AccountDto extends AccountSummary {
  active: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}
