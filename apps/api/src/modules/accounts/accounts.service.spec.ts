import { describe, expect, it } from 'vitest';
import { passwordProblems } from '@crosslane/domain-auth';
import type { AuditService } from '../../core/audit/audit.service';
import type { SessionStateService } from '../../core/auth/session-state.service';
import { readAppConfig } from '../../core/config/app-config';
import type { PrismaService } from '../../core/database/prisma.service';
import { AccountsService, generateAdminPassword } from './accounts.service';

/** An empty account table that records what is written to it. */
function emptyAccounts() {
  const created: { email: string; passwordHash: string }[] = [];
  const accounts = {
    findMany: async () => [],
    count: async () => created.length,
    create: async ({ data }: { data: { email: string; passwordHash: string } }) => {
      created.push(data);
      return { id: '00000000-0000-4000-8000-000000000001', ...data };
    },
  };
  const tx = { account: accounts, $executeRaw: async () => 0 };
  const prisma = { account: accounts, $transaction: async (work: (client: typeof tx) => Promise<unknown>) => work(tx) };
  const audit = { record: async () => undefined };
  return { created, prisma: prisma as unknown as PrismaService, audit: audit as unknown as AuditService };
}

const sessions = {} as SessionStateService;

describe('AccountsService.ensureFirstAdmin', () => {
  it('refuses to create the first admin with a weak CROSSLANE_ADMIN_PASSWORD, naming the reasons', async () => {
    const { created, prisma, audit } = emptyAccounts();
    const config = readAppConfig({ CROSSLANE_ADMIN_EMAIL: 'boss@crosslane.local', CROSSLANE_ADMIN_PASSWORD: 'aaaaaaaaaaaa' }, '/repo');
    const service = new AccountsService(config, prisma, audit, sessions);
    await expect(service.ensureFirstAdmin(() => undefined)).rejects.toThrow(
      'CROSSLANE_ADMIN_PASSWORD is not accepted for the first admin boss@crosslane.local: password is too easy to guess (strength 0 of 4; 3 is needed)',
    );
    expect(created).toEqual([]);
  });

  it('generates a password that passes the rule, and prints it once', async () => {
    const { created, prisma, audit } = emptyAccounts();
    const lines: string[] = [];
    const service = new AccountsService(readAppConfig({}, '/repo'), prisma, audit, sessions);
    await service.ensureFirstAdmin((line) => lines.push(line));
    expect(created).toHaveLength(1);
    const password = /^First admin created: admin@crosslane\.local \/ (\S+)$/.exec(lines[0])?.[1];
    expect(password).toHaveLength(16);
    expect(passwordProblems(password!, { email: 'admin@crosslane.local' })).toEqual([]);
  }, 30_000);
});

describe('generateAdminPassword', () => {
  it('draws again when a draw would not pass the rule', () => {
    // First draw: twelve bytes of "a" (base64url "YWFh..." repeats, a weak pattern); second: fixed bytes that pass.
    const draws = [Buffer.alloc(12, 'a'), Buffer.from('8f3a9c1d2b7e4f6a0c5d9e1f', 'hex')];
    expect(passwordProblems(Buffer.alloc(12, 'a').toString('base64url'), { email: 'admin@crosslane.local' })).not.toEqual([]);
    expect(generateAdminPassword('admin@crosslane.local', () => draws.shift()!)).toBe(
      Buffer.from('8f3a9c1d2b7e4f6a0c5d9e1f', 'hex').toString('base64url'),
    );
    expect(draws).toEqual([]);
  });
});
