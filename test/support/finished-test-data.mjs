// A generated finished A/B test, the same on every run (seeded): 200,000 clean units in two arms
// with two binary metrics and one continuous one, plus a few hundred dirty rows of each kind the
// finished-test import refuses. Imported by test/e2e/campaigns-finished-test.e2e.ts; run directly
// (`node test/support/finished-test-data.mjs > /tmp/finished-test.csv`) it prints the CSV that
// test/support/finished_test_reference.py reads to compute the expected values with scipy.

/** mulberry32: a small seeded generator, so the file is the same on every machine. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FINISHED_TEST_DIRTY = {
  'unknown arm': 300,
  'duplicate unit with conflicting values': 300, // 150 units, each on two rows
  'arm/exposure mismatch': 250,
  'unparseable metric': 200,
};
export const FINISHED_TEST_IDENTICAL_REPEATS = 120;

/**
 * @param {{ units?: number, seed?: number }} [options]
 * @returns {string} the CSV, header user_id,group,landing_page,exposed_at,converted,retained_d7,minutes
 */
export function generateFinishedTestCsv(options = {}) {
  const units = options.units ?? 200_000;
  const random = mulberry32(options.seed ?? 20_260_612);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const start = Date.UTC(2026, 2, 2);
  const rows = [];
  const row = (id, group, landing, at, converted, retained, minutes) =>
    `${id},${group},${landing},${at},${converted},${retained},${minutes}`;
  const unit = (id) => {
    const treated = random() < 0.5;
    const at = new Date(start + Math.floor(random() * 14 * 86_400_000)).toISOString();
    const converted = random() < (treated ? 0.1045 : 0.1) ? 1 : 0;
    const retained = random() < (treated ? 0.302 : 0.3) ? 'true' : 'false';
    const minutes = (Math.exp(2.2 + 0.6 * normal()) * (treated ? 1.012 : 1)).toFixed(2);
    return { id, group: treated ? 'B' : 'A', landing: treated ? 'new_page' : 'old_page', at, converted, retained, minutes };
  };
  const line = (u) => row(u.id, u.group, u.landing, u.at, u.converted, u.retained, u.minutes);
  const clean = [];
  for (let i = 1; i <= units; i++) {
    const u = unit(`u${String(i).padStart(7, '0')}`);
    clean.push(u);
    rows.push(line(u));
  }
  let next = units + 1;
  const fresh = () => unit(`u${String(next++).padStart(7, '0')}`);
  for (let i = 0; i < FINISHED_TEST_DIRTY['unknown arm']; i++) {
    const u = fresh();
    rows.push(line({ ...u, group: i % 2 === 0 ? 'C' : 'contrl' }));
  }
  for (let i = 0; i < FINISHED_TEST_DIRTY['duplicate unit with conflicting values'] / 2; i++) {
    const u = fresh();
    rows.push(line(u), line({ ...u, minutes: (Number(u.minutes) + 1).toFixed(2) }));
  }
  for (let i = 0; i < FINISHED_TEST_DIRTY['arm/exposure mismatch']; i++) {
    const u = fresh();
    rows.push(line({ ...u, landing: u.group === 'A' ? 'new_page' : 'old_page' }));
  }
  for (let i = 0; i < FINISHED_TEST_DIRTY['unparseable metric']; i++) {
    const u = fresh();
    rows.push(line(i % 2 === 0 ? { ...u, minutes: 'n/a' } : { ...u, converted: 'maybe' }));
  }
  // Exact repeats of clean units: kept once, not refused.
  for (let i = 0; i < FINISHED_TEST_IDENTICAL_REPEATS; i++) rows.push(line(clean[Math.floor(random() * clean.length)]));
  // Dirty rows anywhere in the file, not bunched at the end.
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  return `user_id,group,landing_page,exposed_at,converted,retained_d7,minutes\n${rows.join('\n')}\n`;
}

/** The mapping an analyst would choose for this file. */
export const FINISHED_TEST_MAPPING = {
  unitColumn: 'user_id',
  armColumn: 'group',
  arms: [
    { value: 'A', key: 'control', name: 'Old checkout', isControl: true },
    { value: 'B', key: 'new-checkout', name: 'New checkout', isControl: false },
  ],
  exposureColumn: 'landing_page',
  exposureValues: { old_page: 'control', new_page: 'new-checkout' },
  exposedAtColumn: 'exposed_at',
  metrics: [
    { name: 'conversion', column: 'converted', kind: 'binary', direction: 'increase', role: 'primary', hypothesis: 'one-sided' },
    { name: 'day-7 retention', column: 'retained_d7', kind: 'binary', direction: 'increase', role: 'guardrail' },
    { name: 'minutes watched', column: 'minutes', kind: 'mean', direction: 'increase', role: 'secondary' },
  ],
};

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(generateFinishedTestCsv());
