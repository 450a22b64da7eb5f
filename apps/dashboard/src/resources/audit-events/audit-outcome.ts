import type { AuditEventDto } from '@crosslane/contracts';
import type { ChipColor } from '../../common/StatusChip';

export const AUDIT_OUTCOME_COLORS: Record<AuditEventDto['outcome'], ChipColor> = {
  SUCCESS: 'success',
  FAILURE: 'error',
  DENIED: 'warning',
};

export const AUDIT_OUTCOMES = (Object.keys(AUDIT_OUTCOME_COLORS) as AuditEventDto['outcome'][]).map((id) => ({
  id,
  name: id,
}));

/** The entity types the API writes, for the audit log's entity filter. */
export const AUDIT_ENTITY_TYPES = ['account', 'partner', 'sharing-agreement', 'partner-export', 'job', 'segment', 'campaign', 'import'].map(
  (id) => ({ id, name: id }),
);
