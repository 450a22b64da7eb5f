// EASE against numpy's EASE (benchmarks/recommender/ease_ref.py) on the split
// of bench-recommender.ts: training time (Gram matrix, inverse and B) and
// NDCG@10. Called by bench-recommender.ts after the ALS comparison; run alone
// on a split it wrote with
//   node benchmarks/recommender/run.mjs benchmarks/recommender/ease-only.ts SPLIT_DIR
// Like for like, interleaved within each repeat: ours on one thread
// (fitEase) against numpy with one OpenBLAS thread, and ours on BENCH_THREADS
// worker threads (fitEaseOffThread, default 2) against numpy with as many
// OpenBLAS threads; wall and CPU seconds (CPU of the whole process, every
// thread) of each, since the machine is shared.
// Environment: BENCH_EASE_LAMBDA (default 100), BENCH_EASE_REPEATS (default 3),
// BENCH_THREADS (default 2), BENCH_EASE_CHOLESKY=1 (also time scipy's
// cho_factor + cho_solve, one thread).
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { evaluateRanking, fitEase, fitEaseOffThread, popularityBaseline, type InteractionMatrix } from '@crosslane/domain-recommender';

export interface EaseTimings {
  wallSeconds: number[];
  cpuSeconds: number[];
}

export interface EaseBenchResult {
  lambda: number;
  items: number;
  threads: number;
  /** fitEase, the calling thread only. */
  ours1: EaseTimings;
  /** fitEaseOffThread on `threads` worker threads. */
  oursN: EaseTimings;
  /** ease_ref.py, OPENBLAS_NUM_THREADS=1. */
  reference1: EaseTimings;
  /** ease_ref.py, OPENBLAS_NUM_THREADS=threads. */
  referenceN: EaseTimings;
  referenceCholeskySeconds: number[];
  oursNdcg: number;
  referenceNdcg: number | null;
  popularityNdcg: number;
}

const timings = (): EaseTimings => ({ wallSeconds: [], cpuSeconds: [] });
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

