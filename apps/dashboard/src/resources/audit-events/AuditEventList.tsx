import type { AuditEventDto } from '@crosslane/contracts';
import { DataTable, DateField, DateInput, List, SelectInput, TextInput } from 'react-admin';
import { StatusChip } from '../../common/StatusChip';
import { AUDIT_OUTCOME_COLORS, AUDIT_OUTCOMES } from './audit-outcome';

const filters = [
  <TextInput key="action" source="action" label="Action" alwaysOn />,
  <TextInput key="actorEmail" source="actorEmail" label="Actor e-mail" alwaysOn />,
  <SelectInput key="outcome" source="outcome" label="Outcome" choices={AUDIT_OUTCOMES} alwaysOn />,
  <DateInput key="from" source="from" label="From" />,
  <DateInput key="to" source="to" label="To" />,
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
        <DataTable.Col source="entityType" label="Entity" />
        <DataTable.Col source="entityId" label="Entity id" />
        <DataTable.Col source="outcome" label="Outcome">
          <StatusChip source="outcome" colors={AUDIT_OUTCOME_COLORS} />
        </DataTable.Col>
        <DataTable.Col source="ip" label="IP" />
      </DataTable>
    </List>
  );
}
