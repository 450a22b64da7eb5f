import { ROLES, type AccountDto, type Role } from '@crosslane/contracts';
import { ROLE_LABELS } from '../../common/role-colors';

export const ROLE_CHOICES = ROLES.map((id) => ({ id, name: ROLE_LABELS[id] }));

export interface AccountCreateBody {
  email: string;
  displayName: string | null;
  role: Role;
  password: string;
  active: boolean;
}

export interface AccountUpdateBody {
  displayName: string | null;
  role: Role;
  active: boolean;
  password?: string;
}

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** Only the fields the API accepts on create. */
export const toCreateBody = (v: Partial<AccountCreateBody>): AccountCreateBody => ({
  email: String(v.email ?? '').trim(),
  displayName: blankToNull(v.displayName),
  role: v.role ?? 'ANALYST',
  password: String(v.password ?? ''),
  active: v.active ?? true,
});

/** Only the editable fields; the password only when a new one was typed. */
export const toUpdateBody = (v: Partial<AccountDto & { password?: string }>): AccountUpdateBody => {
  const body: AccountUpdateBody = {
    displayName: blankToNull(v.displayName),
    role: v.role ?? 'ANALYST',
    active: v.active ?? true,
  };
  if (typeof v.password === 'string' && v.password !== '') body.password = v.password;
  return body;
};
