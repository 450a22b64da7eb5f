import type { Role, SharingAgreementDto } from '@crosslane/contracts';
import {
  BooleanField,
  CreateButton,
  DataTable,
  DateField,
  List,
  ReferenceInput,
  SelectInput,
  TopToolbar,
  usePermissions,
} from 'react-admin';
import { StatusChip } from '../../common/StatusChip';
import { AGREEMENT_STATUS_CHOICES, AGREEMENT_STATUS_COLORS } from './agreement-form';

const filters = [
  <ReferenceInput key="partnerId" source="partnerId" reference="partners" sort={{ field: 'name', order: 'ASC' }} alwaysOn>
    <SelectInput label="Partner" optionText="name" />
  </ReferenceInput>,
  <SelectInput key="status" source="status" label="Status" choices={AGREEMENT_STATUS_CHOICES} alwaysOn />,
];

function AgreementListActions() {
  const { permissions } = usePermissions<Role>();
  return <TopToolbar>{permissions === 'ADMIN' && <CreateButton label="New agreement" />}</TopToolbar>;
}

export function AgreementList() {
  return (
    <List<SharingAgreementDto>
      filters={filters}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      actions={<AgreementListActions />}
      title="Sharing agreements"
    >
      <DataTable<SharingAgreementDto> rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="partnerName" label="Partner" disableSort />
        <DataTable.NumberCol source="version" label="Version" />
        <DataTable.Col source="status" label="Status">
          <StatusChip source="status" colors={AGREEMENT_STATUS_COLORS} />
        </DataTable.Col>
        <DataTable.Col source="inForce" label="In force" disableSort>
          <BooleanField source="inForce" />
        </DataTable.Col>
        <DataTable.Col source="purposesAllowed" label="Purposes" disableSort render={(r) => r.purposesAllowed.join(', ')} />
        <DataTable.Col source="fieldsAllowed" label="Fields" disableSort render={(r) => r.fieldsAllowed.join(', ')} />
        <DataTable.NumberCol source="minGroupSize" label="Min group" disableSort />
        <DataTable.Col source="validTo" label="Valid to">
          <DateField source="validTo" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
