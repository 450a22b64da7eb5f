import { DAY_MS, MAX_CAR_BOOST, type ActivityCalendar } from './activity-calendar';
import type { CampaignFlight } from './campaign-flights';
import type { DemoInteraction, DemoItem, DemoMember, DemoPartner, InteractionSource, InteractionType } from './demo-world.types';
import { INTERACTION_WEIGHTS, KNOWLEDGE_CATEGORIES } from '@crosslane/domain-catalogue';
import type { MemberTraits } from './members';
import { CAR_INTEREST_THRESHOLD } from './members';
import { SeededRandom } from '@crosslane/util-random';
import { WeightedPicker, zipfWeights } from './weighted-picker';

export interface InteractionInputs {
  seed: number;
  calendar: ActivityCalendar;
  items: readonly DemoItem[];
  /** Parallel to items: the partner category a knowledge item leads to, else null. */
  leadsTo: readonly (string | null)[];
  partners: readonly DemoPartner[];
  members: readonly DemoMember[];
  traits: readonly MemberTraits[];
  flights: readonly CampaignFlight[];
}

// Type codes index TYPES; kept numeric so the hot loop pushes numbers, not strings.
const TYPES: readonly InteractionType[] = ['VIEW', 'FAVOURITE', 'ENROL', 'PURCHASE', 'RATING', 'CAMPAIGN_CLICK'];
const VIEW = 0;
const FAVOURITE = 1;
const ENROL = 2;
const PURCHASE = 3;
const RATING = 4;
const CAMPAIGN_CLICK = 5;

// Per member-item state bits: each is done at most once.
const DID_FAVOURITE = 1;
const DID_ENROL = 2;
const DID_PURCHASE = 4;
const DID_RATE = 8;

/** A member never has more sessions than this in the window, however heavy the tail. */
const MAX_SESSIONS = 900;

/**
 * Funnel rates per view for a member whose favourite category it is, at
 * spend 1 and a typical price. They put VIEW far ahead, FAVOURITE next, and
 * ENROL and PURCHASE at a few per hundred views, as content platforms report.
 */
const FAVOURITE_RATE = 0.07;
const CONVERSION_RATE: Record<string, number> = {
  course: 0.05,
  column: 0.035,
  audiobook: 0.035,
  book: 0.03,
  kit: 0.03,
  part: 0.03,
  service: 0.03,
};
/** Price at which the price factor is 1, per kind: cheaper converts more, dearer less. */
const TYPICAL_PRICE: Record<string, number> = {
  course: 249,
  column: 199,
  audiobook: 59,
  book: 39.9,
  kit: 2000,
  part: 2000,
  service: 2000,
};
/** After a car course, a member's per-view chance to buy a partner item is multiplied by this. */
const COURSE_TO_KIT_LIFT = 2.6;
/**
 * The planted journey story (docs/journeys.md): a member who consented to
 * partner sharing and enrols in a car course goes, within a few days, to the
 * store that sells the kit the course leads to and looks at it (this rate),
 * but few then buy it (KIT_CHECKOUT_RATE): the funnel enrol -> view kit ->
 * buy kit shows its biggest drop at the purchase. Drawn from a stream of its
 * own per member, so every other event of the world stays as it was.
 */
export const KIT_FOLLOW_UP_RATE = 0.6;
export const KIT_CHECKOUT_RATE = 0.07;
/**
 * Share of platform views taken from the bestseller shelf; the rest come from
 * the session's category. Kept small: members of a paid-knowledge platform
 * come for their subjects, and the home shelf is a side door.
 */
const BESTSELLER_SHARE = 0.02;
/**
 * Session weight of a category that is not among a member's favourites
 * (favourites weigh 1, 0.65 and 0.45): members pay for their own subjects
 * and rarely wander, which is what makes personal recommendations worth
 * more than a bestseller list on such platforms.
 */
const EXPLORATION_WEIGHT = 0.01;
/** Conversion multiplier on an item reached from a campaign click. */
const CAMPAIGN_LIFT = 2;

