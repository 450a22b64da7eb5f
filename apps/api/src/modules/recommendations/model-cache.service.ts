import { Injectable, Logger } from '@nestjs/common';
import {
  RECOMMENDATION_DOMAINS,
  type CandidateName,
  type ModelEvaluationDto,
  type RecommendationDirectionKey,
  type RecommendationDomain,
  type RecommenderScope,
  type TrainingParams,
} from '@crosslane/contracts';
import type { ImplicitAlsModel } from '@crosslane/domain-recommender';
import { float32FromBytes } from './model-mapper';
import { groupOwnedItems, withOwnedItems } from './serving-index';
import { ServingDataRepository, type InteractionsStamp, type MemberFlags, type ServingStamp } from './serving-data.repository';

/** No request is served from a state whose stamp was checked longer ago than this: it waits for a check. */
export const STAMP_CHECK_MS = 2_000;
/** From this age on, a request starts a check in the background and is served from the current state. */
const CHECK_AHEAD_MS = 1_000;
/** How often the catalogue and the popularity fallback are re-read even when no model changed. */
const CATALOGUE_REFRESH_MS = 60_000;

export interface CatalogueItem {
  id: number;
  idText: string;
  externalKey: string;
  title: string;
  domain: 'KNOWLEDGE' | 'PARTNER';
  category: string;
  partnerId: string | null;
}

/** An active model in serving form: Float32 factors, precomputed item norms, id -> row maps. */
export interface ServingModel {
  id: string;
  version: number;
  scope: RecommenderScope;
  factors: number;
  memberRow: Map<number, number>;
  itemIds: number[];
  itemRow: Map<number, number>;
  userFactors: Float32Array;
  itemFactors: Float32Array;
  /** The same item factors widened to Float64 (exactly), for scoring members and for explanations. */
  itemFactors64: Float64Array;
  itemNorms: Float32Array;
  /** Scratch for one member's scores; requests are served one at a time per process, so one buffer per model is enough. */
  scores: Float64Array;
  /** For explainRecommendation: itemFactors64 and the training parameters (user factors are not needed). */
  explainModel: ImplicitAlsModel;
  weighting: TrainingParams['weighting'];
  /** False for an EASE-only version (factors 0, empty factor arrays). */
  hasAls: boolean;
  /** EASE's item x item weights (row-major, itemIds x itemIds), when the version trained EASE. */
  easeWeights: Float32Array | null;
  /** What serves the whole catalogue and each direction; null on versions trained before EASE (ALS everywhere). */
  choice: { overall: 'als' | 'ease'; byDirection: Partial<Record<RecommendationDirectionKey, CandidateName>> } | null;
}

/** A model joined to the current catalogue and agreements: what each row is, and which rows may be shown in each domain. */
export interface ModelView {
  model: ServingModel;
  items: (CatalogueItem | undefined)[];
  /** 1 where the row is in the catalogue, of the domain and not a partner item without an allowing agreement. */
  eligible: Record<RecommendationDomain, Uint8Array>;
}

export interface ServingState {
  /** The active model of each scope. */
  views: Map<string, ModelView>;
  catalogue: Map<number, CatalogueItem>;
  /** Catalogue items, most distinct members first (the non-personal fallback). */
  popular: CatalogueItem[];
  /** `popular` restricted to what may be shown in each domain. */
  fallback: Record<RecommendationDomain, CatalogueItem[]>;
  allowedPartners: Set<string>;
  members: Map<string, MemberFlags>;
  /** Per member id, the ids of every item they have interacted with, ascending. */
  owned: Map<number, Float64Array>;
}

/**
 * Per-process cache of everything serving reads: the active models, the
 * catalogue, the agreements, and each member's consent and items. Requests
 * never query the database for it. One cheap stamp query (ServingDataRepository.stamp)
 * runs when the state is a second old, in the background, and a request
 * waits for it only when the state is STAMP_CHECK_MS old (after an idle
 * spell), so a change is served within STAMP_CHECK_MS. Each part is reloaded
 * only when its part of the stamp moved; new interactions are appended.
 */
@Injectable()
export class ModelCacheService {
  private readonly logger = new Logger(ModelCacheService.name);
  private state: ServingState = emptyState();
  private stamp: ServingStamp | null = null;
  private interactions: InteractionsStamp = { count: -1, maxId: 0 };
  private checkedAt = 0;
  private invalidatedAt = -1;
  private catalogueAt = 0;
  private refreshing: Promise<void> | null = null;

