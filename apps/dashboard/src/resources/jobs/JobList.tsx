import type { JobRunDto } from '@crosslane/contracts';
import { DataTable, DateField, List, SelectInput, TextInput, type ListProps } from 'react-admin';
import { StatusChip } from '../../common/StatusChip';
import { JobProgressField } from './JobProgressField';
import { JOB_STATUS_COLORS, JOB_STATUSES, listRefreshInterval } from './job-status';

const filters = [
  <SelectInput key="status" source="status" label="Status" choices={JOB_STATUSES.map((s) => ({ id: s, name: s }))} alwaysOn />,
  <TextInput key="name" source="name" label="Job name" alwaysOn />,
  <TextInput key="queue" source="queue" label="Queue" />,
];

const queryOptions: ListProps<JobRunDto>['queryOptions'] = {
  refetchInterval: (query) => listRefreshInterval(query.state.data?.data),
};

export function JobList() {
  return (
    <List<JobRunDto> filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25} queryOptions={queryOptions}>
      <DataTable<JobRunDto> rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="name" label="Job" />
        <DataTable.Col source="queue" label="Queue" />
        <DataTable.Col source="status" label="Status">
          <StatusChip source="status" colors={JOB_STATUS_COLORS} />
        </DataTable.Col>
        <DataTable.Col label="Progress" disableSort>
          <JobProgressField />
        </DataTable.Col>
        <DataTable.NumberCol source="attempts" label="Attempts" />
        <DataTable.Col source="requestedBy" label="Requested by" />
        <DataTable.Col source="createdAt" label="Created">
          <DateField source="createdAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="finishedAt" label="Finished">
          <DateField source="finishedAt" showTime emptyText="—" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
