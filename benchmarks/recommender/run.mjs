#!/usr/bin/env node
// Runs a TypeScript benchmark with plain Node: a require hook compiles each .ts
// file with @swc/core to CommonJS (the same compiler and module format as the
// dist/ build), and the tsconfig.base.json path aliases resolve as in the apps.
// Usage (from the repo root): node benchmarks/recommender/run.mjs [script.ts] [args...]
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const Module = require('node:module');
const swc = require('@swc/core');

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const tsconfig = JSON.parse(fs.readFileSync(path.join(repoRoot, 'tsconfig.base.json'), 'utf8'));
const aliases = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths ?? {}).map(([name, [target]]) => [name, path.resolve(repoRoot, target)]),
);

Module._extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = swc.transformSync(source, {
    filename,
    sourceMaps: 'inline',
    jsc: { parser: { syntax: 'typescript' }, target: process.env.SWC_TARGET ?? 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, aliases[request] ?? request, ...rest);
};

const [script = path.join(here, 'bench-recommender.ts')] = process.argv.slice(2);
process.argv.splice(2, 1);
require(path.resolve(script));
