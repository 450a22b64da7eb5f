import { EXPORTABLE_FIELDS, EXPORTABLE_FIELD_NAMES, type ExportKind, type ExportStatus } from '@crosslane/contracts';
import type { ChipColor } from '../../common/StatusChip';

export const EXPORT_STATUS_COLORS: Record<ExportStatus, ChipColor> = {
  QUEUED: 'info',
  RUNNING: 'info',
  READY: 'success',
  REFUSED: 'warning',
  FAILED: 'error',
  EXPIRED: 'default',
};
export const EXPORT_STATUS_CHOICES = (Object.keys(EXPORT_STATUS_COLORS) as ExportStatus[]).map((id) => ({ id, name: id }));

/** The catalogue fields a kind of export can carry: per-member columns for a list, one dimension plus member_count for an aggregate. */
export function fieldChoicesFor(kind: ExportKind | undefined): { id: string; name: string }[] {
  return EXPORTABLE_FIELD_NAMES.filter((f) => {
    const level: string = EXPORTABLE_FIELDS[f].level;
    return kind === 'AGGREGATE' ? level.endsWith('dimension') : level.startsWith('member');
  }).map((id) => ({ id, name: `${id}: ${EXPORTABLE_FIELDS[id].label}` }));
}

/**
 * The request body: for an aggregate the form picks one dimension and the
 * count column is added; a blank segment is left out.
 */
export function toExportBody(data: Record<string, unknown>): Record<string, unknown> {
  const kind = data.kind as ExportKind;
  const fields = kind === 'AGGREGATE' ? [data.dimension as string, 'member_count'] : ((data.fields as string[]) ?? []);
  return {
    partnerId: data.partnerId,
    purpose: data.purpose,
    kind,
    fields,
    ...(data.segmentId ? { segmentId: data.segmentId } : {}),
    ...(data.includeNonConsented ? { includeNonConsented: true } : {}),
  };
}

/** Queued and running exports are polled until they settle. */
export const isSettled = (status: ExportStatus | undefined) => status !== 'QUEUED' && status !== 'RUNNING';
