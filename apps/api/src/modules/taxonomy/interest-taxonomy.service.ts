import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { InterestTopicDto, InterestTopicInput } from '@crosslane/contracts';
import { carVocabulary, changedCarVocabulary, type CarVocabulary, type InterestTopicMapping } from '@crosslane/domain-segments';
import { Prisma } from '@crosslane/db';
import { AuditService } from '../../core/audit/audit.service';
import { findPage, mapPage, type Page, textSearch } from '../../core/database/find-page';
import { PrismaService } from '../../core/database/prisma.service';
import { ListQuery, whereIdIn } from '../../core/http/list-query';
import { JobQueueService } from '../../core/queue/job-queue.service';
import { JobName } from '../../core/queue/queue-names';
import { PROFILES_AS_OF_SETTING } from '../profiles/profile-sql';

export const TOPIC_SORTABLE = ['name', 'slug', 'updatedAt'];

type Actor = { id?: string | null; email?: string | null } | null | undefined;
type TopicRow = Prisma.InterestTopicGetPayload<object>;

/**
 * The interest taxonomy the business owns: topics and the categories and
 * tags mapped to them. Every reader of "what is a car item" (profiles,
 * segments, partner audiences, exports) asks carVocabulary() here, so the
 * demo world's own names live only in the rows it seeds. A change is audited
 * with its before and after, and queues recompute-car-interest for the
 * members it can affect.
 */
