import type { Role, SharingAgreementDto } from '@crosslane/contracts';
import {
  BooleanField,
  DataTable,
  DateField,
  EditButton,
  FunctionField,
  Labeled,
  ListButton,
  NumberField,
  ReferenceField,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  usePermissions,
  useRecordContext,
} from 'react-admin';
import { StatusChip } from '../../common/StatusChip';
import { AGREEMENT_STATUS_COLORS } from './agreement-form';
import { RevokeAgreementButton } from './RevokeAgreementButton';
import { BooleanCol, DateCol, StatusCol } from '../../common/list-parts';

function AgreementShowActions() {
  const { permissions } = usePermissions<Role>();
  const agreement = useRecordContext<SharingAgreementDto>();
  return (
    <TopToolbar>
      <ListButton />
      {permissions === 'ADMIN' && agreement?.status === 'ACTIVE' && <EditButton label="Change (new version)" />}
      <RevokeAgreementButton />
    </TopToolbar>
  );
}

const list = (key: 'fieldsAllowed' | 'purposesAllowed' | 'segmentsAllowed') => (record: SharingAgreementDto) =>
  record[key].length ? record[key].join(', ') : '—';

export function AgreementShow() {
  return (
    <Show<SharingAgreementDto> actions={<AgreementShowActions />} title="Sharing agreement">
      <SimpleShowLayout>
        <ReferenceField source="partnerId" reference="partners" label="Partner" />
        <NumberField source="version" label="Version" />
        <StatusChip source="status" label="Status" colors={AGREEMENT_STATUS_COLORS} />
        <BooleanField source="inForce" label="In force now" />
        <FunctionField<SharingAgreementDto> label="Fields allowed" render={list('fieldsAllowed')} />
        <FunctionField<SharingAgreementDto> label="Purposes allowed" render={list('purposesAllowed')} />
        <FunctionField<SharingAgreementDto> label="Segments allowed" render={list('segmentsAllowed')} />
        <NumberField source="minGroupSize" label="Minimum group size" />
        <BooleanField source="consentRequired" label="Consent required" />
        <TextField source="privacyMode" label="Privacy mode" />
        <FunctionField<SharingAgreementDto>
          label="Epsilon budget per month / per query"
          render={(r) => (r.privacyMode === 'NOISE' ? `${r.epsilonBudget} / ${r.epsilonPerQuery}` : 'not used (threshold mode)')}
        />
        <DateField source="validFrom" label="Valid from" showTime />
        <DateField source="validTo" label="Valid to" showTime />
        <TextField source="note" label="Note" emptyText="—" />
        <DateField source="createdAt" label="Created" showTime />
        <Labeled label="Version history" fullWidth>
          <ReferenceManyField
            reference="agreements"
            source="partnerId"
            target="partnerId"
            sort={{ field: 'version', order: 'DESC' }}
            perPage={50}
          >
            <DataTable<SharingAgreementDto> rowClick="show" bulkActionButtons={false}>
              <DataTable.NumberCol source="version" label="Version" />
              <StatusCol source="status" label="Status" colors={AGREEMENT_STATUS_COLORS} />
              <DataTable.Col source="fieldsAllowed" label="Fields" render={list('fieldsAllowed')} />
              <DataTable.Col source="purposesAllowed" label="Purposes" render={list('purposesAllowed')} />
              <DataTable.NumberCol source="minGroupSize" label="Min group" />
              <BooleanCol source="consentRequired" label="Consent" />
              <DateCol source="createdAt" label="Written" showTime />
            </DataTable>
          </ReferenceManyField>
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
