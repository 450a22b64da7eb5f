import type { RecommenderScope } from '@crosslane/contracts';
import { buildInteractionMatrix, type ItemDomain } from '@crosslane/domain-recommender';
import { SeededRandom } from '@crosslane/util-random';
import type { AuditEntry } from '../../../core/audit/audit.service';
import { fixedClock } from '../../../core/clock/clock';
import type { RecommenderModel } from '../model-mapper';
import type { ModelRegistryService } from '../model-registry.service';
import type { ModelVersionRepository, VersionArtifact, VersionOutcome, VersionStart } from '../model-version.repository';
import type { LoadedInteractions, RecommenderDataRepository } from '../recommender-data.repository';
import { RecommenderTrainingService } from '../recommender-training.service';

export const TRAINED_AT = new Date('2026-11-28T09:00:00.000Z');

/**
 * A small world with taste: `members` members in two groups, each choosing
 * most of its `perMember` items from its own half of the catalogue (half the
 * items KNOWLEDGE, half PARTNER), so a factor model has something to find
 * that popularity does not. Same seed, same interactions.
 */
export function generatedInteractions(
  seed: number,
  options: { members?: number; items?: number; perMember?: number } = {},
): LoadedInteractions {
  const members = options.members ?? 40;
  const items = options.items ?? 24;
  const perMember = options.perMember ?? 6;
  const rng = new SeededRandom(seed, 'recommender-jobs');
  const users: number[] = [];
  const columns: number[] = [];
  for (let u = 0; u < members; u++) {
    const own = u % 2;
    const chosen = new Set<number>();
    while (chosen.size < perMember) {
      const group = rng.chance(0.85) ? own : 1 - own;
      chosen.add(group * (items / 2) + rng.int(0, items / 2 - 1));
    }
    for (const j of [...chosen].sort((a, b) => a - b)) {
      users.push(u);
      columns.push(j);
    }
  }
  const matrix = buildInteractionMatrix({
    userIndices: Int32Array.from(users),
    itemIndices: Int32Array.from(columns),
    values: new Float64Array(users.length).fill(1),
    userCount: members,
    itemCount: items,
  });
  return {
    matrix,
    memberIds: Array.from({ length: members }, (_, u) => BigInt(1001 + u)),
    itemIds: Array.from({ length: items }, (_, j) => BigInt(501 + j)),
    itemDomains: Array.from({ length: items }, (_, j): ItemDomain => (j % 2 === 0 ? 'KNOWLEDGE' : 'PARTNER')),
    snapshot: {
      members,
      items,
      interactions: users.length,
      pairs: users.length,
      from: '2026-10-01T00:00:00.000Z',
      to: '2026-11-27T00:00:00.000Z',
      maxInteractionId: String(users.length),
    },
  };
}

/** Interactions by scope, read as the repository reads them (a scope with none loads an empty matrix). */
export function fakeInteractions(byScope: Partial<Record<RecommenderScope, LoadedInteractions>>) {
  const loads: { scope: RecommenderScope; maxInteractionId: bigint }[] = [];
  const repository = {
    load: async (scope: RecommenderScope, maxInteractionId: bigint) => {
      loads.push({ scope, maxInteractionId });
      return byScope[scope] ?? emptyInteractions(maxInteractionId);
    },
  };
  return { repository: repository as unknown as RecommenderDataRepository, loads };
}

function emptyInteractions(maxInteractionId: bigint): LoadedInteractions {
  const matrix = buildInteractionMatrix({
    userIndices: new Int32Array(0),
    itemIndices: new Int32Array(0),
    values: new Float64Array(0),
    userCount: 0,
    itemCount: 0,
  });
  return {
    matrix,
    memberIds: [],
    itemIds: [],
    itemDomains: [],
    snapshot: { members: 0, items: 0, interactions: 0, pairs: 0, from: null, to: null, maxInteractionId: maxInteractionId.toString() },
  };
}

export type StoredVersion = VersionStart & {
  id: string;
  version: number;
  jobId: string;
  status: 'TRAINING' | 'READY' | 'FAILED';
  error: string | null;
  lossHistory: number[];
  outcome: VersionOutcome | null;
};

/**
 * recommender_model and model_artifact rows in memory, as ModelVersionRepository
 * writes them: one row per job id (a retry reuses it and keeps its version
 * number), and a READY version stored with its artifact and audit event together.
 */
export function fakeVersions() {
  const rows: StoredVersion[] = [];
  const artifacts = new Map<string, VersionArtifact>();
  const events: AuditEntry[] = [];
  const row = (id: string) => rows.find((r) => r.id === id)!;
  const repository = {
    start: async (jobId: string, start: VersionStart) => {
      let existing = rows.find((r) => r.jobId === jobId);
      if (existing) Object.assign(existing, { ...start, createdAt: existing.createdAt, createdBy: existing.createdBy });
      else
        rows.push(
          (existing = {
            ...start,
            id: `model-${rows.length + 1}`,
            version: rows.length + 1,
            jobId,
            status: 'TRAINING',
            error: null,
            lossHistory: [],
            outcome: null,
          }),
        );
      Object.assign(existing, { status: 'TRAINING', error: null, lossHistory: [], outcome: null });
      return { ...existing } as unknown as RecommenderModel;
    },
    recordLoss: async (id: string, lossHistory: number[]) => void (row(id).lossHistory = [...lossHistory]),
    recordParams: async (id: string, params: unknown) => void (row(id).params = params as VersionStart['params']),
    fail: async (id: string, error: string) => void Object.assign(row(id), { status: 'FAILED', error }),
    storeReady: async (id: string, artifact: VersionArtifact, outcome: VersionOutcome, event: AuditEntry) => {
      artifacts.set(id, artifact);
      Object.assign(row(id), { status: 'READY', error: null, lossHistory: outcome.lossHistory, outcome });
      events.push(event);
    },
  };
  return { repository: repository as unknown as ModelVersionRepository, rows, artifacts, events };
}

/** The registry's activation, recorded. */
export function fakeRegistry() {
  const activated: string[] = [];
  const registry = { activate: async (id: string) => void activated.push(id) };
  return { registry: registry as unknown as ModelRegistryService, activated };
}

/** The real training pipeline over the fakes above, with the clock pinned. */
export function trainingOver(interactions: Partial<Record<RecommenderScope, LoadedInteractions>>) {
  const data = fakeInteractions(interactions);
  const versions = fakeVersions();
  const registry = fakeRegistry();
  const service = new RecommenderTrainingService(versions.repository, data.repository, registry.registry, fixedClock(TRAINED_AT));
  return { service, ...versions, loads: data.loads, activated: registry.activated };
}
