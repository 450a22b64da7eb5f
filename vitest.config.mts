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

export default defineConfig({
  test: {
    // One embedded PostgreSQL and one redis-server for the whole run (or the
    // servers DATABASE_URL / REDIS_URL name); each suite makes its own database.
    globalSetup: ['test/support/global-setup.ts'],
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'domain',
          include: ['libs/**/*.spec.ts'],
          exclude: ['libs/ui-charts/**', '**/node_modules/**'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        plugins: [nestCompiler()],
        oxc: false,
        test: { name: 'api', include: ['apps/api/src/**/*.spec.ts'], environment: 'node', testTimeout: 60_000 },
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
