import type { PartnerDto } from '@crosslane/contracts';
import { DataTable, List, UrlField } from 'react-admin';
import { StatusChip } from '../../common/StatusChip';
import { PARTNER_STATUS_COLORS } from './partner-status';

export function PartnerList() {
  return (
    <List<PartnerDto> sort={{ field: 'name', order: 'ASC' }} perPage={25}>
      <DataTable<PartnerDto> rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="name" label="Partner" />
        <DataTable.Col source="industry" label="Industry" />
        <DataTable.Col source="status" label="Status">
          <StatusChip source="status" colors={PARTNER_STATUS_COLORS} />
        </DataTable.Col>
        <DataTable.Col source="contactName" label="Contact" />
        <DataTable.Col source="website" label="Website" disableSort>
          <UrlField source="website" target="_blank" rel="noopener noreferrer" onClick={(e) => e.stopPropagation()} emptyText="—" />
        </DataTable.Col>
        <DataTable.NumberCol source="itemCount" label="Catalogue items" />
      </DataTable>
    </List>
  );
}
