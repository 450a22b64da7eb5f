import { Injectable, NotFoundException } from '@nestjs/common';
import type {
  BatchRecommendationsDto,
  CandidateName,
  FallbackReason,
  RecommendationDirectionKey,
  MemberHistoryDto,
  RecommendationDomain,
  RecommendationsDto,
  RecommendedItemDto,
  SimilarItemsDto,
} from '@crosslane/contracts';
import {
  buildInteractionMatrix,
  explainEaseRecommendation,
  explainRecommendation,
  topKIndices,
  type RecommendationExplanation,
  activeModelFor,
} from '@crosslane/domain-recommender';
import { PrismaService } from '../../core/database/prisma.service';
import { isAllowed, ModelCacheService, type CatalogueItem, type ServingModel, type ServingState } from './model-cache.service';
import { ServingDataRepository, type MemberFlags, type MemberHistoryRow } from './serving-data.repository';
import { homeDomain, includesSorted, scoreEligibleItems, scoreEligibleItemsEase } from './serving-index';
import { isInt64Id } from '../../core/http/ids';

/** Whom a list is for: consent and owned items from the cache, or read from the database for a member the cache does not hold yet. */
interface Subject {
  id: number;
  memberKey: string;
  consent: boolean;
  /** Ids of the items the member has interacted with, ascending. */
  owned: Float64Array;
  /** Present when read from the database: the member's items with their summed weights (for explanations). */
  history?: MemberHistoryRow;
}

export interface RecommendOptions {
  n: number;
  domain: RecommendationDomain;
  explain: boolean;
}

const NO_ITEMS = new Float64Array(0);

/**
 * Top-N for members, similar items, and the rules around them: no consent
 * means the non-personal list; partner items only from partners whose
 * agreement allows it (RECOMMENDATION_PURPOSE); members and items the model
 * does not know fall back to popularity. Everything a list needs comes from
 * ModelCacheService; the database is read only for a member the cache does
 * not hold yet (created since its last check, or unknown) and for explanations.
 */
@Injectable()
export class RecommendationServingService {
  constructor(
    private readonly data: ServingDataRepository,
    private readonly prisma: PrismaService,
    private readonly cache: ModelCacheService,
  ) {}

  async forMember(memberKey: string, options: RecommendOptions): Promise<RecommendationsDto> {
    const state = await this.cache.current();
    const cached = options.explain ? undefined : state.members.get(memberKey);
    const member = cached ? subjectOf(cached, state) : (await this.readSubjects([memberKey]))[0];
    if (!member)
      throw new NotFoundException({
        message: `No member with key ${memberKey}`,
        fields: [{ field: 'memberKey', message: 'unknown member' }],
      });
    return this.recommend(member, state, options);
  }

  async batch(memberKeys: string[], options: RecommendOptions): Promise<BatchRecommendationsDto> {
    const state = await this.cache.current();
    const missing = memberKeys.filter((key) => !state.members.has(key));
    const read = new Map((missing.length > 0 ? await this.readSubjects(missing) : []).map((m) => [m.memberKey, m]));
    const results: RecommendationsDto[] = [];
    const unknown: string[] = [];
    for (const key of memberKeys) {
      const cached = state.members.get(key);
      const member = cached ? subjectOf(cached, state) : read.get(key);
      if (member) results.push(this.recommend(member, state, options));
      else unknown.push(key);
    }
    return { results, unknown };
  }

