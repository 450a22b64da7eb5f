import type { ClusterFeatureSet } from '@crosslane/contracts';
import { SeededRandom } from '@crosslane/util-random';
import type { ClusterFeaturesService, FeatureSpace } from '../cluster-features.service';
import type { ClusterGroupWriter, ClusterSegmentsRepository, NewClusterSegment } from '../cluster-segments.repository';

/** A scored profile as the fakes hold it: the raw features k-means sees, and what the segment description summarises. */
export interface FakeClusterProfile {
  memberId: bigint;
  features: number[];
  rfm: { r: number; f: number; m: number };
  categories: Record<string, number>;
}

/**
 * Profiles turned into feature rows, as ClusterFeaturesService serves them:
 * a seeded sample (same seed, same members) and every profile in member-id
 * order, `pageSize` at a time.
 */
export function fakeFeatures(profiles: FakeClusterProfile[], labels: string[], pageSize = 25) {
  const space: FeatureSpace = { features: 'PROFILE', labels, row: () => [] };
  const byId = [...profiles].sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
  const service = {
    space: async (features: ClusterFeatureSet) => ({ ...space, features }),
    sample: async (_space: FeatureSpace, size: number, seed: number) => {
      const rng = new SeededRandom(seed, 'cluster-sample');
      const order = byId.map((p) => ({ p, key: rng.next() })).sort((a, b) => a.key - b.key);
      const chosen = order.slice(0, size).map((o) => o.p);
      return { memberIds: chosen.map((p) => p.memberId), rows: chosen.map((p) => [...p.features]) };
    },
    pages: async function* () {
      for (let start = 0; start < byId.length; start += pageSize) {
        const page = byId.slice(start, start + pageSize);
        yield { memberIds: page.map((p) => p.memberId), rows: page.map((p) => [...p.features]) };
      }
    },
  };
  return service as unknown as ClusterFeaturesService;
}

export interface StoredClusterSegment extends NewClusterSegment {
  id: string;
  kind: 'CLUSTER';
  members: bigint[];
  description: string | null;
}

/**
 * segment and segment_membership rows of CLUSTER segments in memory. A group
 * is replaced on a copy that is kept only when the work finishes, as the real
 * transaction commits; summaries are computed from the members' profiles.
 */
export function fakeClusterSegments(profiles: FakeClusterProfile[], existing: StoredClusterSegment[] = []) {
  const state = { segments: existing.map((s) => ({ ...s })) };
  const profileOf = new Map(profiles.map((p) => [p.memberId, p]));
  let created = 0;
  const repository = {
    replaceGroup: async <T>(group: string, work: (writer: ClusterGroupWriter) => Promise<T>) => {
      const draft = state.segments.filter((s) => s.config.group !== group).map((s) => ({ ...s }));
      const find = (id: string) => draft.find((s) => s.id === id)!;
      const writer: ClusterGroupWriter = {
        create: async (segment) => {
          const id = `seg-${++created}`;
          draft.push({ ...segment, id, kind: 'CLUSTER', members: [], description: null });
          return id;
        },
        addMembers: async (id, memberIds) => void find(id).members.push(...memberIds),
        summarise: async (id) => {
          const members = find(id).members.map((m) => profileOf.get(m)!);
          const mean = (pick: (p: FakeClusterProfile) => number) =>
            members.length === 0 ? null : members.reduce((sum, p) => sum + pick(p), 0) / members.length;
          const totals = new Map<string, number>();
          for (const p of members) for (const [c, v] of Object.entries(p.categories)) totals.set(c, (totals.get(c) ?? 0) + v);
          const topCategories = [...totals]
            .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
            .slice(0, 3)
            .map(([c]) => c);
          return { rfm: { r: mean((p) => p.rfm.r), f: mean((p) => p.rfm.f), m: mean((p) => p.rfm.m) }, topCategories };
        },
        describe: async (id, description) => void (find(id).description = description),
      };
      const result = await work(writer);
      state.segments = draft;
      return result;
    },
  };
  return { repository: repository as unknown as ClusterSegmentsRepository, state };
}

/**
 * Two kinds of member, `each` of each, ids interleaved: recent, frequent car
 * buyers (ids odd) and lapsed, occasional cooks (ids even), with seeded jitter.
 */
export function twoKindsOfMember(each: number, seed: number): FakeClusterProfile[] {
  const rng = new SeededRandom(seed, 'cluster-profiles');
  const out: FakeClusterProfile[] = [];
  for (let i = 0; i < 2 * each; i++) {
    const keen = i % 2 === 0;
    out.push({
      memberId: BigInt(i + 1),
      features: keen ? [rng.uniform(2, 20), rng.uniform(15, 25)] : [rng.uniform(250, 350), rng.uniform(0, 3)],
      rfm: keen ? { r: 5, f: 4, m: 5 } : { r: 1, f: 1, m: 2 },
      categories: keen ? { motoring: 0.7, travel: 0.3 } : { cooking: 0.8, garden: 0.2 },
    });
  }
  return out;
}
