import { buildActivityCalendar } from './activity-calendar';
import { planCampaignFlights } from './campaign-flights';
import type { DemoWorld, DemoWorldOptions } from './demo-world.types';
import { simulateInteractions } from './interactions';
import { generateKnowledgeCatalogue } from './knowledge-catalogue';
import { generateMembers } from './members';
import { generatePartnerCatalogues } from './partner-catalogues';
import { SeededRandom } from '@crosslane/util-random';

/** The seed `npm start` uses: the day the demo world was designed. */
export const DEFAULT_DEMO_SEED = 20261128;
export const DEFAULT_DEMO_MEMBERS = 4000;
export const DEFAULT_DEMO_MONTHS = 9;

/**
 * Generates the demo world that `npm start` loads into an empty database:
 * partners and their catalogues, the knowledge catalogue, members, and
 * `months` months of interactions ending at `endDate`.
 *
 * Pure and deterministic: no clock, no I/O, no Math.random. Each phase draws
 * from its own seeded stream (catalogues, members, campaigns, and one stream
 * per member for behaviour), so the catalogues do not change with `members`
 * or `endDate`, and the same seed and endDate give byte-identical output.
 *
 * Example: `generateDemoWorld({ endDate: new Date('2026-11-28T00:00:00Z') })`
 * gives 4 partners, 552 items, 4,000 members and about 200,000 interactions.
 */
export function generateDemoWorld(options: DemoWorldOptions): DemoWorld {
  const { seed = DEFAULT_DEMO_SEED, endDate, members = DEFAULT_DEMO_MEMBERS, months = DEFAULT_DEMO_MONTHS } = options;
  if (!(endDate instanceof Date) || Number.isNaN(endDate.getTime())) {
    throw new Error('generateDemoWorld requires endDate to be a valid Date');
  }
  if (!Number.isSafeInteger(seed)) throw new Error(`generateDemoWorld requires an integer seed, got ${seed}`);
  if (!Number.isInteger(members) || members < 1 || members > 1_000_000) {
    throw new Error(`generateDemoWorld requires members to be an integer from 1 to 1,000,000, got ${members}`);
  }
  if (!Number.isInteger(months) || months < 1 || months > 60) {
    throw new Error(`generateDemoWorld requires months to be an integer from 1 to 60, got ${months}`);
  }

  const endMs = endDate.getTime();
  const windowStartMs = demoWindowStart(endDate, months).getTime();

  const knowledge = generateKnowledgeCatalogue(new SeededRandom(seed, 'knowledge-catalogue'));
  const { partners, items: partnerItems } = generatePartnerCatalogues(new SeededRandom(seed, 'partner-catalogues'));
  const items = [...knowledge.items, ...partnerItems];
  const leadsTo = [...knowledge.leadsTo, ...partnerItems.map(() => null)];

  const generated = generateMembers(new SeededRandom(seed, 'members'), { count: members, windowStartMs, endMs });
  const calendar = buildActivityCalendar(windowStartMs, endMs);
  const flights = planCampaignFlights(new SeededRandom(seed, 'campaign-flights'), {
    windowStartMs,
    endMs,
    items,
    leadsTo,
    activePartners: partners.filter((p) => p.status === 'ACTIVE').map((p) => p.slug),
  });
  const interactions = simulateInteractions({
    seed,
    calendar,
    items,
    leadsTo,
    partners,
    members: generated.members,
    traits: generated.traits,
    flights,
  });
  return { partners, items, members: generated.members, interactions };
}

/**
 * The first instant of the interaction window: `months` calendar months
 * before endDate, in UTC; a day that does not exist in the target month
 * (31 August minus 6 months) falls back to that month's last day.
 *
 * Example: `demoWindowStart(new Date('2026-11-28T00:00:00Z'), 9)` is 2026-02-28T00:00:00Z.
 */
export function demoWindowStart(endDate: Date, months: number): Date {
  const year = endDate.getUTCFullYear();
  const month = endDate.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const start = new Date(endDate.getTime());
  start.setUTCFullYear(year, month, Math.min(endDate.getUTCDate(), lastDay));
  return start;
}
