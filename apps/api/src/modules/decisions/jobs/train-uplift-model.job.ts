import { Inject } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { evaluateUpliftModel, featureEncoder, holdOutSplit, roiWithTargeting, type UpliftLearner } from '@crosslane/domain-decisions';
import { CLOCK, type Clock } from '../../../core/clock/clock';
import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { JobName } from '../../../core/queue/queue-names';
import { UpliftTrainingRepository } from '../uplift-training.repository';

export interface TrainUpliftModelPayload {
  upliftModelId: string;
}

export interface TrainUpliftModelResult {
  upliftModelId: string;
  qiniCoefficient: number;
  beatsRandom: boolean;
}

/** Profile columns the model reads; segment memberships are added as one-hot bands. */
const PROFILE_FEATURES = [
  'recencyDays',
  'frequency',
  'monetary',
  'rScore',
  'fScore',
  'mScore',
  'carInterest',
  'knowledgeSpend',
  'partnerSpend',
  'partnerPurchases',
];

/**
 * Trains one uplift model on a concluded live campaign: every assigned member
 * of the control and the treated arm, their profile and segment bands as
 * features, converted or not as the outcome. Two thirds train, one third
 * (by member id order) is held out for the Qini evaluation; the mean
 * predicted uplift per segment on the held-out members feeds the
 * next-campaign ranking. Retrying overwrites the same row.
 */
@JobHandler(JobName.TrainUpliftModel)
export class TrainUpliftModelJob implements JobRunner<JobName.TrainUpliftModel> {
  constructor(
    private readonly training: UpliftTrainingRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(payload: TrainUpliftModelPayload, context: JobContext): Promise<TrainUpliftModelResult> {
    const row = await this.training.model(payload.upliftModelId);
    if (!row) throw new UnrecoverableError(`Uplift model ${payload.upliftModelId} not found`);
    const campaign = await this.training.campaign(row.campaignId);
    const control = campaign.variants.find((v) => v.isControl);
    if (!control) throw new UnrecoverableError('The campaign has no control arm');
    await context.reportProgress(5, 'Reading assignments, profiles and outcomes');
    const units = await this.training.trainingUnits(campaign, control.key, row.treatedArm);
    const segmentNames = [...new Set(units.flatMap((u) => u.segments ?? []))].sort();
    const records = units.map((u) => {
      const r: Record<string, number> = {};
      for (const f of PROFILE_FEATURES) r[f] = Number(u.profile?.[f] ?? 0) || 0;
      for (const s of segmentNames) r[`segment:${s}`] = u.segments?.includes(s) ? 1 : 0;
      return r;
    });
    const encoder = featureEncoder(
      { numeric: [...PROFILE_FEATURES, ...segmentNames.map((s) => `segment:${s}`)], categorical: [] },
      records,
    );
    const examples = units.map((u, i) => ({
      features: encoder.encode(records[i]!),
      treated: u.variantKey === row.treatedArm,
      outcome: (u.converted ? 1 : 0) as 0 | 1,
    }));
    const { train, test } = holdOutSplit(examples);
    await context.throwIfCancelled();
    await context.reportProgress(30, `Training ${row.learner} on ${train.length} members`);
    let result;
    try {
      result = evaluateUpliftModel(train, test, row.learner as UpliftLearner, { seed: 15 });
    } catch (error) {
      await this.training.markFailed(row.id, this.clock.now());
      throw new UnrecoverableError((error as Error).message);
    }
    const testUnits = holdOutSplit(units).test;
    const bySegment: Record<string, { meanUplift: number; members: number }> = {};
    for (const s of segmentNames) {
      const scores = testUnits.flatMap((u, i) => (u.segments?.includes(s) ? [result.testScores[i]!] : []));
      if (scores.length > 0) bySegment[s] = { meanUplift: scores.reduce((a, b) => a + b, 0) / scores.length, members: scores.length };
    }
    // ROI on the held-out members as run, beside treating only the top 30 % by predicted uplift (when costs are set).
    const e = campaign.economics;
    const roi = e
      ? roiWithTargeting(
          test,
          result.testScores,
          { fixed: e.fixedCost, perTreated: e.costPerTreated, perConversion: e.costPerConversion, partnerShare: e.partnerCostShare },
          e.valuePerConversion,
        )
      : null;
    await context.reportProgress(90, 'Storing the model and its evaluation');
    await this.training.storeReady(row.id, {
      model: { features: encoder.names, state: result.model },
      evaluation: { ...result.evaluation, roi },
      segmentScores: bySegment,
      finishedAt: this.clock.now(),
    });
    return {
      upliftModelId: row.id,
      qiniCoefficient: result.evaluation.qiniCoefficient.estimate,
      beatsRandom: result.evaluation.beatsRandom,
    };
  }
}
