import type { CampaignDto, Role } from '@crosslane/contracts';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import StopIcon from '@mui/icons-material/Stop';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import ScheduleIcon from '@mui/icons-material/Schedule';
import CloudUploadIcon from '@mui/icons-material/CloudUpload';
import { useState } from 'react';
import { Button, usePermissions, useRecordContext, useRedirect } from 'react-admin';
import { OverrideReasonDialog } from '../../common/OverrideReasonDialog';
import { useAction } from '../../common/use-action';
import { campaignApi } from './campaign-api';
import { campaignActions, canManageCampaigns } from './campaign-rules';

// The campaign workflow's refusals (the state machine, the planner) run to several lines.
function useRun() {
  const { run, pending } = useAction();
  return { run: (work: () => Promise<unknown>, done: string) => run(work, { success: done, multiLine: true }), pending };
}

/**
 * Launch, with the planner's refusal shown in a dialog that takes an
 * override reason (audited by the API). Managers and admins only.
 */
export function LaunchCampaignButton() {
  const campaign = useRecordContext<CampaignDto>();
  const { permissions } = usePermissions<Role>();
  const { run, pending } = useRun();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  if (!campaign || !canManageCampaigns(permissions) || !campaignActions(campaign.status).launch) return null;
  const launch = async () => {
    try {
      await campaignApi.launch(campaign.id);
      await run(async () => undefined, 'Campaign launched');
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 409) setRefusal((error as Error).message);
      else await run(() => Promise.reject(error), '');
    }
  };
  const override = async () => {
    if (await run(() => campaignApi.launch(campaign.id, reason), 'Launched with an override (audited)')) setRefusal(null);
  };
  return (
    <>
      <Button label={campaign.status === 'STOPPED' ? 'Resume' : 'Launch'} onClick={launch} disabled={pending} data-testid="campaign-launch">
        <PlayArrowIcon />
      </Button>
      <OverrideReasonDialog
        open={refusal !== null}
        onClose={() => setRefusal(null)}
        wide
        title="Launch refused"
        message={refusal}
        reasonLabel="Override reason (kept in the audit log)"
        reason={reason}
        onReason={setReason}
        confirmLabel="Launch anyway"
        onConfirm={override}
        pending={pending}
        testIds={{ message: 'launch-refusal', confirm: 'campaign-launch-override' }}
      />
    </>
  );
}

function TransitionButton({
  verb,
  label,
  icon,
  when,
}: {
  verb: 'schedule' | 'stop' | 'conclude';
  label: string;
  icon: React.ReactElement;
  when: keyof ReturnType<typeof campaignActions>;
}) {
  const campaign = useRecordContext<CampaignDto>();
  const { permissions } = usePermissions<Role>();
  const { run, pending } = useRun();
  if (!campaign || !canManageCampaigns(permissions) || !campaignActions(campaign.status)[when]) return null;
  return (
    <Button
      label={label}
      onClick={() => run(() => campaignApi.transition(campaign.id, verb), `Campaign ${label.toLowerCase()}ed`)}
      disabled={pending}
      data-testid={`campaign-${verb}`}
    >
      {icon}
    </Button>
  );
}

export const ScheduleCampaignButton = () => <TransitionButton verb="schedule" label="Schedule" icon={<ScheduleIcon />} when="schedule" />;
export const StopCampaignButton = () => <TransitionButton verb="stop" label="Stop" icon={<StopIcon />} when="stop" />;
export const ConcludeCampaignButton = () => <TransitionButton verb="conclude" label="Conclude" icon={<DoneAllIcon />} when="conclude" />;

/** Queues the Hillstrom import (the finished-test import with its saved mapping, on the file shipped in the repository) and follows the job. */
export function ImportHillstromButton() {
  const redirect = useRedirect();
  const { run } = useAction();
  const go = () =>
    run(() => campaignApi.importHillstrom(), {
      success: 'Hillstrom import queued',
      refresh: false,
      then: (job) => redirect('show', 'jobs', job.id),
    });
  return (
    <Button label="Import Hillstrom" onClick={go}>
      <CloudUploadIcon />
    </Button>
  );
}
