import type { ImportNoteDto, ImportResultDto } from '@crosslane/contracts';
import { Alert } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { PagedTableCard, usePagedList, type PagedColumn } from '../../common/PagedTable';
import { RowsTable, type Column } from '../../common/RowsTable';
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
      <RowsTable
        sx={{ mt: 2, maxWidth: 760 }}
        label="Consent changes"
        rows={rows}
        rowKey={(r) => r.label}
        columns={CONSENT_COUNT_COLUMNS}
      />
    </>
  );
}

type ConsentCountRow = ReturnType<typeof consentCountRows>[number];
const count = (key: keyof Omit<ConsentCountRow, 'label'>) => (r: ConsentCountRow) => r[key].toLocaleString('en');
const CONSENT_COUNT_COLUMNS: Column<ConsentCountRow>[] = [
  { header: 'Consent', cell: (r) => r.label },
  { header: 'Turned on', cell: count('turnedOn'), align: 'right' },
  { header: 'Turned off', cell: count('turnedOff'), align: 'right' },
  { header: 'New, on', cell: count('newOn'), align: 'right' },
  { header: 'New, off', cell: count('newOff'), align: 'right' },
  { header: 'Kept off (needs ADMIN)', cell: count('keptOff'), align: 'right' },
];

/** Rows written with a note (a consent kept as stored), by row number, a page at a time. */
export function ImportNotesTable() {
  const job = useRecordContext<ImportJobRow>();
  const result = job?.result as ImportResultDto | null | undefined;
  const enabled = !!job && !isActive(job.status) && (result?.notes ?? 0) > 0;
  const list = usePagedList<ImportNoteDto>(`imports/${job?.id}/notes`, {
    sort: { field: 'rowNumber', order: 'ASC' },
    perPage: 25,
    enabled,
  });
  if (!enabled || list.total === 0) return null;
  return (
    <PagedTableCard
      title="Notes: rows written, but not all as asked"
      label="Import notes"
      list={list}
      columns={NOTE_COLUMNS}
      perPageOptions={[25, 100, 500]}
    />
  );
}

const NOTE_COLUMNS: PagedColumn<ImportNoteDto>[] = [
  { header: 'Row', cell: (n) => n.rowNumber },
  { header: 'Field', cell: (n) => n.field ?? '—' },
  { header: 'Note', cell: (n) => n.note },
];
