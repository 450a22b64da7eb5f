import type { Role } from '@crosslane/contracts';
import { accounts } from './accounts';
import { auditEvents } from './audit-events';
import { items } from './items';
import { jobs } from './jobs';
import { members } from './members';
import { partners } from './partners';
import type { ResourceModule } from './types';

/**
 * Every resource of the dashboard, in menu order. Adding one is a folder under
 * resources/ and a line here; its `roles` decide who gets the route and the
 * menu entry.
 */
export const RESOURCES: Readonly<Record<string, ResourceModule>> = {
  jobs,
  partners,
  items,
  members,
  accounts,
  'audit-events': auditEvents,
};

/** The resources a role may use, in menu order; none while the role is unknown. */
export function resourcesFor(role: Role | undefined): [name: string, resource: ResourceModule][] {
  if (!role) return [];
  return Object.entries(RESOURCES).filter(([, r]) => r.roles.includes(role));
}

export type { ResourceModule } from './types';
