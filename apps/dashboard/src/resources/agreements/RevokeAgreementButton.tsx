import type { Role, SharingAgreementDto } from '@crosslane/contracts';
import BlockIcon from '@mui/icons-material/Block';
import { useState } from 'react';
import { Button, Confirm, useDataProvider, usePermissions, useRecordContext } from 'react-admin';
import { useAction } from '../../common/use-action';
import type { CrosslaneDataProvider } from '../../dataProvider';

/** ADMIN only, on the active version: after it nothing is shared with the partner until a new agreement. */
export function RevokeAgreementButton() {
  const agreement = useRecordContext<SharingAgreementDto>();
  const { permissions } = usePermissions<Role>();
  const dataProvider = useDataProvider<CrosslaneDataProvider>();
  const { run } = useAction();
  const [open, setOpen] = useState(false);
  if (permissions !== 'ADMIN' || agreement?.status !== 'ACTIVE') return null;
  const revoke = () => {
    setOpen(false);
    return run(() => dataProvider.revokeAgreement(agreement.id), {
      success: 'Agreement revoked: nothing more is shared with this partner',
      successType: 'warning',
    });
  };
  return (
    <>
      <Button label="Revoke" color="error" onClick={() => setOpen(true)}>
        <BlockIcon />
      </Button>
      <Confirm
        isOpen={open}
        title="Revoke this agreement?"
        content="Exports for this partner will be refused until an admin creates a new agreement."
        onConfirm={revoke}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
