import type { RecommenderModelDto, RecommenderScope, Role } from '@crosslane/contracts';
import {
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import { useMemo, useState } from 'react';
import { Button, useNotify, usePermissions, useRecordContext, useRefresh, useRedirect } from 'react-admin';
import { canManageModels, createRecommenderApi, modelActions } from './recommender-api';

function useApi() {
  return useMemo(() => createRecommenderApi(), []);
}

/** Activate (with the override-reason dialog when the version loses to popularity) and retire; MANAGER and ADMIN only. */
export function ModelActivationButtons() {
  const model = useRecordContext<RecommenderModelDto>();
  const { permissions } = usePermissions<Role>();
  const api = useApi();
  const notify = useNotify();
  const refresh = useRefresh();
  const [dialog, setDialog] = useState(false);
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const actions = modelActions(model);
  if (!model || !canManageModels(permissions)) return null;

  const act = async (work: () => Promise<unknown>, done: string) => {
    setPending(true);
    try {
      await work();
      notify(done, { type: 'info' });
      setDialog(false);
      refresh();
    } catch (error) {
      notify((error as Error)?.message || 'ra.notification.http_error', { type: 'error' });
    } finally {
      setPending(false);
    }
  };
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
      <Dialog open={dialog} onClose={() => setDialog(false)}>
        <DialogTitle>Activate a version that loses to popularity?</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 2 }}>
            Version {model.version} does not beat the popularity baseline on NDCG@10. Give the reason for activating it anyway; it is
            recorded in the audit log.
          </Typography>
          <MuiTextField
            label="Reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            fullWidth
            multiline
            minRows={2}
            inputProps={{ 'data-testid': 'override-reason' }}
          />
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={() => setDialog(false)}>Cancel</MuiButton>
          <MuiButton
            color="warning"
            disabled={pending || reason.trim().length < 5}
            onClick={() =>
              act(() => api.activate(model.id, { override: true, reason: reason.trim() }), `Version ${model.version} is active (override)`)
            }
            data-testid="override-confirm"
          >
            Activate with override
          </MuiButton>
        </DialogActions>
      </Dialog>
    </>
  );
}

/** Queues a training or tuning job and opens it on the Jobs screen; MANAGER and ADMIN only. */
export function TrainModelButton() {
  const { permissions } = usePermissions<Role>();
  const api = useApi();
  const notify = useNotify();
  const redirect = useRedirect();
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<RecommenderScope>('ALL');
  const [pending, setPending] = useState(false);
  if (!canManageModels(permissions)) return null;
  const start = async (tune: boolean) => {
    setPending(true);
    try {
      const job = tune ? await api.tune({ scope }) : await api.train({ scope });
      notify(tune ? 'Tuning queued' : 'Training queued', { type: 'info' });
      setOpen(false);
      redirect('show', 'jobs', job.id);
    } catch (error) {
      notify((error as Error)?.message || 'ra.notification.http_error', { type: 'error' });
    } finally {
      setPending(false);
    }
  };
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
