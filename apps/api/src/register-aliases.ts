// The compiled API keeps the workspace layout under dist/, so each
// `@crosslane/*` alias of tsconfig.base.json maps to one compiled file.
// scripts/build.mjs writes that map to dist/aliases.json; resolving it here
// saves a bundler and keeps stack traces pointing at real files.
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';

const distRoot = path.resolve(__dirname, '..', '..', '..');
const aliasTargets: Record<string, string> = JSON.parse(fs.readFileSync(path.join(distRoot, 'aliases.json'), 'utf8'));

type ResolveFilename = (request: string, ...rest: unknown[]) => string;
const moduleWithResolver = Module as unknown as { _resolveFilename: ResolveFilename };
const originalResolve = moduleWithResolver._resolveFilename;
moduleWithResolver._resolveFilename = function resolveWorkspaceAlias(request: string, ...rest: unknown[]) {
  const target = aliasTargets[request];
  return originalResolve.call(this, target ? path.join(distRoot, target) : request, ...rest);
};
