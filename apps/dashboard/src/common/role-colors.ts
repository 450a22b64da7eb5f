import type { Role } from '@crosslane/contracts';
import type { ChipColor } from './StatusChip';

export const ROLE_COLORS: Record<Role, ChipColor> = {
  ADMIN: 'secondary',
  MANAGER: 'primary',
  ANALYST: 'info',
};

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: 'Admin',
  MANAGER: 'Manager',
  ANALYST: 'Analyst',
};
