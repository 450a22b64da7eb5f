import { describe, expect, it } from 'vitest';
import { complianceReportHtml, escapeHtml } from './compliance-html';
import { complianceReport } from './compliance-report';

const report = complianceReport(
  { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') },
  [
    {
      partnerId: 'p1',
      partnerName: 'Acme & <script>alert(1)</script>',
      status: 'READY',
      purpose: 'CAMPAIGN_"TARGETING"',
      kind: 'SEGMENT',
      fields: ['partner_pseudonym', 'age_band'],
      rowCount: 120,
      agreementVersion: 2,
      refusedReason: null,
      requestedByEmail: 'manager@example.cn',
    },
    {
      partnerId: 'p1',
      partnerName: 'Acme & <script>alert(1)</script>',
      status: 'REFUSED',
      purpose: 'ANALYTICS',
      kind: 'SEGMENT',
      fields: [],
      rowCount: null,
      agreementVersion: null,
      refusedReason: 'K_ANONYMITY: too few',
    },
  ],
  [{ flag: 'PARTNER_SHARING', from: true, to: false, source: 'API', changes: 3 }],
  [
    {
      id: 'er1',
      createdAt: new Date('2026-11-02T10:00:00Z'),
      completedAt: new Date('2026-11-02T11:30:00Z'),
      memberCount: 2,
      erased: 1,
      notFound: 1,
      requestedByEmail: 'admin@example.cn',
    },
  ],
  [{ partnerId: 'p1', partnerName: 'Acme & <script>alert(1)</script>', releases: 3, epsilon: 0.30000000000000004 }],
);

describe('complianceReportHtml', () => {
  const html = complianceReportHtml(report, new Date('2026-12-06T12:00:00Z'));

  it('escapes user input, so a partner name cannot inject markup', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('Acme &amp; &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('CAMPAIGN_&quot;TARGETING&quot;');
    expect(escapeHtml(`<a href='x'>&</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('has the three sections, print CSS and the figures of the data', () => {
    for (const heading of ['Shared with partners', 'Consent changes', 'Erasure requests']) expect(html).toContain(`<h2>${heading}</h2>`);
    expect(html).toContain('@page');
    expect(html).toContain('<td>120</td>');
    expect(html).toContain('<td>v2</td>');
    expect(html).toContain('<td>K_ANONYMITY: 1</td>');
    expect(html).toContain('<td>admin@example.cn</td>');
    expect(html).toContain('<td>manager@example.cn</td>');
    expect(html).toContain('<td>ε 0.3 in 3 releases</td>');
    expect(html).toContain('<td>1.5</td>');
    expect(html).toContain('Period 2026-11-01T00:00:00.000Z to 2026-12-01T00:00:00.000Z');
  });

  it('says so when a section is empty rather than printing an empty table', () => {
    const empty = complianceReportHtml({ ...report, partners: [], consent: [], erasures: [] }, new Date('2026-12-06T12:00:00Z'));
    expect(empty).toContain('No erasure requests in this period.');
    expect(empty).not.toContain('<table>');
  });

  it('does not mutate the report', () => {
    const copy = structuredClone(report);
    complianceReportHtml(report, new Date('2026-12-06T12:00:00Z'));
    expect(report).toEqual(copy);
  });
});
