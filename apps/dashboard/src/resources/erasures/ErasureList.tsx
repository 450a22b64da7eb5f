import type { ErasureRequestDto } from '@crosslane/contracts';
import { DataTable, NumberField } from 'react-admin';
import { DateCol, ListActions, ResourceList, StatusCol } from '../../common/list-parts';

export const ERASURE_STATUS_COLORS = { QUEUED: 'default', RUNNING: 'info', COMPLETED: 'success', FAILED: 'error' } as const;

// A filed request completes within seconds on a small batch: refetch while the page is open so the admin sees it finish.
const REFRESH_MS = 3_000;

export function ErasureList() {
  return (
    <ResourceList<ErasureRequestDto>
      perPage={10}
      rowClick={false}
      sort={{ field: 'createdAt', order: 'DESC' }}
      title="Erasure requests"
      queryOptions={{ refetchInterval: REFRESH_MS }}
      // Keep the table and its toolbar when there is no request yet, rather than swapping in react-admin's empty page on each refetch.
      empty={false}
      actions={<ListActions createLabel="File an erasure" />}
    >
      <DateCol source="createdAt" label="Filed" showTime />
      <DataTable.Col source="requestedByEmail" label="Filed by" disableSort />
      <DataTable.Col
        source="source"
        label="Source"
        disableSort
        render={(r) => (r.source === 'CSV' ? `CSV ${r.fileName ?? ''}`.trim() : 'One key')}
      />
      <StatusCol source="status" label="Status" colors={ERASURE_STATUS_COLORS} />
      <DataTable.Col source="memberCount" label="Members" disableSort>
        <NumberField source="memberCount" />
      </DataTable.Col>
      <DataTable.Col source="erased" label="Erased" disableSort>
        <NumberField source="erased" />
      </DataTable.Col>
      <DataTable.Col source="notFound" label="Not found" disableSort>
        <NumberField source="notFound" />
      </DataTable.Col>
      <DateCol source="completedAt" label="Completed" showTime emptyText="—" />
      <DataTable.Col source="reason" label="Reason" disableSort />
    </ResourceList>
  );
}
