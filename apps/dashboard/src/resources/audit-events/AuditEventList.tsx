import type { AuditEventDto } from '@crosslane/contracts';
import { DataTable, DateField, DateInput, List, SelectInput, TextInput } from 'react-admin';
import { StatusChip } from '../../common/StatusChip';
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
    <List<AuditEventDto> filters={filters} sort={{ field: 'occurredAt', order: 'DESC' }} perPage={50} title="Audit log">
      <DataTable<AuditEventDto> rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="occurredAt" label="When">
          <DateField source="occurredAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="actorEmail" label="Actor" />
        <DataTable.Col source="action" label="Action" />
        <DataTable.Col source="entityType" label="Entity" disableSort />
        <DataTable.Col source="entityId" label="Entity id" disableSort />
        <DataTable.Col source="outcome" label="Outcome">
          <StatusChip source="outcome" colors={AUDIT_OUTCOME_COLORS} />
        </DataTable.Col>
        <DataTable.Col source="ip" label="IP" disableSort />
      </DataTable>
    </List>
  );
}
