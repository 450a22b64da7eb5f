import type { MemberProfileDto } from '@crosslane/contracts';
import { DataTable, NumberField } from 'react-admin';
import { ResourceList, searchFilter } from '../../common/list-parts';

const filters = [searchFilter('Member key starts with')];

export function ProfileList() {
  return (
    <ResourceList<MemberProfileDto> filters={filters} sort={{ field: 'monetary', order: 'DESC' }}>
      <DataTable.Col source="memberKey" label="Member" disableSort />
      <DataTable.NumberCol source="rScore" label="R" />
      <DataTable.NumberCol source="fScore" label="F" />
      <DataTable.NumberCol source="mScore" label="M" />
      <DataTable.NumberCol source="recencyDays" label="Days since last" />
      <DataTable.NumberCol source="frequency" label="Purchase days" />
      <DataTable.Col source="monetary" label="Spend">
        <NumberField source="monetary" options={{ maximumFractionDigits: 0 }} />
      </DataTable.Col>
      <DataTable.Col source="carInterest" label="Car interest">
        <NumberField source="carInterest" options={{ style: 'percent', maximumFractionDigits: 0 }} />
      </DataTable.Col>
    </ResourceList>
  );
}