interface ItemTables {
  category: Int16Array;
  car: Uint8Array;
  partner: Int16Array;
  quality: Float64Array;
  priceFactor: Float64Array;
  conversion: Float64Array;
  byCategory: WeightedPicker[];
  bestsellers: WeightedPicker;
  feeds: PartnerFeed[];
  /** Partner item category -> feeds that sell it. */
  sellers: Map<string, PartnerFeed[]>;
  categoryIndex: Map<string, number>;
}

/** A partner with a live data feed: its events arrive with source 'partner:<slug>'. */
interface PartnerFeed {
  slug: string;
  sourceCode: number;
  categories: Set<string>;
  all: WeightedPicker;
  byCategory: Map<string, WeightedPicker>;
}

/** Plain parallel arrays: 200k events as numbers sort and convert much faster than as objects. */
interface EventLog {
  time: number[];
  member: number[];
  item: number[];
  type: number[];
  weight: number[];
  source: number[];
}

/**
 * Simulates the interactions of every member, session by session, and
 * returns them sorted by time with event ids in that order.
 *
 * A member's number of sessions is Poisson with mean (activity per 30 days x
 * the calendar's intensity over the span they are present), and each session
 * starts at an instant drawn from the calendar. A session is either on the
 * platform (pick a category by the member's tastes, view one to eight items
 * from its Zipf popularity table or the bestseller shelf, and run the funnel
 * on each) or, for a member who consented to partner sharing, on a partner's
 * store, imported with source 'partner:<slug>'. A running campaign may first
 * draw a click. Members are simulated in their own PRNG streams, so one
 * member's history does not depend on how many others there are.
 *
 * The causal structure later features should find:
 * - enthusiasts spend most sessions on car topics, the rest rarely;
 * - after enrolling in a car course a member visits partner stores more,
 *   heads for the category the course leads to, and buys there
 *   COURSE_TO_KIT_LIFT times as often per view;
 * - conversion follows taste (favourite categories), spend, price, the
 *   shopping festivals and campaign clicks; stars follow item quality and taste.
 */
