import type { InteractionType, KnowledgeKind } from '@crosslane/domain-catalogue';

// The catalogue's vocabulary, re-exported beside the shapes that use it.
export type { InteractionType, KnowledgeKind };

/**
 * The shapes of the demo world. They mirror prisma/schema.prisma field by
 * field (Partner, Item, Member, Interaction) so the start script can map them
 * straight onto rows, with two deliberate differences: relations are array
 * indexes and slugs (the database assigns the ids), and a member carries its
 * latent `carInterest`, which tests use and which is never stored.
 */

export type PartnerStatus = 'ACTIVE' | 'PROSPECT';

export type ItemDomain = 'KNOWLEDGE' | 'PARTNER';

/** Partner kinds: what a car-modification brand sells. */
export type PartnerItemKind = 'kit' | 'part' | 'service';

/** Where an event was recorded: on the platform, or imported from a partner's feed. */
export type InteractionSource = 'platform' | `partner:${string}`;

export interface DemoPartner {
  slug: string;
  name: string;
  industry: string;
  status: PartnerStatus;
  contactName: string;
  contactEmail: string;
  website: string;
}

export interface DemoItem {
  externalKey: string;
  domain: ItemDomain;
  partnerSlug: string | null;
  kind: string;
  title: string;
  category: string;
  tags: string[];
  /** CNY with 2 decimals, as Item.price (Decimal(12, 2)) stores it. */
  price: number;
}

export interface DemoMember {
  /** Pseudonymous: 'm_' + 12 hex characters from the PRNG, never derived from a name, phone or e-mail. */
  memberKey: string;
  consentPersonalisation: boolean;
  consentPartnerSharing: boolean;
  city: string;
  joinedAt: Date;
  /** Latent interest in cars, 0..1, that drove the simulation; for tests and checks only, not stored. */
  carInterest: number;
}

export interface DemoInteraction {
  /** Index into DemoWorld.members. */
  memberIndex: number;
  /** Index into DemoWorld.items. */
  itemIndex: number;
  type: InteractionType;
  /** VIEW 1, FAVOURITE 2, ENROL 3, PURCHASE 4, CAMPAIGN_CLICK 1, RATING the stars (1-5). */
  weight: number;
  occurredAt: Date;
  source: InteractionSource;
  /** 'demo-' + a zero-padded position in time order: unique, and stable for a seed and endDate. */
  eventId: string;
}

export interface DemoWorld {
  partners: DemoPartner[];
  /** Knowledge items first, then each partner's catalogue in partner order. */
  items: DemoItem[];
  members: DemoMember[];
  /** Sorted by occurredAt (ties keep generation order). */
  interactions: DemoInteraction[];
}

export interface DemoWorldOptions {
  /** Any safe integer; the default gives the world `npm start` loads. */
  seed?: number;
  /** The last instant of the simulated history; the caller's clock, never read inside. */
  endDate: Date;
  /** How many members to simulate. */
  members?: number;
  /** How many calendar months of interactions end at endDate. */
  months?: number;
}
