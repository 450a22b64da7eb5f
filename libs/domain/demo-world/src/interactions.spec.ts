import { beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from './activity-calendar';
import type { DemoInteraction, DemoWorld } from './demo-world.types';
import { generateDemoWorld } from './generate-demo-world';
import { INTERACTION_WEIGHTS } from '@crosslane/domain-catalogue';
import { isCarCategory } from '@crosslane/domain-catalogue';
import { isCarInterested } from './members';

// The behaviour a recommender, RFM, segments or an A/B analysis should be able
// to find in the demo world, asserted on the world `npm start` loads.
const endDate = new Date('2026-11-28T00:00:00Z');
const windowStartMs = Date.parse('2026-02-28T00:00:00Z');
let world: DemoWorld;
let events: DemoInteraction[];

beforeAll(() => {
  world = generateDemoWorld({ endDate });
  events = world.interactions;
});

const countBy = <K>(list: DemoInteraction[], key: (e: DemoInteraction) => K) => {
  const out = new Map<K, number>();
  list.forEach((e) => out.set(key(e), (out.get(key(e)) ?? 0) + 1));
  return out;
};
/** China Standard Time view of an instant, read with getUTC*. */
const beijing = (e: DemoInteraction) => new Date(e.occurredAt.getTime() + 8 * HOUR_MS);

describe('simulateInteractions (through generateDemoWorld)', () => {
  it('produces 150k-250k events, sorted by time, inside the window and after each member joined', () => {
    expect(events.length).toBeGreaterThan(150_000);
    expect(events.length).toBeLessThan(250_000);
    const unsorted = events.filter((e, i) => i > 0 && e.occurredAt < events[i - 1].occurredAt);
    const outside = events.filter((e) => {
      const t = e.occurredAt.getTime();
      return t < world.members[e.memberIndex].joinedAt.getTime() || t < windowStartMs || t > endDate.getTime();
    });
    expect(unsorted.map((e) => e.eventId)).toEqual([]);
    expect(outside.map((e) => e.eventId)).toEqual([]);
  });

  it('gives every event a unique id in time order', () => {
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    expect(events[0].eventId).toBe('demo-0000001');
    expect(events.filter((e) => !/^demo-\d{7}$/.test(e.eventId))).toEqual([]);
  });

  it('weighs each type as documented, ratings by their stars', () => {
    const wrong = events.filter((e) =>
      e.type === 'RATING' ? !(Number.isInteger(e.weight) && e.weight >= 1 && e.weight <= 5) : e.weight !== INTERACTION_WEIGHTS[e.type],
    );
    expect(wrong).toEqual([]);
    const stars = events.filter((e) => e.type === 'RATING').map((e) => e.weight);
    expect(stars.filter((s) => s >= 4).length / stars.length).toBeGreaterThan(0.6);
  });

  it('has a funnel: views most, then favourites, then enrolments and purchases, then ratings; few campaign clicks', () => {
    const byType = countBy(events, (e) => e.type);
    const n = (type: string) => byType.get(type as DemoInteraction['type']) ?? 0;
    expect(n('VIEW') / events.length).toBeGreaterThan(0.8);
    expect(n('FAVOURITE')).toBeGreaterThan(n('PURCHASE'));
    expect(n('FAVOURITE')).toBeGreaterThan(n('ENROL'));
    expect(n('RATING')).toBeLessThan(Math.min(n('PURCHASE'), n('ENROL')));
    expect(n('RATING')).toBeGreaterThan(0);
    expect(n('CAMPAIGN_CLICK') / events.length).toBeGreaterThan(0.002);
    expect(n('CAMPAIGN_CLICK') / events.length).toBeLessThan(0.03);
  });

  it('precedes every purchase by a view of the item, every rating by an enrolment or purchase, and buys once', () => {
    const seen = new Set<string>();
    const bought = new Set<string>();
    const converted = new Set<string>();
    const broken: string[] = [];
    for (const e of events) {
      const key = `${e.memberIndex}/${e.itemIndex}`;
      if (e.type === 'VIEW') seen.add(key);
      if (e.type === 'PURCHASE') {
        if (!seen.has(key) || bought.has(key)) broken.push(e.eventId);
        bought.add(key);
      }
      if (e.type === 'ENROL' || e.type === 'PURCHASE') converted.add(key);
      if (e.type === 'RATING' && !converted.has(key)) broken.push(e.eventId);
    }
    expect(broken).toEqual([]);
  });

  it('records partner-store events with the partner as source, for consenting members of active partners only', () => {
    const partnerBySlug = new Map(world.partners.map((p) => [p.slug, p]));
    const fromPartners = events.filter((e) => e.source !== 'platform');
    expect(fromPartners.length).toBeGreaterThan(5000);
    const wrong = fromPartners.filter((e) => {
      const slug = e.source.slice('partner:'.length);
      return (
        partnerBySlug.get(slug)?.status !== 'ACTIVE' ||
        world.items[e.itemIndex].partnerSlug !== slug ||
        !world.members[e.memberIndex].consentPartnerSharing
      );
    });
    expect(wrong).toEqual([]);
    expect(events.filter((e) => world.items[e.itemIndex].domain === 'KNOWLEDGE' && e.source !== 'platform')).toEqual([]);
    // The prospect has no agreement and so no feed: its catalogue is untouched.
    const prospect = world.partners.find((p) => p.status === 'PROSPECT')?.slug;
    expect(events.some((e) => world.items[e.itemIndex].partnerSlug === prospect)).toBe(false);
    // Campaign clicks happen on the platform, even on partner items.
    expect(events.filter((e) => e.type === 'CAMPAIGN_CLICK' && e.source !== 'platform')).toEqual([]);
  });

  it('gives car-interested members a far larger share of car and partner interactions than others', () => {
    const carItem = world.items.map((i) => i.domain === 'PARTNER' || isCarCategory(i.category));
    const totals = { car: [0, 0], other: [0, 0] };
    for (const e of events) {
      const group = isCarInterested(world.members[e.memberIndex]) ? totals.car : totals.other;
      group[0] += carItem[e.itemIndex] ? 1 : 0;
      group[1] += 1;
    }
    const enthusiasts = totals.car[0] / totals.car[1];
    const others = totals.other[0] / totals.other[1];
    expect(enthusiasts).toBeGreaterThan(0.6);
    expect(others).toBeLessThan(0.12);
    expect(enthusiasts / others).toBeGreaterThan(6);
  });

  it('lets some members without car interest touch partner items now and then', () => {
    const touched = new Set(
      events
        .filter((e) => world.items[e.itemIndex].domain === 'PARTNER' && !isCarInterested(world.members[e.memberIndex]))
        .map((e) => e.memberIndex),
    );
    const others = world.members.filter((m) => !isCarInterested(m)).length;
    expect(touched.size / others).toBeGreaterThan(0.03);
    expect(touched.size / others).toBeLessThan(0.3);
  });

  it('makes enthusiasts buy partner items about 2.5x as often per view after enrolling in a car course', () => {
    const firstCourse = new Map<number, number>();
    for (const e of events) {
      const item = world.items[e.itemIndex];
      if (e.type === 'ENROL' && item.kind === 'course' && isCarCategory(item.category) && !firstCourse.has(e.memberIndex)) {
        firstCourse.set(e.memberIndex, e.occurredAt.getTime());
      }
    }
    const after = { views: 0, purchases: 0 };
    const without = { views: 0, purchases: 0 };
    for (const e of events) {
      if (e.source === 'platform' || !isCarInterested(world.members[e.memberIndex])) continue;
      const course = firstCourse.get(e.memberIndex);
      const bucket = course !== undefined && e.occurredAt.getTime() > course ? after : without;
      if (e.type === 'VIEW') bucket.views += 1;
      if (e.type === 'PURCHASE') bucket.purchases += 1;
    }
    expect(after.purchases).toBeGreaterThan(100);
    expect(after.purchases / after.views / (without.purchases / without.views)).toBeGreaterThan(1.8);
  });

  // UCI Online Retail's top 10% of stock codes hold 45% of its rows; the demo world is as concentrated.
  it('is long-tailed: the top 10% of items hold over 40% of all interactions, four times their share', () => {
    const perItem = countBy(events, (e) => e.itemIndex);
    const counts = world.items.map((_, i) => perItem.get(i) ?? 0).sort((a, b) => b - a);
    const top = counts.slice(0, Math.ceil(counts.length / 10)).reduce((a, b) => a + b, 0);
    expect(top / events.length).toBeGreaterThan(0.4);
    // ...and yet most of the catalogue is reached: a tail, not a cliff.
    const knowledge = world.items.filter((i) => i.domain === 'KNOWLEDGE').length;
    expect(world.items.filter((i, k) => i.domain === 'KNOWLEDGE' && (perItem.get(k) ?? 0) >= 20).length).toBeGreaterThan(knowledge * 0.8);
  });

  it('has heavy-tailed member activity: the most active 10% produce over 40% of events', () => {
    const perMember = countBy(events, (e) => e.memberIndex);
    const counts = world.members.map((_, i) => perMember.get(i) ?? 0).sort((a, b) => b - a);
    const top = counts.slice(0, counts.length / 10).reduce((a, b) => a + b, 0);
    expect(top / events.length).toBeGreaterThan(0.4);
    const median = counts[counts.length / 2];
    expect(median).toBeGreaterThan(5);
    expect(median).toBeLessThan(events.length / counts.length);
    expect(counts.filter((c) => c === 0).length / counts.length).toBeLessThan(0.15);
  });

  it('is busier on weekends and in the Beijing evening', () => {
    const byWeekday = countBy(events, (e) => beijing(e).getUTCDay());
    const weekend = ((byWeekday.get(0) ?? 0) + (byWeekday.get(6) ?? 0)) / 2;
    const weekday = [1, 2, 3, 4, 5].reduce((a, d) => a + (byWeekday.get(d) ?? 0), 0) / 5;
    expect(weekend / weekday).toBeGreaterThan(1.15);
    const evening = events.filter((e) => beijing(e).getUTCHours() >= 19 && beijing(e).getUTCHours() < 23).length;
    expect(evening / events.length).toBeGreaterThan(0.3);
  });

  it('swells car topics in the April auto-show season against early summer', () => {
    const carShare = (month: string) => {
      const knowledge = events.filter(
        (e) => e.occurredAt.toISOString().startsWith(month) && world.items[e.itemIndex].domain === 'KNOWLEDGE',
      );
      return knowledge.filter((e) => isCarCategory(world.items[e.itemIndex].category)).length / knowledge.length;
    };
    expect(carShare('2026-04') / carShare('2026-06')).toBeGreaterThan(1.1);
  });

  it('grows: the last 90 days hold more events than the first 90', () => {
    const first = events.filter((e) => e.occurredAt.getTime() < windowStartMs + 90 * DAY_MS).length;
    const last = events.filter((e) => e.occurredAt.getTime() >= endDate.getTime() - 90 * DAY_MS).length;
    expect(last / first).toBeGreaterThan(1.1);
  });
});
