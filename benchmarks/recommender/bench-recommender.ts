// Recommender benchmark: our implicit ALS (one thread and worker threads)
// against shared/tools/als_ref.py (numpy/scipy) on the same split of UCI
// Online Retail, plus the popularity baseline.
//
//   node benchmarks/recommender/run.mjs            (from the repo root)
//
// Environment: CROSSLANE_DATASETS_DIR (default datasets/ in the
// repo), CROSSLANE_TOOLS_DIR (default ../shared/tools), BENCH_REPEATS (timed
// runs of each trainer, default 5; the median is reported), BENCH_THREADS
// (worker threads of the parallel run, default 2), BENCH_SEEDS (initial-factor
// seeds over which both models' NDCG@10 is also averaged, default 5; 0 skips
// it), CROSSLANE_PYTHON (a python3
// with numpy and scipy; otherwise the first of python3 on PATH and
// /usr/bin/python3 that has them, installing Debian's python3-numpy and
// python3-scipy when run as root and none has).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  evaluateRanking,
  factorizeImplicit,
  factorizeImplicitParallel,
  popularityBaseline,
  type ImplicitAlsParams,
  type InteractionMatrix,
  type RankingMetrics,
} from '@crosslane/domain-recommender';
import { benchEase } from './ease-bench';
import { datasetsDir } from './online-retail';
import { ONLINE_RETAIL_SPLIT, onlineRetailBenchmarkSplit } from './online-retail-split';
import { factorChecksum, writeSplitFile } from './split-files';

const repoRoot = path.resolve(__dirname, '../..');
const toolsDir = process.env['CROSSLANE_TOOLS_DIR'] ?? path.resolve(repoRoot, '../shared/tools');
const repeats = Number(process.env['BENCH_REPEATS'] ?? 5);
const threads = Number(process.env['BENCH_THREADS'] ?? 2);
const seeds = Number(process.env['BENCH_SEEDS'] ?? 5);
const K = 10;
const params: ImplicitAlsParams = { factors: 64, iterations: 15, alpha: 2, regularization: 10, cgSteps: 3, seed: 1 };

interface ReferenceRun {
  trainSeconds: number;
  als: Record<string, number>;
  popularity: Record<string, number>;
  environment: Record<string, unknown>;
  data: Record<string, number>;
}

