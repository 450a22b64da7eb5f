import type { Role } from '@crosslane/contracts';
import { accounts } from './accounts';
import { agreements } from './agreements';
import { auditEvents } from './audit-events';
import { accessRequests } from './access-requests';
import { campaigns } from './campaigns';
import { decisions, nextCampaign } from './decisions';
import { complianceReport } from './compliance-report';
import { erasures } from './erasures';
import { exports } from './exports';
import { funnels } from './funnels';
import { imports } from './imports';
import { interestTopics } from './interest-topics';
import { items } from './items';
import { jobs } from './jobs';
import { members } from './members';
import { memberExplorer } from './member-explorer';
import { models } from './models';
import { partners } from './partners';
import { profiles } from './profiles';
import { retention } from './retention';
import { segments } from './segments';
import type { ResourceModule } from './types';
import { voice } from './voice';

/**
 * Every resource of the dashboard. Adding one is a folder under resources/, a
 * line here and its name in a section of layout/menu-groups.ts (which orders
 * the menu); its `roles` decide who gets the route and the menu entry.
 */
export const RESOURCES: Readonly<Record<string, ResourceModule>> = {
  jobs,
  partners,
  agreements,
  exports,
  items,
  members,
  'member-explorer': memberExplorer,
  // The path is the API's: ra-data-simple-rest calls /api/recommender/models.
  'recommender/models': models,
  imports,
  segments,
  profiles,
  funnels,
  retention,
  'interest-topics': interestTopics,
  voice,
  campaigns,
  decisions,
  'next-campaign': nextCampaign,
  accounts,
  'audit-events': auditEvents,
  // The paths are the API's: ra-data-simple-rest calls /api/member-rights/erasures.
  'member-rights/erasures': erasures,
  'member-rights/access': accessRequests,
  'member-rights/compliance-report': complianceReport,
};

/** The resources a role may use; none while the role is unknown. */
export function resourcesFor(role: Role | undefined): [name: string, resource: ResourceModule][] {
  if (!role) return [];
  return Object.entries(RESOURCES).filter(([, r]) => r.roles.includes(role));
}

export type { ResourceModule } from './types';
