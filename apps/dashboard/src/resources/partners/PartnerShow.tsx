import type { PartnerDetailDto, Role } from '@crosslane/contracts';
import { Stack } from '@mui/material';
import {
  DataTable,
  EditButton,
  EmailField,
  Labeled,
  ListButton,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  UrlField,
  usePermissions,
} from 'react-admin';
import { StatusChip } from '../../common/StatusChip';
import { MeasuresPanel } from './MeasuresPanel';
import { PrivacyPanel } from './PrivacyPanel';
import { canWritePartners } from './PartnerList';
import { PARTNER_STATUS_COLORS } from './partner-status';
import { ScorecardPanel } from './ScorecardPanel';
import { DateCol, StatusCol } from '../../common/list-parts';

function PartnerShowActions() {
  const { permissions } = usePermissions<Role>();
  return (
    <TopToolbar>
      <ListButton />
      {canWritePartners(permissions) && <EditButton />}
    </TopToolbar>
  );
}

export function PartnerShow() {
  return (
    <Show<PartnerDetailDto> actions={<PartnerShowActions />}>
      <SimpleShowLayout>
        <Stack direction="row" spacing={4} useFlexGap flexWrap="wrap">
          <TextField source="name" label="Partner" />
          <TextField source="industry" label="Industry" />
          <StatusChip source="status" label="Status" colors={PARTNER_STATUS_COLORS} />
          <TextField source="contactName" label="Contact" emptyText="—" />
          <EmailField source="contactEmail" label="Contact e-mail" emptyText="—" />
          <UrlField source="website" label="Website" target="_blank" rel="noopener noreferrer" emptyText="—" />
        </Stack>
        <ScorecardPanel />
        <MeasuresPanel />
        <PrivacyPanel />
        <Labeled label="Sharing agreements (every version)" fullWidth>
          <ReferenceManyField reference="agreements" target="partnerId" sort={{ field: 'version', order: 'DESC' }} perPage={20}>
            <DataTable rowClick="show" bulkActionButtons={false}>
              <DataTable.NumberCol source="version" label="Version" />
              <StatusCol source="status" label="Status" colors={{ ACTIVE: 'success', SUPERSEDED: 'default', REVOKED: 'error' }} />
              <DataTable.Col
                source="purposesAllowed"
                label="Purposes"
                render={(r: { purposesAllowed: string[] }) => r.purposesAllowed.join(', ')}
              />
              <DataTable.NumberCol source="minGroupSize" label="Min group" />
              <DataTable.Col source="privacyMode" label="Privacy" />
              <DateCol source="validTo" label="Valid to" />
            </DataTable>
          </ReferenceManyField>
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
