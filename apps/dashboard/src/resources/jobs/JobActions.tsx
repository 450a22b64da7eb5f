import type { JobRunDto, Role } from '@crosslane/contracts';
import CancelIcon from '@mui/icons-material/Cancel';
import ReplayIcon from '@mui/icons-material/Replay';
import { Button, ListButton, TopToolbar, useDataProvider, usePermissions, useRecordContext, useRedirect, useRefresh } from 'react-admin';
import { useAction } from '../../common/use-action';
import type { CrosslaneDataProvider } from '../../dataProvider';
import { canControlJobs, jobActions } from './job-status';

type Verb = 'retry' | 'cancel';

function useJobCommand(verb: Verb) {
  const job = useRecordContext<JobRunDto>();
  const dataProvider = useDataProvider<CrosslaneDataProvider>();
  const refresh = useRefresh();
  const redirect = useRedirect();
  const action = useAction();

  const run = async () => {
    if (!job) return;
    await action.run(() => (verb === 'retry' ? dataProvider.retryJob(job.id) : dataProvider.cancelJob(job.id)), {
      success: verb === 'retry' ? 'Job queued again' : 'Cancellation requested',
      refresh: false,
      // A retry may come back as a new run: follow it.
      then: ({ data }) => (data?.id != null && data.id !== job.id ? redirect('show', 'jobs', data.id) : refresh()),
    });
  };
  return { job, run, pending: action.pending };
}

/** Shown to ADMIN and MANAGER only, and only on a failed or cancelled job. */
export function RetryJobButton() {
  const { permissions } = usePermissions<Role>();
  const { job, run, pending } = useJobCommand('retry');
  if (!canControlJobs(permissions) || !jobActions(job).retry) return null;
  return (
    <Button label="Retry" onClick={run} disabled={pending} data-testid="job-retry">
      <ReplayIcon />
    </Button>
  );
}

/** Shown to ADMIN and MANAGER only, and only on a queued or running job. */
export function CancelJobButton() {
  const { permissions } = usePermissions<Role>();
  const { job, run, pending } = useJobCommand('cancel');
  if (!canControlJobs(permissions) || !jobActions(job).cancel) return null;
  return (
    <Button label="Cancel" onClick={run} disabled={pending} color="error" data-testid="job-cancel">
      <CancelIcon />
    </Button>
  );
}

/** The toolbar of a job's page (a job, an import): back to the list, retry, cancel. */
export function JobShowActions() {
  return (
    <TopToolbar>
      <ListButton />
      <RetryJobButton />
      <CancelJobButton />
    </TopToolbar>
  );
}
