import type { SegmentMaterialiserService } from '../segment-materialiser.service';

/**
 * An in-memory materialiser: segments in creation order, each with the
 * members its rule matches; it records every membership write and snapshot
 * the jobs ask for, the way the real one writes them to PostgreSQL.
 */
export function fakeMaterialiser(segments: { id: string; matches: string[] }[]) {
  const memberships = new Map<string, { members: string[]; asOf: string }>();
  const snapshots: { segmentId: string; takenOn: string; asOf: string; size: number }[] = [];
  const service = {
    segmentIds: async () => segments.map((s) => s.id),
    materialise: async (segmentId: string, asOf: Date) => {
      const segment = segments.find((s) => s.id === segmentId);
      if (!segment) throw new Error(`No Segment found: ${segmentId}`);
      memberships.set(segmentId, { members: [...segment.matches], asOf: asOf.toISOString() });
      return segment.matches.length;
    },
    snapshot: async (segmentId: string, takenOn: string, asOf: Date) => {
      const size = segments.find((s) => s.id === segmentId)!.matches.length;
      snapshots.push({ segmentId, takenOn, asOf: asOf.toISOString(), size });
      return size;
    },
  };
  return { service: service as unknown as SegmentMaterialiserService, memberships, snapshots };
}
