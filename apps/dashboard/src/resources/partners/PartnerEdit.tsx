import type { PartnerDetailDto } from '@crosslane/contracts';
import { DeleteWithConfirmButton, Edit, SaveButton, SimpleForm, Toolbar } from 'react-admin';
import { PartnerFields, toPartnerBody } from './partner-form';

// "Delete" archives: the API sets status ARCHIVED and keeps the partner, its agreements and exports.
const PartnerEditToolbar = () => (
  <Toolbar sx={{ display: 'flex', justifyContent: 'space-between' }}>
    <SaveButton />
    <DeleteWithConfirmButton
      label="Archive"
      confirmTitle="Archive this partner?"
      confirmContent="The partner is kept with its agreements, exports and audit history, marked ARCHIVED."
      mutationMode="pessimistic"
      redirect="list"
    />
  </Toolbar>
);

export function PartnerEdit() {
  return (
    <Edit<PartnerDetailDto>
      mutationMode="pessimistic"
      redirect="show"
      transform={(data: Record<string, unknown>) => toPartnerBody(data, true)}
    >
      <SimpleForm toolbar={<PartnerEditToolbar />} sx={{ maxWidth: 520 }}>
        <PartnerFields editing />
      </SimpleForm>
    </Edit>
  );
}
