import { defineConfig } from 'vitest/config';
import swc from 'unplugin-swc';
import { fileURLToPath } from 'node:url';
import tsconfig from './tsconfig.base.json' with { type: 'json' };

// One runner for the whole workspace. Aliases mirror tsconfig.base.json so a
// spec imports a library exactly as production code does.
const alias = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths).map(([name, [target]]) => [name, fileURLToPath(new URL(target, import.meta.url))]),
);

// Nest relies on emitDecoratorMetadata, which esbuild cannot emit: SWC compiles the API in tests too.
const nestCompiler = () => swc.vite({ module: { type: 'es6' }, jsc: { target: 'es2022' } });

const JOBS = 'apps/api/src/**/*.job.spec.ts';
const INTEGRATION = '{apps,libs}/**/*.int.spec.ts';

export default defineConfig({
  test: {
    // One embedded PostgreSQL and one redis-server for the whole run (or the
    // servers DATABASE_URL / REDIS_URL name); each suite makes its own database.
    globalSetup: ['test/support/global-setup.ts'],
    // The tiers. A spec file matched by no project would be skipped in silence: test/config/tiers.spec.ts
    // checks that every *.spec.ts, *.spec.tsx and *.e2e.ts in the tree belongs to exactly one of them.
    projects: [
      {
        // Pure libraries: maths and rules, no I/O.
        resolve: { alias },
        test: {
          name: 'domain',
          include: ['libs/**/*.spec.ts'],
          exclude: ['libs/ui-charts/**', '**/node_modules/**', INTEGRATION],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        // API units: services, crons, guards and filters with fakes.
        resolve: { alias },
        plugins: [nestCompiler()],
        oxc: false,
        test: {
          name: 'api',
          include: ['apps/api/src/**/*.spec.ts'],
          exclude: ['**/node_modules/**', JOBS, INTEGRATION],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        // Each job constructed with in-memory fakes of its repositories and services: the value it returns and what it writes.
        resolve: { alias },
        plugins: [nestCompiler()],
        oxc: false,
        test: { name: 'jobs', include: [JOBS], environment: 'node', testTimeout: 60_000 },
      },
      {
        // Specs that talk to a real PostgreSQL, Redis or server process (started by global-setup.ts).
        resolve: { alias },
        plugins: [nestCompiler()],
        oxc: false,
        test: { name: 'integration', include: [INTEGRATION], environment: 'node', testTimeout: 180_000, hookTimeout: 180_000 },
      },
      {
        // The workspace's own configuration: lint boundaries, test tiers.
        resolve: { alias },
        test: { name: 'config', include: ['test/config/**/*.spec.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 120_000 },
      },
      'apps/dashboard/vite.config.mts',
      {
        resolve: { alias },
        plugins: [nestCompiler()],
        oxc: false,
        test: {
          name: 'e2e',
          include: ['test/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // Suites start whole applications: one at a time keeps two cores responsive.
          fileParallelism: false,
        },
      },
    ],
  },
});
