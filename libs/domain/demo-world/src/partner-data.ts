import { DAY_MS } from './activity-calendar';
import type { DemoWorld } from './demo-world.types';
import { SeededRandom } from '@crosslane/util-random';

export interface DemoReview {
  externalId: string;
  partnerSlug: string;
  /** Index into DemoWorld.items (one of the partner's), or null for a review of the shop itself. */
  itemIndex: number | null;
  /** Index into DemoWorld.members, or null when the reviewer is not a member. */
  memberIndex: number | null;
  rating: number;
  text: string;
  reviewedAt: Date;
}

export interface DemoMarketSignal {
  category: string;
  /** First day of the month, UTC. */
  period: Date;
  index: number;
  source: string;
}

/** A raw identifier as a partner or the platform would hold it: the loader hashes it and never stores it. */
export interface DemoContact {
  email: string | null;
  phone: string | null;
}

export interface DemoCustomerList {
  partnerSlug: string;
  customers: DemoContact[];
  /** How many of the customers are members (by construction): what matching should find. */
  members: number;
}

export interface DemoPartnerData {
  /** Parallel to DemoWorld.members: the e-mail/phone the platform knows, or nulls. */
  memberContacts: DemoContact[];
  reviews: DemoReview[];
  marketSignals: DemoMarketSignal[];
  customerLists: DemoCustomerList[];
}

const SIGNAL_CATEGORIES: readonly [string, number, number][] = [
  // category, base index, yearly amplitude (peaks in spring, the modding season)
  ['suspension', 62, 9],
  ['exhaust', 55, 7],
  ['wheels', 70, 12],
  ['lighting', 48, 5],
  ['body-kits', 40, 8],
  ['wraps', 52, 10],
  ['detailing', 58, 6],
  ['ev-conversion', 30, 4],
];
/**
 * Review texts by rating. The low ratings carry the causes a voice-of-the-
 * customer analysis should find (docs/voice-of-customer.md): fitment issues
 * and shipping delays appear only in 1- and 2-star reviews, in several
 * wordings, beside generic complaints; high ratings praise fit and quality.
 */
const REVIEW_TEXTS: Record<number, readonly string[]> = {
  1: [
    'Fitment issues: the brackets did not line up at all.',
    'Shipping delay of three weeks and no updates.',
    'Serious fitment issues on my car, had to send it back.',
    'Another shipping delay, the order sat in the warehouse.',
    'Arrived damaged, slow refund.',
  ],
  2: [
    'Fitment issues, needed a workshop to make it work.',
    'Long shipping delay, otherwise decent.',
    'Instructions were unclear and there were fitment issues.',
    'Shipping delay again, support never answered.',
  ],
  3: ['Does the job.', 'Fine for the price.', 'Average quality, nothing special.'],
  4: ['Good quality, easy install.', 'Noticeable difference on the track.', 'Solid build, happy with it.'],
  5: ['Excellent, fits perfectly.', 'Best upgrade I have made.', 'Great service at the workshop.', 'Fast delivery and great quality.'],
};

/**
 * A partner that joined the review platform late: it keeps only its first
 * SMALL_SAMPLE_KEEP reviews, so the voice-of-the-customer screen has a
 * partner whose sample it must call small (50 reviews or fewer).
 */
const FEW_REVIEWS_PARTNER = 'redline-bodyworks';
const SMALL_SAMPLE_KEEP = 45;

/** Days before the end of the window when the demo's falling item (each partner's first product) turns bad: a revision that no longer fits. */
const FALLING_ITEM_DAYS = 90;

/**
 * The partner-side data of the demo world, drawn from its own seeded
 * streams so the core world (generateDemoWorld) is unchanged: members'
 * contact details (about 70% have an e-mail, 50% a phone), each active
 * partner's reviews and customer list, and monthly market signals per
 * category. A partner's list draws 30-60% of its customers from members
 * (car-interested ones first) and the rest from people who are not members,
 * so matching by keyed hash finds that share. Raw identifiers exist only
 * here, in memory: the loader hashes them before anything is stored.
 * Example: generateDemoPartnerData(world, { seed: 1, endDate }).customerLists.every((l) => l.members / l.customers.length >= 0.3)
 */
