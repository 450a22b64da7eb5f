import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '@crosslane/util-random';
import { fixedClock } from '../../../core/clock/clock';
import { JobCancelledError } from '../../../core/queue/job-handler';
import { fakeJobContext } from '../../../core/queue/testing/fake-job-context';
import type {
  CampaignForUplift,
  TrainedUpliftModel,
  UpliftModelRow,
  UpliftTrainingRepository,
  UpliftTrainingUnit,
} from '../uplift-training.repository';
import { TrainUpliftModelJob } from './train-uplift-model.job';

const NOW = new Date('2026-11-28T12:00:00.000Z');
const TARGET = '5e0a1c4e-0000-4000-8000-00000000aaaa';

interface Unit extends UpliftTrainingUnit {
  trueUplift: number;
}

/**
 * A concluded campaign of `members` members, generated from a seed: arms
 * control, offer and teaser in turn; members in `car-fans` gain 25 points of
 * conversion from the offer, the others nothing. Everyone is also in the
 * campaign's own target segment, which training must not see.
 */
function concludedCampaign(members: number, seed = 15): Unit[] {
  const rng = new SeededRandom(seed, 'uplift-job-spec');
  return Array.from({ length: members }, (_, i) => {
    const carFan = rng.chance(0.4);
    const arm = ['control', 'offer', 'teaser'][i % 3]!;
    const base = 0.1 + (carFan ? 0.05 : 0);
    const trueUplift = carFan ? 0.25 : 0;
    const converted = rng.chance(base + (arm === 'offer' ? trueUplift : 0));
    return {
      memberId: BigInt(i + 1),
      variantKey: arm,
      converted,
      profile: {
        recencyDays: rng.int(1, 90),
        frequency: rng.int(1, 12),
        monetary: rng.int(10, 900),
        carInterest: carFan ? rng.uniform(0.5, 1) : rng.uniform(0, 0.3),
      },
      segments: [...(carFan ? ['car-fans'] : ['others']), 'target'].sort(),
      trueUplift,
    };
  });
}

/**
 * The uplift_model row and its campaign in memory. trainingUnits returns the
 * control and treated arms' members in id order without the target segment,
 * as the repository's query does; markFailed and storeReady update the row.
 */
function fakeTraining(units: Unit[], options: { learner?: string; control?: boolean; economics?: boolean } = {}) {
  const row: UpliftModelRow & { stored?: TrainedUpliftModel } = {
    id: 'um-1',
    campaignId: 'c1',
    treatedArm: 'offer',
    metric: 'CONVERSION',
    learner: options.learner ?? 'T_LEARNER',
    status: 'QUEUED',
    finishedAt: null,
  } as unknown as UpliftModelRow;
  const campaign = {
    id: 'c1',
    targetSegmentId: TARGET,
    variants: [
      { key: 'control', isControl: options.control !== false },
      { key: 'offer', isControl: false },
      { key: 'teaser', isControl: false },
    ],
    economics: options.economics
      ? { fixedCost: 500, costPerTreated: 0.5, costPerConversion: 2, partnerCostShare: 0.25, valuePerConversion: 40 }
      : null,
  } as unknown as CampaignForUplift;
  const asked: string[][] = [];
  const repository = {
    model: async (id: string) => (id === row.id ? row : null),
    campaign: async (id: string) => {
      if (id !== campaign.id) throw new Error('No Campaign found');
      return campaign;
    },
    trainingUnits: async (c: { id: string; targetSegmentId: string | null }, controlKey: string, treatedArm: string) => {
      asked.push([c.id, controlKey, treatedArm]);
      return units
        .filter((u) => u.variantKey === controlKey || u.variantKey === treatedArm)
        .map(({ trueUplift: _, ...u }) => ({ ...u, segments: u.segments!.filter((s) => s !== 'target') }));
    },
    markFailed: async (_id: string, finishedAt: Date) => void Object.assign(row, { status: 'FAILED', finishedAt }),
    storeReady: async (_id: string, trained: TrainedUpliftModel) =>
      void Object.assign(row, { status: 'READY', finishedAt: trained.finishedAt, stored: trained }),
  };
  const job = new TrainUpliftModelJob(repository as unknown as UpliftTrainingRepository, fixedClock(NOW));
  return { job, row, asked };
}

type Evaluation = { trainUnits: number; testUnits: number; qiniCoefficient: { estimate: number }; beatsRandom: boolean; roi: unknown };

