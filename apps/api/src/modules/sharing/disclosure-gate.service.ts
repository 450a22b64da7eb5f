import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DisclosureDto, GatedCount } from '@crosslane/contracts';
import { Prisma } from '@crosslane/db';
import {
  budgetPeriod,
  chargeBudget,
  decodeSketch,
  disclosureDecision,
  encodeSketch,
  geometricErrorBound,
  MICROS,
  noisyCount,
  ReleasePrefilterIndex,
  sketchCellsFor,
  sketchFingerprint,
  sketchFromCells,
  sketchMembers,
  sketchPrefilter,
  toMicros,
  type DisclosureCandidate,
  type EarlierRelease,
  type PrivacyMode,
  type RandomInt,
  type SketchedSet,
} from '@crosslane/domain-privacy';
import { DEFAULT_MIN_GROUP_SIZE } from '@crosslane/domain-rules';
import { AuditService } from '../../core/audit/audit.service';
import { PrismaService } from '../../core/database/prisma.service';
import { findAgreementInForce, type SharingAgreement } from './active-agreement';
import { CLOCK, type Clock } from '../../core/clock/clock';
import {
  prefilterEntry,
  releasePrefiltersSinceSql,
  releasesByIdSql,
  sketchAndNewReleasesSql,
  type EarlierReleaseRow,
  type PrefilterRow,
} from './earlier-releases-sql';
import { memberIdsFromText, memberIdsSql, memberSetSketchSql, SKETCH_IN_PROCESS_BELOW, sketchCellRows } from './member-set-sketch-sql';

type Tx = Prisma.TransactionClient;
type Actor = { id?: string | null; email?: string | null } | null | undefined;

/** The terms the gate applies to one partner now: the agreement in force, or the default threshold without one. */
export interface GatePolicy {
  partnerId: string;
  agreementId: string | null;
  mode: PrivacyMode;
  k: number;
  epsilonBudget: number;
  epsilonPerQuery: number;
}

/**
 * A partner-derived count: `population` and `members` (the subset behind the
 * number) each select one bigint column `id`, each member once; members may
 * also come as ids already at hand. `populationKey` names a population that
 * does not change under that name (a segment's materialisation), so its
 * sketch is built once.
 */
export interface CountQuery {
  partnerId: string;
  metric: 'overlap' | 'car-interested';
  source: string;
  population: Prisma.Sql;
  populationKey?: string;
  members: Prisma.Sql | readonly bigint[];
  actor?: Actor;
}

/** A set about to leave for a partner (an export row, an export's total, a member list), with its ids at hand. */
export interface ReleasedSet {
  metric: 'export-row' | 'export-total' | 'member-list';
  label: string;
  ids: readonly bigint[];
  /** Members of earlier sets the partner was told to delete (its suppression list): their absence is not a difference. */
  leftKnown?: readonly bigint[];
}

export type SetsOutcome =
  | { allowed: true; values: number[]; noisy: boolean; errorBound: number | null; epsilonCharged: number }
  | { allowed: false; rule: 'DIFFERENCE_CHECK' | 'BUDGET_EXHAUSTED'; message: string };

/**
 * Who a figure goes to. Staff see counts derived from partner customer lists;
 * partners receive files. A figure is compared only with earlier figures that
 * went to the same audience: neither side sees the other's (docs/privacy.md
 * says what that leaves open).
 */
const STAFF_METRICS = ['overlap', 'car-interested'];
const PARTNER_METRICS = ['export-row', 'export-total', 'member-list'];
const audienceOf = (metric: string): string[] => (PARTNER_METRICS.includes(metric) ? PARTNER_METRICS : STAFF_METRICS);

/** Population sketches kept per process (a few kB each). */
const POPULATION_CACHE = 500;

/** Production randomness: node:crypto's CSPRNG, uniform integers (no floating point). */
const secureRandom: RandomInt = (max) => (max <= 1 ? 0 : randomInt(max));

