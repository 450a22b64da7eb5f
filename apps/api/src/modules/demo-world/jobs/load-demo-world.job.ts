import { DEMO_INTEREST_TOPICS, generateDemoPartnerData, generateDemoWorld } from '@crosslane/domain-demo-world';
import { InterestTaxonomyService } from '../../taxonomy/interest-taxonomy.service';
import { PartnersService } from '../../partners/partners.service';
import { AuditService } from '../../../core/audit/audit.service';
import { IdentityService } from '../../../core/identity/identity.service';
import { recordJobSuccess } from '../../../core/queue/job-audit';
import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { payloadDay } from '../../../core/queue/payload-dates';
import { JobQueueService } from '../../../core/queue/job-queue.service';
import { JobName } from '../../../core/queue/queue-names';
import { DemoPartnerDataCounts, DemoWorldRepository, hashDemoPartnerData } from '../demo-world.repository';

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

/**
 * Loads the generated demo world into an empty database, all in one
 * transaction: a worker killed half-way leaves nothing behind, and the
 * retry regenerates the same world from the same seed and end date.
 * Partners go in through PartnersService and the car topics through the
 * taxonomy (their checks and audit entries, in this transaction); the bulk
 * rows through DemoWorldRepository's set-based inserts.
 */
@JobHandler(JobName.LoadDemoWorld)
export class LoadDemoWorldJob implements JobRunner<JobName.LoadDemoWorld> {
  constructor(
    private readonly store: DemoWorldRepository,
    private readonly partners: PartnersService,
    private readonly audit: AuditService,
    private readonly jobs: JobQueueService,
    private readonly identity: IdentityService,
    private readonly taxonomy: InterestTaxonomyService,
  ) {}

  async run(payload: LoadDemoWorldPayload, context: JobContext): Promise<LoadDemoWorldResult> {
    const endDate = payloadDay(payload.endDate, 'endDate');
    await context.reportProgress(2, 'Generating the demo world');
    const world = generateDemoWorld({ seed: payload.seed, endDate, members: payload.members });

    const loaded = await this.store.loadIntoEmptyDatabase(async (tx) => {
      await context.reportProgress(5, `Writing ${world.partners.length} partners`);
      const partnerIds = new Map<string, string>();
      for (const partner of world.partners) {
        // The server's own write (no actor): the same slug and field checks and the same partner.create entry as the screen.
        const created = await this.partners.create(partner, null, null, tx);
        partnerIds.set(partner.slug, created.id);
      }

      await context.reportProgress(8, `Writing ${world.items.length} catalogue items`);
      const itemIds = await this.store.insertItems(tx, world.items, partnerIds);

      await context.reportProgress(12, `Writing ${world.members.length} members`);
      const memberIds = await this.store.insertMembers(tx, world.members);
      const ids = { partnerIds, itemIds, memberIds };

      const total = world.interactions.length;
      for (let start = 0; start < total; start += CHUNK) {
        await context.throwIfCancelled();
        await this.store.insertInteractions(tx, world.interactions.slice(start, start + CHUNK), ids);
        const done = Math.min(total, start + CHUNK);
        await context.reportProgress(
          12 + (86 * done) / total,
          `Interactions ${done.toLocaleString('en')} of ${total.toLocaleString('en')}`,
        );
      }
      await context.reportProgress(98, 'Writing reviews, market signals and customer lists');
      const generated = generateDemoPartnerData(world, { seed: payload.seed, endDate });
      const partnerData = await this.store.writePartnerData(tx, hashDemoPartnerData(generated, this.identity), ids);
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
    });
    if (!loaded) return { skipped: true, partners: 0, items: 0, members: 0, interactions: 0 };
    await recordJobSuccess(this.audit, context.jobId, {
      action: 'demo-world.load',
      detail: { ...loaded, seed: payload.seed, endDate: payload.endDate },
    });
    // A running joint campaign on the demo data (skipped by its job when any campaign exists).
    await this.jobs.enqueue(JobName.SeedDemoCampaign, { seed: payload.seed, endDate: payload.endDate });
    // Agreements, profiles, segments and a first model, so every screen has something real to show.
    if (payload.complete !== false) await this.jobs.enqueue(JobName.CompleteDemoWorld, { endDate: payload.endDate });
    return loaded;
  }
}
