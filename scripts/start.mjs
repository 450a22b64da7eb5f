// `npm start`: install what is missing, build what changed, then run the
// API, the workers and the dashboard in this one process. With neither
// DATABASE_URL nor REDIS_URL set it also starts an embedded PostgreSQL and a
// redis-server under .crosslane-data/, and stops them on Ctrl-C.
import { createRequire } from 'node:module';
import { ensureNodeModules } from './ensure-installed.mjs';
import { ensureSystemPackages } from './ensure-system.mjs';

await ensureNodeModules();
await ensureSystemPackages({ redis: !process.env.REDIS_URL, chromium: false });
const { buildApi, buildDashboard } = await import('./build.mjs');
const mainJs = await buildApi();
buildDashboard();
createRequire(import.meta.url)(mainJs);
