import { Button as MuiButton } from '@mui/material';
import CloudDownloadIcon from '@mui/icons-material/CloudDownload';
import {
  CreateButton,
  DataTable,
  DateField,
  List,
  SelectInput,
  TopToolbar,
  useNotify,
  usePermissions,
  useRedirect,
  type ListProps,
} from 'react-admin';
import { useState } from 'react';
import { StatusChip } from '../../common/StatusChip';
import { JobProgressField } from '../jobs/JobProgressField';
import { JOB_STATUS_COLORS, JOB_STATUSES, listRefreshInterval } from '../jobs/job-status';
import { importApi } from './import-api';
import { KIND_CHOICES, KIND_LABELS } from './import-kinds';
import type { ImportJobRow } from './import-types';

const filters = [
  <SelectInput key="kind" source="kind" label="Kind" choices={KIND_CHOICES} alwaysOn />,
  <SelectInput key="status" source="status" label="Status" choices={JOB_STATUSES.map((s) => ({ id: s, name: s }))} alwaysOn />,
];

const queryOptions: ListProps<ImportJobRow>['queryOptions'] = {
  refetchInterval: (query) => listRefreshInterval(query.state.data?.data),
};

export const OUTCOME_COLORS = { IMPORTED: 'success', REJECTED: 'error' } as const;

/** Runs the Online Retail importer on the datasets folder of the server: no upload needed. */
export function OnlineRetailButton() {
  const notify = useNotify();
  const redirect = useRedirect();
  const [busy, setBusy] = useState(false);
  return (
    <MuiButton
      size="small"
      startIcon={<CloudDownloadIcon />}
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        try {
          const job = await importApi.importOnlineRetail();
          notify('Online Retail import queued', { type: 'info' });
          redirect('show', 'imports', job.id);
        } catch (error) {
          notify((error as Error).message, { type: 'error' });
        } finally {
          setBusy(false);
        }
      }}
    >
      Import the Online Retail dataset
    </MuiButton>
  );
}

function ImportListActions() {
  const { permissions } = usePermissions();
  const canImport = permissions === 'ADMIN' || permissions === 'MANAGER';
  return (
    <TopToolbar>
      {canImport ? <OnlineRetailButton /> : null}
      {canImport ? <CreateButton label="Upload a file" /> : null}
    </TopToolbar>
  );
}

export function ImportList() {
  return (
    <List<ImportJobRow>
      filters={filters}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      queryOptions={queryOptions}
      actions={<ImportListActions />}
      empty={false}
    >
      <DataTable<ImportJobRow> rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="createdAt" label="Created">
          <DateField source="createdAt" showTime />
        </DataTable.Col>
        <DataTable.Col
          source="kind"
          label="Kind"
          disableSort
          render={(r: ImportJobRow) => (r.kind ? (KIND_LABELS[r.kind as keyof typeof KIND_LABELS] ?? r.kind) : '—')}
        />
        <DataTable.Col source="fileName" label="File" disableSort />
        <DataTable.Col source="mode" label="Mode" disableSort />
        <DataTable.Col source="status" label="Status">
          <StatusChip source="status" colors={JOB_STATUS_COLORS} />
        </DataTable.Col>
        <DataTable.Col label="Progress" disableSort>
          <JobProgressField />
        </DataTable.Col>
        <DataTable.Col source="outcome" label="Outcome" disableSort>
          <StatusChip source="outcome" colors={OUTCOME_COLORS} />
        </DataTable.Col>
        <DataTable.NumberCol source="accepted" label="Accepted" disableSort />
        <DataTable.NumberCol source="rejected" label="Rejected" disableSort />
      </DataTable>
    </List>
  );
}
