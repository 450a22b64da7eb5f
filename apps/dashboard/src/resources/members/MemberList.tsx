import type { MemberDto } from '@crosslane/contracts';
import { BooleanField, DataTable, DateField, List, TextInput } from 'react-admin';

const filters = [<TextInput key="q" source="q" label="Member key" alwaysOn />];

export function MemberList() {
  return (
    <List<MemberDto> filters={filters} sort={{ field: 'joinedAt', order: 'DESC' }} perPage={25}>
      <DataTable<MemberDto> rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="memberKey" label="Member key" />
        <DataTable.Col source="city" label="City" />
        <DataTable.Col source="joinedAt" label="Joined">
          <DateField source="joinedAt" />
        </DataTable.Col>
        <DataTable.NumberCol source="interactionCount" label="Interactions" />
        <DataTable.Col source="consentPersonalisation" label="Personalisation consent">
          <BooleanField source="consentPersonalisation" />
        </DataTable.Col>
        <DataTable.Col source="consentPartnerSharing" label="Partner-sharing consent">
          <BooleanField source="consentPartnerSharing" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
