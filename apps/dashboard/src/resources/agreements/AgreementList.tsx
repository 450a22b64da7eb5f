import type { Role, SharingAgreementDto } from '@crosslane/contracts';
import { DataTable } from 'react-admin';
import { BooleanCol, choiceFilter, DateCol, ListActions, partnerFilter, ResourceList, StatusCol } from '../../common/list-parts';
import { AGREEMENT_STATUS_CHOICES, AGREEMENT_STATUS_COLORS } from './agreement-form';

const filters = [partnerFilter(), choiceFilter('status', 'Status', AGREEMENT_STATUS_CHOICES)];

const isAdmin = (role: Role | undefined) => role === 'ADMIN';

export function AgreementList() {
  return (
    <ResourceList<SharingAgreementDto>
      filters={filters}
      sort={{ field: 'createdAt', order: 'DESC' }}
      actions={<ListActions canWrite={isAdmin} createLabel="New agreement" />}
      title="Sharing agreements"
    >
      <DataTable.Col source="partnerName" label="Partner" disableSort />
      <DataTable.NumberCol source="version" label="Version" />
      <StatusCol source="status" label="Status" colors={AGREEMENT_STATUS_COLORS} />
      <BooleanCol source="inForce" label="In force" disableSort />
      <DataTable.Col source="purposesAllowed" label="Purposes" disableSort render={(r) => r.purposesAllowed.join(', ')} />
      <DataTable.Col source="fieldsAllowed" label="Fields" disableSort render={(r) => r.fieldsAllowed.join(', ')} />
      <DataTable.NumberCol source="minGroupSize" label="Min group" disableSort />
      <DateCol source="validTo" label="Valid to" />
    </ResourceList>
  );
}
