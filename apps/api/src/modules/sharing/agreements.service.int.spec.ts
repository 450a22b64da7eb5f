import { applyMigrations } from '@crosslane/db';
import path from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '../../core/audit/audit.service';
import { fixedClock } from '../../core/clock/clock';
import type { AppConfig } from '../../core/config/app-config';
import { PrismaService } from '../../core/database/prisma.service';
import type { ServiceAvailabilityService } from '../../core/database/service-availability.service';
import { createTestDatabase, type TestDatabase } from '../../../../../test/support/test-database';
import { AgreementsService, type HistoricalAgreementInput } from './agreements.service';

// Against real PostgreSQL (the test server of test/support/global-setup.ts): the agreement rules that the
// demo world's loader now goes through, and the one rule its history path judges on its own timeline.
const NOW = new Date('2026-11-28T12:00:00Z');
const MANAGER = { id: '00000000-0000-4000-8000-0000000000c1', email: 'manager@example.com', role: 'MANAGER' as const };
const terms = (validFrom: string, validTo: string): HistoricalAgreementInput => ({
  fieldsAllowed: ['memberKey'],
  purposesAllowed: ['MEASUREMENT'],
  validFrom: new Date(validFrom),
  validTo: new Date(validTo),
});

describe('AgreementsService: the user-facing rule and the history path', () => {
  let database: TestDatabase;
  let db: Client;
  let prisma: PrismaService;
  let agreements: AgreementsService;
  let partnerId: string;
  let archivedId: string;

  beforeAll(async () => {
    database = await createTestDatabase('agreements');
    await applyMigrations({ connectionString: database.url, migrationsDir: path.resolve(__dirname, '../../../../../prisma/migrations') });
    db = new Client({ connectionString: database.url });
    await db.connect();
    const partner = `INSERT INTO partner (id, slug, name, industry, status, "updatedAt") VALUES (gen_random_uuid(), $1, $1, 'car-modification', $2, now()) RETURNING id`;
    partnerId = (await db.query(partner, ['apex', 'ACTIVE'])).rows[0].id;
    archivedId = (await db.query(partner, ['gone', 'ARCHIVED'])).rows[0].id;
    const availability = { reportDown: () => undefined, setDatabaseProbe: () => undefined } as unknown as ServiceAvailabilityService;
    prisma = new PrismaService({ databaseUrl: database.url } as AppConfig, availability);
    agreements = new AgreementsService(prisma, new AuditService(prisma), fixedClock(NOW));
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.end();
    await database?.drop();
  });

  it('still refuses, from a manager, an agreement whose validTo has passed by the clock', async () => {
    const body = {
      partnerId,
      fieldsAllowed: ['memberKey'],
      purposesAllowed: ['MEASUREMENT'],
      validFrom: '2024-06-01',
      validTo: '2025-06-30',
    };
    await expect(agreements.create(body as never, MANAGER, null)).rejects.toMatchObject({
      response: { fields: [{ field: 'validTo', message: 'is already past' }] },
    });
    expect((await db.query('SELECT count(*)::int AS n FROM sharing_agreement')).rows[0].n).toBe(0);
  });

  it('records history as of its own day: stored with the same versioning and audit entry, and not in force by the clock', async () => {
    const first = await agreements.recordHistoricalAgreement(
      partnerId,
      terms('2024-06-01', '2025-06-30'),
      new Date('2024-06-30T00:00:00Z'),
    );
    expect(first).toMatchObject({ version: 1, status: 'ACTIVE', createdBy: null, inForce: false, validTo: '2025-06-30T00:00:00.000Z' });
    const second = await agreements.recordHistoricalAgreement(
      partnerId,
      terms('2025-01-01', '2025-12-31'),
      new Date('2025-01-01T00:00:00Z'),
    );
    expect(second).toMatchObject({ version: 2, status: 'ACTIVE' });
    const rows = await db.query(`SELECT version, status FROM sharing_agreement WHERE "partnerId" = $1 ORDER BY version`, [partnerId]);
    expect(rows.rows).toEqual([
      { version: 1, status: 'SUPERSEDED' },
      { version: 2, status: 'ACTIVE' },
    ]);
    const audit = await db.query(`SELECT action, "entityType", "actorId", detail FROM audit_event WHERE "entityId" = $1`, [second.id]);
    expect(audit.rows).toEqual([
      {
        action: 'agreement.create',
        entityType: 'sharing-agreement',
        actorId: null,
        detail: expect.objectContaining({ version: 2, supersedes: { id: first.id, version: 1 }, recordedAsOf: '2025-01-01T00:00:00.000Z' }),
      },
    ]);
  });

  it('judges validTo at its own day: an agreement that had already ended then is refused, as is an archived partner', async () => {
    await expect(
      agreements.recordHistoricalAgreement(partnerId, terms('2024-01-01', '2024-03-31'), new Date('2024-06-30T00:00:00Z')),
    ).rejects.toMatchObject({ response: { fields: [{ field: 'validTo', message: 'is already past' }] } });
    await expect(
      agreements.recordHistoricalAgreement(archivedId, terms('2024-01-01', '2024-12-31'), new Date('2024-06-30T00:00:00Z')),
    ).rejects.toMatchObject({ response: { fields: [{ field: 'partnerId', message: 'partner is archived' }] } });
  });
});