/**
 * The one door for numbers derived from partner data and for sets released
 * to a partner. It computes the count itself (from the sketches, so nobody
 * holds a count the gate did not see), applies disclosureDecision against
 * the partner's earlier releases under a per-partner lock, charges the
 * NOISE budget in the same transaction (ledger row FOR UPDATE) and records
 * what it released in disclosure_release; every withholding or refusal is
 * audited as disclosure.refused with the earlier result it was compared with.
 */
@Injectable()
export class DisclosureGateService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Replaceable in tests of the service only; the API always uses the CSPRNG. */
  random: RandomInt = secureRandom;

  private readonly populations = new Map<string, SketchedSet>();

  /** Per partner, the pre-filters of its releases (sizes and 2 x 96 integers each, no sketches), read incrementally. */
  private readonly prefilters = new Map<string, ReleasePrefilterIndex>();

  async policy(partnerId: string, now: Date = this.clock.now(), db: Tx = this.prisma): Promise<GatePolicy> {
    return policyOf(partnerId, await findAgreementInForce(db, partnerId, now));
  }

  /** A partner-derived count through the gate. */
  async count(query: CountQuery, now: Date = this.clock.now()): Promise<GatedCount & { populationSize: number }> {
    const policy = await this.policy(query.partnerId, now);
    const cells = sketchCellsFor(Math.min(policy.k, 40_000));
    const index = this.prefilterIndexOf(query.partnerId);
    // A partner this process has not seen yet is read in full under the lock (once), not through the sketch's query.
    const catchUpBefore = index.loaded && !Array.isArray(query.members);
    const knownPopulation = query.populationKey ? this.populations.get(`${query.populationKey}:${cells}`) : undefined;
    const inProcess = knownPopulation !== undefined && knownPopulation.size < SKETCH_IN_PROCESS_BELOW;
    const [population, members, dataVersion] = await Promise.all([
      this.populationSketch(query.population, cells, query.populationKey),
      Array.isArray(query.members)
        ? sketchIds(query.members as readonly bigint[], cells)
        : this.sketchSql(query.members as Prisma.Sql, cells, this.prisma, {
            catchUpPartner: catchUpBefore ? query.partnerId : undefined,
            inProcess,
          }),
      this.dataVersion(query.partnerId),
    ]);
    const candidate: DisclosureCandidate = { metric: query.metric, population, members, dataVersion, carryAllowed: true };
    const gated = await this.prisma.$transaction(
      async (tx) => {
        await lockPartner(tx, query.partnerId);
        // The index was caught up with the sketch's query, before the lock. A refusal or a repeat decided on it
        // stands (every release it knows of was committed); a release is written only if nothing was written for the
        // partner since (record's ifNothingAfter), else the index catches up under the lock and the gate decides again.
        let current = !catchUpBefore;
        if (current) await this.catchUp(tx, query.partnerId, index);
        for (;;) {
          const seen = index.lastSeq;
          const earlier = await this.earlierFromIndex(tx, index, [candidate], policy.k);
          const decision = disclosureDecision(candidate, earlier, policy);
          const base = { threshold: policy.k };
          const about = {
            partnerId: query.partnerId,
            metric: query.metric,
            source: query.source,
            populationSize: population.size,
            mode: policy.mode,
            k: policy.k,
          };
          switch (decision.action) {
            case 'SUPPRESS':
              return {
                ...base,
                count: null,
                suppressed: true,
                disclosure: dto(policy, 'SUPPRESSED', { rule: decision.rule, message: decision.message }),
              };
            case 'REPEAT':
              return this.fromEarlier(decision.earlier, policy, 'REPEATED', null, null);
            case 'CARRY':
            case 'WITHHOLD': {
              await this.refused(tx, query.actor, about, decision.rule, decision.message, decision.earlier, {
                action: decision.action,
                difference: decision.difference,
              });
              if (decision.action === 'CARRY')
                return this.fromEarlier(decision.earlier, policy, 'CARRIED', decision.rule, decision.message);
              return {
                ...base,
                count: null,
                suppressed: true,
                disclosure: dto(policy, 'WITHHELD', {
                  rule: decision.rule,
                  message: decision.message,
                  earlierAt: decision.earlier.releasedAt,
                }),
              };
            }
            case 'RELEASE': {
              if (decision.noisy && !current) {
                // Noise charges the budget before the write: decide on a caught-up index first.
                await this.catchUp(tx, query.partnerId, index);
                current = true;
                continue;
              }
              let value = members.size;
              let errorBound: number | null = null;
              let epsilon: number | null = null;
              if (decision.noisy) {
                const charge = await this.charge(tx, policy, now);
                if (!charge.allowed) {
                  await this.refused(tx, query.actor, about, charge.rule, charge.message, null, {
                    refreshesOn: charge.refreshesOn.toISOString().slice(0, 10),
                  });
                  return {
                    ...base,
                    count: null,
                    suppressed: true,
                    disclosure: dto(policy, 'REFUSED', { rule: charge.rule, message: charge.message }),
                  };
                }
                value = noisyCount(members.size, policy.epsilonPerQuery, this.random);
                errorBound = geometricErrorBound(policy.epsilonPerQuery);
                epsilon = policy.epsilonPerQuery;
              }
              const row = await this.record(tx, policy, candidate, query.source, value, errorBound, epsilon, current ? null : seen);
              if (!row) {
                // Another release for this partner was written after the index last looked: catch up and decide again.
                await this.catchUp(tx, query.partnerId, index);
                current = true;
                continue;
              }
              const shown = value >= policy.k;
              return {
                ...base,
                count: shown ? value : null,
                suppressed: !shown,
                disclosure: dto(policy, 'RELEASED', {
                  noisy: decision.noisy,
                  errorBound,
                  epsilonCharged: epsilon ?? 0,
                  releasedAt: row.releasedAt,
                  message: shown ? null : `fewer than ${policy.k} members: below the minimum group size`,
                }),
              };
            }
          }
        }
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
    return { ...gated, populationSize: population.size };
  }

  /**
   * Sets about to leave for a partner (one export): all pass or none does.
   * Rows are checked against earlier releases and against each other; in
   * NOISE mode aggregate rows get noise, charged once per file (the rows are
   * disjoint: parallel composition). Member lists are never noisy.
   */
  async releaseSets(
    partnerId: string,
    sets: readonly ReleasedSet[],
    source: string,
    actor: Actor,
    tx: Tx,
    now: Date = this.clock.now(),
  ): Promise<SetsOutcome> {
    const policy = await this.policy(partnerId, now, tx);
    const cells = sketchCellsFor(Math.min(policy.k, 40_000));
    await lockPartner(tx, partnerId);
    const candidates = sets.map((s): DisclosureCandidate => {
      const sketched = sketchIds(s.ids, cells);
      return {
        metric: s.metric,
        population: sketched,
        members: sketched,
        dataVersion: 'export',
        carryAllowed: false,
        ...(s.leftKnown?.length ? { leftKnown: new Set(s.leftKnown) } : {}),
      };
    });
    const earlier = await this.earlier(tx, partnerId, candidates, policy.k);
    const noise = policy.mode === 'NOISE' && sets.every((s) => s.metric !== 'member-list');
    const mode: PrivacyMode = noise ? 'NOISE' : 'THRESHOLD';
    const values: number[] = [];
    const fresh: { candidate: DisclosureCandidate; index: number }[] = [];
    const seen: EarlierRelease[] = [...earlier];
    for (const [index, candidate] of candidates.entries()) {
      const decision = disclosureDecision(candidate, seen, { mode, k: policy.k });
      if (decision.action === 'WITHHOLD' || decision.action === 'CARRY') {
        await this.refused(
          tx,
          actor,
          {
            partnerId,
            metric: candidate.metric,
            source,
            label: sets[index].label,
            populationSize: candidate.population.size,
            mode: policy.mode,
            k: policy.k,
          },
          decision.rule,
          decision.message,
          decision.earlier,
          { difference: decision.difference },
        );
        return { allowed: false, rule: 'DIFFERENCE_CHECK', message: `${sets[index].label} ${decision.message}` };
      }
      if (decision.action === 'REPEAT') {
        values.push(decision.earlier.value ?? candidate.members.size);
        continue;
      }
      values.push(candidate.members.size);
      fresh.push({ candidate, index });
      seen.push({
        id: `pending-${index}`,
        releasedAt: now,
        metric: candidate.metric,
        population: candidate.population,
        members: candidate.members,
        dataVersion: candidate.dataVersion,
        value: candidate.members.size,
        noisy: false,
        errorBound: null,
      });
    }
    let epsilonCharged = 0;
    const errorBound = noise ? geometricErrorBound(policy.epsilonPerQuery) : null;
    if (noise && fresh.length > 0) {
      const charge = await this.charge(tx, policy, now);
      if (!charge.allowed) {
        await this.refused(
          tx,
          actor,
          { partnerId, metric: 'export', source, mode: policy.mode, k: policy.k },
          charge.rule,
          charge.message,
          null,
          { refreshesOn: charge.refreshesOn.toISOString().slice(0, 10) },
        );
        return { allowed: false, rule: charge.rule, message: charge.message };
      }
      epsilonCharged = policy.epsilonPerQuery;
      for (const f of fresh) values[f.index] = noisyCount(f.candidate.members.size, policy.epsilonPerQuery, this.random);
    }
    for (const f of fresh)
      await this.record(tx, policy, f.candidate, source, values[f.index], errorBound, noise ? policy.epsilonPerQuery : null);
    return { allowed: true, values, noisy: noise, errorBound, epsilonCharged };
  }

  /** The budget of the agreement in force this month, for the partner page. */
  async budget(
    partnerId: string,
    now: Date = this.clock.now(),
  ): Promise<{ policy: GatePolicy; period: string; refreshesOn: string; spent: number; left: number; releases: number; refusals: number }> {
    const policy = await this.policy(partnerId, now);
    const { period, refreshesOn } = budgetPeriod(now);
    const row = policy.agreementId
      ? await this.prisma.privacyBudgetLedger.findUnique({ where: { agreementId_period: { agreementId: policy.agreementId, period } } })
      : null;
    const spent = Number(row?.spentMicros ?? 0n) / MICROS;
    return {
      policy,
      period,
      refreshesOn: refreshesOn.toISOString().slice(0, 10),
      spent,
      left: Math.max(0, policy.epsilonBudget - spent),
      releases: row?.releases ?? 0,
      refusals: row?.refusals ?? 0,
    };
  }

  /** One set's sketch, built by the database (member-set-sketch-sql.ts). */
  async sketchSql(
    members: Prisma.Sql,
    cellsPerTable: number,
    db: Tx = this.prisma,
    options: { catchUpPartner?: string; inProcess?: boolean } = {},
  ): Promise<SketchedSet> {
    // A small set travels as its ids and is sketched here (member-set-sketch-sql.ts SKETCH_IN_PROCESS_BELOW says why).
    const query = options.inProcess ? memberIdsSql(members) : memberSetSketchSql(members, cellsPerTable);
    let row: { cells?: string | null; ids?: string | null; releases?: PrefilterRow[] | null };
    if (options.catchUpPartner) {
      // One round trip: the sketch and the partner's releases written since the index last looked (usually none).
      const index = this.prefilterIndexOf(options.catchUpPartner);
      [row] = await db.$queryRaw<(typeof row)[]>(sketchAndNewReleasesSql(query, options.catchUpPartner, index.lastSeq));
      index.add((row.releases ?? []).map(prefilterEntry));
    } else {
      [row] = await db.$queryRaw<(typeof row)[]>(query);
    }
    if (options.inProcess) return sketchIds(memberIdsFromText(row.ids ?? null), cellsPerTable);
    const rows = sketchCellRows(row.cells ?? null);
    const size = rows.filter((r) => r.cell < cellsPerTable).reduce((s, r) => s + r.n, 0);
    return { size, sketch: sketchFromCells(cellsPerTable, size, rows) };
  }

  /** A population's sketch; a named one (a segment as materialised) is kept, so asking about it again reads only the members behind the number. */
  private async populationSketch(population: Prisma.Sql, cells: number, key: string | undefined): Promise<SketchedSet> {
    if (!key) return this.sketchSql(population, cells);
    const cacheKey = `${key}:${cells}`;
    const cached = this.populations.get(cacheKey);
    if (cached) return cached;
    const sketched = await this.sketchSql(population, cells);
    if (this.populations.size >= POPULATION_CACHE) this.populations.delete(this.populations.keys().next().value!);
    this.populations.set(cacheKey, sketched);
    return sketched;
  }

  /** What the partner's customer list was when asked: a new import is new data. */
  private async dataVersion(partnerId: string): Promise<string> {
    const [v] = await this.prisma.$queryRaw<{ n: number; last: Date | null }[]>`
      SELECT count(*)::int AS n, max("importedAt") AS last FROM partner_customer WHERE "partnerId" = ${partnerId}::uuid`;
    return `${v.n}@${v.last?.toISOString() ?? '-'}`;
  }

  /**
   * Earlier releases for the partner, to the same audience, that could be
   * within k of a candidate. Called under the partner's lock: the in-process
   * index of released pre-filters catches up on the rows written since it
   * last looked (every release write takes the same lock, so any process's
   * committed release is seen), then compares the pre-filters in memory
   * (ReleasePrefilterIndex: the rule earlierReleasesSql applies in SQL), and
   * only the few releases that could be within k are read in full. At a few
   * hundred members the SQL lookup over the size window cost more than the
   * sketch itself (docs/benchmarks/privacy.md).
   */
  private async earlier(tx: Tx, partnerId: string, candidates: readonly DisclosureCandidate[], k: number): Promise<EarlierRelease[]> {
    const index = this.prefilterIndexOf(partnerId);
    await this.catchUp(tx, partnerId, index);
    return this.earlierFromIndex(tx, index, candidates, k);
  }

  /** The earlier releases the index keeps as candidates for these sets, read in full (usually none or a few). */
  private async earlierFromIndex(
    tx: Tx,
    index: ReleasePrefilterIndex,
    candidates: readonly DisclosureCandidate[],
    k: number,
  ): Promise<EarlierRelease[]> {
    const metrics = [...new Set(candidates.flatMap((c) => audienceOf(c.metric)))];
    const probes = candidates.map((c) => ({
      populationSize: c.population.size,
      populationPrefilter: sketchPrefilter(c.population.sketch),
      memberCount: c.members.size,
      memberPrefilter: sketchPrefilter(c.members.sketch),
    }));
    const ids = index.candidates(metrics, probes, k);
    if (ids.length === 0) return [];
    const rows = await tx.$queryRaw<EarlierReleaseRow[]>(releasesByIdSql(ids));
    return rows.map((r) => ({
      id: r.id,
      releasedAt: r.releasedAt,
      metric: r.metric,
      population: { size: r.populationSize, sketch: decodeSketch(r.populationSketch, r.populationSize) },
      members: { size: r.memberCount, sketch: decodeSketch(r.memberSketch, r.memberCount) },
      dataVersion: r.dataVersion,
      value: r.value,
      noisy: r.noisy,
      errorBound: r.errorBound,
    }));
  }

  private prefilterIndexOf(partnerId: string): ReleasePrefilterIndex {
    let index = this.prefilters.get(partnerId);
    if (!index) {
      index = new ReleasePrefilterIndex();
      this.prefilters.set(partnerId, index);
    }
    return index;
  }

  /** Reads the partner's releases written since the index last looked; under the partner's lock, nothing committed is missed. */
  private async catchUp(tx: Tx, partnerId: string, index: ReleasePrefilterIndex): Promise<void> {
    const rows = await tx.$queryRaw<PrefilterRow[]>(releasePrefiltersSinceSql(partnerId, index.lastSeq));
    index.add(rows.map(prefilterEntry));
  }

  private async record(
    tx: Tx,
    policy: GatePolicy,
    c: DisclosureCandidate,
    source: string,
    value: number,
    errorBound: number | null,
    epsilon: number | null,
    ifNothingAfter: bigint | null = null,
  ): Promise<{ id: string; releasedAt: Date } | null> {
    if (ifNothingAfter !== null) {
      // Written only if no release for the partner came after the index's last look (null otherwise): the
      // decision then rests on every committed release without a second query under the lock.
      const [row] = await tx.$queryRaw<{ id: string; releasedAt: Date }[]>`
        INSERT INTO disclosure_release (id, "partnerId", "agreementId", metric, source, "populationSize", "populationSketch", "populationPrint",
          "memberCount", "memberSketch", "populationPrefilter", "memberPrefilter", "dataVersion", value, noisy, "errorBound", epsilon)
        SELECT gen_random_uuid(), ${policy.partnerId}::uuid, ${policy.agreementId}::uuid, ${c.metric}, ${source}, ${c.population.size}::int,
          ${Buffer.from(encodeSketch(c.population.sketch))}, ${sketchFingerprint(c.population.sketch)}, ${c.members.size}::int,
          ${Buffer.from(encodeSketch(c.members.sketch))}, ${sketchPrefilter(c.population.sketch)}::int[], ${sketchPrefilter(c.members.sketch)}::int[],
          ${c.dataVersion}, ${value}::int, ${epsilon !== null}, ${errorBound}::int, ${epsilon}::double precision
        WHERE NOT EXISTS (SELECT 1 FROM disclosure_release WHERE "partnerId" = ${policy.partnerId}::uuid AND seq > ${ifNothingAfter}::bigint)
        RETURNING id::text, "releasedAt"`;
      return row ?? null;
    }
    return tx.disclosureRelease.create({
      data: {
        partnerId: policy.partnerId,
        agreementId: policy.agreementId,
        metric: c.metric,
        source,
        populationSize: c.population.size,
        populationSketch: Buffer.from(encodeSketch(c.population.sketch)),
        populationPrint: sketchFingerprint(c.population.sketch),
        memberCount: c.members.size,
        memberSketch: Buffer.from(encodeSketch(c.members.sketch)),
        populationPrefilter: sketchPrefilter(c.population.sketch),
        memberPrefilter: sketchPrefilter(c.members.sketch),
        dataVersion: c.dataVersion,
        value,
        noisy: epsilon !== null,
        errorBound,
        epsilon,
      },
      select: { id: true, releasedAt: true },
    });
  }

  /** Charges one query's epsilon under the ledger row's lock: concurrent releases queue on it, so the ledger never overdraws. */
  private async charge(tx: Tx, policy: GatePolicy, now: Date) {
    const { period } = budgetPeriod(now);
    const agreementId = policy.agreementId!;
    await tx.$executeRaw`INSERT INTO privacy_budget_ledger ("agreementId", period, "budgetMicros") VALUES (${agreementId}::uuid, ${period}, ${toMicros(policy.epsilonBudget)}) ON CONFLICT DO NOTHING`;
    const [ledger] = await tx.$queryRaw<
      { spentMicros: bigint }[]
    >`SELECT "spentMicros" FROM privacy_budget_ledger WHERE "agreementId" = ${agreementId}::uuid AND period = ${period} FOR UPDATE`;
    const charge = chargeBudget({ spentMicros: Number(ledger.spentMicros) }, policy.epsilonPerQuery, policy.epsilonBudget, now);
    if (charge.allowed) {
      await tx.$executeRaw`UPDATE privacy_budget_ledger SET "spentMicros" = ${charge.spentMicros}, "budgetMicros" = ${toMicros(policy.epsilonBudget)}, releases = releases + 1, "updatedAt" = now() WHERE "agreementId" = ${agreementId}::uuid AND period = ${period}`;
    } else {
      await tx.$executeRaw`UPDATE privacy_budget_ledger SET refusals = refusals + 1, "updatedAt" = now() WHERE "agreementId" = ${agreementId}::uuid AND period = ${period}`;
    }
    return charge;
  }

  private async refused(
    tx: Tx,
    actor: Actor,
    about: Record<string, unknown>,
    rule: string,
    message: string,
    earlier: EarlierRelease | null,
    extra: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(
      {
        action: 'disclosure.refused',
        outcome: 'DENIED',
        actor,
        entityType: 'partner',
        entityId: String(about.partnerId),
        detail: {
          ...about,
          ...extra,
          rule,
          message,
          comparedWith: earlier
            ? {
                releaseId: earlier.id,
                releasedAt: earlier.releasedAt.toISOString(),
                metric: earlier.metric,
                populationSize: earlier.population.size,
                value: earlier.value,
                noisy: earlier.noisy,
              }
            : null,
        },
      },
      tx,
    );
  }

  private fromEarlier(
    e: EarlierRelease,
    policy: GatePolicy,
    status: 'REPEATED' | 'CARRIED',
    rule: string | null,
    message: string | null,
  ): GatedCount {
    const shown = e.value !== null && e.value >= policy.k;
    return {
      count: shown ? e.value : null,
      suppressed: !shown,
      threshold: policy.k,
      disclosure: dto(policy, status, {
        rule,
        message,
        noisy: e.noisy,
        errorBound: e.errorBound,
        releasedAt: e.releasedAt,
        earlierAt: e.releasedAt,
      }),
    };
  }
}

export function policyOf(partnerId: string, agreement: SharingAgreement | null): GatePolicy {
  return {
    partnerId,
    agreementId: agreement?.id ?? null,
    // Without an agreement in force nothing is charged: the threshold applies, at the default size.
    mode: agreement?.privacyMode ?? 'THRESHOLD',
    k: agreement?.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE,
    epsilonBudget: agreement?.epsilonBudget ?? 0,
    epsilonPerQuery: agreement?.epsilonPerQuery ?? 0,
  };
}

function sketchIds(ids: readonly bigint[], cells: number): SketchedSet {
  return { size: ids.length, sketch: sketchMembers(ids, cells) };
}

async function lockPartner(tx: Tx, partnerId: string): Promise<void> {
  // Two releases for one partner decided at once could each pass the check against the other: one at a time per partner.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`crosslane:disclosure:${partnerId}`}))`;
}

function dto(
  policy: GatePolicy,
  status: DisclosureDto['status'],
  extra: {
    rule?: string | null;
    message?: string | null;
    noisy?: boolean;
    errorBound?: number | null;
    epsilonCharged?: number;
    releasedAt?: Date;
    earlierAt?: Date;
  },
): DisclosureDto {
  return {
    status,
    mode: policy.mode,
    k: policy.k,
    noisy: extra.noisy ?? false,
    errorBound: extra.errorBound ?? null,
    epsilonCharged: extra.epsilonCharged ?? 0,
    rule: extra.rule ?? null,
    message: extra.message ?? null,
    releasedAt: extra.releasedAt?.toISOString() ?? null,
    earlierResultAt: extra.earlierAt?.toISOString() ?? null,
  };
}