  constructor(private readonly data: ServingDataRepository) {}

  async current(): Promise<ServingState> {
    const age = Date.now() - this.checkedAt;
    if (age < CHECK_AHEAD_MS && this.invalidatedAt < this.checkedAt) return this.state;
    if (age < STAMP_CHECK_MS && this.invalidatedAt < this.checkedAt) {
      this.startRefresh().catch((error: unknown) =>
        this.logger.warn(`Background refresh of the serving cache failed: ${error instanceof Error ? error.message : String(error)}`),
      );
      return this.state;
    }
    while (Date.now() - this.checkedAt >= STAMP_CHECK_MS || this.invalidatedAt >= this.checkedAt) await this.startRefresh();
    return this.state;
  }

  /** Forget everything: the next request reloads (used after an activation in this process). */
  invalidate(): void {
    this.invalidatedAt = Date.now();
  }

  /** Concurrent callers share one refresh. */
  private startRefresh(): Promise<void> {
    this.refreshing ??= this.refresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async refresh(): Promise<void> {
    // A change seen after this moment (invalidate) makes the next request refresh again.
    const startedAt = Date.now();
    const stamp = await this.data.stamp();
    const previous = this.state;
    const modelsChanged = stamp.models !== this.stamp?.models;
    let { catalogue, popular, members, owned } = previous;
    let views = previous.views;

    const models = modelsChanged ? await this.loadModels(stamp.models) : [...previous.views.values()].map((v) => v.model);
    const catalogueChanged = modelsChanged || startedAt - this.catalogueAt >= CATALOGUE_REFRESH_MS;
    if (catalogueChanged) ({ catalogue, popular } = await this.loadCatalogue());
    if (stamp.members !== this.stamp?.members) members = new Map((await this.data.members()).map((m) => [m.memberKey, m]));
    if (stamp.interactions.count !== this.interactions.count || stamp.interactions.maxId !== this.interactions.maxId)
      owned = await this.loadOwned(owned);

    const partnersChanged = stamp.partners.join(',') !== this.stamp?.partners.join(',');
    const allowedPartners = partnersChanged ? new Set(stamp.partners) : previous.allowedPartners;
    let fallback = previous.fallback;
    if (catalogueChanged || partnersChanged) {
      views = new Map(models.map((m) => [m.scope, viewOf(m, catalogue, allowedPartners)]));
      fallback = fallbackLists(popular, allowedPartners);
    }
    if (modelsChanged) this.logger.log(`Serving model versions ${models.map((m) => `${m.scope} v${m.version}`).join(', ') || '(none)'}`);

    this.state = { views, catalogue, popular, fallback, allowedPartners, members, owned };
    this.stamp = stamp;
    if (catalogueChanged) this.catalogueAt = startedAt;
    this.checkedAt = startedAt;
  }

  /** Appends the interactions since the last load when that accounts for every new row, else reads every pair again. */
  private async loadOwned(owned: Map<number, Float64Array>): Promise<Map<number, Float64Array>> {
    if (this.interactions.count >= 0) {
      const delta = await this.data.interactionsAfter(this.interactions.maxId);
      if (delta.stamp.count === this.interactions.count + delta.rows) {
        this.interactions = delta.stamp;
        return delta.rows === 0 ? owned : withOwnedItems(owned, delta.memberIds, delta.itemIds);
      }
    }
    const all = await this.data.ownedPairs();
    this.interactions = all.stamp;
    return groupOwnedItems(all.memberIds, all.itemIds);
  }

  private async loadModels(stamp: string): Promise<ServingModel[]> {
    const models = new Map<string, ServingModel>();
    for (const entry of stamp ? stamp.split(',') : []) {
      const [scope, id] = entry.split(':');
      // One ACTIVE version per scope; should two ever be, the older one wins, as it always has.
      if (models.has(scope)) continue;
      const loaded = await this.loadModel(id);
      if (loaded) models.set(loaded.scope, loaded);
    }
    return [...models.values()];
  }

  private async loadModel(id: string): Promise<ServingModel | null> {
    const row = await this.data.artifact(id);
    if (!row?.artifact) return null;
    const a = row.artifact;
    const k = a.factors;
    const userFactors = float32FromBytes(a.userFactors);
    const itemFactors = float32FromBytes(a.itemFactors);
    const itemFactors64 = Float64Array.from(itemFactors);
    const itemIds = a.itemIds.map(Number);
    const itemCount = itemIds.length;
    const itemNorms = new Float32Array(itemCount);
    for (let i = 0; i < itemCount; i++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += itemFactors[i * k + j] ** 2;
      itemNorms[i] = Math.sqrt(s);
    }
    const params = row.params as unknown as TrainingParams;
    const metrics = row.metrics as unknown as ModelEvaluationDto | null;
    const choice = metrics?.algorithm
      ? {
          overall: metrics.algorithm,
          byDirection: Object.fromEntries(Object.entries(metrics.directions ?? {}).map(([d, c]) => [d, c.winner])) as Partial<
            Record<RecommendationDirectionKey, CandidateName>
          >,
        }
      : null;
    return {
      hasAls: k > 0 && itemFactors.length > 0,
      easeWeights: a.easeWeights ? float32FromBytes(a.easeWeights) : null,
      choice,
      id: row.id,
      version: row.version,
      scope: row.scope as RecommenderScope,
      factors: k,
      memberRow: new Map(a.memberIds.map((m, r) => [Number(m), r])),
      itemIds,
      itemRow: new Map(itemIds.map((m, r) => [m, r])),
      userFactors,
      itemFactors,
      itemFactors64,
      itemNorms,
      scores: new Float64Array(itemCount),
      weighting: params.weighting ?? 'binary',
      explainModel: {
        kind: 'implicit-als',
        userCount: 0,
        itemCount,
        factors: k,
        userFactors: new Float64Array(0),
        itemFactors: itemFactors64,
        params: {
          factors: k,
          iterations: params.iterations,
          alpha: params.alpha,
          regularization: params.regularization,
          cgSteps: params.cgSteps ?? 3,
          seed: params.seed,
        },
        loss: null,
      },
    };
  }

  private async loadCatalogue(): Promise<{ catalogue: Map<number, CatalogueItem>; popular: CatalogueItem[] }> {
    const rows = await this.data.catalogue();
    const catalogue = new Map<number, CatalogueItem>();
    const popular: CatalogueItem[] = [];
    for (const r of rows) {
      const item: CatalogueItem = {
        id: Number(r.id),
        idText: r.id.toString(),
        externalKey: r.externalKey,
        title: r.title,
        domain: r.domain,
        category: r.category,
        partnerId: r.partnerId,
      };
      catalogue.set(item.id, item);
      // Items nobody has touched yet have no evidence either way: they wait for their first interactions.
      if (r.members > 0) popular.push(item);
    }
    return { catalogue, popular };
  }
}

/** Partner items only from partners whose agreement allows recommending them. */
export function isAllowed(item: CatalogueItem, allowedPartners: ReadonlySet<string>): boolean {
  return item.domain !== 'PARTNER' || (item.partnerId !== null && allowedPartners.has(item.partnerId));
}

function emptyState(): ServingState {
  return {
    views: new Map(),
    catalogue: new Map(),
    popular: [],
    fallback: { ALL: [], KNOWLEDGE: [], PARTNER: [] },
    allowedPartners: new Set(),
    members: new Map(),
    owned: new Map(),
  };
}

function viewOf(model: ServingModel, catalogue: ReadonlyMap<number, CatalogueItem>, allowedPartners: ReadonlySet<string>): ModelView {
  const items = model.itemIds.map((id) => catalogue.get(id));
  const eligible = {} as Record<RecommendationDomain, Uint8Array>;
  for (const domain of RECOMMENDATION_DOMAINS) {
    eligible[domain] = Uint8Array.from(items, (item) =>
      item !== undefined && (domain === 'ALL' || item.domain === domain) && isAllowed(item, allowedPartners) ? 1 : 0,
    );
  }
  return { model, items, eligible };
}

function fallbackLists(
  popular: readonly CatalogueItem[],
  allowedPartners: ReadonlySet<string>,
): Record<RecommendationDomain, CatalogueItem[]> {
  const shown = popular.filter((item) => isAllowed(item, allowedPartners));
  return { ALL: shown, KNOWLEDGE: shown.filter((i) => i.domain === 'KNOWLEDGE'), PARTNER: shown.filter((i) => i.domain === 'PARTNER') };
}
