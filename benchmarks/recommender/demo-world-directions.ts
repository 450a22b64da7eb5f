// What each candidate achieves per direction on the demo world, by the
// product's protocol (binary pairs, seeded 20% holdout, validation carved from
// the training part with seed + 1, choosePerDirection on validation):
//   node benchmarks/recommender/run.mjs benchmarks/recommender/demo-world-directions.ts [members] [endDate]
// Defaults: the 4,000 members `npm start` loads, history ending 2026-11-30.
import { generateDemoWorld } from '@crosslane/domain-demo-world';
import {
  choosePerDirection,
  evaluateRanking,
  factorizeImplicitParallel,
  fitEase,
  popularityBaseline,
  RECOMMENDATION_DIRECTIONS,
  splitHoldoutPerUser,
  type InteractionMatrix,
  type RankingEvaluation,
} from '@crosslane/domain-recommender';
import { demoWorldMatrix } from './demo-world-matrix';

async function main(): Promise<void> {
  const members = Number(process.argv[2] ?? 4000);
  const endDate = new Date(process.argv[3] ?? '2026-11-30T00:00:00Z');
  const world = generateDemoWorld({ members, endDate });
  const { all, itemDomains: domains } = demoWorldMatrix(world);
  const seed = 1;
  const split = splitHoldoutPerUser(all, { seed, fraction: 0.2 });
  const validation = splitHoldoutPerUser(split.train, { seed: seed + 1, fraction: 0.2 });
  const options = { k: 10, itemDomains: domains };
  const als = { factors: 16, iterations: 15, alpha: 5, regularization: 1, cgSteps: 3, seed };
  const lambda = Number(process.env['BENCH_EASE_LAMBDA'] ?? 100);
  const run = async (train: InteractionMatrix, test: InteractionMatrix) => ({
    als: evaluateRanking(await factorizeImplicitParallel(train, als, { threads: 2 }), train, test, options),
    ease: evaluateRanking(fitEase(train, { lambda }), train, test, options),
    popularity: evaluateRanking(popularityBaseline(train), train, test, options),
  });
  const onValidation = await run(validation.train, validation.test);
  const onTest = await run(split.train, split.test);
  const choice = choosePerDirection(onValidation);
  console.log(
    `demo world: ${members} members (seed 1, history to ${endDate.toISOString().slice(0, 10)}), ${all.userCount} with interactions x ${all.itemCount} items, ${all.byUser.indptr[all.userCount]} pairs; ALS ${JSON.stringify(als)}, EASE lambda ${lambda}`,
  );
  console.log('');
  console.log('| NDCG@10 (validation / test) | ALS | EASE | popularity | members (validation) | served by |');
  console.log('|---|---:|---:|---:|---:|---|');
  const cell = (v: RankingEvaluation, t: RankingEvaluation, d?: (typeof RECOMMENDATION_DIRECTIONS)[number]) => {
    const a = d ? v.byDirection![d].ndcg : v.overall.ndcg;
    const b = d ? t.byDirection![d].ndcg : t.overall.ndcg;
    return `${a.toFixed(3)} / ${b.toFixed(3)}`;
  };
  console.log(
    `| overall | ${cell(onValidation.als, onTest.als)} | ${cell(onValidation.ease, onTest.ease)} | ${cell(onValidation.popularity, onTest.popularity)} | ${onValidation.popularity.overall.usersEvaluated} | ${choice.overall} |`,
  );
  for (const d of RECOMMENDATION_DIRECTIONS) {
    console.log(
      `| ${d} | ${cell(onValidation.als, onTest.als, d)} | ${cell(onValidation.ease, onTest.ease, d)} | ${cell(onValidation.popularity, onTest.popularity, d)} | ${onValidation.popularity.byDirection![d].usersEvaluated} | ${choice.byDirection[d].winner} |`,
    );
  }
  console.log('');
  for (const d of RECOMMENDATION_DIRECTIONS) console.log(`${d}: ${choice.byDirection[d].reason}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
