import { DAY_MS } from './activity-calendar';
import type { DemoItem } from './demo-world.types';
import { isCarCategory } from '@crosslane/domain-catalogue';
import type { SeededRandom } from '@crosslane/util-random';

/**
 * A past promotion inside the demo window: banners on the platform that
 * members click (CAMPAIGN_CLICK, source 'platform') and that lift conversion
 * on the promoted items while it runs. These are the history behind the
 * campaign clicks in the data; the campaigns a user creates in Crosslane are
 * separate records and start empty.
 */
export interface CampaignFlight {
  startMs: number;
  endMs: number;
  /** Indexes into the world's items. */
  itemIndexes: number[];
  /** The partner of a joint flight, or null for a platform-only promotion. */
  partnerSlug: string | null;
  /** Click chance per session of a member with no car interest... */
  baseClickRate: number;
  /** ...plus this much per unit of carInterest (joint flights target enthusiasts). */
  carClickRate: number;
}

export interface FlightInputs {
  windowStartMs: number;
  endMs: number;
  items: readonly DemoItem[];
  /** Parallel to items: the partner category a knowledge item leads to. */
  leadsTo: readonly (string | null)[];
  /** Slugs of partners with a live feed, in partner order. */
  activePartners: readonly string[];
}

/**
 * One joint flight per active partner, spread through the window (a co-branded
 * car course with two of the partner's products: a kit and a part or
 * service), and two platform-wide knowledge promotions. Positions are
 * fractions of the window, so any endDate gets the same rhythm.
 */
export function planCampaignFlights(rng: SeededRandom, inputs: FlightInputs): CampaignFlight[] {
  const { windowStartMs, endMs, items, leadsTo, activePartners } = inputs;
  const span = endMs - windowStartMs;
  const at = (fraction: number, days: number) => {
    const startMs = Math.floor(windowStartMs + fraction * span);
    return { startMs, endMs: Math.min(endMs, startMs + days * DAY_MS) };
  };
  const flights: CampaignFlight[] = [];
  const jointSlots = [0.2, 0.48, 0.76];
  const partners = rng.shuffled(activePartners);
  partners.forEach((slug, n) => {
    const own = indexesWhere(items, (item) => item.partnerSlug === slug);
    const ownCategories = new Set(own.map((i) => items[i].category));
    const kits = own.filter((i) => items[i].kind === 'kit');
    const others = own.filter((i) => items[i].kind !== 'kit');
    const carCourses = indexesWhere(items, (item) => item.kind === 'course' && isCarCategory(item.category));
    const linkedCourses = carCourses.filter((i) => ownCategories.has(leadsTo[i] ?? ''));
    const promoted = [
      rng.pick(linkedCourses.length > 0 ? linkedCourses : carCourses),
      ...(kits.length > 0 ? [rng.pick(kits)] : []),
      ...(others.length > 0 ? [rng.pick(others)] : []),
    ];
    flights.push({
      ...at(jointSlots[n % jointSlots.length] + 0.02 * Math.floor(n / jointSlots.length), rng.int(14, 21)),
      itemIndexes: promoted,
      partnerSlug: slug,
      baseClickRate: 0.02,
      carClickRate: 0.25,
    });
  });
  const generalCourses = indexesWhere(
    items,
    (item) => item.domain === 'KNOWLEDGE' && item.kind !== 'column' && !isCarCategory(item.category),
  );
  for (const fraction of [0.05, 0.62]) {
    flights.push({
      ...at(fraction, rng.int(10, 14)),
      itemIndexes: rng.shuffled(generalCourses).slice(0, 4),
      partnerSlug: null,
      baseClickRate: 0.08,
      carClickRate: 0,
    });
  }
  return flights.sort((a, b) => a.startMs - b.startMs);
}

function indexesWhere(items: readonly DemoItem[], keep: (item: DemoItem) => boolean): number[] {
  const out: number[] = [];
  items.forEach((item, i) => {
    if (keep(item)) out.push(i);
  });
  return out;
}
