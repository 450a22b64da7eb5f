import type { JobRunDto } from '@crosslane/contracts';
import { Typography } from '@mui/material';
import {
  BooleanField,
  DateField,
  FunctionField,
  Labeled,
  NumberField,
  Show,
  SimpleShowLayout,
  TextField,
  type ShowProps,
} from 'react-admin';
import { JsonField } from '../../common/JsonField';
import { StatusChip } from '../../common/StatusChip';
import { JobShowActions } from './JobActions';
import { JobProgressField } from './JobProgressField';
import { JOB_STATUS_COLORS, showRefreshInterval } from './job-status';

const queryOptions: ShowProps<JobRunDto>['queryOptions'] = {
  refetchInterval: (query) => showRefreshInterval(query.state.data),
};

const JobTitle = () => <FunctionField<JobRunDto> render={(job) => `Job ${job.name}`} />;

export function JobShow() {
  return (
    <Show<JobRunDto> actions={<JobShowActions />} queryOptions={queryOptions} title={<JobTitle />}>
      <SimpleShowLayout>
        <TextField source="name" label="Job" />
        <TextField source="queue" label="Queue" />
        <StatusChip source="status" label="Status" colors={JOB_STATUS_COLORS} />
        <Labeled label="Progress">
          <JobProgressField />
        </Labeled>
        <BooleanField source="cancelRequested" label="Cancellation requested" />
        <NumberField source="attempts" label="Attempts" />
        <TextField source="requestedBy" label="Requested by" emptyText="—" />
        <DateField source="createdAt" label="Created" showTime />
        <DateField source="startedAt" label="Started" showTime emptyText="—" />
        <DateField source="finishedAt" label="Finished" showTime emptyText="—" />
        <FunctionField<JobRunDto>
          label="Error"
          render={(job) =>
            job.error ? (
              <Typography component="pre" color="error" sx={{ m: 0, whiteSpace: 'pre-wrap', fontSize: 13 }}>
                {job.error}
              </Typography>
            ) : (
              '—'
            )
          }
        />
        <JsonField source="payload" label="Payload" />
        <JsonField source="result" label="Result" />
      </SimpleShowLayout>
    </Show>
  );
}