describe('TrainUpliftModelJob', () => {
  it('trains on the control and treated arms, holds out every third member, and stores the model READY at the clock time', async () => {
    const { job, row, asked } = fakeTraining(concludedCampaign(1_800));
    const context = fakeJobContext();
    const result = await job.run({ upliftModelId: 'um-1' }, context);
    expect(asked).toEqual([['c1', 'control', 'offer']]);
    expect(row).toMatchObject({ status: 'READY', finishedAt: NOW });
    const evaluation = row.stored!.evaluation as Evaluation;
    expect(evaluation).toMatchObject({ trainUnits: 800, testUnits: 400, roi: null });
    expect(result).toEqual({
      upliftModelId: 'um-1',
      qiniCoefficient: evaluation.qiniCoefficient.estimate,
      beatsRandom: evaluation.beatsRandom,
    });
    const features = (row.stored!.model as { features: string[] }).features;
    expect(features).toEqual(expect.arrayContaining(['carInterest', 'segment:car-fans', 'segment:others']));
    expect(features).not.toContain('segment:target');
    expect(context.progress.map((p) => p.percent)).toEqual([5, 30, 90]);
    expect(context.progress[1]).toEqual({ percent: 30, note: 'Training T_LEARNER on 800 members' });
  });

  it('finds the planted effect: the offer beats random targeting, and car fans rank above the others per segment', async () => {
    const units = concludedCampaign(1_800);
    const { job, row } = fakeTraining(units);
    const result = await job.run({ upliftModelId: 'um-1' }, fakeJobContext());
    expect(result.beatsRandom).toBe(true);
    expect(result.qiniCoefficient).toBeGreaterThan(0);
    const scores = row.stored!.segmentScores;
    // Held-out members are every third of the two arms in member order; their counts per segment are what the screen shows.
    const heldOut = units.filter((u) => u.variantKey !== 'teaser').filter((_, i) => i % 3 === 2);
    expect(scores['car-fans']!.members).toBe(heldOut.filter((u) => u.segments!.includes('car-fans')).length);
    expect(scores['others']!.members).toBe(heldOut.filter((u) => u.segments!.includes('others')).length);
    expect(scores['car-fans']!.meanUplift).toBeGreaterThan(scores['others']!.meanUplift);
    expect(scores['target']).toBeUndefined();
  });

  it('stores the same model when run again (a retry overwrites the row with the same result)', async () => {
    const units = concludedCampaign(900);
    const first = fakeTraining(units);
    const second = fakeTraining(units);
    expect(await second.job.run({ upliftModelId: 'um-1' }, fakeJobContext())).toEqual(
      await first.job.run({ upliftModelId: 'um-1' }, fakeJobContext()),
    );
    expect(second.row.stored).toEqual(first.row.stored);
  });

  it('adds the return on investment, as run and targeting the top 30 %, when the campaign has costs', async () => {
    const { job, row } = fakeTraining(concludedCampaign(900), { economics: true, learner: 'TRANSFORMED_OUTCOME' });
    await job.run({ upliftModelId: 'um-1' }, fakeJobContext());
    expect((row.stored!.evaluation as { learner: string }).learner).toBe('TRANSFORMED_OUTCOME');
    expect((row.stored!.evaluation as { roi: object }).roi).toEqual({ all: expect.any(Object), top30: expect.any(Object) });
  });

  it('fails for good, writing nothing, when the model row is gone or the campaign has no control arm', async () => {
    const gone = fakeTraining(concludedCampaign(90));
    await expect(gone.job.run({ upliftModelId: 'um-404' }, fakeJobContext())).rejects.toThrow(
      new UnrecoverableError('Uplift model um-404 not found'),
    );
    const noControl = fakeTraining(concludedCampaign(90), { control: false });
    await expect(noControl.job.run({ upliftModelId: 'um-1' }, fakeJobContext())).rejects.toThrow(
      new UnrecoverableError('The campaign has no control arm'),
    );
    expect(noControl.row).toMatchObject({ status: 'QUEUED', finishedAt: null });
  });

  it('marks the model FAILED at the clock time, for good, when the learner cannot train on what the campaign has', async () => {
    // Three members: one in each arm, so training sees one control and no treated unit.
    const { job, row } = fakeTraining(concludedCampaign(3));
    const run = job.run({ upliftModelId: 'um-1' }, fakeJobContext());
    await expect(run).rejects.toThrow(UnrecoverableError);
    await expect(run).rejects.toThrow('trainUpliftModel requires at least 2 treated and 2 control units');
    expect(row).toMatchObject({ status: 'FAILED', finishedAt: NOW });
    expect(row.stored).toBeUndefined();
  });

  it('stops before training when cancelled, leaving the row as it was', async () => {
    const { job, row } = fakeTraining(concludedCampaign(300));
    await expect(job.run({ upliftModelId: 'um-1' }, fakeJobContext({ cancelAfterCheckpoints: 0 }))).rejects.toThrow(JobCancelledError);
    expect(row).toMatchObject({ status: 'QUEUED', finishedAt: null });
  });
});
