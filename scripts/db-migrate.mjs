// `npm run db:migrate`: apply pending migrations and exit. Uses DATABASE_URL,
// or starts the embedded PostgreSQL under the data folder, as `npm start` does.
import { spawnSync } from 'node:child_process';
import { ensureNodeModules } from './ensure-installed.mjs';

await ensureNodeModules();
const { buildApi } = await import('./build.mjs');
const mainJs = await buildApi();
const result = spawnSync(process.execPath, [mainJs, 'migrate'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
