#!/usr/bin/env node
// node scripts/import-online-retail.mjs
//
// Imports the UCI Online Retail dataset into a running Crosslane through its
// API, exactly as the dashboard's "Import the Online Retail dataset" button
// does (POST /api/imports {kind: "online-retail", source: "dataset"}), then
// follows the job and prints its counts. The worker reads the file from its
// datasets folder (CROSSLANE_DATASETS_DIR, default datasets/ in the repository).
//
// Environment:
//   CROSSLANE_URL       the API (default http://127.0.0.1:3000)
//   CROSSLANE_EMAIL     an ADMIN or MANAGER account (default CROSSLANE_ADMIN_EMAIL)
//   CROSSLANE_PASSWORD  its password (default CROSSLANE_ADMIN_PASSWORD)
//   CROSSLANE_IMPORT_MODE  keep-good-rows (default) or all-or-nothing
const base = (process.env.CROSSLANE_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const email = process.env.CROSSLANE_EMAIL ?? process.env.CROSSLANE_ADMIN_EMAIL;
const password = process.env.CROSSLANE_PASSWORD ?? process.env.CROSSLANE_ADMIN_PASSWORD;
const mode = process.env.CROSSLANE_IMPORT_MODE ?? 'keep-good-rows';
if (!email || !password) {
  console.error('Set CROSSLANE_EMAIL and CROSSLANE_PASSWORD (an ADMIN or MANAGER account) to import through the API.');
  process.exit(2);
}

async function call(path, init = {}, token) {
  const response = await fetch(`${base}/api${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) },
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${body?.message ?? ''}`);
  return body;
}

try {
  const { accessToken } = await call('/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) });
  const job = await call(
    '/imports',
    { method: 'POST', body: JSON.stringify({ kind: 'online-retail', source: 'dataset', mode }) },
    accessToken,
  );
  console.log(`[import-online-retail] queued job ${job.id}`);
  let last = '';
  for (;;) {
    const current = await call(`/imports/${job.id}`, {}, accessToken);
    const line = `${current.status} ${Math.round(current.progress)}% ${current.progressNote ?? ''}`;
    if (line !== last) console.log(`[import-online-retail] ${line}`);
    last = line;
    if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(current.status)) {
      if (current.status !== 'COMPLETED') {
        console.error(`[import-online-retail] ${current.status}: ${current.error ?? ''}`);
        process.exit(1);
      }
      const r = current.result;
      console.log(
        `[import-online-retail] ${r.outcome}: ${r.rowsRead.toLocaleString('en')} rows read, ${r.accepted.toLocaleString('en')} accepted (${r.inserted.toLocaleString('en')} new), ${r.rejected.toLocaleString('en')} left out`,
      );
      console.log(
        `[import-online-retail] members ${r.extra?.members?.toLocaleString('en') ?? '-'}, items ${r.extra?.items?.toLocaleString('en') ?? '-'}`,
      );
      for (const [reason, n] of Object.entries(r.rejectionsByReason))
        console.log(`[import-online-retail]   ${reason}: ${n.toLocaleString('en')}`);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
} catch (error) {
  console.error(`[import-online-retail] ${error.message}`);
  process.exit(1);
}
