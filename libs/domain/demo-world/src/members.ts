import { DAY_MS } from './activity-calendar';
import type { DemoMember } from './demo-world.types';
import { KNOWLEDGE_CATEGORIES } from '@crosslane/domain-catalogue';
import type { SeededRandom } from '@crosslane/util-random';

/**
 * The latent side of a member: what drives their behaviour in the simulation.
 * Only `carInterest` surfaces in DemoMember; the rest stays here, because a
 * real platform never sees it either and the features built on the demo
 * (profiles, segments, recommenders) should have to recover it from behaviour.
 */
export interface MemberTraits {
  /** Non-car knowledge categories the member favours, strongest first. */
  favourites: string[];
  /** Car knowledge categories the member favours; empty for most members without car interest. */
  carFavourites: string[];
  /** Expected sessions per 30 days of average intensity: log-normal, so a few members do most. */
  activity: number;
  /** Multiplier on the chance to buy: log-normal around 1. */
  spend: number;
  /** The instant after which the member is never active again, or null if still active at the end. */
  churnAtMs: number | null;
}

export interface GeneratedMembers {
  /** Sorted by joinedAt, so database ids follow the order members joined in. */
  members: DemoMember[];
  /** Parallel to members. */
  traits: MemberTraits[];
}

export interface MemberOptions {
  count: number;
  /** Start of the simulated interaction window (UTC ms). */
  windowStartMs: number;
  /** endDate (UTC ms). */
  endMs: number;
}

/** Members at or above this carInterest count as car-interested (about 22% of them). */
export const CAR_INTEREST_THRESHOLD = 0.5;

/** Share of members drawn as car-interested. */
const CAR_SHARE = 0.22;
/** How far back the platform's membership goes. */
const HISTORY_DAYS = 6 * 365;

/**
 * Tier-1 and new-tier-1 cities carry most members. The car-interested lean
 * towards the Guangdong and Chengdu-Chongqing modification scenes (the
 * second weight), a regional signal segments can find.
 */
const CITIES: readonly [string, number, number][] = [
  ['Shanghai', 10, 8],
  ['Beijing', 10, 8],
  ['Shenzhen', 8, 11],
  ['Guangzhou', 7, 11],
  ['Hangzhou', 6, 5],
  ['Chengdu', 6, 9],
  ['Chongqing', 5, 7],
  ['Wuhan', 4.5, 4],
  ['Nanjing', 4.5, 4],
  ["Xi'an", 4, 3.5],
  ['Suzhou', 4, 3.5],
  ['Tianjin', 3.5, 3],
  ['Changsha', 3, 3],
  ['Zhengzhou', 3, 2.5],
  ['Hefei', 2.5, 2],
  ['Qingdao', 2.5, 2],
  ['Ningbo', 2, 2],
  ['Xiamen', 2, 2],
  ['Kunming', 2, 1.5],
  ['Dalian', 2, 1.5],
  ['Shenyang', 2, 1.5],
  ['Jinan', 2, 1.5],
  ['Foshan', 2, 4],
  ['Dongguan', 2, 3.5],
];
const CITY_WEIGHTS = CITIES.map(([, w]) => w);
const CAR_CITY_WEIGHTS = CITIES.map(([, , w]) => w);

const NON_CAR_CATEGORIES = KNOWLEDGE_CATEGORIES.filter((c) => !c.car);
const NON_CAR_APPEAL = NON_CAR_CATEGORIES.map((c) => c.appeal);
const CAR_CATEGORIES = KNOWLEDGE_CATEGORIES.filter((c) => c.car);
/** Which car topics enthusiasts favour: modification first, detailing and photography niche. */
const CAR_APPEAL: Record<string, number> = {
  'car-modification': 3,
  'automotive-engineering': 2,
  motorsport: 1.5,
  'ev-technology': 1.5,
  'off-road': 1,
  'car-photography': 0.8,
  detailing: 0.8,
};
const CAR_FAVOURITE_WEIGHTS = CAR_CATEGORIES.map((c) => CAR_APPEAL[c.slug] ?? 1);
/** Casual interest in cars (non-enthusiasts) is mostly about EVs. */
const CASUAL_CAR_WEIGHTS = CAR_CATEGORIES.map((c) => (c.slug === 'ev-technology' ? 4 : 1));

