// The tune job's search against an exhaustive grid over the same ranges, in
// the same run (issue 13: "the tune job's chosen model is within 1% of the
// best point of an exhaustive grid"):
//   npm run bench:tuning                      (generated, then online-retail)
//   node benchmarks/recommender/run.mjs benchmarks/recommender/bench-tuning.ts [generated|online-retail|demo-world ...]
//
// Both sides use the product's protocol: the test split (20% per member, seed
// 1), a validation split carved from its training part (seed 2), every
// candidate fitted on the validation training part and scored by NDCG@10 on
// the validation held-out part. "Ours" is tuneCandidates with the tune job's
// default budget (DEFAULT_TUNING_TRIALS shared by splitTrialBudget) started
// from the product's default parameters; "grid" is every point of a coarse
// grid over the same ranges (GRID below). The chosen model of each side is
// then fitted on the whole training part and scored on the test part, as the
// tune job reports it.
import { generateDemoWorld } from '@crosslane/domain-demo-world';
import {
  choosePerDirection,
  easeFromGram,
  evaluateRanking,
  factorizeImplicitParallel,
  generateSyntheticInteractions,
  gramMatrix,
  popularityBaseline,
  RECOMMENDATION_DIRECTIONS,
  splitHoldoutPerUser,
  tuneCandidates,
  type InteractionMatrix,
  type ItemDomain,
  type RecommenderModel,
  type SearchPoint,
  type TuningTrial,
} from '@crosslane/domain-recommender';
import path from 'node:path';
import {
  DEFAULT_TRAINING_PARAMS,
  DEFAULT_TUNING_TRIALS,
  splitTrialBudget,
} from '../../apps/api/src/modules/recommendations/training-params';
import { demoWorldMatrix } from './demo-world-matrix';
import { datasetsDir } from './online-retail';
import { onlineRetailBenchmarkSplit } from './online-retail-split';

const repoRoot = path.resolve(__dirname, '../..');

/** The exhaustive grid: decades of each log range (factors at 8, 32, 128: every fourth power of two but the largest). */
const GRID = {
  factors: [8, 32, 128],
  alpha: [0.1, 1, 10, 100],
  regularization: [0.01, 0.1, 1, 10, 100, 1000],
  lambda: [1, 10, 100, 1000, 10_000],
};

interface Dataset {
  name: string;
  all: InteractionMatrix;
  itemDomains?: ItemDomain[];
  /** The benchmark's split when it differs from the product's (Online Retail drops held-out items absent from training). */
  split?: { train: InteractionMatrix; test: InteractionMatrix };
}

const P = DEFAULT_TRAINING_PARAMS;

function nnz(m: InteractionMatrix): number {
  return m.byUser.indptr[m.userCount];
}

/** Seeded generated data whose best ALS regularisation is 100 (above 30): noisy members in 32 small taste groups. */
function generated(): Dataset {
  return {
    name: 'generated (1,000 members x 300 items, 32 groups, 15 items each, 60% drawn by popularity, seed 1)',
    all: generateSyntheticInteractions({ users: 1000, items: 300, groups: 32, itemsPerUser: 15, noise: 0.6, seed: 1 }),
  };
}

/** Online Retail on bench:recommender's split: binary pairs, 20% held out per customer (seed 1), catalogue = items seen in training. */
function onlineRetail(): Dataset {
  const { all, train, test } = onlineRetailBenchmarkSplit(path.join(datasetsDir(repoRoot), 'online_retail/online_retail.csv.gz'));
  return { name: 'Online Retail (bench:recommender split)', all, split: { train, test } };
}

/** The demo world `npm start` loads (4,000 members, seed 1), as the product's binary matrix with each item's domain. */
function demoWorld(): Dataset {
  const world = generateDemoWorld({ members: 4000, endDate: new Date('2026-11-30T00:00:00Z') });
  return {
    name: 'demo world (4,000 members, seed 1)',
    ...demoWorldMatrix(world),
  };
}

