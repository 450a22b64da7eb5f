import type { PartnerDetailDto } from '@crosslane/contracts';
import type { DemoInteraction, DemoItem, DemoMember } from '@crosslane/domain-demo-world';
import type { IdentityService } from '../../../core/identity/identity.service';
import type { PartnersService } from '../../partners/partners.service';
import type { ComputeProfilesJob } from '../../profiles/jobs/compute-profiles.job';
import type { RecommenderDataRepository } from '../../recommendations/recommender-data.repository';
import type { SnapshotSegmentSizesJob } from '../../segments/jobs/snapshot-segment-sizes.job';
import type { SegmentsService } from '../../segments/segments.service';
import type { AgreementsService, HistoricalAgreementInput } from '../../sharing/agreements.service';
import type { InterestTaxonomyService } from '../../taxonomy/interest-taxonomy.service';
import type { DemoWorldRepository, DemoWorldTransaction, HashedDemoPartnerData } from '../demo-world.repository';

/** The one transaction the fake repository hands out: the services must be given this very object. */
export const FAKE_TX = { fake: 'demo-world transaction' } as unknown as DemoWorldTransaction;

/**
 * An in-memory demo-world store: rows in the order written, ids handed out
 * in sequence; a load into a database that has data calls nothing, as the
 * real one does under its lock, and a load that throws keeps nothing (the
 * transaction's rollback).
 */
export function fakeDemoWorldStore(options: { hasData?: boolean } = {}) {
  const committed = {
    items: [] as DemoItem[],
    members: [] as DemoMember[],
    interactions: [] as DemoInteraction[],
    partnerData: null as HashedDemoPartnerData | null,
  };
  let pending = { ...committed, items: [] as DemoItem[], members: [] as DemoMember[], interactions: [] as DemoInteraction[] };
  let nextId = 1n;
  const inTx = (tx: DemoWorldTransaction) => {
    if (tx !== FAKE_TX) throw new Error('written outside the load transaction');
  };
  const store = {
    loadIntoEmptyDatabase: async <T>(load: (tx: DemoWorldTransaction) => Promise<T>): Promise<T | null> => {
      if (options.hasData) return null;
      pending = { items: [], members: [], interactions: [], partnerData: null };
      const result = await load(FAKE_TX);
      Object.assign(committed, pending);
      return result;
    },
    insertItems: async (tx: DemoWorldTransaction, items: readonly DemoItem[]) => {
      inTx(tx);
      pending.items.push(...items);
      return items.map(() => nextId++);
    },
    insertMembers: async (tx: DemoWorldTransaction, members: readonly DemoMember[]) => {
      inTx(tx);
      pending.members.push(...members);
      return members.map(() => nextId++);
    },
    insertInteractions: async (tx: DemoWorldTransaction, chunk: readonly DemoInteraction[]) => {
      inTx(tx);
      pending.interactions.push(...chunk);
      return chunk.length;
    },
    writePartnerData: async (tx: DemoWorldTransaction, data: HashedDemoPartnerData) => {
      inTx(tx);
      pending.partnerData = data;
      return {
        membersWithContact: data.memberContacts.length,
        reviews: data.reviews.length,
        marketSignals: data.marketSignals.length,
        partnerCustomers: data.customerLists.reduce((n, l) => n + l.matchHashes.length, 0),
        matchedCustomers: 0,
      };
    },
  };
  return { store: store as unknown as DemoWorldRepository, committed };
}

/** Partners as PartnersService keeps them: create (with the transaction it was given), the active list, scorecards. */
export function fakePartners(existing: { slug: string; status?: string; scored?: boolean }[] = []) {
  const created: { slug: string; status: string; actor: unknown; tx: unknown }[] = [];
  const scorecards: { partnerId: string; scorecard: Record<string, { score: number; weight: number }>; actor: unknown }[] = [];
  const rows = existing.map((p) => ({
    id: `partner-${p.slug}`,
    slug: p.slug,
    status: p.status ?? 'ACTIVE',
    scorecard: p.scored ? {} : null,
  }));
  const service = {
    create: async (input: { slug?: string; name: string; status?: string }, actor: unknown, _ip: unknown, tx?: unknown) => {
      const slug = input.slug ?? input.name;
      if (rows.some((r) => r.slug === slug)) throw new Error(`A partner with slug ${slug} already exists`);
      created.push({ slug, status: input.status ?? 'PROSPECT', actor, tx });
      rows.push({ id: `partner-${slug}`, slug, status: input.status ?? 'PROSPECT', scorecard: null });
      return { id: `partner-${slug}`, slug } as PartnerDetailDto;
    },
    listActive: async () =>
      rows.filter((r) => r.status === 'ACTIVE').sort((a, b) => a.slug.localeCompare(b.slug)) as unknown as PartnerDetailDto[],
    setScorecard: async (id: string, scorecard: Record<string, { score: number; weight: number }>, actor: unknown) => {
      scorecards.push({ partnerId: id, scorecard, actor });
      rows.find((r) => r.id === id)!.scorecard = scorecard;
      return {} as PartnerDetailDto;
    },
  };
  return { service: service as unknown as PartnersService, created, scorecards };
}

export function fakeAgreements(options: { anyRecorded?: boolean } = {}) {
  const recorded: { partnerId: string; input: HistoricalAgreementInput; asOf: string }[] = [];
  const service = {
    anyRecorded: async () => options.anyRecorded === true || recorded.length > 0,
    recordHistoricalAgreement: async (partnerId: string, input: HistoricalAgreementInput, asOf: Date) => {
      recorded.push({ partnerId, input, asOf: asOf.toISOString() });
      return {};
    },
  };
  return { service: service as unknown as AgreementsService, recorded };
}

export function fakeSegments(options: { anyExists?: boolean } = {}) {
  const created: { name: string; rule: unknown; actor: unknown }[] = [];
  const service = {
    anyExists: async () => options.anyExists === true || created.length > 0,
    createUnmaterialised: async (body: { name: string; rule: unknown }, actor: unknown) => {
      created.push({ name: body.name, rule: body.rule, actor });
      return { id: `segment-${created.length}`, name: body.name };
    },
  };
  return { service: service as unknown as SegmentsService, created };
}

/** Keyed hashes stand-in: visibly derived from the raw value, never equal to it. */
export const fakeIdentity = {
  hashEmail: (raw: string) => `email-hash(${raw.length})`,
  hashPhone: (raw: string) => `phone-hash(${raw.length})`,
} as unknown as IdentityService;

export function fakeTaxonomy() {
  const ensured: { slugs: string[]; tx: unknown }[] = [];
  const service = {
    ensureTopics: async (topics: readonly { slug: string }[], tx: unknown) => {
      ensured.push({ slugs: topics.map((t) => t.slug), tx });
      return topics.length;
    },
  };
  return { service: service as unknown as InterestTaxonomyService, ensured };
}

/** A sub-job run directly by another job: records each payload it was given, and reports some progress. */
export function fakeSubJob<J>() {
  const runs: unknown[] = [];
  const job = {
    run: async (payload: unknown, context: { reportProgress: (p: number, note?: string) => Promise<void> }) => {
      runs.push(payload);
      await context.reportProgress(100, 'done');
      return {};
    },
  };
  return { job: job as unknown as J, runs };
}

export function fakeRecommenderData(options: { anyModel?: boolean; maxInteractionId?: bigint } = {}) {
  return {
    anyModel: async () => options.anyModel === true,
    maxInteractionId: async () => options.maxInteractionId ?? 0n,
  } as unknown as RecommenderDataRepository;
}

export type { ComputeProfilesJob, SnapshotSegmentSizesJob };