export function simulateInteractions(inputs: InteractionInputs): DemoInteraction[] {
  const { seed, calendar, items, leadsTo, partners, members, traits, flights } = inputs;
  const tables = buildItemTables(seed, items, partners);
  const log: EventLog = { time: [], member: [], item: [], type: [], weight: [], source: [] };
  const sources: InteractionSource[] = ['platform', ...partners.map((p) => `partner:${p.slug}` as const)];

  const categoryLeads = KNOWLEDGE_CATEGORIES.map(
    (c) => new Set(c.topics.map((topic) => topic.leadsTo).filter((x): x is string => x !== undefined)),
  );
  const carCategory = KNOWLEDGE_CATEGORIES.map((c) => c.car);
  const scratch = new Float64Array(KNOWLEDGE_CATEGORIES.length);

  for (let m = 0; m < members.length; m += 1) {
    const member = members[m];
    const trait = traits[m];
    const rng = new SeededRandom(seed, `interactions/${member.memberKey}`);
    const fromMs = Math.max(calendar.startMs, member.joinedAt.getTime());
    const limitMs = Math.min(calendar.endMs, trait.churnAtMs ?? calendar.endMs);
    if (fromMs >= limitMs) continue;

    const ci = member.carInterest;
    // Auto-show weeks draw enthusiasts back more often: sample at the peak rate and thin
    // (Lewis and Shedler, 1979), keeping a session with probability boost(t) / peak.
    const peak = 1 + (MAX_CAR_BOOST - 1) * ci;
    const lambda = (trait.activity * peak * calendar.mass(fromMs, limitMs)) / calendar.massPer30Days;
    const candidates = Math.min(MAX_SESSIONS, rng.poisson(lambda));
    const kept: number[] = [];
    for (let s = 0; s < candidates; s += 1) {
      const t = calendar.sample(rng, fromMs, limitMs);
      if (rng.next() * peak < 1 + (calendar.carBoost(t) - 1) * ci) kept.push(t);
    }
    if (kept.length === 0) continue;
    const starts = Float64Array.from(kept).sort();
    const sessions = starts.length;

    const enthusiast = ci >= CAR_INTEREST_THRESHOLD;
    const shares = member.consentPartnerSharing;

    // Category tastes: favourites strong, car topics scaled by car interest, the rest a little exploration.
    const base = new Float64Array(KNOWLEDGE_CATEGORIES.length);
    const liked = new Uint8Array(KNOWLEDGE_CATEGORIES.length);
    KNOWLEDGE_CATEGORIES.forEach((c, k) => {
      const rank = trait.favourites.indexOf(c.slug);
      if (c.car) {
        const fav = trait.carFavourites.includes(c.slug);
        base[k] = fav ? 1.1 * ci : 0.12 * ci * ci + 0.004;
        liked[k] = fav ? 1 : 0;
      } else {
        base[k] = rank >= 0 ? [1, 0.65, 0.45][rank] : EXPLORATION_WEIGHT;
        liked[k] = rank >= 0 ? 1 : 0;
      }
    });
    // Which partner store a member drifts to follows their car topics.
    const affinity = tables.feeds.map((feed) => {
      let a = 0.4;
      trait.carFavourites.forEach((slug) => {
        const k = tables.categoryIndex.get(slug) ?? -1;
        if (k >= 0) categoryLeads[k].forEach((cat) => (a += feed.categories.has(cat) ? 1 : 0));
      });
      return a;
    });

    const state = new Map<number, number>();
    let planted: SeededRandom | undefined;
    const leadCategories: string[] = [];
    let tookCarCourse = false;

    const emit = (time: number, item: number, type: number, weight: number, source: number): boolean => {
      if (time > limitMs) return false;
      log.time.push(time);
      log.member.push(m);
      log.item.push(item);
      log.type.push(type);
      log.weight.push(weight);
      log.source.push(source);
      return true;
    };
    const seconds = (lo: number, hi: number) => rng.int(lo, hi) * 1000;

    const feedSource = (item: number) => 1 + tables.partner[item];
    const maybeRate = (item: number, time: number, chance: number, fit: boolean) => {
      const flags = state.get(item) ?? 0;
      if (flags & DID_RATE || !rng.chance(chance)) return;
      const when = time + Math.floor(rng.uniform(0.5, 30) * DAY_MS);
      // Ratings are J-shaped on most platforms: mostly 4-5, a bump of angry 1s, few 2s.
      const score = 3.7 + 1.2 * (tables.quality[item] - 0.5) + (fit ? 0.35 : -0.15) + 0.9 * rng.normal();
      const stars = rng.chance(0.04) ? 1 : Math.min(5, Math.max(1, Math.round(score)));
      const source = tables.partner[item] >= 0 ? feedSource(item) : 0;
      if (emit(when, item, RATING, stars, source)) state.set(item, flags | DID_RATE);
    };

    /** The planted story: a look at the lead category's kit a few days after a car course, rarely bought. */
    const followUpKit = (lead: string, enrolledAt: number) => {
      planted ??= new SeededRandom(seed, `kit-follow-up/${member.memberKey}`);
      if (!planted.chance(KIT_FOLLOW_UP_RATE)) return;
      const sellers = tables.sellers.get(lead);
      const picker = sellers ? planted.pick(sellers).byCategory.get(lead) : undefined;
      if (!picker) return;
      let kit = -1;
      for (let tries = 0; tries < 6 && kit < 0; tries += 1) {
        const candidate = picker.pick(planted);
        if (items[candidate].kind === 'kit') kit = candidate;
      }
      if (kit < 0) return;
      const at = enrolledAt + Math.floor(planted.uniform(0.5, 6) * DAY_MS);
      if (!emit(at, kit, VIEW, INTERACTION_WEIGHTS.VIEW, feedSource(kit))) return;
      // A member buys an item once: the flag keeps the store sessions from buying this kit again (and this from buying one they bought).
      const flags = state.get(kit) ?? 0;
      if (planted.chance(KIT_CHECKOUT_RATE) && !(flags & DID_PURCHASE)) {
        if (emit(at + planted.int(60, 1200) * 1000, kit, PURCHASE, INTERACTION_WEIGHTS.PURCHASE, feedSource(kit)))
          state.set(kit, flags | DID_PURCHASE);
      }
    };

    /** View a knowledge item and run its funnel; returns the session clock after. */
    const engageKnowledge = (item: number, start: number, lift: number): number => {
      let clock = start;
      if (!emit(clock, item, VIEW, INTERACTION_WEIGHTS.VIEW, 0)) return clock;
      const k = tables.category[item];
      const fit = liked[k] === 1;
      let flags = state.get(item) ?? 0;
      if (!(flags & DID_FAVOURITE) && rng.chance(FAVOURITE_RATE * (fit ? 1 : 0.45))) {
        clock += seconds(3, 60);
        if (emit(clock, item, FAVOURITE, INTERACTION_WEIGHTS.FAVOURITE, 0)) flags |= DID_FAVOURITE;
      }
      const kind = items[item].kind;
      const p = tables.conversion[item] * (fit ? 1 : 0.45) * trait.spend * tables.priceFactor[item] * calendar.purchaseBoost(clock) * lift;
      if (kind === 'course' || kind === 'column') {
        if (!(flags & DID_ENROL) && rng.chance(p)) {
          clock += seconds(20, 300);
          if (emit(clock, item, ENROL, INTERACTION_WEIGHTS.ENROL, 0)) {
            flags |= DID_ENROL;
            if (tables.car[item] && kind === 'course') {
              tookCarCourse = true;
              const lead = leadsTo[item];
              if (lead && !leadCategories.includes(lead)) leadCategories.push(lead);
              if (lead && shares) followUpKit(lead, clock);
            }
            if (rng.chance(kind === 'course' ? 0.45 : 0.55)) {
              clock += seconds(30, 900);
              if (emit(clock, item, PURCHASE, INTERACTION_WEIGHTS.PURCHASE, 0)) flags |= DID_PURCHASE;
            }
          }
        } else if (flags & DID_ENROL && !(flags & DID_PURCHASE) && rng.chance(0.08 * lift)) {
          // Coming back to a course already on trial: some convert now.
          clock += seconds(30, 600);
          if (emit(clock, item, PURCHASE, INTERACTION_WEIGHTS.PURCHASE, 0)) flags |= DID_PURCHASE;
        }
      } else if (!(flags & DID_PURCHASE) && rng.chance(p)) {
        clock += seconds(20, 300);
        if (emit(clock, item, PURCHASE, INTERACTION_WEIGHTS.PURCHASE, 0)) flags |= DID_PURCHASE;
      }
      state.set(item, flags);
      if (flags & DID_PURCHASE) maybeRate(item, clock, 0.3, fit);
      else if (flags & DID_ENROL) maybeRate(item, clock, 0.08, fit);
      return clock;
    };

    /** View a partner item in the partner's store and run its funnel. */
    const engagePartner = (item: number, start: number, lift: number): number => {
      let clock = start;
      const source = feedSource(item);
      if (!emit(clock, item, VIEW, INTERACTION_WEIGHTS.VIEW, source)) return clock;
      let flags = state.get(item) ?? 0;
      if (!(flags & DID_FAVOURITE) && rng.chance(0.06)) {
        clock += seconds(3, 60);
        if (emit(clock, item, FAVOURITE, INTERACTION_WEIGHTS.FAVOURITE, source)) flags |= DID_FAVOURITE;
      }
      const p =
        tables.conversion[item] *
        trait.spend *
        tables.priceFactor[item] *
        calendar.purchaseBoost(clock) *
        lift *
        (tookCarCourse ? COURSE_TO_KIT_LIFT : 1) *
        (enthusiast ? 1 : 0.4);
      if (!(flags & DID_PURCHASE) && rng.chance(p)) {
        clock += seconds(60, 1200);
        if (emit(clock, item, PURCHASE, INTERACTION_WEIGHTS.PURCHASE, source)) flags |= DID_PURCHASE;
      }
      state.set(item, flags);
      if (flags & DID_PURCHASE) maybeRate(item, clock, 0.3, enthusiast);
      return clock;
    };

    for (let s = 0; s < sessions; s += 1) {
      let clock = starts[s];

      for (const flight of flights) {
        if (clock < flight.startMs || clock >= flight.endMs) continue;
        if (!rng.chance(flight.baseClickRate + flight.carClickRate * ci)) continue;
        const item = rng.pick(flight.itemIndexes);
        emit(clock, item, CAMPAIGN_CLICK, INTERACTION_WEIGHTS.CAMPAIGN_CLICK, 0);
        clock += seconds(2, 20);
        if (tables.partner[item] < 0) clock = engageKnowledge(item, clock, CAMPAIGN_LIFT);
        else if (shares) clock = engagePartner(item, clock, CAMPAIGN_LIFT); // the store visit reaches us only with consent
        clock += seconds(15, 120);
        break;
      }

      const partnerChance = (0.004 + 0.35 * ci * ci) * calendar.carBoost(clock) * (tookCarCourse ? 1.6 : 1);
      if (shares && tables.feeds.length > 0 && rng.chance(partnerChance)) {
        let picker: WeightedPicker | undefined;
        if (leadCategories.length > 0 && rng.chance(0.55)) {
          const lead = rng.pick(leadCategories);
          const sellers = tables.sellers.get(lead);
          if (sellers) picker = rng.pick(sellers).byCategory.get(lead);
        }
        picker ??= tables.feeds[rng.weightedIndex(affinity)].all;
        const views = 1 + Math.min(4, rng.geometric(0.5));
        for (let v = 0; v < views; v += 1) {
          clock = engagePartner(picker.pick(rng), clock, 1) + seconds(20, 300);
        }
        continue;
      }

      // Auto-show coverage pulls everyone a little towards car topics, enthusiasts most.
      const boost = calendar.carBoost(clock);
      for (let k = 0; k < scratch.length; k += 1) {
        scratch[k] = carCategory[k] ? base[k] * boost + (boost - 1) * 0.02 : base[k];
      }
      const category = rng.weightedIndex(scratch);
      const views = 1 + Math.min(7, rng.geometric(0.42));
      let previous = -1;
      for (let v = 0; v < views; v += 1) {
        let item = rng.chance(BESTSELLER_SHARE) ? tables.bestsellers.pick(rng) : tables.byCategory[category].pick(rng);
        if (item === previous) item = tables.byCategory[category].pick(rng);
        previous = item;
        clock = engageKnowledge(item, clock, 1) + seconds(15, 240);
      }
    }
  }

  return toInteractions(log, sources);
}

