import type { ComplianceReportDto } from '@crosslane/contracts';
import DownloadIcon from '@mui/icons-material/Download';
import { Alert, Box, Button, Card, CardContent, MenuItem, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { Loading, Title, useDataProvider, useNotify } from 'react-admin';
import type { CrosslaneDataProvider } from '../../dataProvider';
import { ALL_PARTNERS, defaultPeriod, partnersShown, refusalsText } from './compliance-period';
import { saveFile } from '../../common/save-file';
import { TitledRowsTable } from '../../common/RowsTable';
import { DayField } from '../../common/form-fields';

const dash = (value: string | number | null) => (value === null || value === '' ? '—' : value);

/**
 * The compliance review of a period: per partner what was shared and refused,
 * consent moves, erasure requests with who filed them and how long they took.
 * The partner picker narrows the table; the downloads are the whole period,
 * as an auditor files it (HTML prints to PDF).
 */
export function ComplianceReportPage({ today = new Date() }: { today?: Date }) {
  const dataProvider = useDataProvider<CrosslaneDataProvider>();
  const notify = useNotify();
  const [period, setPeriod] = useState(() => defaultPeriod(today));
  const [partnerId, setPartnerId] = useState(ALL_PARTNERS);
  const valid = period.from !== '' && period.to !== '' && period.from < period.to;
  const [report, setReport] = useState<ComplianceReportDto | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    if (!valid) return;
    // A later period's answer must not be overwritten by an earlier, slower one.
    let current = true;
    setReport(null);
    setError(null);
    dataProvider.getComplianceReport({ from: period.from, to: period.to }).then(
      ({ data }) => current && setReport(data),
      (e: Error) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [dataProvider, period.from, period.to, valid]);

  const download = async (format: 'html' | 'csv') => {
    try {
      const { data } = await dataProvider.downloadComplianceReport(period, format);
      saveFile(data.fileName, data.contentType, data.body);
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };

  const partners = report ? partnersShown(report, partnerId) : [];
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="Compliance report" />
      <CardContent>
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center', mb: 2 }}>
          <DayField label="From" value={period.from} onChange={(from) => setPeriod((p) => ({ ...p, from }))} />
          <DayField label="To (exclusive)" value={period.to} onChange={(to) => setPeriod((p) => ({ ...p, to }))} />
          <TextField
            select
            size="small"
            label="Partner"
            value={partnerId}
            onChange={(e) => setPartnerId(e.target.value)}
            sx={{ minWidth: 200 }}
            SelectProps={{ displayEmpty: true }}
            InputLabelProps={{ shrink: true }}
          >
            <MenuItem value={ALL_PARTNERS}>All partners</MenuItem>
            {report?.partners.map((p) => (
              <MenuItem key={p.partnerId} value={p.partnerId}>
                {p.partnerName}
              </MenuItem>
            ))}
          </TextField>
          <Button startIcon={<DownloadIcon />} disabled={!valid} onClick={() => download('html')}>
            Download HTML
          </Button>
          <Button startIcon={<DownloadIcon />} disabled={!valid} onClick={() => download('csv')}>
            Download CSV
          </Button>
        </Box>
        {!valid && <Alert severity="warning">Choose a period whose end is after its start.</Alert>}
        {error && <Alert severity="error">{error.message}</Alert>}
        {valid && !report && !error && <Loading />}
        {report && (
          <>
            <TitledRowsTable
              title="Shared with partners"
              empty="No partner received or requested a file in this period."
              rows={partners}
              rowKey={(p) => p.partnerId}
              columns={[
                { header: 'Partner', cell: (p) => p.partnerName },
                { header: 'Files', cell: (p) => p.files },
                { header: 'Rows', cell: (p) => p.rows },
                { header: 'Fields', cell: (p) => dash(p.fields.join(', ')) },
                { header: 'Purposes', cell: (p) => dash(p.purposes.join(', ')) },
                { header: 'Agreement versions', cell: (p) => dash(p.agreementVersions.map((v) => `v${v}`).join(', ')) },
                { header: 'Refusals by rule', cell: (p) => dash(refusalsText(p.refusalsByRule)) },
                { header: 'Requested by', cell: (p) => dash(p.requestedBy.join(', ')) },
                {
                  header: 'Privacy budget (noise)',
                  cell: (p) => (p.privacyBudget ? `ε ${p.privacyBudget.epsilon} in ${p.privacyBudget.releases} releases` : '—'),
                },
              ]}
            />
            <TitledRowsTable
              title="Consent changes"
              titleSx={{ mt: 3 }}
              empty="No consent changes in this period."
              rows={report.consent}
              rowKey={(c) => `${c.flag}-${c.source}`}
              columns={[
                { header: 'Consent', cell: (c) => c.flag },
                { header: 'Source', cell: (c) => c.source },
                { header: 'Granted', cell: (c) => c.granted },
                { header: 'Withdrawn', cell: (c) => c.withdrawn },
              ]}
            />
            <TitledRowsTable
              title="Erasure requests"
              titleSx={{ mt: 3 }}
              empty="No erasure requests in this period."
              rows={report.erasures}
              rowKey={(e) => e.id}
              columns={[
                { header: 'Requested by', cell: (e) => dash(e.requestedBy) },
                { header: 'Requested at', cell: (e) => new Date(e.requestedAt).toLocaleString() },
                { header: 'Completed at', cell: (e) => (e.completedAt ? new Date(e.completedAt).toLocaleString() : 'not completed') },
                { header: 'Hours to complete', cell: (e) => dash(e.hoursToComplete) },
                { header: 'Members', cell: (e) => e.memberCount },
                { header: 'Erased', cell: (e) => e.erased },
                { header: 'Not found', cell: (e) => e.notFound },
              ]}
            />
          </>
        )}
      </CardContent>
    </Card>
  );
}
