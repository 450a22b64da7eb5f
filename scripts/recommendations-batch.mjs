#!/usr/bin/env node
// Top-N for every member key in a file, through the batch endpoint, as CSV.
//
//   CROSSLANE_URL=http://127.0.0.1:3000 CROSSLANE_TOKEN=... \
//   node scripts/recommendations-batch.mjs members.txt recommendations.csv [--n 10] [--domain ALL]
//
// members.txt: one member key per line (a header line "memberKey" is skipped).
// Output columns: memberKey,rank,itemId,externalKey,domain,score,personalised,reason
// Keys the API does not know are reported on stderr and left out.
import fs from 'node:fs';

const [input, output, ...rest] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node scripts/recommendations-batch.mjs <member-keys.txt> <out.csv> [--n 10] [--domain ALL|KNOWLEDGE|PARTNER]');
  process.exit(2);
}
const option = (name, fallback) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? rest[i + 1] : fallback;
};
const n = Number(option('n', '10'));
const domain = option('domain', 'ALL');
const base = (process.env.CROSSLANE_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const token = process.env.CROSSLANE_TOKEN;
if (!token) {
  console.error('Set CROSSLANE_TOKEN to an access token (POST /api/auth/login)');
  process.exit(2);
}

const keys = fs
  .readFileSync(input, 'utf8')
  .split(/\r?\n/)
  .map((line) => line.split(',')[0].trim())
  .filter((k) => k && k !== 'memberKey');
const csv = (value) => (/[",\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value));
const out = fs.createWriteStream(output);
out.write('memberKey,rank,itemId,externalKey,domain,score,personalised,reason\n');
let unknown = 0;
for (let start = 0; start < keys.length; start += 1000) {
  const memberKeys = keys.slice(start, start + 1000);
  const response = await fetch(`${base}/api/recommender/recommendations/batch`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ memberKeys, n, domain }),
  });
  const body = await response.json();
  if (response.status !== 200) {
    console.error(`batch ${start / 1000 + 1} failed: ${response.status} ${body.message}`);
    process.exit(1);
  }
  for (const result of body.results) {
    result.items.forEach((item, rank) => {
      out.write(
        [result.memberKey, rank + 1, item.itemId, item.externalKey, item.domain, item.score, result.personalised, result.reason ?? '']
          .map(csv)
          .join(',') + '\n',
      );
    });
  }
  unknown += body.unknown.length;
  for (const key of body.unknown) console.error(`unknown member key: ${key}`);
  console.error(`${Math.min(start + 1000, keys.length)} of ${keys.length} members`);
}
out.end();
console.error(`wrote ${output}${unknown ? ` (${unknown} unknown keys left out)` : ''}`);
