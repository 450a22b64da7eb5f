import { Injectable, Logger } from '@nestjs/common';
import type { AuditAction, AuditEntityType, AuditOutcome } from '@crosslane/contracts';
import { Prisma } from '@crosslane/db';
import { PrismaService } from '../database/prisma.service';

export type { AuditAction, AuditEntityType, AuditOutcome };

/** One audit event; action and entityType come from the vocabulary in @crosslane/contracts (audit.ts). */
export interface AuditEntry {
  action: AuditAction;
  outcome: AuditOutcome;
  actor?: { id?: string | null; email?: string | null } | null;
  entityType?: AuditEntityType;
  entityId?: string;
  detail?: Record<string, unknown>;
  ip?: string | null;
}

/**
 * Append-only log of every change of consequence. Writes go through here
 * only, so nothing in the codebase updates or deletes an audit row.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(private readonly prisma: PrismaService) {}

  async record(entry: AuditEntry, tx: Prisma.TransactionClient = this.prisma): Promise<void> {
    await tx.auditEvent.create({
      data: {
        action: entry.action,
        outcome: entry.outcome,
        actorId: entry.actor?.id ?? null,
        actorEmail: entry.actor?.email ?? null,
        entityType: entry.entityType ?? null,
        entityId: entry.entityId ?? null,
        detail: (entry.detail ?? undefined) as Prisma.InputJsonValue | undefined,
        ip: entry.ip ?? null,
      },
    });
    this.logger.log(`${entry.action} ${entry.outcome}${entry.actor?.email ? ` by ${entry.actor.email}` : ''}`);
  }

  /**
   * A change and its audit event in one transaction, so that neither is ever
   * stored without the other: `change` writes through `tx`, `entry` describes
   * what it wrote. Returns what `change` returned.
   */
  async withChange<T>(change: (tx: Prisma.TransactionClient) => Promise<T>, entry: (result: T) => AuditEntry): Promise<T> {
    return this.prisma.$transaction(async (tx) => {
      const result = await change(tx);
      await this.record(entry(result), tx);
      return result;
    });
  }
}
