import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { transformFileSync } from '@swc/core';
import { afterAll, describe, expect, it } from 'vitest';
import { fitEase } from './ease';
import { factorizeImplicit } from './factorize-implicit';
import { alsWorkerSource, factorizeImplicitParallel } from './factorize-implicit-parallel';
import { buildInteractionMatrix } from './interaction-matrix';
import { randomInteractionMatrix } from './random-interaction-matrix.fixture';
import { TrainingCancelledError } from './training-cancelled-error';

// Several blocks per side (64 rows each), so the workers really share the work.
const matrix = randomInteractionMatrix(300, 200, 0.05, 4);
const params = { factors: 20, iterations: 4, alpha: 2, regularization: 1, seed: 9 };

describe('factorizeImplicitParallel', () => {
  it('gives bit-identical factors to factorizeImplicit, whatever the thread count', async () => {
    const single = factorizeImplicit(matrix, params);
    for (const threads of [1, 3]) {
      const parallel = await factorizeImplicitParallel(matrix, params, { threads });
      expect(parallel.userFactors).toEqual(single.userFactors);
      expect(parallel.itemFactors).toEqual(single.itemFactors);
    }
  });

  it('reports the same losses per iteration as factorizeImplicit', async () => {
    const single = factorizeImplicit(matrix, params, { computeLoss: true });
    const seen: number[] = [];
    const parallel = await factorizeImplicitParallel(matrix, params, {
      threads: 2,
      computeLoss: true,
      onIteration: (iteration) => seen.push(iteration),
    });
    expect(parallel.loss).toEqual(single.loss);
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it('rejects with TrainingCancelledError when shouldCancel returns true', async () => {
    let polls = 0;
    const run = factorizeImplicitParallel(matrix, params, { threads: 2, shouldCancel: () => ++polls > 2 });
    await expect(run).rejects.toBeInstanceOf(TrainingCancelledError);
    await expect(factorizeImplicitParallel(matrix, params, { threads: 2, shouldCancel: () => true })).rejects.toThrow(
      'factorizeImplicitParallel was cancelled after 0 completed iteration(s)',
    );
  });

  it('requires threads >= 1', async () => {
    await expect(factorizeImplicitParallel(matrix, params, { threads: 0 })).rejects.toThrow(
      'factorizeImplicitParallel requires threads >= 1',
    );
  });

  it('ships its worker as source text that needs no file on disk', () => {
    const source = alsWorkerSource();
    expect(source).toContain('runPhase');
    expect(source).not.toMatch(/\brequire\(["']\.\.?\//);
  });
});

describe('factorizeImplicitParallel compiled by SWC to CommonJS (the dist/ build)', () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'recommender-swc-'));
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  // The workspace's .swcrc is what scripts/build.mjs compiles dist/ with; es5 is the harshest target.
  const swcrc = path.resolve(__dirname, '../../../../.swcrc');
  const options = fs.existsSync(swcrc) ? JSON.parse(fs.readFileSync(swcrc, 'utf8')) : {};

  it.each(['es2022', 'es5'] as const)('trains the same model as from sources (target %s)', (target) => {
    const dir = path.join(outDir, target);
    fs.mkdirSync(dir);
    // ml-matrix resolves from the workspace's node_modules.
    fs.symlinkSync(path.resolve(__dirname, '../../../../node_modules'), path.join(dir, 'node_modules'));
    for (const file of fs.readdirSync(__dirname)) {
      if (!file.endsWith('.ts') || file.endsWith('.spec.ts')) continue;
      const { code } = transformFileSync(path.join(__dirname, file), {
        ...options,
        swcrc: false,
        sourceMaps: false,
        jsc: { ...options.jsc, parser: { syntax: 'typescript' }, target },
        module: { ...options.module, type: 'commonjs' },
      });
      fs.writeFileSync(path.join(dir, file.replace(/\.ts$/, '.js')), code);
    }
    const script = `
      const lib = require(${JSON.stringify(path.join(dir, 'index.js'))});
      const m = lib.buildInteractionMatrix(${JSON.stringify({
        userIndices: Array.from({ length: 400 }, (_, t) => t % 130),
        itemIndices: Array.from({ length: 400 }, (_, t) => (t * 7) % 90),
      })});
      const params = ${JSON.stringify(params)};
      Promise.all([lib.factorizeImplicitParallel(m, params, { threads: 2 }), lib.fitEaseOffThread(m, { lambda: 3 })]).then(([model, ease]) => {
        process.stdout.write(JSON.stringify([Array.from(model.userFactors.subarray(0, 5)), Array.from(ease.weights.subarray(0, 200))]));
      }, (error) => { console.error(error); process.exit(1); });
    `;
    const compiled = JSON.parse(execFileSync(process.execPath, ['-e', script]).toString());
    const m = buildInteractionMatrix({
      userIndices: Array.from({ length: 400 }, (_, t) => t % 130),
      itemIndices: Array.from({ length: 400 }, (_, t) => (t * 7) % 90),
    });
    // The EASE worker runs a kernel serialised with toString: it too must survive the build.
    expect(compiled).toEqual([
      Array.from(factorizeImplicit(m, params).userFactors.subarray(0, 5)),
      Array.from(fitEase(m, { lambda: 3 }).weights.subarray(0, 200), (x) => x + 0),
    ]); // JSON has no -0
  });
});
