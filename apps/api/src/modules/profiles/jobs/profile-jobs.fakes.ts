import type { CarVocabulary } from '@crosslane/domain-segments';
import type { InterestTaxonomyService } from '../../taxonomy/interest-taxonomy.service';
import type { ActiveModelFactors, ModelFactorsService } from '../model-factors.service';
import type { ProfileComputationRepository, ProfileWriter } from '../profile-computation.repository';

/** A member as the fake profile computation sees it: scored when it has interactions before asOf, and the categories and tags it touched. */
export interface FakeMember {
  id: bigint;
  scored: boolean;
  topics: string[];
}

export interface FakeProfile {
  memberId: bigint;
  asOf: string;
  computedAt: string;
  scored: boolean;
  /** Share of the member's topics that the vocabulary counts as car topics (the fake's stand-in for CAR_INTEREST_SQL). */
  carInterest: number;
  latentFactors: number[];
}

function carInterest(member: FakeMember, car: CarVocabulary): number {
  const carTopics = new Set([...car.categories, ...car.tags]);
  return member.topics.length === 0 ? 0 : member.topics.filter((t) => carTopics.has(t)).length / member.topics.length;
}

/**
 * member_profile and the profiles.asOf setting in memory. Each locked unit of
 * work runs on a copy that replaces the stored state only when it finishes,
 * as the real transaction commits, so a run that throws leaves the previous
 * profiles as they were.
 */
export function fakeProfileStore(members: FakeMember[], initial: FakeProfile[] = []) {
  const state = { profiles: new Map(initial.map((p) => [p.memberId, p])), asOf: null as string | null };
  const repository = {
    underProfilesLock: async <T>(work: (writer: ProfileWriter) => Promise<T>) => {
      const draft = { profiles: new Map([...state.profiles].map(([id, p]) => [id, { ...p }])), asOf: state.asOf };
      const writer: ProfileWriter = {
        replaceAll: async (asOf, car, computedAt) => {
          draft.profiles = new Map(
            members.map((m) => [
              m.id,
              {
                memberId: m.id,
                asOf: asOf.toISOString(),
                computedAt: computedAt.toISOString(),
                scored: m.scored,
                carInterest: carInterest(m, car),
                latentFactors: [],
              },
            ]),
          );
          return draft.profiles.size;
        },
        recordAsOf: async (asOf) => void (draft.asOf = asOf.toISOString()),
        writeLatentFactors: async (ids, flat, k) => {
          let written = 0;
          ids.forEach((id, i) => {
            const profile = draft.profiles.get(id);
            if (!profile) return;
            profile.latentFactors = flat.slice(i * k, (i + 1) * k);
            written++;
          });
          return written;
        },
        countScored: async () => [...draft.profiles.values()].filter((p) => p.scored).length,
      };
      const result = await work(writer);
      Object.assign(state, draft);
      return result;
    },
    recomputeCarInterest: async (_asOf: Date, car: CarVocabulary, changed: { categories: string[]; tags: string[] }) => {
      const moved = new Set([...changed.categories, ...changed.tags]);
      let updated = 0;
      for (const member of members) {
        const profile = state.profiles.get(member.id);
        if (!profile || !member.topics.some((t) => moved.has(t))) continue;
        profile.carInterest = carInterest(member, car);
        updated++;
      }
      return updated;
    },
  };
  return { repository: repository as unknown as ProfileComputationRepository, state };
}

/** The interest taxonomy's car vocabulary as it stands; `reads` counts how often a run asked. */
export function fakeTaxonomy(car: CarVocabulary) {
  const taxonomy = { reads: 0, carVocabulary: async () => (taxonomy.reads++, { categories: [...car.categories], tags: [...car.tags] }) };
  return taxonomy as typeof taxonomy & InterestTaxonomyService;
}

export function fakeModelFactors(model: ActiveModelFactors | null) {
  return { active: async () => model } as unknown as ModelFactorsService;
}
