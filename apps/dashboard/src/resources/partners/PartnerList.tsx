import type { PartnerDetailDto } from '@crosslane/contracts';
import { DataTable, NumberField, TextInput, UrlField } from 'react-admin';
import { choiceFilter, ListActions, ResourceList, searchFilter, StatusCol } from '../../common/list-parts';
import { PARTNER_STATUS_CHOICES } from './partner-form';
import { PARTNER_STATUS_COLORS } from './partner-status';
import { isManagerOrAdmin } from '../../common/permissions';

const filters = [
  searchFilter(),
  choiceFilter('status', 'Status', PARTNER_STATUS_CHOICES),
  <TextInput key="industry" source="industry" label="Industry" />,
];

export const canWritePartners = isManagerOrAdmin;

export function PartnerList() {
  return (
    <ResourceList<PartnerDetailDto>
      sort={{ field: 'name', order: 'ASC' }}
      filters={filters}
      actions={<ListActions canWrite={canWritePartners} exportable />}
    >
      <DataTable.Col source="name" label="Partner" />
      <DataTable.Col source="industry" label="Industry" />
      <StatusCol source="status" label="Status" colors={PARTNER_STATUS_COLORS} />
      <DataTable.Col source="scorecardTotal" label="Scorecard (0-5)" disableSort>
        <NumberField source="scorecardTotal" options={{ maximumFractionDigits: 2 }} emptyText="—" />
      </DataTable.Col>
      <DataTable.Col source="contactName" label="Contact" />
      <DataTable.Col source="website" label="Website" disableSort>
        <UrlField source="website" target="_blank" rel="noopener noreferrer" onClick={(e) => e.stopPropagation()} emptyText="—" />
      </DataTable.Col>
      <DataTable.NumberCol source="itemCount" label="Catalogue items" disableSort />
    </ResourceList>
  );
}
