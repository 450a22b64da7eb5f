import type { ImportNoteDto, ImportResultDto } from '@crosslane/contracts';
import { Alert, Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { PagedTable, usePagedList, type PagedColumn } from '../../common/PagedTable';
import { consentCountRows } from '../members/consent-history';
import { isActive } from '../jobs/job-status';
import type { ImportJobRow } from './import-types';

/** A members import's consent moves per flag, and a warning when rows asked for a consent the importer's role may not turn on. */
export function ImportConsentCounts({ result }: { result: ImportResultDto }) {
  const rows = consentCountRows(result.consent);
  if (!rows.length) return null;
  const kept = rows.reduce((n, r) => n + r.keptOff, 0);
  return (
    <>
      {kept > 0 ? (
        <Alert severity="warning" sx={{ mt: 2 }}>
          {`${kept.toLocaleString('en')} row(s) asked to turn partner-sharing consent on: only an ADMIN may, so they kept what was stored (off for new members). The notes below list them.`}
        </Alert>
      ) : null}
      <Table size="small" sx={{ mt: 2, maxWidth: 760 }} aria-label="Consent changes">
        <TableHead>
          <TableRow>
            <TableCell>Consent</TableCell>
            <TableCell align="right">Turned on</TableCell>
            <TableCell align="right">Turned off</TableCell>
            <TableCell align="right">New, on</TableCell>
            <TableCell align="right">New, off</TableCell>
            <TableCell align="right">Kept off (needs ADMIN)</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.label}>
              <TableCell>{r.label}</TableCell>
              <TableCell align="right">{r.turnedOn.toLocaleString('en')}</TableCell>
              <TableCell align="right">{r.turnedOff.toLocaleString('en')}</TableCell>
              <TableCell align="right">{r.newOn.toLocaleString('en')}</TableCell>
              <TableCell align="right">{r.newOff.toLocaleString('en')}</TableCell>
              <TableCell align="right">{r.keptOff.toLocaleString('en')}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/** Rows written with a note (a consent kept as stored), by row number, a page at a time. */
export function ImportNotesTable() {
  const job = useRecordContext<ImportJobRow>();
  const result = job?.result as ImportResultDto | null | undefined;
  const enabled = !!job && !isActive(job.status) && (result?.notes ?? 0) > 0;
  const { data, total, pager } = usePagedList<ImportNoteDto>(`imports/${job?.id}/notes`, {
    sort: { field: 'rowNumber', order: 'ASC' },
    perPage: 25,
    enabled,
  });
  if (!enabled || total === 0) return null;
  return (
    <Card variant="outlined" sx={{ mt: 2 }}>
      <CardContent>
        <Typography variant="h6">Notes: rows written, but not all as asked</Typography>
        <PagedTable label="Import notes" columns={NOTE_COLUMNS} rows={data} total={total} pager={pager} perPageOptions={[25, 100, 500]} />
      </CardContent>
    </Card>
  );
}

const NOTE_COLUMNS: PagedColumn<ImportNoteDto>[] = [
  { header: 'Row', cell: (n) => n.rowNumber },
  { header: 'Field', cell: (n) => n.field ?? '—' },
  { header: 'Note', cell: (n) => n.note },
];
