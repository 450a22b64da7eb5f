import type { ComplianceReportDto } from '@crosslane/contracts';
import DownloadIcon from '@mui/icons-material/Download';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { Loading, Title, useDataProvider, useNotify } from 'react-admin';
import type { CrosslaneDataProvider } from '../../dataProvider';
import { ALL_PARTNERS, defaultPeriod, partnersShown, refusalsText } from './compliance-period';
import { saveFile } from './save-file';

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
          <TextField
            type="date"
            size="small"
            label="From"
            value={period.from}
            onChange={(e) => setPeriod((p) => ({ ...p, from: e.target.value }))}
            InputLabelProps={{ shrink: true }}
          />
          <TextField
            type="date"
            size="small"
            label="To (exclusive)"
            value={period.to}
            onChange={(e) => setPeriod((p) => ({ ...p, to: e.target.value }))}
            InputLabelProps={{ shrink: true }}
          />
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
            <Typography variant="h6">Shared with partners</Typography>
            {partners.length === 0 ? (
              <Typography color="text.secondary">No partner received or requested a file in this period.</Typography>
            ) : (
              <Table size="small" aria-label="Shared with partners">
                <TableHead>
                  <TableRow>
                    {[
                      'Partner',
                      'Files',
                      'Rows',
                      'Fields',
                      'Purposes',
                      'Agreement versions',
                      'Refusals by rule',
                      'Requested by',
                      'Privacy budget (noise)',
                    ].map((h) => (
                      <TableCell key={h}>{h}</TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {partners.map((p) => (
                    <TableRow key={p.partnerId}>
                      <TableCell>{p.partnerName}</TableCell>
                      <TableCell>{p.files}</TableCell>
                      <TableCell>{p.rows}</TableCell>
                      <TableCell>{dash(p.fields.join(', '))}</TableCell>
                      <TableCell>{dash(p.purposes.join(', '))}</TableCell>
                      <TableCell>{dash(p.agreementVersions.map((v) => `v${v}`).join(', '))}</TableCell>
                      <TableCell>{dash(refusalsText(p.refusalsByRule))}</TableCell>
                      <TableCell>{dash(p.requestedBy.join(', '))}</TableCell>
                      <TableCell>
                        {p.privacyBudget ? `ε ${p.privacyBudget.epsilon} in ${p.privacyBudget.releases} releases` : '—'}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            <Typography variant="h6" sx={{ mt: 3 }}>
              Consent changes
            </Typography>
            {report.consent.length === 0 ? (
              <Typography color="text.secondary">No consent changes in this period.</Typography>
            ) : (
              <Table size="small" aria-label="Consent changes">
                <TableHead>
                  <TableRow>
                    {['Consent', 'Source', 'Granted', 'Withdrawn'].map((h) => (
                      <TableCell key={h}>{h}</TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {report.consent.map((c) => (
                    <TableRow key={`${c.flag}-${c.source}`}>
                      <TableCell>{c.flag}</TableCell>
                      <TableCell>{c.source}</TableCell>
                      <TableCell>{c.granted}</TableCell>
                      <TableCell>{c.withdrawn}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            <Typography variant="h6" sx={{ mt: 3 }}>
              Erasure requests
            </Typography>
            {report.erasures.length === 0 ? (
              <Typography color="text.secondary">No erasure requests in this period.</Typography>
            ) : (
              <Table size="small" aria-label="Erasure requests">
                <TableHead>
                  <TableRow>
                    {['Requested by', 'Requested at', 'Completed at', 'Hours to complete', 'Members', 'Erased', 'Not found'].map((h) => (
                      <TableCell key={h}>{h}</TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {report.erasures.map((e) => (
                    <TableRow key={e.id}>
                      <TableCell>{dash(e.requestedBy)}</TableCell>
                      <TableCell>{new Date(e.requestedAt).toLocaleString()}</TableCell>
                      <TableCell>{e.completedAt ? new Date(e.completedAt).toLocaleString() : 'not completed'}</TableCell>
                      <TableCell>{dash(e.hoursToComplete)}</TableCell>
                      <TableCell>{e.memberCount}</TableCell>
                      <TableCell>{e.erased}</TableCell>
                      <TableCell>{e.notFound}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </>
        )}
      </CardContent>
    </Card>
  );
}
