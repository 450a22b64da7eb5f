import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// Module boundaries are the point of this file: domain libraries stay pure
// (no Nest, Prisma, BullMQ, no I/O), the UI never reaches into the API, and
// apps depend on libraries, never the other way round.
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
      '**/*.js',
      '**/vite.config.mts',
      'vitest.config.mts',
    ],
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
    // Specs may read dataset files and spin up workers; the purity rule is for shipped code.
    files: ['**/*.spec.ts', '**/*.spec.tsx', 'test/**/*.ts', 'benchmarks/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
];
