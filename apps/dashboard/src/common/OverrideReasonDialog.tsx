import { Dialog, DialogActions, DialogContent, DialogTitle, TextField, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Button } from 'react-admin';

/** The shortest reason the API accepts for an override. */
export const MIN_OVERRIDE_REASON = 5;

/**
 * Asks why an action the rules advise against (launching a refused campaign,
 * activating a model that loses to popularity) should go ahead anyway; the
 * API keeps the reason in the audit log. Confirming needs a reason.
 */
export function OverrideReasonDialog({
  open,
  onClose,
  title,
  message,
  reasonLabel,
  reason,
  onReason,
  confirmLabel,
  onConfirm,
  pending,
  testIds = {},
  wide = false,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  message: ReactNode;
  reasonLabel: string;
  reason: string;
  onReason: (reason: string) => void;
  confirmLabel: string;
  onConfirm: () => void;
  pending: boolean;
  testIds?: { message?: string; reason?: string; confirm?: string };
  wide?: boolean;
}) {
  return (
    <Dialog open={open} onClose={onClose} {...(wide ? { maxWidth: 'sm', fullWidth: true } : {})}>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" sx={{ mb: 2 }} data-testid={testIds.message}>
          {message}
        </Typography>
        <TextField
          label={reasonLabel}
          value={reason}
          onChange={(e) => onReason(e.target.value)}
          fullWidth
          multiline
          minRows={2}
          inputProps={testIds.reason ? { 'data-testid': testIds.reason } : undefined}
        />
      </DialogContent>
      <DialogActions>
        <Button label="Cancel" onClick={onClose} />
        <Button
          label={confirmLabel}
          onClick={onConfirm}
          disabled={pending || reason.trim().length < MIN_OVERRIDE_REASON}
          color="warning"
          data-testid={testIds.confirm}
        />
      </DialogActions>
    </Dialog>
  );
}
