import type { PartnerExportDto, Role } from '@crosslane/contracts';
import { CreateButton, DataTable, DateField, List, ReferenceInput, SelectInput, TopToolbar, usePermissions } from 'react-admin';
import { StatusChip } from '../../common/StatusChip';
import { PURPOSE_CHOICES } from '../agreements/agreement-form';
import { DownloadExportButton } from './DownloadExportButton';
import { EXPORT_STATUS_CHOICES, EXPORT_STATUS_COLORS } from './export-form';

const filters = [
  <ReferenceInput key="partnerId" source="partnerId" reference="partners" sort={{ field: 'name', order: 'ASC' }} alwaysOn>
    <SelectInput label="Partner" optionText="name" />
  </ReferenceInput>,
  <SelectInput key="status" source="status" label="Status" choices={EXPORT_STATUS_CHOICES} alwaysOn />,
  <SelectInput key="purpose" source="purpose" label="Purpose" choices={PURPOSE_CHOICES} />,
];

export const canRequestExports = (role: Role | undefined) => role === 'ADMIN' || role === 'MANAGER';

function ExportListActions() {
  const { permissions } = usePermissions<Role>();
  return <TopToolbar>{canRequestExports(permissions) && <CreateButton label="Request export" />}</TopToolbar>;
}

export function ExportList() {
  return (
    <List<PartnerExportDto>
      filters={filters}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      actions={<ExportListActions />}
      title="Partner exports"
      queryOptions={{ refetchInterval: 3000 }}
    >
      <DataTable<PartnerExportDto> rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="createdAt" label="Requested">
          <DateField source="createdAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="partnerName" label="Partner" disableSort />
        <DataTable.Col source="purpose" label="Purpose" />
        <DataTable.Col source="kind" label="Kind" />
        <DataTable.Col source="fields" label="Fields" disableSort render={(r) => r.fields.join(', ')} />
        <DataTable.Col source="status" label="Status">
          <StatusChip source="status" colors={EXPORT_STATUS_COLORS} />
        </DataTable.Col>
        <DataTable.Col source="refusedReason" label="Reason" disableSort />
        <DataTable.NumberCol source="rowCount" label="Rows" disableSort />
        <DataTable.NumberCol source="suppressedRows" label="Suppressed" disableSort />
        <DataTable.Col label="File" disableSort>
          <DownloadExportButton />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
