import type { RecommenderModelDto, RecommenderScope, Role } from '@crosslane/contracts';
import { Button as MuiButton, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, TextField as MuiTextField } from '@mui/material';
import { useMemo, useState } from 'react';
import { Button, usePermissions, useRecordContext, useRedirect } from 'react-admin';
import { OverrideReasonDialog } from '../../common/OverrideReasonDialog';
import { useAction } from '../../common/use-action';
import { canManageModels, createRecommenderApi, modelActions } from './recommender-api';

function useApi() {
  return useMemo(() => createRecommenderApi(), []);
}

/** Activate (with the override-reason dialog when the version loses to popularity) and retire; MANAGER and ADMIN only. */
export function ModelActivationButtons() {
  const model = useRecordContext<RecommenderModelDto>();
  const { permissions } = usePermissions<Role>();
  const api = useApi();
  const { run, pending } = useAction();
  const [dialog, setDialog] = useState(false);
  const [reason, setReason] = useState('');
  const actions = modelActions(model);
  if (!model || !canManageModels(permissions)) return null;

  const act = (work: () => Promise<unknown>, done: string) => run(work, { success: done, then: () => setDialog(false) });
  const activate = () =>
    actions.needsOverride ? setDialog(true) : act(() => api.activate(model.id, {}), `Version ${model.version} is active`);

  return (
    <>
      {actions.activate && <Button label="Activate" onClick={activate} disabled={pending} data-testid="model-activate" />}
      {actions.retire && (
        <Button
          label="Retire"
          onClick={() => act(() => api.retire(model.id), `Version ${model.version} retired`)}
          disabled={pending}
          color="warning"
          data-testid="model-retire"
        />
      )}
      <OverrideReasonDialog
        open={dialog}
        onClose={() => setDialog(false)}
        title="Activate a version that loses to popularity?"
        message={`Version ${model.version} does not beat the popularity baseline on NDCG@10. Give the reason for activating it anyway; it is recorded in the audit log.`}
        reasonLabel="Reason"
        reason={reason}
        onReason={setReason}
        confirmLabel="Activate with override"
        onConfirm={() =>
          act(() => api.activate(model.id, { override: true, reason: reason.trim() }), `Version ${model.version} is active (override)`)
        }
        pending={pending}
        testIds={{ reason: 'override-reason', confirm: 'override-confirm' }}
      />
    </>
  );
}

/** Queues a training or tuning job and opens it on the Jobs screen; MANAGER and ADMIN only. */
export function TrainModelButton() {
  const { permissions } = usePermissions<Role>();
  const api = useApi();
  const redirect = useRedirect();
  const { run, pending } = useAction();
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<RecommenderScope>('ALL');
  if (!canManageModels(permissions)) return null;
  const start = (tune: boolean) =>
    run(() => (tune ? api.tune({ scope }) : api.train({ scope })), {
      success: tune ? 'Tuning queued' : 'Training queued',
      refresh: false,
      then: (job) => {
        setOpen(false);
        redirect('show', 'jobs', job.id);
      },
    });
  return (
    <>
      <Button label="Train" onClick={() => setOpen(true)} data-testid="model-train" />
      <Dialog open={open} onClose={() => setOpen(false)}>
        <DialogTitle>Train a recommender</DialogTitle>
        <DialogContent>
          <MuiTextField
            select
            label="Scope"
            value={scope}
            onChange={(e) => setScope(e.target.value as RecommenderScope)}
            sx={{ mt: 1, minWidth: 200 }}
          >
            {['ALL', 'KNOWLEDGE', 'PARTNER'].map((s) => (
              <MenuItem key={s} value={s}>
                {s}
              </MenuItem>
            ))}
          </MuiTextField>
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={() => start(true)} disabled={pending}>
            Tune and train
          </MuiButton>
          <MuiButton variant="contained" onClick={() => start(false)} disabled={pending}>
            Train
          </MuiButton>
        </DialogActions>
      </Dialog>
    </>
  );
}