async function bench(data: Dataset, withGrid: boolean): Promise<void> {
  const split = data.split ?? splitHoldoutPerUser(data.all, { fraction: P.holdoutFraction!, seed: P.seed });
  const validation = splitHoldoutPerUser(split.train, { fraction: P.holdoutFraction!, seed: P.seed + 1 });
  const options = { k: 10, ...(data.itemDomains ? { itemDomains: data.itemDomains } : {}) };
  const als = (train: InteractionMatrix, p: SearchPoint) =>
    factorizeImplicitParallel(
      train,
      { factors: p.factors, alpha: p.alpha, regularization: p.regularization, iterations: P.iterations, cgSteps: P.cgSteps, seed: P.seed },
      { threads: 2 },
    );
  const validationGram = gramMatrix(validation.train.byUser);
  const ease = (lambda: number) => easeFromGram(validationGram, validation.train.byUser, lambda);
  const onValidation = (model: RecommenderModel) => evaluateRanking(model, validation.train, validation.test, options);
  // Each score as soon as it is known: a long run (Online Retail on a busy machine) shows its progress.
  const logged = (label: string, model: RecommenderModel) => {
    const evaluation = onValidation(model);
    console.log(`  ${label}: ${evaluation.overall.ndcg.toFixed(4)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    return evaluation;
  };
  const t0 = performance.now();
  console.log(`\n## ${data.name}`);
  console.log(
    `${data.all.userCount} members x ${data.all.itemCount} items, ${nnz(data.all)} pairs; train ${nnz(split.train)}, test ${nnz(split.test)}, validation train ${nnz(validation.train)}, validation held out ${nnz(validation.test)}`,
  );

  // BENCH_TUNING_TRIALS=16 measures the demo world's first model's budget (DEMO_TUNING_TRIALS).
  const budget = splitTrialBudget(Number(process.env['BENCH_TUNING_TRIALS'] ?? DEFAULT_TUNING_TRIALS), true, true);
  const tuned = await tuneCandidates({
    trials: budget,
    now: () => performance.now(),
    seed: P.seed,
    start: { als: { factors: P.factors, alpha: P.alpha, regularization: P.regularization }, ease: { lambda: P.easeLambda! } },
    fitAls: (p) => als(validation.train, p),
    fitEase: async (lambda) => ease(lambda),
    evaluate: (model) => logged(`tune ${model.kind}`, model),
  });
  const tuneSeconds = (performance.now() - t0) / 1000;
  const describe = (t: TuningTrial) =>
    t.algorithm === 'ease'
      ? `EASE lambda ${t.point.lambda}`
      : `ALS factors ${t.point.factors}, alpha ${t.point.alpha}, reg ${t.point.regularization}`;
  console.log(
    `ours: tune (${budget.als} ALS + ${budget.ease} EASE trials): ${tuned.trials.length} trials in ${tuneSeconds.toFixed(1)} s, stopped by ${JSON.stringify(tuned.stoppedBy)}`,
  );
  for (const [i, t] of tuned.trials.entries())
    console.log(`  ${String(i + 1).padStart(2)} ${describe(t)}: ${t.validationNdcg.toFixed(4)} (${t.seconds.toFixed(1)} s)`);

  // The test figure of a choice, as the tune job reports it: refitted on the whole training part, scored on the test part.
  const onTest = async (t: TuningTrial) => {
    const model =
      t.algorithm === 'ease'
        ? easeFromGram(gramMatrix(split.train.byUser), split.train.byUser, t.point.lambda)
        : await als(split.train, t.point);
    return evaluateRanking(model, split.train, split.test, options);
  };
  const tunedTest = await onTest(tuned.best);
  const popularityTest = evaluateRanking(popularityBaseline(split.train), split.train, split.test, options).overall.ndcg;
  console.log(
    `test NDCG@10 of the tuned choice (${describe(tuned.best)}), refitted on the training part: ${tunedTest.overall.ndcg.toFixed(4)}; popularity ${popularityTest.toFixed(4)}`,
  );

  if (data.itemDomains) {
    const popularity = onValidation(popularityBaseline(validation.train));
    const choice = choosePerDirection({ ...tuned.evaluations, popularity });
    console.log('per direction after the tune (validation NDCG@10): ALS best / EASE best / popularity -> served by');
    for (const d of RECOMMENDATION_DIRECTIONS) {
      const v = choice.byDirection[d].validationNdcg;
      console.log(
        `  ${d}: ${v.als?.toFixed(3)} / ${v.ease?.toFixed(3)} / ${v.popularity?.toFixed(3)} (${choice.byDirection[d].usersEvaluated} members) -> ${choice.byDirection[d].winner}`,
      );
    }
  }

  if (withGrid) {
    const g0 = performance.now();
    const grid: TuningTrial[] = [];
    for (const lambda of GRID.lambda) {
      const ndcg = logged(`grid EASE ${lambda}`, ease(lambda)).overall.ndcg;
      grid.push({ algorithm: 'ease', point: { lambda }, validationNdcg: ndcg, seconds: 0 });
    }
    for (const factors of GRID.factors)
      for (const alpha of GRID.alpha)
        for (const regularization of GRID.regularization) {
          const point = { factors, alpha, regularization };
          const ndcg = logged(`grid ALS ${factors}/${alpha}/${regularization}`, await als(validation.train, point)).overall.ndcg;
          grid.push({ algorithm: 'als', point, validationNdcg: ndcg, seconds: 0 });
        }
    const gridSeconds = (performance.now() - g0) / 1000;
    const bestOf = (list: TuningTrial[]) => list.reduce((a, b) => (b.validationNdcg > a.validationNdcg ? b : a));
    const gridBest = bestOf(grid);
    const gridAls = bestOf(grid.filter((t) => t.algorithm === 'als'));
    const gridEase = bestOf(grid.filter((t) => t.algorithm === 'ease'));
    const gridTest = await onTest(gridBest);
    console.log(
      `grid: ${GRID.factors.length}x${GRID.alpha.length}x${GRID.regularization.length} ALS points (factors ${GRID.factors.join(', ')}; alpha ${GRID.alpha.join(', ')}; regularisation ${GRID.regularization.join(', ')}) + ${GRID.lambda.length} EASE lambdas (${GRID.lambda.join(', ')}) in ${gridSeconds.toFixed(1)} s`,
    );
    const row = (label: string, ours: TuningTrial | undefined, theirs: TuningTrial) =>
      console.log(
        `| ${label} | ${ours ? `${ours.validationNdcg.toFixed(4)} (${describe(ours)})` : '-'} | ${theirs.validationNdcg.toFixed(4)} (${describe(theirs)}) | ${ours ? (ours.validationNdcg / theirs.validationNdcg).toFixed(4) : '-'} |`,
      );
    console.log('\n| validation NDCG@10 | ours (tune) | grid | ratio |');
    console.log('|---|---|---|---:|');
    row('best overall', tuned.best, gridBest);
    row('best ALS', tuned.bestByAlgorithm.als, gridAls);
    row('best EASE', tuned.bestByAlgorithm.ease, gridEase);
    console.log(
      `| test NDCG@10 of the chosen model | ${tunedTest.overall.ndcg.toFixed(4)} | ${gridTest.overall.ndcg.toFixed(4)} | ${(tunedTest.overall.ndcg / gridTest.overall.ndcg).toFixed(4)} |`,
    );
    const ratio = tuned.best.validationNdcg / gridBest.validationNdcg;
    console.log(
      `within 1% of the grid's best (validation): ${ratio >= 0.99 ? 'met' : 'NOT MET'} (${ratio.toFixed(4)}); tune ${tuneSeconds.toFixed(1)} s vs grid ${gridSeconds.toFixed(1)} s`,
    );
    console.log(`grid's best ALS regularisation: ${gridAls.point.regularization}`);
  }
}

async function main(): Promise<void> {
  const which = process.argv.slice(2);
  const runs = which.length > 0 ? which : ['generated', 'online-retail'];
  for (const name of runs) {
    if (name === 'generated') await bench(generated(), true);
    else if (name === 'online-retail') await bench(onlineRetail(), process.env['BENCH_TUNING_GRID'] !== '0');
    else if (name === 'demo-world') await bench(demoWorld(), process.env['BENCH_TUNING_GRID'] === '1');
    else throw new Error(`unknown dataset ${name}: generated, online-retail or demo-world`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
