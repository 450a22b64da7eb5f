import { Inject, Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { parse } from 'csv-parse';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AuditService } from '../../../core/audit/audit.service';
import { APP_CONFIG, AppConfig } from '../../../core/config/app-config';
import { PrismaService } from '../../../core/database/prisma.service';
import { JobContext, JobHandler, JobRunner } from '../../../core/queue/job-handler';
import { JobName } from '../../../core/queue/queue-names';
import { CampaignUploadStore } from '../csv-upload';
import { checkHillstromHeader, HILLSTROM_ARMS, HILLSTROM_CAMPAIGN_NAME, HillstromRow, HillstromRowError, parseHillstromRow } from '../hillstrom';

export interface ImportHillstromPayload {
  /** An uploaded copy (a large object, see CampaignUploadStore); without it the file in the datasets folder (AppConfig.datasetsDir). */
  oid?: number;
  requestedBy?: string | null;
}

export interface ImportHillstromResult {
  campaignId: string;
  skipped: boolean;
  members: number;
  events: number;
}

const CHUNK = 10_000;
/** The challenge was published on 2008-03-20; the e-mails went out in the spring of 2008. */
const SENT_AT = Date.UTC(2008, 2, 1);
const TRACKED_DAYS = 14;

/** Where the Hillstrom file lives under the datasets folder. */
export const HILLSTROM_FILE = path.join('hillstrom', 'hillstrom_email_2008.csv');

/**
 * Imports the Hillstrom e-mail test as a concluded three-arm campaign
 * (control No E-Mail; Mens and Womens E-Mail): members hm_<row>,
 * assignments with `history` as the CUPED covariate, events visit -> CLICK,
 * conversion -> CONVERSION, spend -> REVENUE. Everything is written in one
 * transaction after the whole file has been validated row by row (streamed
 * by csv-parse), so a bad row leaves nothing behind; a second run finds the
 * campaign and changes nothing.
 */
