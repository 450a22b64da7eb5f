import type { ComplianceReportDto } from '@crosslane/contracts';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AdminContext, testDataProvider } from 'react-admin';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ComplianceReportPage } from './ComplianceReportPage';

const REPORT: ComplianceReportDto = {
  from: '2026-11-07T00:00:00.000Z',
  to: '2026-12-07T00:00:00.000Z',
  partners: [
    {
      partnerId: 'p1',
      partnerName: 'Acme Retail',
      files: 2,
      rows: 340,
      fields: ['age_band', 'partner_pseudonym'],
      purposes: ['CAMPAIGN_TARGETING'],
      agreementVersions: [1, 2],
      refusalsByRule: { K_ANONYMITY: 1 },
      requestedBy: ['manager@crosslane.test'],
      privacyBudget: { releases: 4, epsilon: 0.4 },
    },
    {
      partnerId: 'p2',
      partnerName: 'Blue Bank',
      files: 1,
      rows: 12,
      fields: ['partner_pseudonym'],
      purposes: ['MEASUREMENT'],
      agreementVersions: [3],
      refusalsByRule: {},
      requestedBy: [],
      privacyBudget: null,
    },
  ],
  consent: [{ flag: 'PARTNER_SHARING', source: 'API', granted: 4, withdrawn: 2 }],
  erasures: [
    {
      id: 'e1',
      requestedBy: 'admin@crosslane.test',
      requestedAt: '2026-12-01T10:00:00.000Z',
      completedAt: '2026-12-01T10:30:00.000Z',
      hoursToComplete: 0.5,
      memberCount: 3,
      erased: 2,
      notFound: 1,
    },
  ],
};

function renderPage() {
  const getComplianceReport = vi.fn(async () => ({ data: REPORT }));
  const downloadComplianceReport = vi.fn(async (_period: unknown, format: 'html' | 'csv') => ({
    data: { fileName: `compliance.${format}`, contentType: format === 'html' ? 'text/html' : 'text/csv', body: '<html></html>' },
  }));
  const dataProvider = testDataProvider({ getComplianceReport, downloadComplianceReport } as never);
  render(
    <AdminContext dataProvider={dataProvider}>
      <ComplianceReportPage today={new Date('2026-12-06T15:00:00Z')} />
    </AdminContext>,
  );
  return { getComplianceReport, downloadComplianceReport };
}

afterEach(() => vi.restoreAllMocks());

describe('ComplianceReportPage', () => {
  it('asks for the last 30 days and shows what each partner received, consent moves and erasures', async () => {
    const { getComplianceReport } = renderPage();
    const partners = await screen.findByRole('table', { name: 'Shared with partners' });
    expect(getComplianceReport).toHaveBeenCalledWith({ from: '2026-11-07', to: '2026-12-07' });
    const acme = within(partners).getByText('Acme Retail').closest('tr')!;
    expect(Array.from(acme.querySelectorAll('td'), (td) => td.textContent)).toEqual([
      'Acme Retail',
      '2',
      '340',
      'age_band, partner_pseudonym',
      'CAMPAIGN_TARGETING',
      'v1, v2',
      'K_ANONYMITY: 1',
      'manager@crosslane.test',
      'ε 0.4 in 4 releases',
    ]);
    expect(within(screen.getByRole('table', { name: 'Consent changes' })).getByText('PARTNER_SHARING')).toBeTruthy();
    const erasure = within(screen.getByRole('table', { name: 'Erasure requests' }))
      .getByText('admin@crosslane.test')
      .closest('tr')!;
    expect(within(erasure).getByText('0.5')).toBeTruthy();
  });

  it('narrows the table to the partner picked', async () => {
    renderPage();
    await screen.findByRole('table', { name: 'Shared with partners' });
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Partner' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Blue Bank' }));
    const partners = screen.getByRole('table', { name: 'Shared with partners' });
    await waitFor(() => expect(within(partners).queryByText('Acme Retail')).toBeNull());
    expect(within(partners).getByText('Blue Bank')).toBeTruthy();
  });

  it('downloads the HTML and CSV of the period as files', async () => {
    const createObjectURL = vi.fn(() => 'blob:report');
    const revokeObjectURL = vi.fn();
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { downloadComplianceReport } = renderPage();
    await screen.findByRole('table', { name: 'Shared with partners' });
    fireEvent.click(screen.getByRole('button', { name: 'Download HTML' }));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(downloadComplianceReport).toHaveBeenCalledWith({ from: '2026-11-07', to: '2026-12-07' }, 'html');
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('compliance.html');
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(downloadComplianceReport).toHaveBeenCalledWith({ from: '2026-11-07', to: '2026-12-07' }, 'csv'));
    vi.unstubAllGlobals();
  });

  it('refuses a period that ends before it starts', async () => {
    const { getComplianceReport } = renderPage();
    await screen.findByRole('table', { name: 'Shared with partners' });
    fireEvent.change(screen.getByLabelText('To (exclusive)'), { target: { value: '2026-11-01' } });
    expect(await screen.findByText('Choose a period whose end is after its start.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Download HTML' })).toHaveProperty('disabled', true);
    expect(getComplianceReport).toHaveBeenCalledTimes(1);
  });
});
