import { Button as MuiButton } from '@mui/material';
import CloudDownloadIcon from '@mui/icons-material/CloudDownload';
import { DataTable, useRedirect, type ListProps } from 'react-admin';
import { choiceFilter, DateCol, ListActions, ResourceList, StatusCol, valueChoices } from '../../common/list-parts';
import { isManagerOrAdmin } from '../../common/permissions';
import { useAction } from '../../common/use-action';
import { JobProgressField } from '../jobs/JobProgressField';
import { JOB_STATUS_COLORS, JOB_STATUSES, listRefreshInterval } from '../jobs/job-status';
import { importApi } from './import-api';
import { KIND_CHOICES, KIND_LABELS } from './import-kinds';
import type { ImportJobRow } from './import-types';

const filters = [choiceFilter('kind', 'Kind', KIND_CHOICES), choiceFilter('status', 'Status', valueChoices(JOB_STATUSES))];

const queryOptions: ListProps<ImportJobRow>['queryOptions'] = {
  refetchInterval: (query) => listRefreshInterval(query.state.data?.data),
};

export const OUTCOME_COLORS = { IMPORTED: 'success', REJECTED: 'error' } as const;

/** Runs the Online Retail importer on the datasets folder of the server: no upload needed. */
export function OnlineRetailButton() {
  const redirect = useRedirect();
  const { run, pending } = useAction();
  return (
    <MuiButton
      size="small"
      startIcon={<CloudDownloadIcon />}
      disabled={pending}
      onClick={() =>
        run(() => importApi.importOnlineRetail(), {
          success: 'Online Retail import queued',
          refresh: false,
          then: (job) => redirect('show', 'imports', job.id),
        })
      }
    >
      Import the Online Retail dataset
    </MuiButton>
  );
}

export function ImportList() {
  return (
    <ResourceList<ImportJobRow>
      filters={filters}
      sort={{ field: 'createdAt', order: 'DESC' }}
      queryOptions={queryOptions}
      actions={<ListActions canWrite={isManagerOrAdmin} writerActions={<OnlineRetailButton />} createLabel="Upload a file" />}
      empty={false}
    >
      <DateCol source="createdAt" label="Created" showTime />
      <DataTable.Col
        source="kind"
        label="Kind"
        disableSort
        render={(r: ImportJobRow) => (r.kind ? (KIND_LABELS[r.kind as keyof typeof KIND_LABELS] ?? r.kind) : '—')}
      />
      <DataTable.Col source="fileName" label="File" disableSort />
      <DataTable.Col source="mode" label="Mode" disableSort />
      <StatusCol source="status" label="Status" colors={JOB_STATUS_COLORS} />
      <DataTable.Col label="Progress" disableSort>
        <JobProgressField />
      </DataTable.Col>
      <StatusCol source="outcome" label="Outcome" colors={OUTCOME_COLORS} disableSort />
      <DataTable.NumberCol source="accepted" label="Accepted" disableSort />
      <DataTable.NumberCol source="rejected" label="Rejected" disableSort />
    </ResourceList>
  );
}
