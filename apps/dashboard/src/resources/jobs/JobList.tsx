import type { JobRunDto } from '@crosslane/contracts';
import { DataTable, TextInput, type ListProps } from 'react-admin';
import { choiceFilter, DateCol, ResourceList, StatusCol, valueChoices } from '../../common/list-parts';
import { JobProgressField } from './JobProgressField';
import { JOB_STATUS_COLORS, JOB_STATUSES, listRefreshInterval } from './job-status';

const filters = [
  choiceFilter('status', 'Status', valueChoices(JOB_STATUSES)),
  <TextInput key="name" source="name" label="Job name" alwaysOn />,
  <TextInput key="queue" source="queue" label="Queue" />,
];

const queryOptions: ListProps<JobRunDto>['queryOptions'] = {
  refetchInterval: (query) => listRefreshInterval(query.state.data?.data),
};

export function JobList() {
  return (
    <ResourceList<JobRunDto> filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} queryOptions={queryOptions}>
      <DataTable.Col source="name" label="Job" />
      <DataTable.Col source="queue" label="Queue" />
      <StatusCol source="status" label="Status" colors={JOB_STATUS_COLORS} />
      <DataTable.Col label="Progress" disableSort>
        <JobProgressField />
      </DataTable.Col>
      <DataTable.NumberCol source="attempts" label="Attempts" />
      <DataTable.Col source="requestedBy" label="Requested by" />
      <DateCol source="createdAt" label="Created" showTime />
      <DateCol source="finishedAt" label="Finished" showTime emptyText="—" />
    </ResourceList>
  );
}