/**
 * Draws the members and their latent traits.
 *
 * - carInterest: 22% of members are enthusiasts (0.6-1.0); the rest sit near
 *   zero (at most 0.3), and about a quarter of those have a casual car favourite.
 * - consent: personalisation 90%; sharing with partners about 55% overall,
 *   likelier for enthusiasts and rare for members who refused personalisation.
 * - joinedAt: over the past six years, denser recently (a growing platform);
 *   about a quarter join inside the interaction window.
 * - churn: some members stop being active inside the window, new ones sooner.
 *
 * Example: `generateMembers(rng, { count: 4000, ... }).members.length` is 4000.
 */
export function generateMembers(rng: SeededRandom, options: MemberOptions): GeneratedMembers {
  const { count, windowStartMs, endMs } = options;
  const keys = new Set<string>();
  const drawn: { member: DemoMember; traits: MemberTraits; order: number }[] = [];

  for (let i = 0; i < count; i += 1) {
    let memberKey = `m_${rng.hex(12)}`;
    while (keys.has(memberKey)) memberKey = `m_${rng.hex(12)}`;
    keys.add(memberKey);

    const enthusiast = rng.chance(CAR_SHARE);
    const carInterest = enthusiast ? 0.6 + 0.4 * rng.next() ** 0.8 : 0.3 * rng.next() ** 2.5;

    const consentPersonalisation = rng.chance(0.9);
    const shareRate = consentPersonalisation ? (enthusiast ? 0.66 : 0.57) : 0.15;
    const consentPartnerSharing = rng.chance(shareRate);

    const city = CITIES[rng.weightedIndex(enthusiast ? CAR_CITY_WEIGHTS : CITY_WEIGHTS)][0];

    const ageDays = HISTORY_DAYS * rng.next() ** 1.5;
    const joinedAtMs = Math.floor(endMs - ageDays * DAY_MS);

    const favouriteCount = enthusiast ? rng.weightedIndex([0.25, 0.5, 0.25]) : 1 + rng.weightedIndex([0.4, 0.4, 0.2]);
    const favourites = drawDistinct(rng, NON_CAR_APPEAL, favouriteCount).map((k) => NON_CAR_CATEGORIES[k].slug);
    let carFavourites: string[] = [];
    if (enthusiast) {
      carFavourites = drawDistinct(rng, CAR_FAVOURITE_WEIGHTS, rng.int(2, 4)).map((k) => CAR_CATEGORIES[k].slug);
    } else if (carInterest > 0.15) {
      carFavourites = [CAR_CATEGORIES[rng.weightedIndex(CASUAL_CAR_WEIGHTS)].slug];
    }

    const activity = Math.min(45, rng.logNormal(Math.log(1.3), 1.2));
    const spend = Math.min(5, rng.logNormal(0, 0.6));

    let churnAtMs: number | null = null;
    if (joinedAtMs < windowStartMs) {
      if (rng.chance(0.12)) churnAtMs = Math.floor(windowStartMs + rng.next() * (endMs - windowStartMs));
    } else if (rng.chance(0.25)) {
      // New members who drop off mostly do so within weeks.
      const stayMs = -Math.log(1 - rng.next()) * 30 * DAY_MS;
      if (joinedAtMs + stayMs < endMs) churnAtMs = Math.floor(joinedAtMs + stayMs);
    }

    drawn.push({
      member: {
        memberKey,
        consentPersonalisation,
        consentPartnerSharing,
        city,
        joinedAt: new Date(joinedAtMs),
        carInterest: Math.round(carInterest * 1000) / 1000,
      },
      traits: { favourites, carFavourites, activity, spend, churnAtMs },
      order: i,
    });
  }

  drawn.sort((a, b) => a.member.joinedAt.getTime() - b.member.joinedAt.getTime() || a.order - b.order);
  return { members: drawn.map((d) => d.member), traits: drawn.map((d) => d.traits) };
}

/** True when the member's latent car interest marks them as an enthusiast. */
export function isCarInterested(member: Pick<DemoMember, 'carInterest'>): boolean {
  return member.carInterest >= CAR_INTEREST_THRESHOLD;
}

/** `count` distinct indexes drawn by weight, without replacement, in draw order. */
function drawDistinct(rng: SeededRandom, weights: readonly number[], count: number): number[] {
  const remaining = weights.slice();
  const out: number[] = [];
  for (let n = 0; n < Math.min(count, weights.length); n += 1) {
    const k = rng.weightedIndex(remaining);
    out.push(k);
    remaining[k] = 0;
  }
  return out;
}
