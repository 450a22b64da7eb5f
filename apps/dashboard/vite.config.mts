import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const appRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

// Mirror tsconfig.base.json paths so the app imports libraries exactly as the
// type checker sees them. ui-charts is added here until the base config has it;
// an entry in the base config wins, so this one can then go.
const base = JSON.parse(readFileSync(new URL('../../tsconfig.base.json', import.meta.url), 'utf8')) as {
  compilerOptions: { paths?: Record<string, string[]> };
};
const paths: Record<string, string[]> = {
  '@crosslane/ui-charts': ['libs/ui-charts/src/index.ts'],
  ...base.compilerOptions.paths,
};
const alias = Object.entries(paths).map(([name, [target]]) => ({
  find: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
  replacement: fileURLToPath(new URL(target, `file://${repoRoot}`)),
}));

const apiPort = process.env.CROSSLANE_API_PORT ?? '3000';

export default defineConfig({
  root: appRoot,
  base: '/',
  // Its own pre-bundle cache, apart from other Vite/Vitest configs in the repo.
  cacheDir: fileURLToPath(new URL('node_modules/.vite/dashboard', `file://${repoRoot}`)),
  plugins: [react()],
  resolve: { alias },
  server: {
    proxy: {
      '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false },
    },
  },
  build: {
    outDir: fileURLToPath(new URL('dist/apps/dashboard', `file://${repoRoot}`)),
    emptyOutDir: true,
    // Vendor code in a few long-lived chunks, so a change in the app does not
    // make browsers download react-admin, MUI and recharts again.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'recharts',
              test: /node_modules[\\/](recharts|d3-[a-z-]+|victory-vendor|decimal\.js-light|@reduxjs|immer|reselect)[\\/]/,
              priority: 3,
            },
            { name: 'mui', test: /node_modules[\\/](@mui|@emotion|@popperjs|react-transition-group)[\\/]/, priority: 2 },
            {
              name: 'react-admin',
              test: /node_modules[\\/](react-admin|ra-[a-z-]+|@tanstack|react-hook-form|react-router|react-router-dom|lodash|date-fns|inflection|query-string)[\\/]/,
              priority: 2,
            },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
    chunkSizeWarningLimit: 700,
  },
  test: {
    name: 'dashboard',
    root: appRoot,
    environment: 'jsdom',
    include: ['src/**/*.spec.{ts,tsx}', '../../libs/ui-charts/src/**/*.spec.{ts,tsx}'],
    setupFiles: ['./src/test-setup.ts'],
  },
});
