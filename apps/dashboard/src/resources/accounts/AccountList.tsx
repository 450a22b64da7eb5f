import type { AccountDto } from '@crosslane/contracts';
import {
  BooleanField,
  CreateButton,
  DataTable,
  DateField,
  List,
  NullableBooleanInput,
  SelectInput,
  TextInput,
  TopToolbar,
} from 'react-admin';
import { ROLE_COLORS, ROLE_LABELS } from '../../common/role-colors';
import { StatusChip } from '../../common/StatusChip';
import { ROLE_CHOICES } from './account-form';

const filters = [
  <TextInput key="q" source="q" label="Search" alwaysOn />,
  <SelectInput key="role" source="role" label="Role" choices={ROLE_CHOICES} alwaysOn />,
  <NullableBooleanInput key="active" source="active" label="Active" trueLabel="Active" falseLabel="Deactivated" />,
];

const ListActions = () => (
  <TopToolbar>
    <CreateButton label="New account" />
  </TopToolbar>
);

export function AccountList() {
  return (
    <List<AccountDto> filters={filters} actions={<ListActions />} sort={{ field: 'email', order: 'ASC' }} perPage={25}>
      <DataTable<AccountDto> rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="email" label="Email" />
        <DataTable.Col source="displayName" label="Name" />
        <DataTable.Col source="role" label="Role">
          <StatusChip source="role" colors={ROLE_COLORS} labels={ROLE_LABELS} />
        </DataTable.Col>
        <DataTable.Col source="active" label="Active">
          <BooleanField source="active" />
        </DataTable.Col>
        <DataTable.Col source="lastLoginAt" label="Last sign-in">
          <DateField source="lastLoginAt" showTime emptyText="never" />
        </DataTable.Col>
        <DataTable.Col source="createdAt" label="Created">
          <DateField source="createdAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
