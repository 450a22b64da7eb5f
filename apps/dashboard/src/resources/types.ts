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

/** The routes a resource has: the list always, the others when it offers them. */
export type ResourceScreens = Pick<ResourceProps, 'list' | 'show' | 'create' | 'edit'>;

export interface ResourceExtras {
  /** How a record is named in titles and references; none for pages that are not record types. */
  recordRepresentation?: ResourceProps['recordRepresentation'];
  /** Who may use it; every role unless said. */
  roles?: readonly Role[];
}

/** Builds a resource's module, so every index.ts states only its menu label, icon, screens and what differs from the defaults. */
export function defineResource(
  label: string,
  icon: ResourceProps['icon'],
  screens: ResourceScreens,
  { recordRepresentation, roles = ALL_ROLES }: ResourceExtras = {},
): ResourceModule {
  return { ...screens, icon, options: { label }, ...(recordRepresentation === undefined ? {} : { recordRepresentation }), roles };
}

/** A page, not a CRUD resource: only the list route, which renders `page`. */
export function definePage(label: string, icon: ResourceProps['icon'], page: ResourceProps['list'], roles: readonly Role[] = ALL_ROLES) {
  return defineResource(label, icon, { list: page }, { roles });
}
