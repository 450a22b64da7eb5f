// EASE against numpy's EASE (benchmarks/recommender/ease_ref.py) on the split
// of bench-recommender.ts: training time (Gram matrix and inverse) and
// NDCG@10. Called by bench-recommender.ts after the ALS comparison; run alone
// on a split it wrote with
//   node benchmarks/recommender/run.mjs benchmarks/recommender/ease-only.ts SPLIT_DIR
// Environment: BENCH_EASE_LAMBDA (default 100), BENCH_EASE_REPEATS (default 3),
// BENCH_EASE_CHOLESKY=1 (also time scipy's cho_factor + cho_solve).
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { evaluateRanking, fitEase, fitEaseOffThread, popularityBaseline, type InteractionMatrix } from '@crosslane/domain-recommender';

export interface EaseBenchResult {
  lambda: number;
  items: number;
  oursSeconds: number[];
  /** CPU seconds of the same runs: the figure that survives other processes competing for the cores. */
  oursCpuSeconds: number[];
  referenceCpuSeconds: number[];
  oursOffThreadSeconds: number[];
  referenceSeconds: number[];
  referenceCholeskySeconds: number[];
  oursNdcg: number;
  referenceNdcg: number | null;
  popularityNdcg: number;
}

export async function benchEase(
  train: InteractionMatrix,
  test: InteractionMatrix,
  splitDir: string,
  python: string | null,
): Promise<EaseBenchResult> {
  const lambda = Number(process.env['BENCH_EASE_LAMBDA'] ?? 100);
  const repeats = Number(process.env['BENCH_EASE_REPEATS'] ?? 3);
  const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: '1' };
  delete env['OPENBLAS_CORETYPE'];
  delete env['OPENBLAS_L2_SIZE'];
  const reference = (cholesky: boolean) =>
    JSON.parse(
      execFileSync(
        python!,
        [path.join(__dirname, 'ease_ref.py'), splitDir, '--lambda', String(lambda), ...(cholesky ? ['--cholesky'] : [])],
        { env, maxBuffer: 16 << 20 },
      ).toString('utf8'),
    ) as { train_seconds: number; train_cpu_seconds: number; ndcg: number };
  const result: EaseBenchResult = {
    lambda,
    items: train.itemCount,
    oursSeconds: [],
    oursCpuSeconds: [],
    referenceCpuSeconds: [],
    oursOffThreadSeconds: [],
    referenceSeconds: [],
    referenceCholeskySeconds: [],
    oursNdcg: NaN,
    referenceNdcg: null,
    popularityNdcg: NaN,
  };
  for (let r = 0; r < repeats; r++) {
    let t = performance.now();
    const cpu = process.cpuUsage();
    const model = fitEase(train, { lambda });
    result.oursSeconds.push((performance.now() - t) / 1000);
    const used = process.cpuUsage(cpu);
    result.oursCpuSeconds.push((used.user + used.system) / 1e6);
    if (r === 0) result.oursNdcg = evaluateRanking(model, train, test, { k: 10 }).overall.ndcg;
    t = performance.now();
    await fitEaseOffThread(train, { lambda });
    result.oursOffThreadSeconds.push((performance.now() - t) / 1000);
    if (python !== null) {
      const ref = reference(false);
      result.referenceSeconds.push(ref.train_seconds);
      result.referenceCpuSeconds.push(ref.train_cpu_seconds);
      result.referenceNdcg = ref.ndcg;
      // scipy's Cholesky solve against the identity is much slower here than inv (2n³ flops in potrs); opt in.
      if (process.env['BENCH_EASE_CHOLESKY'] === '1') result.referenceCholeskySeconds.push(reference(true).train_seconds);
    }
    console.log(
      `EASE run ${r + 1}/${repeats}: ours ${result.oursSeconds[r].toFixed(2)} s, ${result.oursCpuSeconds[r].toFixed(2)} CPU s (off-thread ${result.oursOffThreadSeconds[r].toFixed(2)} s)` +
        (python !== null
          ? `, numpy inv ${result.referenceSeconds[r].toFixed(2)} s, ${result.referenceCpuSeconds[r].toFixed(2)} CPU s`
          : ''),
    );
  }
  result.popularityNdcg = evaluateRanking(popularityBaseline(train), train, test, { k: 10 }).overall.ndcg;
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  console.log('');
  console.log(`| EASE, lambda ${lambda}, ${train.itemCount} items | median s | vs numpy inv | NDCG@10 |`);
  console.log('|---|---:|---:|---:|');
  const ref = result.referenceSeconds.length ? med(result.referenceSeconds) : NaN;
  console.log(
    `| ours (Float64Array, one thread) | ${med(result.oursSeconds).toFixed(2)} | ${(med(result.oursSeconds) / ref).toFixed(2)}x | ${result.oursNdcg.toFixed(4)} |`,
  );
  console.log(
    `| ours, inverse on a worker thread | ${med(result.oursOffThreadSeconds).toFixed(2)} | ${(med(result.oursOffThreadSeconds) / ref).toFixed(2)}x | same model |`,
  );
  if (python !== null) {
    console.log(`| numpy np.linalg.inv (1 BLAS thread) | ${ref.toFixed(2)} | 1.00x | ${result.referenceNdcg!.toFixed(4)} |`);
    if (result.referenceCholeskySeconds.length)
      console.log(
        `| scipy Cholesky cho_factor + cho_solve | ${med(result.referenceCholeskySeconds).toFixed(2)} | ${(med(result.referenceCholeskySeconds) / ref).toFixed(2)}x | same |`,
      );
  }
  console.log(`| popularity | | | ${result.popularityNdcg.toFixed(4)} |`);
  if (python !== null) {
    const cpuRatio = med(result.oursCpuSeconds) / med(result.referenceCpuSeconds);
    console.log(
      `CPU seconds: ours ${med(result.oursCpuSeconds).toFixed(2)}, numpy inv ${med(result.referenceCpuSeconds).toFixed(2)} (${cpuRatio.toFixed(2)}x)`,
    );
  }
  if (result.referenceNdcg !== null) {
    const gap = Math.abs(result.oursNdcg - result.referenceNdcg);
    console.log(
      `${gap <= 1e-3 ? 'met    ' : 'NOT MET'}  same NDCG@10 as numpy's EASE to 1e-3: ${result.oursNdcg.toFixed(5)} vs ${result.referenceNdcg.toFixed(5)}`,
    );
    console.log(
      `${med(result.oursSeconds) <= 1.5 * ref ? 'met    ' : 'NOT MET'}  EASE training <= 1.5x numpy's: ${(med(result.oursSeconds) / ref).toFixed(2)}x`,
    );
  }
  console.log(
    `machine: ${os.availableParallelism()} CPUs, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  return result;
}
