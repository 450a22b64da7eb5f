import type { AuditEventDto } from '@crosslane/contracts';
import { DataTable, DateInput, SelectInput, TextInput } from 'react-admin';
import { DateCol, ResourceList, StatusCol } from '../../common/list-parts';
import { AUDIT_ENTITY_TYPES, AUDIT_OUTCOME_COLORS, AUDIT_OUTCOMES } from './audit-outcome';

// action matches by prefix ("export." finds every export event); entity id pins one record's whole history.
const filters = [
  <TextInput key="action" source="action" label="Action (prefix)" alwaysOn helperText={false} />,
  <TextInput key="actorEmail" source="actorEmail" label="Actor e-mail" alwaysOn helperText={false} />,
  <SelectInput key="outcome" source="outcome" label="Outcome" choices={AUDIT_OUTCOMES} alwaysOn helperText={false} />,
  <SelectInput key="entityType" source="entityType" label="Entity" choices={AUDIT_ENTITY_TYPES} alwaysOn helperText={false} />,
  <TextInput key="entityId" source="entityId" label="Entity id" helperText={false} />,
  <DateInput key="from" source="from" label="From" alwaysOn helperText={false} />,
  <DateInput key="to" source="to" label="To" alwaysOn helperText={false} />,
];

export function AuditEventList() {
  return (
    <ResourceList<AuditEventDto> filters={filters} sort={{ field: 'occurredAt', order: 'DESC' }} perPage={50} title="Audit log">
      <DateCol source="occurredAt" label="When" showTime />
      <DataTable.Col source="actorEmail" label="Actor" />
      <DataTable.Col source="action" label="Action" />
      <DataTable.Col source="entityType" label="Entity" disableSort />
      <DataTable.Col source="entityId" label="Entity id" disableSort />
      <StatusCol source="outcome" label="Outcome" colors={AUDIT_OUTCOME_COLORS} />
      <DataTable.Col source="ip" label="IP" disableSort />
    </ResourceList>
  );
}
