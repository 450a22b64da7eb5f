import type { PartnerDetailDto, Role } from '@crosslane/contracts';
import {
  CreateButton,
  DataTable,
  ExportButton,
  List,
  NumberField,
  SelectInput,
  TextInput,
  TopToolbar,
  UrlField,
  usePermissions,
} from 'react-admin';
import { StatusChip } from '../../common/StatusChip';
import { PARTNER_STATUS_CHOICES } from './partner-form';
import { PARTNER_STATUS_COLORS } from './partner-status';

const filters = [
  <TextInput key="q" source="q" label="Search" alwaysOn />,
  <SelectInput key="status" source="status" label="Status" choices={PARTNER_STATUS_CHOICES} alwaysOn />,
  <TextInput key="industry" source="industry" label="Industry" />,
];

export const canWritePartners = (role: Role | undefined) => role === 'ADMIN' || role === 'MANAGER';

function PartnerListActions() {
  const { permissions } = usePermissions<Role>();
  return (
    <TopToolbar>
      {canWritePartners(permissions) && <CreateButton />}
      <ExportButton />
    </TopToolbar>
  );
}

export function PartnerList() {
  return (
    <List<PartnerDetailDto> sort={{ field: 'name', order: 'ASC' }} perPage={25} filters={filters} actions={<PartnerListActions />}>
      <DataTable<PartnerDetailDto> rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="name" label="Partner" />
        <DataTable.Col source="industry" label="Industry" />
        <DataTable.Col source="status" label="Status">
          <StatusChip source="status" colors={PARTNER_STATUS_COLORS} />
        </DataTable.Col>
        <DataTable.Col source="scorecardTotal" label="Scorecard (0-5)" disableSort>
          <NumberField source="scorecardTotal" options={{ maximumFractionDigits: 2 }} emptyText="—" />
        </DataTable.Col>
        <DataTable.Col source="contactName" label="Contact" />
        <DataTable.Col source="website" label="Website" disableSort>
          <UrlField source="website" target="_blank" rel="noopener noreferrer" onClick={(e) => e.stopPropagation()} emptyText="—" />
        </DataTable.Col>
        <DataTable.NumberCol source="itemCount" label="Catalogue items" disableSort />
      </DataTable>
    </List>
  );
}