/**
 * Per-item facts the hot loop reads by index, and the popularity tables.
 * Popularity ranks are a seeded shuffle inside each category: Zipf 0.8 for
 * knowledge (a few hits and a long tail per category), 0.9 per partner store; the
 * bestseller shelf squares the knowledge weights so that it shows category
 * leaders to everyone.
 */
function buildItemTables(seed: number, items: readonly DemoItem[], partners: readonly DemoPartner[]): ItemTables {
  const rng = new SeededRandom(seed, 'item-popularity');
  const n = items.length;
  const categoryIndex = new Map(KNOWLEDGE_CATEGORIES.map((c, k) => [c.slug, k]));
  const partnerIndex = new Map(partners.map((p, k) => [p.slug, k]));
  const category = new Int16Array(n).fill(-1);
  const car = new Uint8Array(n);
  const partner = new Int16Array(n).fill(-1);
  const quality = new Float64Array(n);
  const priceFactor = new Float64Array(n);
  const conversion = new Float64Array(n);
  items.forEach((item, i) => {
    if (item.domain === 'KNOWLEDGE') {
      const k = categoryIndex.get(item.category);
      if (k === undefined) throw new Error(`simulateInteractions requires a known category, got '${item.category}' on ${item.externalKey}`);
      category[i] = k;
      car[i] = KNOWLEDGE_CATEGORIES[k].car ? 1 : 0;
    } else {
      partner[i] = partnerIndex.get(item.partnerSlug ?? '') ?? -1;
    }
    quality[i] = rng.next();
    const typical = TYPICAL_PRICE[item.kind] ?? item.price;
    priceFactor[i] = Math.min(2, Math.max(0.35, (typical / item.price) ** 0.35));
    conversion[i] = CONVERSION_RATE[item.kind] ?? 0.03;
  });

  const kindAppeal: Record<string, number> = { course: 1.2, column: 1.1, audiobook: 1, book: 0.8 };
  const popularity = new Float64Array(n);
  const byCategory = KNOWLEDGE_CATEGORIES.map((_, k) => {
    const members = rng.shuffled(indexes(n, (i) => category[i] === k));
    const zipf = zipfWeights(members.length, 0.8);
    const weights = members.map((i, r) => zipf[r] * (kindAppeal[items[i].kind] ?? 1));
    members.forEach((i, r) => (popularity[i] = weights[r]));
    return new WeightedPicker(members, weights);
  });
  const knowledge = indexes(n, (i) => category[i] >= 0);
  // The shelf is cut for the general audience: car titles appear, but below their share of the catalogue.
  const shelfAppeal = KNOWLEDGE_CATEGORIES.map((c) => (c.car ? 0.35 : c.appeal));
  const bestsellers = new WeightedPicker(
    knowledge,
    knowledge.map((i) => popularity[i] ** 2 * shelfAppeal[category[i]]),
  );

  const feeds: PartnerFeed[] = [];
  partners.forEach((p, k) => {
    if (p.status !== 'ACTIVE') return; // a prospect has no agreement, hence no feed
    const own = rng.shuffled(indexes(n, (i) => partner[i] === k));
    if (own.length === 0) return;
    const zipf = zipfWeights(own.length, 0.9);
    const weightOf = new Map(own.map((i, r) => [i, zipf[r]]));
    const categories = new Set(own.map((i) => items[i].category));
    const byCat = new Map<string, WeightedPicker>();
    categories.forEach((cat) => {
      const inCat = own.filter((i) => items[i].category === cat);
      byCat.set(
        cat,
        new WeightedPicker(
          inCat,
          inCat.map((i) => weightOf.get(i) ?? 0),
        ),
      );
    });
    feeds.push({
      slug: p.slug,
      sourceCode: 1 + k,
      categories,
      all: new WeightedPicker(
        own,
        own.map((i) => weightOf.get(i) ?? 0),
      ),
      byCategory: byCat,
    });
  });
  const sellers = new Map<string, PartnerFeed[]>();
  feeds.forEach((feed) => feed.categories.forEach((cat) => sellers.set(cat, [...(sellers.get(cat) ?? []), feed])));

  return { category, car, partner, quality, priceFactor, conversion, byCategory, bestsellers, feeds, sellers, categoryIndex };
}

function indexes(n: number, keep: (i: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i += 1) if (keep(i)) out.push(i);
  return out;
}

function toInteractions(log: EventLog, sources: readonly InteractionSource[]): DemoInteraction[] {
  const n = log.time.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) order[i] = i;
  const time = Float64Array.from(log.time);
  // Ties keep generation order, so the sort is deterministic whatever the engine's algorithm.
  order.sort((a, b) => time[a] - time[b] || a - b);
  const width = Math.max(7, String(n).length);
  const out: DemoInteraction[] = new Array(n);
  for (let r = 0; r < n; r += 1) {
    const i = order[r];
    out[r] = {
      memberIndex: log.member[i],
      itemIndex: log.item[i],
      type: TYPES[log.type[i]],
      weight: log.weight[i],
      occurredAt: new Date(time[i]),
      source: sources[log.source[i]],
      eventId: `demo-${String(r + 1).padStart(width, '0')}`,
    };
  }
  return out;
}
