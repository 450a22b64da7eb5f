import type { AccountDto } from '@crosslane/contracts';
import { DataTable, NullableBooleanInput } from 'react-admin';
import { BooleanCol, choiceFilter, DateCol, ListActions, ResourceList, searchFilter, StatusCol } from '../../common/list-parts';
import { ROLE_COLORS, ROLE_LABELS } from '../../common/role-colors';
import { ROLE_CHOICES } from './account-form';

const filters = [
  searchFilter(),
  choiceFilter('role', 'Role', ROLE_CHOICES),
  <NullableBooleanInput key="active" source="active" label="Active" trueLabel="Active" falseLabel="Deactivated" />,
];

export function AccountList() {
  return (
    <ResourceList<AccountDto>
      filters={filters}
      actions={<ListActions createLabel="New account" />}
      sort={{ field: 'email', order: 'ASC' }}
      rowClick="edit"
    >
      <DataTable.Col source="email" label="Email" />
      <DataTable.Col source="displayName" label="Name" />
      <StatusCol source="role" label="Role" colors={ROLE_COLORS} labels={ROLE_LABELS} />
      <BooleanCol source="active" label="Active" />
      <DateCol source="lastLoginAt" label="Last sign-in" showTime emptyText="never" />
      <DateCol source="createdAt" label="Created" />
    </ResourceList>
  );
}
