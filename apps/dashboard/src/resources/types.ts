import type { Role } from '@crosslane/contracts';
import type { ResourceProps } from 'react-admin';

/**
 * What each `resources/<name>/index.ts` exports: the props of its
 * `<Resource>` plus the roles that may use it. A role not listed gets neither
 * the route nor the menu entry (the API refuses it anyway).
 */
export interface ResourceModule extends Omit<ResourceProps, 'name' | 'options'> {
  options: { label: string };
  roles: readonly Role[];
}

export const ALL_ROLES: readonly Role[] = ['ADMIN', 'MANAGER', 'ANALYST'];
