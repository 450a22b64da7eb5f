import type { ComplianceReport } from './compliance-report';

/** Escapes the five characters that matter in HTML text and attribute values; partner names and purposes are user input. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const cell = (value: unknown) => `<td>${escapeHtml(value === null || value === undefined || value === '' ? '—' : value)}</td>`;
const table = (headers: string[], rows: unknown[][], empty: string) =>
  rows.length === 0
    ? `<p class="empty">${escapeHtml(empty)}</p>`
    : `<table><thead><tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
        .map((r) => `<tr>${r.map(cell).join('')}</tr>`)
        .join('')}</tbody></table>`;

// Print CSS: A4, tables that do not split a row across pages, headers repeated on every page, no colour needed.
const STYLE = `
@page { size: A4; margin: 16mm; }
body { font: 11pt/1.4 system-ui, sans-serif; color: #111; margin: 0 auto; max-width: 60rem; }
h1 { font-size: 18pt; margin-bottom: 0; } h2 { font-size: 13pt; margin-top: 1.5em; border-bottom: 1px solid #999; }
.period { color: #444; margin-top: 0.25em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0; }
th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eee; }
thead { display: table-header-group; }
tr, h2 { break-inside: avoid; page-break-inside: avoid; }
h2 { break-after: avoid; page-break-after: avoid; }
.empty { color: #666; font-style: italic; }
@media print { body { max-width: none; } th { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;

/**
 * The compliance report (issue 17, item 4) as a standalone, printable HTML
 * page: what each partner received, consent moves, erasure requests. Every
 * value is escaped, so a partner named "<b>" prints as text.
 * Example: a report with partner "Acme & Co" contains "<td>Acme &amp; Co</td>".
 */
export function complianceReportHtml(report: ComplianceReport, generatedAt: Date): string {
  const day = (iso: string) => iso.slice(0, 10);
  const partners = table(
    ['Partner', 'Files', 'Rows', 'Fields', 'Purposes', 'Agreement versions', 'Refusals by rule', 'Requested by', 'Privacy budget (noise)'],
    report.partners.map((p) => [
      p.partnerName,
      p.files,
      p.rows,
      p.fields.join(', '),
      p.purposes.join(', '),
      p.agreementVersions.map((v) => `v${v}`).join(', '),
      Object.entries(p.refusalsByRule)
        .map(([rule, n]) => `${rule}: ${n}`)
        .join(', '),
      p.requestedBy.join(', '),
      p.privacyBudget ? `ε ${p.privacyBudget.epsilon} in ${p.privacyBudget.releases} releases` : '',
    ]),
    'No partner received or requested a file in this period.',
  );
  const consent = table(
    ['Consent', 'Source', 'Granted', 'Withdrawn'],
    report.consent.map((c) => [c.flag, c.source, c.granted, c.withdrawn]),
    'No consent changes in this period.',
  );
  const erasures = table(
    ['Request', 'Requested by', 'Requested at', 'Completed at', 'Hours to complete', 'Members', 'Erased', 'Not found'],
    report.erasures.map((e) => [
      e.id,
      e.requestedBy,
      e.requestedAt,
      e.completedAt ?? 'not completed',
      e.hoursToComplete,
      e.memberCount,
      e.erased,
      e.notFound,
    ]),
    'No erasure requests in this period.',
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Compliance report ${escapeHtml(day(report.from))} to ${escapeHtml(day(report.to))}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Crosslane compliance report</h1>
<p class="period">Period ${escapeHtml(report.from)} to ${escapeHtml(report.to)} (end exclusive). Generated ${escapeHtml(generatedAt.toISOString())}.</p>
<section id="partners"><h2>Shared with partners</h2>${partners}</section>
<section id="consent"><h2>Consent changes</h2>${consent}</section>
<section id="erasures"><h2>Erasure requests</h2>${erasures}</section>
</body>
</html>
`;
}
