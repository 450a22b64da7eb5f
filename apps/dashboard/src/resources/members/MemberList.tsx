import type { MemberDto } from '@crosslane/contracts';
import { DataTable } from 'react-admin';
import { BooleanCol, DateCol, ResourceList, searchFilter } from '../../common/list-parts';

const filters = [searchFilter('Member key')];

export function MemberList() {
  return (
    <ResourceList<MemberDto> filters={filters} sort={{ field: 'joinedAt', order: 'DESC' }}>
      <DataTable.Col source="memberKey" label="Member key" />
      <DataTable.Col source="city" label="City" />
      <DateCol source="joinedAt" label="Joined" />
      <DataTable.NumberCol source="interactionCount" label="Interactions" />
      <BooleanCol source="consentPersonalisation" label="Personalisation consent" />
      <BooleanCol source="consentPartnerSharing" label="Partner-sharing consent" />
    </ResourceList>
  );
}