async function main(): Promise<void> {
  const file = path.join(datasetsDir(repoRoot), 'online_retail/online_retail.csv.gz');
  const t0 = performance.now();
  const { userIds, all: full, train, test, itemIds, droppedTestPairs, rowsRead, rowsKept } = onlineRetailBenchmarkSplit(file);
  log(
    `loaded ${rowsRead} rows, kept ${rowsKept} -> ${full.userCount} customers x ${full.itemCount} stock codes, ` +
      `${nnz(full)} pairs; train ${nnz(train)}, test ${nnz(test)} (${droppedTestPairs} held-out pairs of items ` +
      `absent from train dropped; catalogue ${itemIds.length}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const splitDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosslane-bench-recommender-'));
  writeSplitFile(path.join(splitDir, 'train.csv'), train, userIds, itemIds);
  writeSplitFile(path.join(splitDir, 'test.csv'), test, userIds, itemIds);
  const python = findPython();

  // The model the metrics are computed on, and the check that worker threads
  // change nothing.
  const model = factorizeImplicit(train, params);
  const parallel = await factorizeImplicitParallel(train, params, { threads });
  if (!sameFactors(model.userFactors, parallel.userFactors) || !sameFactors(model.itemFactors, parallel.itemFactors)) {
    throw new Error('factorizeImplicitParallel gave a different model from factorizeImplicit');
  }

  // Every timed run is a fresh process on both sides, timed around the
  // training call only (als_ref.py's train_seconds; our factorize call).
  const ours1: number[] = [];
  const oursN: number[] = [];
  const refTimes: number[] = [];
  let reference: ReferenceRun | null = null;
  for (let r = 0; r < repeats; r++) {
    if (python !== null) {
      reference = runReference(python, splitDir);
      refTimes.push(reference.trainSeconds);
    }
    ours1.push(trainInFreshProcess(splitDir, 0, factorChecksum(model)));
    oursN.push(trainInFreshProcess(splitDir, threads, factorChecksum(model)));
    log(
      `run ${r + 1}/${repeats}: ours 1 thread ${ours1[r].toFixed(3)} s, ${threads} threads ${oursN[r].toFixed(3)} s` +
        (reference ? `, reference ${reference.trainSeconds.toFixed(3)} s` : ''),
    );
  }
  const ours = evaluateRanking(model, train, test, { k: K }).overall;
  const popularity = evaluateRanking(popularityBaseline(train), train, test, { k: K }).overall;

  // One seed's NDCG differs from another's by about 0.001-0.002 for either
  // implementation, so compare the means over several seeds as well. Each
  // seed gives both sides the same initial factors (see runReference), so the
  // two columns should agree seed by seed, up to floating-point rounding.
  const seedNdcg: { seed: number; ours: number; reference: number | null }[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const m = seed === params.seed ? model : factorizeImplicit(train, { ...params, seed });
    const r = python !== null ? runReference(python, splitDir, seed).als['ndcg@10'] : null;
    seedNdcg.push({ seed, ours: evaluateRanking(m, train, test, { k: K }).overall.ndcg, reference: r });
  }

  const refMedian = refTimes.length > 0 ? median(refTimes) : NaN;
  const refMin = refTimes.length > 0 ? Math.min(...refTimes) : NaN;
  // Medians are the figure of record; the fastest run shows the time without
  // other processes competing for the two cores (they do on shared machines).
  const rows: string[][] = [
    [
      'ours, 1 thread',
      fmt(median(ours1), 3),
      ratio(median(ours1), refMedian),
      fmt(Math.min(...ours1), 3),
      ratio(Math.min(...ours1), refMin),
    ],
    [
      `ours, ${threads} worker threads`,
      fmt(median(oursN), 3),
      ratio(median(oursN), refMedian),
      fmt(Math.min(...oursN), 3),
      ratio(Math.min(...oursN), refMin),
    ],
    ['reference (numpy, 1 BLAS thread)', fmt(refMedian, 3), '1.00x', fmt(refMin, 3), '1.00x'],
  ];
  console.log('');
  console.log(table([`training, ${repeats} runs`, 'median s', 'vs reference', 'fastest s', 'vs reference'], rows));
  console.log('');
  const metricRows = [
    metricRow('ours (implicit ALS)', ours),
    reference ? refRow('reference (als_ref.py)', reference.als, reference.als['users_evaluated']) : null,
    metricRow('popularity (ours)', popularity),
    reference ? refRow('popularity (als_ref.py)', reference.popularity, reference.popularity['users_evaluated']) : null,
  ].filter((row): row is string[] => row !== null);
  console.log(table(['@10', 'NDCG', 'precision', 'recall', 'MAP', 'coverage', 'users'], metricRows));
  console.log('');
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = (xs: number[]): number => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / Math.max(xs.length - 1, 1));
  const oursMean = seedNdcg.length > 0 ? mean(seedNdcg.map((s) => s.ours)) : NaN;
  const refNdcgs = seedNdcg.map((s) => s.reference).filter((x): x is number => x !== null);
  const refMean = refNdcgs.length > 0 ? mean(refNdcgs) : NaN;
  if (seedNdcg.length > 0) {
    console.log(
      table(
        ['NDCG@10 by initial seed', ...seedNdcg.map((s) => String(s.seed)), 'mean', 'sd'],
        [
          ['ours', ...seedNdcg.map((s) => fmt(s.ours, 4)), fmt(oursMean, 4), fmt(sd(seedNdcg.map((s) => s.ours)), 4)],
          ['reference', ...seedNdcg.map((s) => fmt(s.reference ?? NaN, 4)), fmt(refMean, 4), fmt(sd(refNdcgs), 4)],
        ],
      ),
    );
    console.log('');
  }
  const refNdcg = reference ? reference.als['ndcg@10'] : NaN;
  const goal = (ok: boolean, text: string): string => `${ok ? 'met    ' : 'NOT MET'}  ${text}`;
  console.log('goals');
  console.log(goal(ours.ndcg >= refNdcg, `NDCG@10 >= reference's: ${fmt(ours.ndcg, 5)} vs ${fmt(refNdcg, 5)} (seed ${params.seed})`));
  const paired = seedNdcg.filter((s) => s.reference !== null).map((s) => s.ours - (s.reference as number));
  if (paired.length > 1) {
    // Seed by seed both sides start from the same factors, so a difference is the two implementations' arithmetic:
    // "at least the reference's" holds when ours is higher on average or the gap is within 2 standard errors of zero.
    const diff = mean(paired);
    const se = sd(paired) / Math.sqrt(paired.length);
    const verdict = diff >= 0 ? 'higher on average' : -diff <= 2 * se ? 'equal within rounding' : 'lower';
    console.log(
      goal(
        verdict !== 'lower',
        `mean NDCG@10 over ${paired.length} seeds >= reference's: ${fmt(oursMean, 5)} vs ${fmt(refMean, 5)}; ` +
          `paired difference ${diff.toExponential(1)} (standard error ${se.toExponential(1)}): ${verdict}`,
      ),
    );
  }
  console.log(goal(ours.ndcg >= 4 * popularity.ndcg, `NDCG@10 >= 4x popularity's: ${(ours.ndcg / popularity.ndcg).toFixed(2)}x`));
  console.log(
    goal(median(oursN) <= 1.5 * refMedian, `training time <= 1.5x reference's (${threads} threads): ${ratio(median(oursN), refMedian)}`),
  );
  console.log(goal(median(ours1) <= 1.5 * refMedian, `training time <= 1.5x reference's (1 thread): ${ratio(median(ours1), refMedian)}`));
  console.log('');
  console.log('EASE (Steck 2019) against numpy on the same split');
  const ease = process.env['BENCH_EASE'] === '0' ? null : await benchEase(train, test, splitDir, python);
  console.log('');
  const summary = {
    machine: {
      nproc: os.availableParallelism(),
      cpu: cpuModel(),
      node: process.version,
      loadAverage: os.loadavg(),
    },
    params,
    threads,
    repeats,
    split: {
      ...ONLINE_RETAIL_SPLIT,
      train: nnz(train),
      test: nnz(test),
      droppedTestPairs,
      items: itemIds.length,
      users: train.userCount,
    },
    seconds: { ours1, oursParallel: oursN, reference: refTimes },
    medians: { ours1: median(ours1), oursParallel: median(oursN), reference: refMedian },
    metrics: { ours, popularity, reference: reference?.als ?? null, referencePopularity: reference?.popularity ?? null },
    ndcgBySeed: seedNdcg,
    referenceEnvironment: reference?.environment ?? null,
    ease,
    python,
  };
  const out = path.join(splitDir, 'summary.json');
  fs.writeFileSync(out, JSON.stringify(summary, null, 2) + '\n');
  console.log(
    `machine: ${summary.machine.nproc} CPUs, ${summary.machine.cpu}, node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  if (reference) console.log(`reference BLAS: ${JSON.stringify(reference.environment['blas_core'] ?? reference.environment['blas'])}`);
  console.log(`split and summary in ${splitDir}`);
}

function nnz(m: InteractionMatrix): number {
  return m.byUser.indptr[m.userCount];
}

function trainInFreshProcess(splitDir: string, threadCount: number, expectedChecksum: number): number {
  const out = execFileSync(
    process.execPath,
    [path.join(__dirname, 'run.mjs'), path.join(__dirname, 'train-once.ts'), splitDir, String(threadCount), JSON.stringify(params)],
    { maxBuffer: 1 << 20 },
  );
  const result = JSON.parse(out.toString('utf8')) as { seconds: number; checksum: number };
  if (result.checksum !== expectedChecksum) {
    throw new Error(`a fresh-process run (threads ${threadCount}) trained a different model from this process`);
  }
  return result.seconds;
}

function hasNumpy(python: string): boolean {
  return spawnSync(python, ['-c', 'import numpy, scipy'], { stdio: 'ignore' }).status === 0;
}

function findPython(): string | null {
  const candidates = [process.env['CROSSLANE_PYTHON'], 'python3', '/usr/bin/python3'].filter(
    (p): p is string => typeof p === 'string' && p !== '',
  );
  for (const candidate of candidates) if (hasNumpy(candidate)) return candidate;
  if (process.getuid?.() === 0) {
    log('no python3 with numpy and scipy: installing python3-numpy and python3-scipy from Debian (apt-get)');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    const install = spawnSync('apt-get', ['install', '-y', 'python3-numpy', 'python3-scipy'], { stdio: 'inherit', env });
    if (update.status === 0 && install.status === 0 && hasNumpy('/usr/bin/python3')) return '/usr/bin/python3';
  }
  log(
    'WARNING: no python3 with numpy and scipy was found, so the reference (als_ref.py) is skipped. ' +
      'Install them (as root: apt-get install -y python3-numpy python3-scipy) or set CROSSLANE_PYTHON.',
  );
  return null;
}

function runReference(python: string, splitDir: string, seed = params.seed): ReferenceRun {
  // One BLAS thread and OpenBLAS's own choice of kernel: the machine image sets
  // OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE for old OpenBLAS builds, which slows a
  // current numpy (see .library/env/README.md), so they are unset for this run only.
  const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: '1' };
  delete env['OPENBLAS_CORETYPE'];
  delete env['OPENBLAS_L2_SIZE'];
  const args = [
    path.join(toolsDir, 'als_ref.py'),
    '--csv',
    path.join(splitDir, 'train.csv'),
    '--test-csv',
    path.join(splitDir, 'test.csv'),
    '--user-col',
    'user',
    '--item-col',
    'item',
    '--value-col',
    'value',
    '--factors',
    String(params.factors),
    '--iters',
    String(params.iterations),
    '--alpha',
    String(params.alpha),
    '--reg',
    String(params.regularization),
    // Same initial factors on both sides: als_ref.py draws them from default_rng(seed + 1) (its seed itself splits,
    // unused with --test-csv), ours from numpy's default_rng(seed) (createNumpyRandom), so ours at seed s is the
    // reference at --seed s - 1, and the two models differ only by what each implementation computes.
    '--cg-steps',
    String(params.cgSteps),
    '--seed',
    String(seed - 1),
    '--k',
    String(K),
    '--quiet',
  ];
  const json = JSON.parse(execFileSync(python, args, { env, maxBuffer: 64 << 20 }).toString('utf8'));
  const core = spawnSync(
    python,
    [
      '-c',
      'import numpy as np, ctypes, glob, os\n' +
        "libs = glob.glob(os.path.join(os.path.dirname(np.__file__), '..', 'numpy.libs', '*openblas*'))\n" +
        'f = getattr(ctypes.CDLL(libs[0]), "scipy_openblas_get_corename64_")\n' +
        'f.restype = ctypes.c_char_p\nprint(f().decode())',
    ],
    { env },
  );
  const environment = { ...json.environment, blas_core: core.status === 0 ? core.stdout.toString().trim() : 'unknown' };
  return {
    trainSeconds: json.timing.train_seconds,
    als: json.metrics.als,
    popularity: json.metrics.popularity,
    environment,
    data: json.data,
  };
}

function sameFactors(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function fmt(x: number, digits: number): string {
  return Number.isFinite(x) ? x.toFixed(digits) : 'n/a';
}

function ratio(x: number, reference: number): string {
  return Number.isFinite(reference) ? `${(x / reference).toFixed(2)}x` : 'n/a';
}

function metricRow(name: string, m: RankingMetrics): string[] {
  return [name, fmt(m.ndcg, 4), fmt(m.precision, 4), fmt(m.recall, 4), fmt(m.map, 4), fmt(m.coverage, 4), String(m.usersEvaluated)];
}

function refRow(name: string, m: Record<string, number>, users: number): string[] {
  return [
    name,
    fmt(m['ndcg@10'], 4),
    fmt(m['precision@10'], 4),
    fmt(m['recall@10'], 4),
    fmt(m['map@10'], 4),
    fmt(m['coverage@10'], 4),
    String(users),
  ];
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]): string =>
    '| ' + cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ') + ' |';
  return [
    line(header),
    '|' + widths.map((w, c) => (c === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|',
    ...rows.map(line),
  ].join('\n');
}

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.*)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    return match ? match[1] : (os.cpus()[0]?.model ?? 'unknown');
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

function log(message: string): void {
  console.log(message);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
