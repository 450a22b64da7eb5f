import type { AuditEventDto } from '@crosslane/contracts';
import { DateField, ListButton, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { JsonField } from '../../common/JsonField';
import { StatusChip } from '../../common/StatusChip';
import { AUDIT_OUTCOME_COLORS } from './audit-outcome';

/** Read-only: the audit log is append-only, so there is no edit or delete. */
export function AuditEventShow() {
  return (
    <Show<AuditEventDto>
      actions={
        <TopToolbar>
          <ListButton />
        </TopToolbar>
      }
      title="Audit event"
    >
      <SimpleShowLayout>
        <DateField source="occurredAt" label="When" showTime />
        <TextField source="actorEmail" label="Actor" emptyText="—" />
        <TextField source="actorId" label="Actor id" emptyText="—" />
        <TextField source="action" label="Action" />
        <TextField source="entityType" label="Entity" emptyText="—" />
        <TextField source="entityId" label="Entity id" emptyText="—" />
        <StatusChip source="outcome" label="Outcome" colors={AUDIT_OUTCOME_COLORS} />
        <TextField source="ip" label="IP" emptyText="—" />
        <JsonField source="detail" label="Detail" />
      </SimpleShowLayout>
    </Show>
  );
}