@Injectable()
export class InterestTaxonomyService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly jobs: JobQueueService,
  ) {}

  async topics(): Promise<InterestTopicMapping[]> {
    return this.prisma.interestTopic.findMany({ orderBy: { slug: 'asc' } });
  }

  /** The knowledge categories and tags that count as car topics, from the database. */
  async carVocabulary(): Promise<CarVocabulary> {
    return carVocabulary(await this.topics());
  }

  async list(query: ListQuery): Promise<Page<InterestTopicDto>> {
    const where: Prisma.InterestTopicWhereInput = {
      ...whereIdIn(query),
      ...textSearch(query, ['name', 'slug']),
    };
    return mapPage(await findPage(this.prisma, this.prisma.interestTopic, query, where), toDto);
  }

  async get(id: string): Promise<InterestTopicDto> {
    return toDto(await this.row(id));
  }

  async create(input: InterestTopicInput, actor: Actor, ip: string | null): Promise<InterestTopicDto> {
    if (await this.prisma.interestTopic.findUnique({ where: { slug: input.slug } })) {
      throw new ConflictException({
        message: `A topic "${input.slug}" exists already`,
        fields: [{ field: 'slug', message: 'must be unique' }],
      });
    }
    const row = await this.change(
      'taxonomy.topic.create',
      () => this.prisma.interestTopic.create({ data: normalise(input) }),
      (created) => ({ after: mappingOf(created) }),
      actor,
      ip,
    );
    return toDto(row);
  }

  async update(id: string, input: Partial<InterestTopicInput>, actor: Actor, ip: string | null): Promise<InterestTopicDto> {
    const existing = await this.row(id);
    const { slug: _slug, ...rest } = input;
    void _slug; // the slug names the topic in audit trails and seeds: it does not change
    const row = await this.change(
      'taxonomy.topic.update',
      () => this.prisma.interestTopic.update({ where: { id }, data: normalise({ ...mappingOf(existing), ...rest }) }),
      (updated) => ({ before: mappingOf(existing), after: mappingOf(updated) }),
      actor,
      ip,
    );
    return toDto(row);
  }

  async remove(id: string, actor: Actor, ip: string | null): Promise<InterestTopicDto> {
    const existing = await this.row(id);
    await this.change(
      'taxonomy.topic.delete',
      () => this.prisma.interestTopic.delete({ where: { id } }),
      () => ({ before: mappingOf(existing) }),
      actor,
      ip,
    );
    return toDto(existing);
  }

  /**
   * Every change to a topic: written, then the profiles recomputed when the
   * car vocabulary moved, then audited with the job doing it. `detail` says
   * what changed; the audit entry adds recomputeJobId.
   */
  private async change<Row extends { id: string }>(
    action: 'taxonomy.topic.create' | 'taxonomy.topic.update' | 'taxonomy.topic.delete',
    write: () => Promise<Row>,
    detail: (row: Row) => Record<string, unknown>,
    actor: Actor,
    ip: string | null,
  ): Promise<Row> {
    const before = await this.carVocabulary();
    const row = await write();
    const recomputeJobId = await this.recomputeIfChanged(before, actor);
    await this.audit.record({
      action,
      outcome: 'SUCCESS',
      actor,
      entityType: 'interest-topic',
      entityId: row.id,
      detail: { ...detail(row), recomputeJobId },
      ip,
    });
    return row;
  }

  /**
   * Writes the topics whose slug is not there yet (an existing topic keeps an
   * admin's edits), in the caller's transaction: the demo world seeds its
   * vocabulary through here, like any importer would.
   */
  async ensureTopics(topics: readonly InterestTopicInput[], tx: Prisma.TransactionClient = this.prisma): Promise<number> {
    const { count } = await tx.interestTopic.createMany({ data: topics.map(normalise), skipDuplicates: true });
    if (count > 0) {
      await this.audit.record(
        {
          action: 'taxonomy.seed',
          outcome: 'SUCCESS',
          entityType: 'interest-topic',
          detail: { topics: topics.map((t) => t.slug), created: count },
        },
        tx,
      );
    }
    return count;
  }

  /**
   * Queues the recompute of the profiles a change can affect: members with
   * interactions on the categories or tags that entered or left the car
   * vocabulary. Profiles are recomputed as of the last profile computation,
   * so a mapping change does not also move every member's recency.
   */
  private async recomputeIfChanged(before: CarVocabulary, actor: Actor): Promise<string | null> {
    const changed = changedCarVocabulary(before, await this.carVocabulary());
    if (changed.categories.length === 0 && changed.tags.length === 0) return null;
    const asOf = await this.lastProfileAsOf();
    if (!asOf) return null; // no profiles yet: the first computation reads the new mapping
    const run = await this.jobs.enqueue(
      JobName.RecomputeCarInterest,
      { asOf, categories: changed.categories, tags: changed.tags },
      { requestedBy: actor?.id ?? undefined },
    );
    return run.id;
  }

  private async lastProfileAsOf(): Promise<string | null> {
    if ((await this.prisma.memberProfile.count()) === 0) return null;
    const setting = await this.prisma.setting.findUnique({ where: { key: PROFILES_AS_OF_SETTING } });
    return typeof setting?.value === 'string' ? setting.value : null;
  }

  private async row(id: string): Promise<TopicRow> {
    const row = await this.prisma.interestTopic.findUnique({ where: { id } });
    if (!row) throw new NotFoundException(`No interest topic ${id}`);
    return row;
  }
}

function clean(values: readonly string[] | undefined): string[] {
  return [...new Set((values ?? []).map((v) => v.trim()).filter((v) => v.length > 0))];
}

function normalise(input: InterestTopicInput): Prisma.InterestTopicCreateInput {
  return {
    slug: input.slug,
    name: input.name.trim(),
    countsAsCar: input.countsAsCar ?? true,
    knowledgeCategories: clean(input.knowledgeCategories),
    knowledgeTags: clean(input.knowledgeTags),
    partnerCategories: clean(input.partnerCategories),
  };
}

function mappingOf(row: TopicRow): Required<InterestTopicInput> {
  return {
    slug: row.slug,
    name: row.name,
    countsAsCar: row.countsAsCar,
    knowledgeCategories: row.knowledgeCategories,
    knowledgeTags: row.knowledgeTags,
    partnerCategories: row.partnerCategories,
  };
}

function toDto(row: TopicRow): InterestTopicDto {
  return {
    id: row.id,
    ...mappingOf(row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
