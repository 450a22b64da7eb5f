import type { ErasureRequestDto } from '@crosslane/contracts';
import { CreateButton, DataTable, DateField, List, NumberField, TopToolbar } from 'react-admin';
import { StatusChip } from '../../common/StatusChip';

export const ERASURE_STATUS_COLORS = { QUEUED: 'default', RUNNING: 'info', COMPLETED: 'success', FAILED: 'error' } as const;

// A filed request completes within seconds on a small batch: refetch while the page is open so the admin sees it finish.
const REFRESH_MS = 3_000;

export function ErasureList() {
  return (
    <List<ErasureRequestDto>
      sort={{ field: 'createdAt', order: 'DESC' }}
      title="Erasure requests"
      queryOptions={{ refetchInterval: REFRESH_MS }}
      // Keep the table and its toolbar when there is no request yet, rather than swapping in react-admin's empty page on each refetch.
      empty={false}
      actions={
        <TopToolbar>
          <CreateButton label="File an erasure" />
        </TopToolbar>
      }
    >
      <DataTable<ErasureRequestDto> rowClick={false} bulkActionButtons={false}>
        <DataTable.Col source="createdAt" label="Filed">
          <DateField source="createdAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="requestedByEmail" label="Filed by" disableSort />
        <DataTable.Col
          source="source"
          label="Source"
          disableSort
          render={(r) => (r.source === 'CSV' ? `CSV ${r.fileName ?? ''}`.trim() : 'One key')}
        />
        <DataTable.Col source="status" label="Status">
          <StatusChip source="status" colors={ERASURE_STATUS_COLORS} />
        </DataTable.Col>
        <DataTable.Col source="memberCount" label="Members" disableSort>
          <NumberField source="memberCount" />
        </DataTable.Col>
        <DataTable.Col source="erased" label="Erased" disableSort>
          <NumberField source="erased" />
        </DataTable.Col>
        <DataTable.Col source="notFound" label="Not found" disableSort>
          <NumberField source="notFound" />
        </DataTable.Col>
        <DataTable.Col source="completedAt" label="Completed">
          <DateField source="completedAt" showTime emptyText="—" />
        </DataTable.Col>
        <DataTable.Col source="reason" label="Reason" disableSort />
      </DataTable>
    </List>
  );
}