@Injectable()
@JobHandler(JobName.ImportHillstrom)
export class ImportHillstromJob implements JobRunner<ImportHillstromPayload, ImportHillstromResult> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly uploads: CampaignUploadStore,
  ) {}

  async run(payload: ImportHillstromPayload, context: JobContext): Promise<ImportHillstromResult> {
    const file = path.join(this.config.datasetsDir, HILLSTROM_FILE);
    if (payload.oid === undefined && !fs.existsSync(file)) throw new UnrecoverableError(`The Hillstrom file is not at ${file}: it ships in the repository's datasets/ folder; set CROSSLANE_DATASETS_DIR if it lives elsewhere, or upload the CSV`);
    const existing = await this.prisma.campaign.findFirst({ where: { name: HILLSTROM_CAMPAIGN_NAME }, select: { id: true } });
    if (existing) return { campaignId: existing.id, skipped: true, members: 0, events: 0 };

    await context.reportProgress(2, 'Reading the file');
    const rows: HillstromRow[] = [];
    try {
      const source = payload.oid !== undefined ? this.uploads.open(payload.oid) : fs.createReadStream(file);
      const parser = source.pipe(parse({ columns: checkHillstromHeader, bom: true, trim: true, skip_empty_lines: true }));
      for await (const record of parser as AsyncIterable<Record<string, string>>) {
        rows.push(parseHillstromRow(record, rows.length + 1));
        if (rows.length % 16_000 === 0) await context.reportProgress(2 + (28 * rows.length) / 64_000, `${rows.length.toLocaleString('en')} rows read`);
      }
    } catch (error) {
      if (payload.oid !== undefined) await this.uploads.remove(payload.oid);
      if (error instanceof HillstromRowError) throw new UnrecoverableError(error.message);
      // csv-parse errors carry the line: "Invalid Record Length: ... on line 12".
      throw new UnrecoverableError(`The file is not valid CSV: ${(error as Error).message}`);
    }
    if (rows.length === 0) throw new UnrecoverableError('The file holds no data rows');
    await context.throwIfCancelled();

    const result = await this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('crosslane:import-hillstrom'))`;
        const again = await tx.campaign.findFirst({ where: { name: HILLSTROM_CAMPAIGN_NAME }, select: { id: true } });
        if (again) return { campaignId: again.id, skipped: true, members: 0, events: 0 };
        const weight = 1 / HILLSTROM_ARMS.length;
        const campaign = await tx.campaign.create({
          data: {
            name: HILLSTROM_CAMPAIGN_NAME,
            objective: 'Kevin Hillstrom\'s MineThatData challenge: does a men\'s or women\'s merchandise e-mail lift visits, conversion and spend over no e-mail? Imported as a historical, concluded test.',
            status: 'CONCLUDED',
            primaryMetric: 'CONVERSION',
            guardrailMetrics: ['REVENUE_PER_MEMBER'],
            salt: randomBytes(8).toString('hex'),
            startAt: new Date(SENT_AT),
            endAt: new Date(SENT_AT + TRACKED_DAYS * 86_400_000),
            createdBy: payload.requestedBy ?? null,
            variants: { create: HILLSTROM_ARMS.map((a) => ({ key: a.key, name: a.name, isControl: a.isControl, weight, offerType: 'NONE' })) },
          },
        });
        let events = 0;
        for (let start = 0; start < rows.length; start += CHUNK) {
          await context.throwIfCancelled();
          const chunk = rows.slice(start, start + CHUNK);
          const keys = chunk.map((r) => `hm_${r.row}`);
          await tx.$executeRaw`
            INSERT INTO member ("memberKey", "consentPersonalisation", "consentPartnerSharing", "joinedAt")
            SELECT k, false, false, ${new Date(SENT_AT)} FROM unnest(${keys}::text[]) AS k
            ON CONFLICT ("memberKey") DO NOTHING`;
          const ids = await tx.$queryRaw<{ id: bigint; memberKey: string }[]>`SELECT id, "memberKey" FROM member WHERE "memberKey" = ANY(${keys}::text[])`;
          const idOf = new Map(ids.map((r) => [r.memberKey, r.id]));
          const memberIds = chunk.map((r) => idOf.get(`hm_${r.row}`)!);
          await tx.$executeRaw`
            INSERT INTO campaign_assignment ("campaignId", "memberId", "variantKey", "assignedAt", "exposedAt", "preValue")
            SELECT ${campaign.id}::uuid, m, k, ${new Date(SENT_AT)}, ${new Date(SENT_AT)}, h
            FROM unnest(${memberIds}::bigint[], ${chunk.map((r) => r.variantKey)}::text[], ${chunk.map((r) => r.history)}::float8[]) AS x(m, k, h)`;
          const ev: { id: string; m: bigint; t: string; v: number | null; at: string }[] = [];
          chunk.forEach((r, i) => {
            const at = new Date(SENT_AT + (r.row % TRACKED_DAYS) * 86_400_000 + 12 * 3600_000).toISOString();
            if (r.visit) ev.push({ id: `hillstrom:${r.row}:visit`, m: memberIds[i], t: 'CLICK', v: null, at });
            if (r.conversion) ev.push({ id: `hillstrom:${r.row}:conversion`, m: memberIds[i], t: 'CONVERSION', v: null, at });
            if (r.spend > 0) ev.push({ id: `hillstrom:${r.row}:spend`, m: memberIds[i], t: 'REVENUE', v: r.spend, at });
          });
          if (ev.length > 0) {
            events += await tx.$executeRaw`
              INSERT INTO campaign_event ("eventId", "campaignId", "memberId", type, value, "occurredAt")
              SELECT e, ${campaign.id}::uuid, m, t::"CampaignEventType", v, (o::timestamptz AT TIME ZONE 'UTC')
              FROM unnest(${ev.map((e) => e.id)}::text[], ${ev.map((e) => e.m)}::bigint[], ${ev.map((e) => e.t)}::text[],
                          ${ev.map((e) => e.v)}::float8[], ${ev.map((e) => e.at)}::text[]) AS x(e, m, t, v, o)
              ON CONFLICT ("eventId") DO NOTHING`;
          }
          const done = Math.min(rows.length, start + CHUNK);
          await context.reportProgress(30 + (68 * done) / rows.length, `${done.toLocaleString('en')} of ${rows.length.toLocaleString('en')} members written`);
        }
        await this.audit.record(
          { action: 'campaign.import-hillstrom', outcome: 'SUCCESS', actor: payload.requestedBy ? { id: payload.requestedBy } : null, entityType: 'campaign', entityId: campaign.id, detail: { rows: rows.length, events, source: payload.oid !== undefined ? 'upload' : 'dataset' } },
          tx,
        );
        return { campaignId: campaign.id, skipped: false, members: rows.length, events };
      },
      { timeout: 10 * 60_000, maxWait: 30_000 },
    );
    // An uploaded copy has served its purpose; the dataset folder is never touched.
    if (payload.oid !== undefined) await this.uploads.remove(payload.oid);
    return result;
  }
}