  async similar(itemIdText: string, n: number): Promise<SimilarItemsDto> {
    // A malformed item id is a missing item (404), as on every other resource; it answered 400 before.
    const shown = itemIdText.slice(0, 60);
    if (!isInt64Id(itemIdText)) throw new NotFoundException(`No item ${shown}`);
    const itemId = Number(itemIdText);
    const state = await this.cache.current();
    const source = Number.isSafeInteger(itemId) ? state.catalogue.get(itemId) : undefined;
    const item = source ?? (await this.prisma.item.findUnique({ where: { id: BigInt(itemIdText) }, select: { id: true } }));
    if (!item) throw new NotFoundException({ message: `No item ${itemIdText}`, fields: [{ field: 'itemId', message: 'unknown item' }] });
    const view = [state.views.get('ALL'), source ? state.views.get(source.domain) : undefined].find((v) => v?.model.itemRow.has(itemId));
    if (!view) {
      // A new item has no factors yet: the most popular items of its category, then of its domain.
      const picks = state.popular
        .filter((c) => c.id !== itemId && isAllowed(c, state.allowedPartners) && (!source || c.domain === source.domain))
        .sort((a, b) => Number(b.category === source?.category) - Number(a.category === source?.category))
        .slice(0, n);
      return { itemId: itemIdText, modelVersion: null, items: picks.map((c, r) => toItemDto(c, picks.length - r)) };
    }
    const model = view.model;
    if (model.easeWeights !== null && (model.choice?.overall === 'ease' || !model.hasAls)) {
      // EASE: row q of B, the weight having item q adds to each other item (easeSimilarItems).
      const itemCount = model.itemIds.length;
      const q = model.itemRow.get(itemId)!;
      const row = model.easeWeights.subarray(q * itemCount, (q + 1) * itemCount);
      const top = topKIndices(row, n, (i) => i === q || view.eligible.ALL[i] === 0);
      return { itemId: itemIdText, modelVersion: model.version, items: Array.from(top, (i) => toItemDto(view.items[i]!, row[i])) };
    }
    const k = model.factors;
    const q = model.itemRow.get(itemId)! * k;
    const Y = model.itemFactors;
    const qNorm = model.itemNorms[q / k];
    const scores = new Float64Array(model.itemIds.length);
    for (let i = 0; i < scores.length; i++) {
      const denominator = model.itemNorms[i] * qNorm;
      if (denominator === 0) {
        scores[i] = 0;
        continue;
      }
      let s = 0;
      const o = i * k;
      for (let j = 0; j < k; j++) s += Y[o + j] * Y[q + j];
      scores[i] = s / denominator;
    }
    const top = topKIndices(scores, n, (i) => i === q / k || view.eligible.ALL[i] === 0);
    return { itemId: itemIdText, modelVersion: model.version, items: Array.from(top, (i) => toItemDto(view.items[i]!, scores[i])) };
  }

  async history(memberKey: string): Promise<MemberHistoryDto> {
    const member = await this.prisma.member.findUnique({ where: { memberKey }, select: { id: true, consentPersonalisation: true } });
    if (!member)
      throw new NotFoundException({
        message: `No member with key ${memberKey}`,
        fields: [{ field: 'memberKey', message: 'unknown member' }],
      });
    const rows = await this.prisma.$queryRaw<
      {
        itemId: bigint;
        title: string;
        domain: 'KNOWLEDGE' | 'PARTNER';
        category: string;
        interactions: number;
        weight: number;
        lastAt: Date;
      }[]
    >`
      SELECT x."itemId", t.title, t.domain::text AS domain, t.category, count(*)::int AS interactions, sum(x.weight)::float8 AS weight, max(x."occurredAt") AS "lastAt"
      FROM interaction x JOIN item t ON t.id = x."itemId" WHERE x."memberId" = ${member.id}
      GROUP BY x."itemId", t.title, t.domain, t.category ORDER BY max(x."occurredAt") DESC LIMIT 500`;
    return {
      memberKey,
      consentPersonalisation: member.consentPersonalisation,
      items: rows.map((r) => ({
        itemId: r.itemId.toString(),
        title: r.title,
        domain: r.domain,
        category: r.category,
        interactions: r.interactions,
        weight: r.weight,
        lastAt: r.lastAt.toISOString(),
      })),
    };
  }

  private async readSubjects(keys: string[]): Promise<Subject[]> {
    const rows = await this.data.memberHistories(keys);
    return rows.map((row) => ({
      id: Number(row.id),
      memberKey: row.memberKey,
      consent: row.consent,
      owned: Float64Array.from(row.items ?? []).sort(),
      history: row,
    }));
  }