export function generateDemoPartnerData(world: DemoWorld, options: { seed: number; endDate: Date; months?: number }): DemoPartnerData {
  const { seed, endDate, months = 9 } = options;
  const contactsRng = new SeededRandom(seed, 'partner-data:contacts');
  const memberContacts: DemoContact[] = world.members.map((m, i) => ({
    email: contactsRng.chance(0.7) ? `${m.memberKey.slice(2, 8)}.${i}@mail${contactsRng.int(1, 4)}.example.cn` : null,
    phone: contactsRng.chance(0.5)
      ? `+86 1${contactsRng.int(30, 89)} ${String(contactsRng.int(0, 9999)).padStart(4, '0')} ${String(i % 10000).padStart(4, '0')}`
      : null,
  }));

  const reviews: DemoReview[] = [];
  const customerLists: DemoCustomerList[] = [];
  const active = world.partners.filter((p) => p.status === 'ACTIVE');
  const byInterest = world.members
    .map((m, i) => [m.carInterest, i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .map(([, i]) => i);
  const endMs = endDate.getTime();
  for (const partner of active) {
    const rng = new SeededRandom(seed, `partner-data:${partner.slug}`);
    const items = world.items
      .map((item, i) => [item, i] as const)
      .filter(([item]) => item.partnerSlug === partner.slug)
      .map(([, i]) => i);
    const quality = rng.uniform(3.6, 4.5);
    const reviewCount = rng.int(40, 90);
    // The planted story draws from its own stream, so the customer lists below (drawn from rng) stay as they were.
    const storyRng = new SeededRandom(seed, `partner-data:${partner.slug}:review-story`);
    // Every review is drawn even when some are dropped, so the partner's later draws (its customer list) stay as they were.
    const keep = partner.slug === FEW_REVIEWS_PARTNER ? Math.min(reviewCount, SMALL_SAMPLE_KEEP) : reviewCount;
    for (let r = 0; r < reviewCount; r++) {
      let rating = Math.max(1, Math.min(5, Math.round(quality + rng.normal() * 0.9)));
      let itemIndex = items.length && rng.chance(0.85) ? rng.pick(items) : null;
      const memberIndex = rng.chance(0.5) ? rng.pick(byInterest.slice(0, Math.max(1, Math.ceil(byInterest.length / 3)))) : null;
      const textDraw = rng.next();
      const reviewedAt = new Date(endMs - Math.floor(rng.uniform(0, months * 30)) * DAY_MS - rng.int(0, DAY_MS - 1));
      // The falling item: a share of reviews are of the partner's first product, whose recent reviews are 1-2 stars.
      if (items.length && storyRng.chance(0.3)) {
        itemIndex = items[0];
        if (endMs - reviewedAt.getTime() < FALLING_ITEM_DAYS * DAY_MS) rating = storyRng.chance(0.5) ? 1 : 2;
      }
      const texts = REVIEW_TEXTS[rating];
      if (r >= keep) continue;
      reviews.push({
        externalId: `${partner.slug}:review-${String(r + 1).padStart(4, '0')}`,
        partnerSlug: partner.slug,
        itemIndex,
        memberIndex,
        rating,
        text: texts[Math.floor(textDraw * texts.length)],
        reviewedAt,
      });
    }
    // Members with contact details, car-interested first, then the rest: a partner's customers come mostly from the first.
    const withContact = byInterest.filter((i) => memberContacts[i].email || memberContacts[i].phone);
    const size = Math.max(10, Math.round(world.members.length * rng.uniform(0.08, 0.15)));
    const memberShare = rng.uniform(0.3, 0.6);
    const fromMembers = Math.min(withContact.length, Math.round(size * memberShare));
    const pool = withContact.slice(0, Math.max(fromMembers, Math.ceil(withContact.length * 0.4)));
    const chosen = rng.shuffled(pool).slice(0, fromMembers);
    const customers: DemoContact[] = chosen.map((i) => {
      const c = memberContacts[i];
      // The partner knows the e-mail when the platform does, else the phone (written its own way).
      return c.email
        ? { email: rng.chance(0.3) ? c.email.toUpperCase() : c.email, phone: null }
        : { email: null, phone: c.phone!.replace(/\s/g, '-') };
    });
    for (let k = customers.length; k < size; k++) {
      customers.push(
        rng.chance(0.6)
          ? { email: `${partner.slug.split('-')[0]}.customer${k}@garage.example.com`, phone: null }
          : { email: null, phone: `+86 199 ${String(rng.int(0, 9999)).padStart(4, '0')} ${String(k % 10000).padStart(4, '0')}` },
      );
    }
    customerLists.push({ partnerSlug: partner.slug, customers: rng.shuffled(customers), members: chosen.length });
  }

  const signalRng = new SeededRandom(seed, 'partner-data:signals');
  const marketSignals: DemoMarketSignal[] = [];
  const lastMonth = Date.UTC(endDate.getUTCFullYear(), endDate.getUTCMonth(), 1);
  for (const [category, base, amplitude] of SIGNAL_CATEGORIES) {
    for (let m = months - 1; m >= 0; m--) {
      const period = new Date(lastMonth);
      period.setUTCMonth(period.getUTCMonth() - m);
      const season = Math.cos(((period.getUTCMonth() - 3) / 12) * 2 * Math.PI);
      marketSignals.push({
        category,
        period,
        index: Math.round((base + amplitude * season + signalRng.normal() * 2) * 10) / 10,
        source: 'search-interest',
      });
    }
  }
  return { memberContacts, reviews, marketSignals, customerLists };
}
