import { Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../core/config/app-config';
import { AuditService } from '../../../core/audit/audit.service';
import { CLOCK, type Clock } from '../../../core/clock/clock';
import { PrismaService } from '../../../core/database/prisma.service';
import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { JobName } from '../../../core/queue/queue-names';
import { ErasureRepository } from '../erasure.repository';

/** Carries only the request's id: the members are in erasure_request_member, under keyed hashes, never in a payload. */
export interface EraseMembersPayload {
  requestId: string;
}

export interface EraseMembersResult {
  requestId: string;
  erased: number;
  notFound: number;
  memberCount: number;
}

/**
 * Erases the members of one request, a batch of config.erasureBatch
 * (CROSSLANE_ERASURE_BATCH) per transaction with a checkpoint per member (ErasureRepository.eraseBatch,
 * deciding with planMemberErasure), after one pass over the logs for all
 * the run's keys (ErasureRepository.scrubLogsOfPending). Resumable: only PENDING members are
 * read, so a retry after a crash or a cancel carries on where the last
 * commit left off and reaches the same state.
 * The completion is audited once, when the request turns COMPLETED.
 */
@JobHandler(JobName.EraseMembers)
export class EraseMembersJob implements JobRunner<JobName.EraseMembers> {
  constructor(
    private readonly prisma: PrismaService,
    private readonly erasures: ErasureRepository,
    private readonly audit: AuditService,
    // Members per transaction: large enough that each statement covers many members (docs/benchmarks/member-rights.md),
    // small enough that a retry after a crash redoes little and locks stay short.
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'erasureBatch'>,
    // The clock the request's createdAt and its members' erasedAt were read from (MemberRightsService, ErasureRepository).
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(payload: EraseMembersPayload, context: JobContext): Promise<EraseMembersResult> {
    const request = await this.prisma.erasureRequest.findUniqueOrThrow({ where: { id: payload.requestId } });
    if (request.status !== 'COMPLETED') await this.prisma.erasureRequest.update({ where: { id: request.id }, data: { status: 'RUNNING' } });
    const toErase = request.memberCount - request.notFound;
    let done = request.erased;
    let after = 0n;
    // One pass over every log for the run's keys; each batch then searches only what was written after it.
    const logsFrom = await this.erasures.scrubLogsOfPending(request.id);
    for (
      let page = await this.erasures.pendingMembers(request.id, after, this.config.erasureBatch);
      page.length > 0;
      page = await this.erasures.pendingMembers(request.id, after, this.config.erasureBatch)
    ) {
      const outcome = await this.erasures.eraseBatch(
        page.map((row) => row.id),
        logsFrom,
      );
      after = page[page.length - 1].id;
      done += outcome.erased + outcome.gone;
      await context.reportProgress(toErase > 0 ? (100 * done) / toErase : 100, `Erased ${done} of ${toErase} members`);
      await context.throwIfCancelled();
    }
    const finished = await this.prisma.$transaction(async (tx) => {
      const updated = await tx.erasureRequest.updateMany({
        where: { id: request.id, status: { not: 'COMPLETED' } },
        // Never before the request: a worker whose clock runs behind the API's (another machine) must not report a negative duration.
        data: { status: 'COMPLETED', completedAt: notBefore(this.clock.now(), request.createdAt) },
      });
      const current = await tx.erasureRequest.findUniqueOrThrow({ where: { id: request.id } });
      if (updated.count === 1) {
        await this.audit.record(
          {
            action: 'member-rights.erasure.complete',
            outcome: 'SUCCESS',
            actor: { id: current.requestedBy, email: current.requestedByEmail },
            entityType: 'erasure-request',
            entityId: current.id,
            detail: {
              memberCount: current.memberCount,
              erased: current.erased,
              notFound: current.notFound,
              jobId: context.jobId,
              requestedAt: current.createdAt.toISOString(),
              completedAt: current.completedAt?.toISOString(),
            },
          },
          tx,
        );
      }
      return current;
    });
    return { requestId: finished.id, erased: finished.erased, notFound: finished.notFound, memberCount: finished.memberCount };
  }
}

function notBefore(at: Date, earliest: Date): Date {
  return at.getTime() < earliest.getTime() ? earliest : at;
}
