import { Injectable } from '@nestjs/common';
import { DEMO_INTEREST_TOPICS, generateDemoWorld } from '@crosslane/domain-demo-world';
import { InterestTaxonomyService } from '../../taxonomy/interest-taxonomy.service';
import { AuditService } from '../../../core/audit/audit.service';
import { IdentityService } from '../../../core/identity/identity.service';
import { PrismaService } from '../../../core/database/prisma.service';
import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { JobQueueService } from '../../../core/queue/job-queue.service';
import { JobName } from '../../../core/queue/queue-names';
import { DemoPartnerDataCounts, loadDemoPartnerData } from './load-demo-partner-data';

export interface LoadDemoWorldPayload {
  seed: number;
  /** YYYY-MM-DD: the last day of demo activity. In the payload so a retry rebuilds the same world. */
  endDate: string;
  members?: number;
  /** Queue complete-demo-world afterwards (agreements, profiles, segments, a first model). Absent means yes. */
  complete?: boolean;
}

export interface LoadDemoWorldResult {
  skipped: boolean;
  partners: number;
  items: number;
  members: number;
  interactions: number;
  /** Reviews, market signals, customer lists and members' contact hashes. */
  partnerData?: DemoPartnerDataCounts;
}

const CHUNK = 20_000;

declare module '../../../core/queue/job-types' {
  interface JobTypes {
    [JobName.LoadDemoWorld]: { payload: LoadDemoWorldPayload; result: LoadDemoWorldResult };
  }
}

/**
 * Loads the generated demo world into an empty database, all in one
 * transaction: a worker killed half-way leaves nothing behind, and the
 * retry regenerates the same world from the same seed and end date.
 */
@Injectable()
@JobHandler(JobName.LoadDemoWorld)
export class LoadDemoWorldJob implements JobRunner<JobName.LoadDemoWorld> {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly jobs: JobQueueService,
    private readonly identity: IdentityService,
    private readonly taxonomy: InterestTaxonomyService,
  ) {}

  async run(payload: LoadDemoWorldPayload, context: JobContext): Promise<LoadDemoWorldResult> {
    const endDate = new Date(`${payload.endDate}T00:00:00Z`);
    if (Number.isNaN(endDate.getTime())) throw new Error(`endDate must be YYYY-MM-DD; got "${payload.endDate}"`);
    await context.reportProgress(2, 'Generating the demo world');
    const world = generateDemoWorld({ seed: payload.seed, endDate, members: payload.members });

    const result = await this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('crosslane:demo-world'))`;
        if ((await tx.member.count()) > 0 || (await tx.partner.count()) > 0) {
          return { skipped: true, partners: 0, items: 0, members: 0, interactions: 0 };
        }
        await context.reportProgress(5, `Writing ${world.partners.length} partners`);
        const partnerIds = new Map<string, string>();
        for (const partner of world.partners) {
          const row = await tx.partner.create({ data: partner, select: { id: true } });
          partnerIds.set(partner.slug, row.id);
        }

        await context.reportProgress(8, `Writing ${world.items.length} catalogue items`);
        const itemIds = await tx.$queryRaw<{ id: bigint }[]>`
          INSERT INTO item ("externalKey", domain, "partnerId", kind, title, category, tags, price)
          SELECT k, d::"ItemDomain", p::uuid, kd, t, c, string_to_array(tg, '|'), pr
          FROM unnest(${world.items.map((i) => i.externalKey)}::text[], ${world.items.map((i) => i.domain)}::text[],
                      ${world.items.map((i) => (i.partnerSlug ? partnerIds.get(i.partnerSlug)! : null))}::text[],
                      ${world.items.map((i) => i.kind)}::text[], ${world.items.map((i) => i.title)}::text[],
                      ${world.items.map((i) => i.category)}::text[], ${world.items.map((i) => i.tags.join('|'))}::text[],
                      ${world.items.map((i) => i.price)}::numeric[])
               WITH ORDINALITY AS x(k, d, p, kd, t, c, tg, pr, ord)
          ORDER BY ord RETURNING id`;

        await context.reportProgress(12, `Writing ${world.members.length} members`);
        const memberIds = await tx.$queryRaw<{ id: bigint }[]>`
          INSERT INTO member ("memberKey", "consentPersonalisation", "consentPartnerSharing", city, "joinedAt")
          SELECT k, cp, cs, c, (j::timestamptz AT TIME ZONE 'UTC')
          FROM unnest(${world.members.map((m) => m.memberKey)}::text[], ${world.members.map((m) => m.consentPersonalisation)}::boolean[],
                      ${world.members.map((m) => m.consentPartnerSharing)}::boolean[], ${world.members.map((m) => m.city)}::text[],
                      ${world.members.map((m) => m.joinedAt.toISOString())}::text[])
               WITH ORDINALITY AS x(k, cp, cs, c, j, ord)
          ORDER BY ord RETURNING id`;

        const total = world.interactions.length;
        for (let start = 0; start < total; start += CHUNK) {
          await context.throwIfCancelled();
          const chunk = world.interactions.slice(start, start + CHUNK);
          await tx.$executeRaw`
            INSERT INTO interaction ("eventId", "memberId", "itemId", type, weight, "occurredAt", source)
            SELECT e, m, i, t::"InteractionType", w, (o::timestamptz AT TIME ZONE 'UTC'), s
            FROM unnest(${chunk.map((x) => x.eventId)}::text[], ${chunk.map((x) => memberIds[x.memberIndex].id)}::bigint[],
                        ${chunk.map((x) => itemIds[x.itemIndex].id)}::bigint[], ${chunk.map((x) => x.type)}::text[],
                        ${chunk.map((x) => x.weight)}::float8[], ${chunk.map((x) => x.occurredAt.toISOString())}::text[],
                        ${chunk.map((x) => x.source)}::text[]) AS x(e, m, i, t, w, o, s)`;
          const done = Math.min(total, start + CHUNK);
          await context.reportProgress(
            12 + (86 * done) / total,
            `Interactions ${done.toLocaleString('en')} of ${total.toLocaleString('en')}`,
          );
        }
        await context.reportProgress(98, 'Writing reviews, market signals and customer lists');
        const partnerData = await loadDemoPartnerData(tx, world, { partnerIds, itemIds, memberIds }, this.identity, {
          seed: payload.seed,
          endDate,
        });
        // The demo world's car topics go in through the product's taxonomy, as a real platform's would: nothing else in the product knows its names.
        await this.taxonomy.ensureTopics(DEMO_INTEREST_TOPICS, tx);
        return {
          skipped: false,
          partners: world.partners.length,
          items: world.items.length,
          members: world.members.length,
          interactions: total,
          partnerData,
        };
      },
      { timeout: 10 * 60_000, maxWait: 30_000 },
    );
    if (!result.skipped) {
      await this.audit.record({
        action: 'demo-world.load',
        outcome: 'SUCCESS',
        entityType: 'job',
        entityId: context.jobId,
        detail: { ...result, seed: payload.seed, endDate: payload.endDate },
      });
      // A running joint campaign on the demo data (skipped by its job when any campaign exists).
      await this.jobs.enqueue(JobName.SeedDemoCampaign, { seed: payload.seed, endDate: payload.endDate });
      // Agreements, profiles, segments and a first model, so every screen has something real to show.
      if (payload.complete !== false) await this.jobs.enqueue(JobName.CompleteDemoWorld, { endDate: payload.endDate });
    }
    return result;
  }
}
