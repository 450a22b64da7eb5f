import type { CampaignDto, Role } from '@crosslane/contracts';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import StopIcon from '@mui/icons-material/Stop';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import ScheduleIcon from '@mui/icons-material/Schedule';
import CloudUploadIcon from '@mui/icons-material/CloudUpload';
import { Dialog, DialogActions, DialogContent, DialogTitle, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { Button, useNotify, usePermissions, useRecordContext, useRedirect, useRefresh } from 'react-admin';
import { campaignApi } from './campaign-api';
import { campaignActions, canManageCampaigns } from './campaign-rules';

function useRun() {
  const notify = useNotify();
  const refresh = useRefresh();
  const [pending, setPending] = useState(false);
  const run = async (work: () => Promise<unknown>, done: string): Promise<boolean> => {
    setPending(true);
    try {
      await work();
      notify(done, { type: 'info' });
      refresh();
      return true;
    } catch (error) {
      notify((error as Error)?.message || 'ra.notification.http_error', { type: 'error', multiLine: true });
      return false;
    } finally {
      setPending(false);
    }
  };
  return { run, pending };
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
      <Dialog open={refusal !== null} onClose={() => setRefusal(null)} maxWidth="sm" fullWidth>
        <DialogTitle>Launch refused</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 2 }} data-testid="launch-refusal">
            {refusal}
          </Typography>
          <TextField
            label="Override reason (kept in the audit log)"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            fullWidth
            multiline
            minRows={2}
          />
        </DialogContent>
        <DialogActions>
          <Button label="Cancel" onClick={() => setRefusal(null)} />
          <Button
            label="Launch anyway"
            onClick={override}
            disabled={pending || reason.trim().length < 5}
            color="warning"
            data-testid="campaign-launch-override"
          />
        </DialogActions>
      </Dialog>
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
  const notify = useNotify();
  const go = async () => {
    try {
      const job = await campaignApi.importHillstrom();
      notify('Hillstrom import queued', { type: 'info' });
      redirect('show', 'jobs', job.id);
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Button label="Import Hillstrom" onClick={go}>
      <CloudUploadIcon />
    </Button>
  );
}
