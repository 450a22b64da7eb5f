import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// Module boundaries are the point of this file: domain libraries stay pure
// (no Nest, Prisma, BullMQ, no I/O), the UI never reaches into the API, and
// apps depend on libraries, never the other way round.
// Every scope but the demo world's own and the API's (checked file by file below).
const PRODUCT_SCOPES = [
  'scope:dashboard',
  'scope:shared',
  'scope:auth',
  'scope:segments',
  'scope:recommender',
  'scope:ingest',
  'scope:experiments',
  'scope:privacy',
  'scope:catalogue',
];
const DEMO_WORLD_IMPORT = {
  name: '@crosslane/domain-demo-world',
  message: 'Only the demo world loader (modules/demo-world) and tests may import the demo world.',
};
const DEMO_WORLD_LOADER = ['apps/api/src/modules/demo-world/**', 'apps/api/src/modules/campaigns/jobs/seed-demo-campaign.job.ts'];

// Node's globals, as the plain .mjs files use them (the globals package is not a dependency of ours).
const NODE_GLOBALS = Object.fromEntries(
  [
    'AbortController',
    'AbortSignal',
    'Buffer',
    'URL',
    'URLSearchParams',
    'TextDecoder',
    'TextEncoder',
    'clearInterval',
    'clearTimeout',
    'console',
    'crypto',
    'fetch',
    'globalThis',
    'performance',
    'process',
    'queueMicrotask',
    'setImmediate',
    'setInterval',
    'setTimeout',
    'structuredClone',
  ].map((name) => [name, 'readonly']),
);

export default [
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/generated',
      '**/.nx',
      'tmp',
      '.crosslane-data',
      '**/*.mjs',
      // The benchmarks and scripts are plain ES modules: linted for names that do not exist (below), which a merge
      // can leave behind and which only fail at run time (a benchmark once lost its `args`).
      '!benchmarks/**/*.mjs',
      '!scripts/**/*.mjs',
      '**/*.js',
      '**/vite.config.mts',
      'vitest.config.mts',
    ],
  },
  {
    files: ['benchmarks/**/*.mjs', 'scripts/**/*.mjs'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: NODE_GLOBALS },
    rules: { 'no-undef': 'error' },
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:data-access', 'type:ui', 'type:util'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:domain', 'type:util'] },
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util'] },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain', 'type:util'],
              bannedExternalImports: [
                '@nestjs/*',
                '@prisma/*',
                'prisma',
                'bullmq',
                'ioredis',
                'pg',
                'fastify',
                '@fastify/*',
                'react',
                'react-dom',
                'react-admin',
                'node:fs',
                'fs',
                'node:net',
                'net',
                'node:http',
                'http',
                'node:child_process',
                'child_process',
              ],
            },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            // The demo world is a generator of fake data: product code must not come to depend on it. Only the
            // API (whose demo-world module is its loader, held to that by the rule below) may import it.
            ...PRODUCT_SCOPES.map((scope) => ({ sourceTag: scope, notDependOnLibsWithTags: ['scope:demo-world'] })),
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // Config values such as the Redis URL are optional in the type but provisioned before any module loads.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Infrastructure does not know the features: start-up code that wires both lives in apps/api/src/bootstrap.
    files: ['apps/api/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [DEMO_WORLD_IMPORT],
          patterns: [
            {
              regex: '(^|/)(modules|bootstrap)/',
              message: 'core/ is infrastructure and must not import feature modules (or bootstrap/, which imports both).',
            },
          ],
        },
      ],
    },
  },
  {
    // Inside the API one Nx project holds every module, so the scope rule above cannot tell the demo world's
    // loader from a product module: this rule does. The loader is the demo-world module and the demo campaign seeder.
    files: ['apps/api/src/**/*.ts'],
    ignores: [...DEMO_WORLD_LOADER, 'apps/api/src/core/**', '**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [DEMO_WORLD_IMPORT] }] },
  },
  {
    // Specs may read dataset files and spin up workers; the purity rule is for shipped code.
    files: ['**/*.spec.ts', '**/*.spec.tsx', 'test/**/*.ts', 'benchmarks/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
];