  private recommend(member: Subject, state: ServingState, options: RecommendOptions): RecommendationsDto {
    const base = { memberKey: member.memberKey, domain: options.domain };
    const view = activeModelFor(
      [...state.views.values()].map((v) => ({ scope: v.model.scope, view: v })),
      options.domain,
    )?.view;
    if (!member.consent) return { ...base, ...this.fallback(state, options, null, 'no-consent') };
    if (!view) return { ...base, ...this.fallback(state, options, member.owned, 'no-active-model') };
    const model = view.model;
    const row = model.memberRow.get(member.id);
    if (row === undefined) return { ...base, ...this.fallback(state, options, member.owned, 'cold-start') };

    const historyRows: number[] = [];
    for (const id of member.owned) {
      const i = model.itemRow.get(id);
      if (i !== undefined) historyRows.push(i);
    }
    const direction =
      options.domain === 'ALL'
        ? undefined
        : (`${homeDomain(historyRows.map((i) => view.items[i]?.domain))}->${options.domain.toLowerCase()}` as RecommendationDirectionKey);
    const algorithm = servingAlgorithm(model, direction);
    const decided = { algorithm, ...(direction ? { direction } : {}) };
    if (algorithm === 'popularity') {
      // The version found no personal model that beats popularity in this direction: its popular items, said so.
      return { ...base, ...this.fallback(state, options, member.owned, 'direction-popularity'), modelVersion: model.version, ...decided };
    }

    const scores = model.scores;
    if (algorithm === 'ease') scoreEligibleItemsEase(model.easeWeights!, historyRows, view.eligible[options.domain], scores);
    else scoreEligibleItems(model.userFactors, row, model.itemFactors64, model.factors, view.eligible[options.domain], scores);
    for (const i of historyRows) scores[i] = NaN;
    const top = topKIndices(scores, options.n);
    const items = Array.from(top, (i) => toItemDto(view.items[i]!, scores[i]));
    if (options.explain) this.explain(model, algorithm, member, state, top, items);
    return { ...base, personalised: true, modelVersion: model.version, ...decided, items };
  }

  /** Adds to each item the member's own items that contributed most (explainRecommendation on the member's history). */
  private explain(
    model: ServingModel,
    algorithm: 'als' | 'ease',
    member: Subject,
    state: ServingState,
    top: Int32Array,
    items: RecommendedItemDto[],
  ): void {
    const itemIndices: number[] = [];
    const values: number[] = [];
    (member.history?.items ?? []).forEach((id, t) => {
      const r = model.itemRow.get(id);
      if (r === undefined) return;
      itemIndices.push(r);
      values.push(model.weighting === 'binary' ? 1 : Math.max(member.history?.weights?.[t] ?? 1, 0));
    });
    if (itemIndices.length === 0) return;
    const history =
      algorithm === 'als'
        ? buildInteractionMatrix({
            userIndices: itemIndices.map(() => 0),
            itemIndices,
            values,
            userCount: 1,
            itemCount: model.itemIds.length,
          })
        : null;
    const ease = algorithm === 'ease' ? { weights: model.easeWeights!, itemCount: model.itemIds.length } : null;
    top.forEach((itemIndex, r) => {
      // EASE's scores are served from the binary history, so its shares are too.
      const explanation: RecommendationExplanation = ease
        ? explainEaseRecommendation(ease, itemIndices, null, itemIndex, 3)
        : explainRecommendation(model.explainModel, history!, 0, itemIndex, { n: 3 });
      items[r].because = explanation.contributions.map((c) => {
        const source = state.catalogue.get(model.itemIds[c.itemIndex]);
        return { itemId: model.itemIds[c.itemIndex].toString(), title: source?.title ?? '', contribution: c.contribution };
      });
    });
  }

  private fallback(
    state: ServingState,
    options: RecommendOptions,
    owned: Float64Array | null,
    reason: FallbackReason,
  ): Pick<RecommendationsDto, 'personalised' | 'reason' | 'modelVersion' | 'items'> {
    const picks: CatalogueItem[] = [];
    for (const item of state.fallback[options.domain]) {
      if (picks.length >= options.n) break;
      if (owned !== null && includesSorted(owned, item.id)) continue;
      picks.push(item);
    }
    return { personalised: false, reason, modelVersion: null, items: picks.map((c, r) => toItemDto(c, picks.length - r)) };
  }
}

/** What ranks a list: the version's winner for the direction (KNOWLEDGE or PARTNER lists) or overall (ALL); ALS on versions trained before EASE. */
function servingAlgorithm(model: ServingModel, direction: RecommendationDirectionKey | undefined): CandidateName {
  const choice = model.choice;
  if (choice === null) return 'als';
  const chosen = direction === undefined ? choice.overall : (choice.byDirection[direction] ?? choice.overall);
  if (chosen === 'ease' && model.easeWeights === null) return 'als';
  if (chosen === 'als' && !model.hasAls) return 'ease';
  return chosen;
}

function subjectOf(member: MemberFlags, state: ServingState): Subject {
  return { id: member.id, memberKey: member.memberKey, consent: member.consent, owned: state.owned.get(member.id) ?? NO_ITEMS };
}

function toItemDto(item: CatalogueItem, score: number): RecommendedItemDto {
  return {
    itemId: item.idText,
    externalKey: item.externalKey,
    title: item.title,
    domain: item.domain,
    category: item.category,
    partnerId: item.partnerId,
    score,
  };
}