export async function benchEase(
  train: InteractionMatrix,
  test: InteractionMatrix,
  splitDir: string,
  python: string | null,
): Promise<EaseBenchResult> {
  const lambda = Number(process.env['BENCH_EASE_LAMBDA'] ?? 100);
  const repeats = Number(process.env['BENCH_EASE_REPEATS'] ?? 3);
  const threads = Number(process.env['BENCH_THREADS'] ?? 2);
  const reference = (blasThreads: number, cholesky: boolean) => {
    const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: String(blasThreads) };
    delete env['OPENBLAS_CORETYPE'];
    delete env['OPENBLAS_L2_SIZE'];
    return JSON.parse(
      execFileSync(
        python!,
        [path.join(__dirname, 'ease_ref.py'), splitDir, '--lambda', String(lambda), ...(cholesky ? ['--cholesky'] : [])],
        { env, maxBuffer: 16 << 20 },
      ).toString('utf8'),
    ) as { train_seconds: number; train_cpu_seconds: number; ndcg: number };
  };
  const result: EaseBenchResult = {
    lambda,
    items: train.itemCount,
    threads,
    ours1: timings(),
    oursN: timings(),
    reference1: timings(),
    referenceN: timings(),
    referenceCholeskySeconds: [],
    oursNdcg: NaN,
    referenceNdcg: null,
    popularityNdcg: NaN,
  };
  const timeOurs = async (into: EaseTimings, fit: () => unknown) => {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const model = await fit();
    into.wallSeconds.push((performance.now() - t) / 1000);
    const used = process.cpuUsage(cpu);
    into.cpuSeconds.push((used.user + used.system) / 1e6);
    return model;
  };
  for (let r = 0; r < repeats; r++) {
    const model = await timeOurs(result.ours1, () => fitEase(train, { lambda }));
    if (r === 0) result.oursNdcg = evaluateRanking(model as ReturnType<typeof fitEase>, train, test, { k: 10 }).overall.ndcg;
    const parallel = await timeOurs(result.oursN, () => fitEaseOffThread(train, { lambda }, { threads }));
    if (r === 0 && !sameWeights(model as ReturnType<typeof fitEase>, parallel as ReturnType<typeof fitEase>)) {
      throw new Error('fitEaseOffThread and fitEase disagree: the parallel inverse must be bit-identical');
    }
    if (python !== null) {
      for (const [blas, into] of [
        [1, result.reference1],
        [threads, result.referenceN],
      ] as const) {
        const ref = reference(blas, false);
        into.wallSeconds.push(ref.train_seconds);
        into.cpuSeconds.push(ref.train_cpu_seconds);
        result.referenceNdcg = ref.ndcg;
      }
      // scipy's Cholesky solve against the identity is much slower here than inv (2n³ flops in potrs); opt in.
      if (process.env['BENCH_EASE_CHOLESKY'] === '1') result.referenceCholeskySeconds.push(reference(1, true).train_seconds);
    }
    const show = (name: string, t: EaseTimings) => `${name} ${t.wallSeconds[r].toFixed(2)} s (${t.cpuSeconds[r].toFixed(2)} CPU s)`;
    console.log(
      `EASE run ${r + 1}/${repeats}: ${show('ours 1 thread', result.ours1)}, ${show(`ours ${threads} threads`, result.oursN)}` +
        (python !== null
          ? `, ${show('numpy 1 BLAS thread', result.reference1)}, ${show(`numpy ${threads} BLAS threads`, result.referenceN)}`
          : ''),
    );
  }
  result.popularityNdcg = evaluateRanking(popularityBaseline(train), train, test, { k: 10 }).overall.ndcg;
  console.log('');
  const refNdcg = result.referenceNdcg;
  console.log(
    `| EASE, λ = ${lambda}, ${train.itemCount} items | wall s | CPU s | wall vs numpy | CPU vs numpy | NDCG@10 | NDCG vs numpy |`,
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  const row = (name: string, t: EaseTimings, ref: EaseTimings | null, ndcg: number | null) =>
    console.log(
      `| ${name} | ${med(t.wallSeconds).toFixed(2)} | ${med(t.cpuSeconds).toFixed(2)} | ` +
        (ref !== null && ref.wallSeconds.length
          ? `${(med(t.wallSeconds) / med(ref.wallSeconds)).toFixed(2)}x | ${(med(t.cpuSeconds) / med(ref.cpuSeconds)).toFixed(2)}x`
          : ' | ') +
        ` | ${ndcg === null ? '' : ndcg.toFixed(6)} | ${ndcg === null || refNdcg === null ? '' : (ndcg / refNdcg).toFixed(6)} |`,
    );
  row('ours, `fitEase` (1 thread)', result.ours1, result.reference1, result.oursNdcg);
  row(`ours, \`fitEaseOffThread\` (${threads} worker threads)`, result.oursN, result.referenceN, result.oursNdcg);
  if (python !== null) {
    row('numpy `np.linalg.inv`, 1 OpenBLAS thread', result.reference1, result.reference1, refNdcg);
    row(`numpy \`np.linalg.inv\`, ${threads} OpenBLAS threads`, result.referenceN, result.referenceN, refNdcg);
    if (result.referenceCholeskySeconds.length)
      console.log(`scipy Cholesky cho_factor + cho_solve, 1 thread: ${med(result.referenceCholeskySeconds).toFixed(2)} s wall`);
  }
  console.log(`popularity NDCG@10: ${result.popularityNdcg.toFixed(4)}`);
  if (refNdcg !== null) {
    const gap = Math.abs(result.oursNdcg - refNdcg);
    const verdict = (ok: boolean) => (ok ? 'met    ' : 'NOT MET');
    console.log(
      `${verdict(gap <= 1e-3)}  same NDCG@10 as numpy's EASE to 1e-3: ${result.oursNdcg.toFixed(6)} vs ${refNdcg.toFixed(6)} (difference ${gap.toExponential(1)})`,
    );
    for (const [label, ours, ref] of [
      [`wall, ${threads} threads each`, result.oursN.wallSeconds, result.referenceN.wallSeconds],
      ['CPU, 1 thread each', result.ours1.cpuSeconds, result.reference1.cpuSeconds],
      [`CPU, ${threads} threads each`, result.oursN.cpuSeconds, result.referenceN.cpuSeconds],
      ['wall, 1 thread each', result.ours1.wallSeconds, result.reference1.wallSeconds],
    ] as const) {
      const ratio = med(ours) / med(ref);
      console.log(`${verdict(ratio <= 1.5)}  EASE training <= 1.5x numpy's time (${label}): ${ratio.toFixed(2)}x`);
    }
  }
  console.log(
    `machine: ${os.availableParallelism()} CPUs, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  return result;
}

function sameWeights(a: { weights: Float64Array }, b: { weights: Float64Array }): boolean {
  if (a.weights.length !== b.weights.length) return false;
  for (let t = 0; t < a.weights.length; t++) if (a.weights[t] !== b.weights[t]) return false;
  return true;
}
