import { Alert, Box, Button, Grid, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import { DateField, Labeled, Show, SimpleShowLayout, TextField, useNotify, useRecordContext, type ShowProps } from 'react-admin';
import { PagedTableCard, usePagedList, type PagedColumn } from '../../common/PagedTable';
import type { ImportRejectionDto, ImportResultDto } from '@crosslane/contracts';
import { RowsTable } from '../../common/RowsTable';
import { StatusChip } from '../../common/StatusChip';
import { JobShowActions } from '../jobs/JobActions';
import { JobProgressField } from '../jobs/JobProgressField';
import { isActive, JOB_STATUS_COLORS, showRefreshInterval } from '../jobs/job-status';
import { importApi } from './import-api';
import { ImportConsentCounts, ImportNotesTable } from './ImportConsent';
import type { ImportJobRow } from './import-types';
import { saveFile } from '../../common/save-file';

const queryOptions: ShowProps<ImportJobRow>['queryOptions'] = {
  refetchInterval: (query) => showRefreshInterval(query.state.data),
};

function Count({ label, value }: { label: string; value: number | string }) {
  return (
    <Grid size={{ xs: 6, sm: 2 }}>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h6" aria-label={label}>
        {typeof value === 'number' ? value.toLocaleString('en') : value}
      </Typography>
    </Grid>
  );
}

function ResultPanel() {
  const job = useRecordContext<ImportJobRow>();
  const result = job?.result as ImportResultDto | null;
  if (!job) return null;
  if (!result) return <Typography color="text.secondary">{job.error ?? 'The result appears when the import has finished.'}</Typography>;
  return (
    <Box>
      {result.outcome === 'REJECTED' ? (
        <Alert severity="error" sx={{ mb: 2 }}>
          {result.fileError
            ? `The file was refused: ${result.fileError}. Nothing was written.`
            : `${result.rejected.toLocaleString('en')} row(s) were refused; in all-or-nothing mode nothing was written. Fix them, or import again keeping the good rows.`}
        </Alert>
      ) : result.rejected > 0 ? (
        <Alert severity="warning" sx={{ mb: 2 }}>
          {`${result.rejected.toLocaleString('en')} row(s) were dropped; the ${result.accepted.toLocaleString('en')} good rows were imported.`}
        </Alert>
      ) : (
        <Alert severity="success" sx={{ mb: 2 }}>
          Every row was accepted.
        </Alert>
      )}
      <Grid container spacing={2}>
        <Count label="Rows read" value={result.rowsRead} />
        <Count label="Accepted" value={result.accepted} />
        <Count label="Rejected" value={result.rejected} />
        <Count label="New" value={result.inserted} />
        <Count label="Updated" value={result.updated} />
        <Count label="Already stored" value={result.unchanged} />
      </Grid>
      {Object.keys(result.rejectionsByReason).length ? (
        <RowsTable
          sx={{ mt: 2, maxWidth: 640 }}
          label="Rejections by reason"
          rows={Object.entries(result.rejectionsByReason)}
          rowKey={([reason]) => reason}
          columns={[
            { header: 'Reason', cell: ([reason]) => reason },
            { header: 'Rows', cell: ([, n]) => n.toLocaleString('en'), align: 'right' },
          ]}
        />
      ) : null}
      <ImportConsentCounts result={result} />
    </Box>
  );
}

/** The error report: every refused row by row number, field and reason, a page at a time, with a CSV download. */
function RejectionsTable() {
  const job = useRecordContext<ImportJobRow>();
  const notify = useNotify();
  const done = !!job && !isActive(job.status);
  const list = usePagedList<ImportRejectionDto>(`imports/${job?.id}/rejections`, {
    sort: { field: 'rowNumber', order: 'ASC' },
    perPage: 25,
    enabled: done,
  });
  if (!job || !done || list.total === 0) return null;
  const download = async () => {
    try {
      saveFile(`import-${job.id}-rejections.csv`, 'text/csv', await importApi.rejectionsCsv(String(job.id)));
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  return (
    <PagedTableCard
      title="Error report"
      label="Error report"
      action={
        <Button size="small" startIcon={<DownloadIcon />} onClick={download}>
          Download CSV
        </Button>
      }
      list={list}
      columns={REJECTION_COLUMNS}
      perPageOptions={[25, 100, 500]}
    />
  );
}

const REJECTION_COLUMNS: PagedColumn<ImportRejectionDto>[] = [
  { header: 'Row', cell: (r) => r.rowNumber },
  { header: 'Field', cell: (r) => r.field ?? '—' },
  { header: 'Reason', cell: (r) => r.reason },
  { header: 'Value', cell: (r) => r.value ?? '', sx: { fontFamily: 'monospace' } },
];

export function ImportShow() {
  return (
    <Show<ImportJobRow> actions={<JobShowActions />} queryOptions={queryOptions} title="Import">
      <SimpleShowLayout>
        <TextField source="kind" label="Kind" />
        <TextField source="fileName" label="File" emptyText="—" />
        <TextField source="mode" label="Mode" />
        <StatusChip source="status" label="Status" colors={JOB_STATUS_COLORS} />
        <Labeled label="Progress">
          <JobProgressField />
        </Labeled>
        <DateField source="createdAt" label="Created" showTime />
        <DateField source="finishedAt" label="Finished" showTime emptyText="—" />
        <Labeled label="Result" fullWidth>
          <ResultPanel />
        </Labeled>
        <RejectionsTable />
        <ImportNotesTable />
      </SimpleShowLayout>
    </Show>
  );
}
