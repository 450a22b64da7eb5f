import type { PartnerExportDto } from '@crosslane/contracts';
import {
  DateField,
  ListButton,
  NumberField,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import { StatusChip } from '../../common/StatusChip';
import { DownloadExportButton } from './DownloadExportButton';
import { EXPORT_STATUS_COLORS, isSettled } from './export-form';

function ExportShowActions() {
  return (
    <TopToolbar>
      <ListButton />
      <DownloadExportButton />
    </TopToolbar>
  );
}

function Fields() {
  const record = useRecordContext<PartnerExportDto>();
  return <span>{record?.fields.join(', ')}</span>;
}

export function ExportShow() {
  return (
    <Show<PartnerExportDto>
      actions={<ExportShowActions />}
      title="Partner export"
      // Poll while the job builds the file, stop once it settles.
      queryOptions={{ refetchInterval: (query) => (isSettled((query.state.data as PartnerExportDto | undefined)?.status) ? false : 2000) }}
    >
      <SimpleShowLayout>
        <ReferenceField source="partnerId" reference="partners" label="Partner" />
        <StatusChip source="status" label="Status" colors={EXPORT_STATUS_COLORS} />
        <TextField source="refusedReason" label="Refusal, failure or expiry" emptyText="—" />
        <TextField source="purpose" label="Purpose" />
        <TextField source="kind" label="Kind" />
        <Fields />
        <ReferenceField source="segmentId" reference="segments" label="Segment" emptyText="All members" />
        <ReferenceField source="agreementId" reference="agreements" label="Agreement" emptyText="—" />
        <NumberField source="rowCount" label="Rows" emptyText="—" />
        <NumberField source="suppressedRows" label="Rows suppressed (under the minimum group size)" emptyText="—" />
        <TextField source="fileName" label="File" emptyText="—" />
        <ReferenceField source="jobId" reference="jobs" label="Job" emptyText="—" />
        <DateField source="createdAt" label="Requested" showTime />
        <DateField source="finishedAt" label="Finished" showTime emptyText="—" />
      </SimpleShowLayout>
    </Show>
  );
}
