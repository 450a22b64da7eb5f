import type { PartnerExportDto } from '@crosslane/contracts';
import { DataTable } from 'react-admin';
import { choiceFilter, DateCol, ListActions, partnerFilter, ResourceList, StatusCol } from '../../common/list-parts';
import { isManagerOrAdmin } from '../../common/permissions';
import { PURPOSE_CHOICES } from '../agreements/agreement-form';
import { DownloadExportButton } from './DownloadExportButton';
import { EXPORT_STATUS_CHOICES, EXPORT_STATUS_COLORS } from './export-form';

const filters = [
  partnerFilter(),
  choiceFilter('status', 'Status', EXPORT_STATUS_CHOICES),
  choiceFilter('purpose', 'Purpose', PURPOSE_CHOICES, false),
];

export const canRequestExports = isManagerOrAdmin;

export function ExportList() {
  return (
    <ResourceList<PartnerExportDto>
      filters={filters}
      sort={{ field: 'createdAt', order: 'DESC' }}
      actions={<ListActions canWrite={canRequestExports} createLabel="Request export" />}
      title="Partner exports"
      queryOptions={{ refetchInterval: 3000 }}
    >
      <DateCol source="createdAt" label="Requested" showTime />
      <DataTable.Col source="partnerName" label="Partner" disableSort />
      <DataTable.Col source="purpose" label="Purpose" />
      <DataTable.Col source="kind" label="Kind" />
      <DataTable.Col source="fields" label="Fields" disableSort render={(r) => r.fields.join(', ')} />
      <StatusCol source="status" label="Status" colors={EXPORT_STATUS_COLORS} />
      <DataTable.Col source="refusedReason" label="Reason" disableSort />
      <DataTable.NumberCol source="rowCount" label="Rows" disableSort />
      <DataTable.NumberCol source="suppressedRows" label="Suppressed" disableSort />
      <DataTable.Col label="File" disableSort>
        <DownloadExportButton />
      </DataTable.Col>
    </ResourceList>
  );
}
