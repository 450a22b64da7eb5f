import { EXPORT_PURPOSES, EXPORTABLE_FIELD_NAMES, SCORECARD_CRITERIA } from '@crosslane/contracts';
import { DEFAULT_MIN_GROUP_SIZE } from '@crosslane/domain-rules';
import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { payloadDay } from '../../../core/queue/payload-dates';
import { JobQueueService } from '../../../core/queue/job-queue.service';
import { JobName } from '../../../core/queue/queue-names';
import { PartnersService } from '../../partners/partners.service';
import type { SetScorecardDto } from '../../partners/dto/partner.dto';
import { ComputeProfilesJob } from '../../profiles/jobs/compute-profiles.job';
import { RecommenderDataRepository } from '../../recommendations/recommender-data.repository';
import type { TuneRecommenderPayload } from '../../recommendations/recommender-training.service';
import { DEFAULT_TRAINING_PARAMS, DEMO_TUNING_TRIALS } from '../../recommendations/training-params';
import { SnapshotSegmentSizesJob } from '../../segments/jobs/snapshot-segment-sizes.job';
import { SegmentsService } from '../../segments/segments.service';
import { AgreementsService } from '../../sharing/agreements.service';

export interface CompleteDemoWorldPayload {
  /** YYYY-MM-DD, the demo world's last day: profiles and segments are computed as of it. */
  endDate: string;
}

export interface CompleteDemoWorldResult {
  agreements: number;
  segments: number;
  trainingJobId: string | null;
}

/**
 * A manager's first judgement of each demo partner (0-5 per criterion, equal
 * weights): a tuning brand fits a car-curious audience of learners better
 * than a body shop does.
 */
const DEMO_SCORES: Record<string, number[]> = {
  'apex-performance': [5, 4, 4, 4, 4],
  'lumen-wheels': [4, 4, 3, 3, 4],
  'redline-bodyworks': [3, 4, 3, 2, 3],
};

/** What a newcomer should find on every screen after `npm start`. */
export const DEMO_SEGMENTS = [
  {
    name: 'Car enthusiasts',
    description: 'Members whose learning leans to car topics or who buy from partners',
    rule: { field: 'carInterest', op: 'gte', value: 0.3 },
  },
  {
    name: 'Recent car-course learners',
    description: 'Enrolled in or bought a car course at least once in the last 90 days',
    rule: { behaviour: { types: ['ENROL', 'PURCHASE'], carCategories: true, days: 90, atLeast: 1 } },
  },
  {
    name: 'Champions',
    description: 'Recent, frequent and high-spending learners (R and F and M scores of 4 or 5)',
    rule: { rfm: { r: [4, 5], f: [4, 5], m: [4, 5] } },
  },
];

/**
 * Finishes the demo world after its data is loaded, so every screen has
 * something real to show: a sharing agreement with each active partner,
 * member profiles, a few segments with their sizes and a first snapshot,
 * and a recommender trained on the demo data (activated when it beats
 * popularity). Each step checks first, so a retry changes nothing twice;
 * the steps run the same jobs an operator would, one after the other, and
 * every record goes in through the service a manager's screen uses (its
 * checks, its audit entry), with no actor: the server wrote it. The
 * agreements are recorded as of the world's last day
 * (AgreementsService.recordHistoricalAgreement), so a world whose day has
 * passed keeps the agreements it had then, expired by the clock.
 */
@JobHandler(JobName.CompleteDemoWorld)
export class CompleteDemoWorldJob implements JobRunner<JobName.CompleteDemoWorld> {
  constructor(
    private readonly partners: PartnersService,
    private readonly agreements: AgreementsService,
    private readonly segments: SegmentsService,
    private readonly jobs: JobQueueService,
    private readonly computeProfiles: ComputeProfilesJob,
    private readonly snapshotSegmentSizes: SnapshotSegmentSizesJob,
    private readonly recommenderData: RecommenderDataRepository,
  ) {}

  async run(payload: CompleteDemoWorldPayload, context: JobContext): Promise<CompleteDemoWorldResult> {
    const asOf = payloadDay(payload.endDate, 'endDate');

    await context.reportProgress(5, 'Sharing agreements and scorecards of the active partners');
    const agreements = await this.ensureAgreements(asOf);
    await this.ensureScorecards();

    await this.computeProfiles.run({ asOf: asOf.toISOString() }, within(context, 10, 50, 'Profiles'));

    await context.reportProgress(55, 'Demo segments');
    const segments = await this.ensureSegments();
    // The daily snapshot materialises every segment and records its first size-history point.
    await this.snapshotSegmentSizes.run({ slot: payload.endDate }, within(context, 60, 90, 'Segments'));

    await context.reportProgress(95, 'Queueing the first recommender training');
    const trainingJobId = await this.ensureTraining();
    return { agreements, segments, trainingJobId };
  }

  private async ensureAgreements(asOf: Date): Promise<number> {
    if (await this.agreements.anyRecorded()) return 0;
    const partners = await this.partners.listActive();
    for (const partner of partners) {
      await this.agreements.recordHistoricalAgreement(
        partner.id,
        {
          fieldsAllowed: EXPORTABLE_FIELD_NAMES.filter((field) => field !== 'city'),
          purposesAllowed: [...EXPORT_PURPOSES],
          minGroupSize: DEFAULT_MIN_GROUP_SIZE,
          consentRequired: true,
          validFrom: new Date(asOf.getTime() - 30 * DAY_MS),
          validTo: new Date(asOf.getTime() + 365 * DAY_MS),
          note: 'Demo agreement: a year of joint campaigns; no city-level data',
        },
        asOf,
      );
    }
    return partners.length;
  }

  private async ensureScorecards(): Promise<void> {
    for (const partner of await this.partners.listActive()) {
      const scores = DEMO_SCORES[partner.slug];
      if (!scores || partner.scorecard) continue;
      const scorecard = Object.fromEntries(SCORECARD_CRITERIA.map((criterion, i) => [criterion, { score: scores[i], weight: 20 }]));
      await this.partners.setScorecard(partner.id, scorecard as unknown as SetScorecardDto, null, null);
    }
  }

  private async ensureSegments(): Promise<number> {
    if (await this.segments.anyExists()) return 0;
    // The same checks and audit entry as a manager's segment; the snapshot run right after materialises them.
    for (const segment of DEMO_SEGMENTS) await this.segments.createUnmaterialised(segment, null);
    return DEMO_SEGMENTS.length;
  }

  private async ensureTraining(): Promise<string | null> {
    if (await this.recommenderData.anyModel()) return null;
    const maxInteractionId = await this.recommenderData.maxInteractionId();
    if (maxInteractionId === 0n) return null;
    // Tuned, ALS and EASE both searched, so each direction is served by what wins it on validation from the first version on.
    const payload: TuneRecommenderPayload = {
      name: 'Demo model (all domains)',
      scope: 'ALL',
      params: { ...DEFAULT_TRAINING_PARAMS, algorithm: 'auto' },
      maxInteractionId: maxInteractionId.toString(),
      requestedBy: null,
      autoActivate: true,
      trials: DEMO_TUNING_TRIALS,
    };
    const run = await this.jobs.enqueue(JobName.TuneRecommender, { ...payload });
    return run.id;
  }
}

const DAY_MS = 86_400_000;

/** A sub-job's progress mapped into [from, to] of this job's bar, under a label. */
function within(context: JobContext, from: number, to: number, label: string): JobContext {
  return {
    ...context,
    reportProgress: (percent, note) => context.reportProgress(from + ((to - from) * percent) / 100, note ? `${label}: ${note}` : label),
  };
}
