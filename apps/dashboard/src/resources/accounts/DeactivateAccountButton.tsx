import type { AccountDto } from '@crosslane/contracts';
import PersonOffIcon from '@mui/icons-material/PersonOff';
import { useState } from 'react';
import { Button, Confirm, useNotify, useRecordContext, useRedirect, useUpdate } from 'react-admin';
import { toUpdateBody } from './account-form';
import { errorMessage } from '../../common/use-action';

/**
 * Accounts are never deleted (the audit log points at them): this sets
 * `active: false`, which stops the account from signing in.
 */
export function DeactivateAccountButton() {
  const account = useRecordContext<AccountDto>();
  const [open, setOpen] = useState(false);
  const [update, { isPending }] = useUpdate<AccountDto>();
  const notify = useNotify();
  const redirect = useRedirect();
  if (!account || !account.active) return null;

  const confirm = () =>
    update(
      'accounts',
      { id: account.id, data: { ...toUpdateBody(account), active: false }, previousData: account },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => {
          setOpen(false);
          notify(`${account.email} can no longer sign in`, { type: 'info' });
          redirect('list', 'accounts');
        },
        onError: (error) => {
          setOpen(false);
          notify(errorMessage(error), { type: 'error' });
        },
      },
    );

  return (
    <>
      <Button label="Deactivate" color="error" onClick={() => setOpen(true)} disabled={isPending}>
        <PersonOffIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={isPending}
        title={`Deactivate ${account.email}?`}
        content="The account will no longer be able to sign in. Its history stays in the audit log, and an admin can reactivate it later."
        confirm="Deactivate"
        onConfirm={confirm}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
