import type { DemoWorld } from './demo-world.types';
import { isCarCategory } from '@crosslane/domain-catalogue';
import { isCarInterested } from './members';

export interface DemoWorldSummary {
  partners: { total: number; active: number; prospect: number };
  items: { total: number; byDomain: Record<string, number>; byKind: Record<string, number>; byPartner: Record<string, number> };
  members: { total: number; carInterested: number; consentPersonalisation: number; consentPartnerSharing: number };
  interactions: {
    total: number;
    byType: Record<string, number>;
    byDomain: Record<string, number>;
    bySource: Record<string, number>;
    /** Share of each group's interactions that touch car knowledge or partner items. */
    carShare: { carInterested: number; others: number };
    first: string | null;
    last: string | null;
  };
}

/**
 * Counts per table, type, domain and source: what the start script logs after
 * loading and what the documentation quotes, computed rather than typed in.
 *
 * Example: `summariseDemoWorld(world).items.byDomain` is { KNOWLEDGE: 336, PARTNER: 216 } for the defaults.
 */
export function summariseDemoWorld(world: DemoWorld): DemoWorldSummary {
  const count = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);
  const byDomain: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  const byPartner: Record<string, number> = {};
  for (const item of world.items) {
    count(byDomain, item.domain);
    count(byKind, item.kind);
    if (item.partnerSlug) count(byPartner, item.partnerSlug);
  }
  const carItem = world.items.map((item) => item.domain === 'PARTNER' || isCarCategory(item.category));
  const carMember = world.members.map(isCarInterested);
  const byType: Record<string, number> = {};
  const byInteractionDomain: Record<string, number> = {};
  const bySource: Record<string, number> = {};
  const car = { enthusiasts: 0, enthusiastTotal: 0, others: 0, otherTotal: 0 };
  for (const event of world.interactions) {
    count(byType, event.type);
    count(byInteractionDomain, world.items[event.itemIndex].domain);
    count(bySource, event.source);
    const touchesCar = carItem[event.itemIndex] ? 1 : 0;
    if (carMember[event.memberIndex]) {
      car.enthusiastTotal += 1;
      car.enthusiasts += touchesCar;
    } else {
      car.otherTotal += 1;
      car.others += touchesCar;
    }
  }
  const events = world.interactions;
  return {
    partners: {
      total: world.partners.length,
      active: world.partners.filter((p) => p.status === 'ACTIVE').length,
      prospect: world.partners.filter((p) => p.status === 'PROSPECT').length,
    },
    items: { total: world.items.length, byDomain, byKind, byPartner },
    members: {
      total: world.members.length,
      carInterested: carMember.filter(Boolean).length,
      consentPersonalisation: world.members.filter((m) => m.consentPersonalisation).length,
      consentPartnerSharing: world.members.filter((m) => m.consentPartnerSharing).length,
    },
    interactions: {
      total: events.length,
      byType,
      byDomain: byInteractionDomain,
      bySource,
      carShare: {
        carInterested: car.enthusiastTotal ? car.enthusiasts / car.enthusiastTotal : 0,
        others: car.otherTotal ? car.others / car.otherTotal : 0,
      },
      first: events.length ? events[0].occurredAt.toISOString() : null,
      last: events.length ? events[events.length - 1].occurredAt.toISOString() : null,
    },
  };
}
