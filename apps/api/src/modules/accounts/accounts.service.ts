import { ConflictException, Inject, Injectable, Logger } from '@nestjs/common';
import { ROLES } from '@crosslane/contracts';
import { randomBytes } from 'node:crypto';
import type { AccountDto, Role } from '@crosslane/contracts';
import { Account, Prisma } from '@crosslane/db';
import { AuditService } from '../../core/audit/audit.service';
import { AuthenticatedAccount } from '../../core/auth/auth.decorators';
import { passwordProblems } from '@crosslane/domain-auth';
import { assertAcceptablePassword, hashPassword } from '../../core/auth/passwords';
import { SessionStateService } from '../../core/auth/session-state.service';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { findPage, mapPage, type Page, textSearch } from '../../core/database/find-page';
import { PrismaService } from '../../core/database/prisma.service';
import { booleanFilter, enumFilter, ListQuery, whereIdIn } from '../../core/http/list-query';
import { CreateAccountDto, UpdateAccountDto } from './dto/account.dto';
import { findOr404 } from '../../core/http/ids';

export const ACCOUNT_SORTABLE = ['email', 'role', 'active', 'createdAt', 'lastLoginAt', 'displayName'] as const;

@Injectable()
export class AccountsService {
  private readonly logger = new Logger(AccountsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
    private readonly sessions: SessionStateService,
  ) {}

  async list(query: ListQuery): Promise<Page<AccountDto>> {
    const where: Prisma.AccountWhereInput = {
      ...whereIdIn(query),
      role: enumFilter(query.filter, 'role', ROLES),
      active: booleanFilter(query.filter, 'active'),
      ...textSearch(query, ['email', 'displayName']),
    };
    return mapPage(await findPage(this.prisma, this.prisma.account, query, where), toDto);
  }

  async get(id: string): Promise<AccountDto> {
    return toDto(await this.find(id));
  }

  async create(input: CreateAccountDto, actor: AuthenticatedAccount, ip: string | null): Promise<AccountDto> {
    const email = input.email.trim().toLowerCase();
    assertAcceptablePassword(input.password, email);
    const existing = await this.prisma.account.findUnique({ where: { email } });
    if (existing)
      throw new ConflictException({
        message: `An account for ${email} already exists`,
        fields: [{ field: 'email', message: 'already taken' }],
      });
    const account = await this.audit.withChange(
      async (tx) =>
        tx.account.create({
          data: {
            email,
            displayName: input.displayName ?? null,
            role: input.role,
            active: input.active ?? true,
            passwordHash: await hashPassword(input.password),
          },
        }),
      (created) => ({
        action: 'account.create',
        outcome: 'SUCCESS',
        actor,
        entityType: 'account',
        entityId: created.id,
        detail: { email, role: created.role },
        ip,
      }),
    );
    return toDto(account);
  }

  async update(id: string, input: UpdateAccountDto, actor: AuthenticatedAccount, ip: string | null): Promise<AccountDto> {
    const before = await this.find(id);
    if (input.password !== undefined) assertAcceptablePassword(input.password, before.email);
    const losesAdmin = before.role === 'ADMIN' && ((input.role && input.role !== 'ADMIN') || input.active === false);
    if (losesAdmin) await this.assertAnotherActiveAdmin(id);
    // Whoever holds a token must lose it when the password it was won with, the role it grants, or the account itself goes.
    const revokedBecause = [
      ...(input.password ? ['password changed'] : []),
      ...(input.role !== undefined && input.role !== before.role ? ['role changed'] : []),
      ...(input.active === false && before.active ? ['deactivated'] : []),
    ];
    const data: Prisma.AccountUpdateInput = {
      displayName: input.displayName,
      role: input.role,
      active: input.active,
      ...(input.password ? { passwordHash: await hashPassword(input.password) } : {}),
      ...(revokedBecause.length > 0 ? { tokenVersion: { increment: 1 } } : {}),
    };
    const changes = Object.fromEntries(
      Object.entries({ displayName: input.displayName, role: input.role, active: input.active })
        .filter(([key, value]) => value !== undefined && value !== (before as Record<string, unknown>)[key])
        .map(([key, value]) => [key, { from: (before as Record<string, unknown>)[key], to: value }]),
    );
    if (input.password) changes.password = { from: '(hidden)', to: '(changed)' };
    const account = await this.prisma.$transaction(async (tx) => {
      const updated = await tx.account.update({ where: { id }, data });
      await this.audit.record(
        {
          action: 'account.update',
          outcome: 'SUCCESS',
          actor,
          entityType: 'account',
          entityId: id,
          detail: { email: before.email, changes },
          ip,
        },
        tx,
      );
      if (revokedBecause.length > 0) {
        await this.audit.record(
          {
            action: 'auth.sessions.revoke',
            outcome: 'SUCCESS',
            actor,
            entityType: 'account',
            entityId: id,
            detail: { email: before.email, reasons: revokedBecause, tokenVersion: updated.tokenVersion },
            ip,
          },
          tx,
        );
      }
      return updated;
    });
    // After the commit, so no process can read the old version back into its cache.
    if (revokedBecause.length > 0) await this.sessions.revoked({ accountId: id });
    return toDto(account);
  }

  /** Accounts are deactivated, never deleted: the audit log keeps pointing at them. */
  async deactivate(id: string, actor: AuthenticatedAccount, ip: string | null): Promise<AccountDto> {
    return this.update(id, { active: false }, actor, ip);
  }

  /**
   * The first admin: from CROSSLANE_ADMIN_EMAIL / CROSSLANE_ADMIN_PASSWORD,
   * or generated and printed once. Runs only while there is no admin at all.
   */
  async ensureFirstAdmin(print: (line: string) => void): Promise<void> {
    const admins = await this.prisma.account.findMany({ where: { role: 'ADMIN', active: true }, orderBy: { createdAt: 'asc' }, take: 1 });
    if (admins.length > 0) {
      print(`Log in as an admin, e.g. ${admins[0].email} (its password was printed at the first start, or is CROSSLANE_ADMIN_PASSWORD)`);
      return;
    }
    if ((await this.prisma.account.count({ where: { role: 'ADMIN' } })) > 0) {
      print(
        'Every admin account is deactivated: reactivate one in the database, or create one with CROSSLANE_ADMIN_EMAIL/CROSSLANE_ADMIN_PASSWORD on an empty account table',
      );
      return;
    }
    const email = (this.config.adminEmail ?? 'admin@crosslane.local').toLowerCase();
    const generated = !this.config.adminPassword;
    const password = this.config.adminPassword ?? generateAdminPassword(email);
    const problems = passwordProblems(password, { email });
    // A chosen password is the operator's to fix: starting with a weak admin would be worse than not starting.
    if (problems.length > 0)
      throw new Error(`CROSSLANE_ADMIN_PASSWORD is not accepted for the first admin ${email}: ${problems.join('; ')}`);
    // bcrypt takes a CPU-bound while; hashing before the transaction keeps a busy machine from running past its timeout.
    const passwordHash = await hashPassword(password);
    await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('crosslane:first-admin'))`;
      if ((await tx.account.count({ where: { role: 'ADMIN' } })) > 0) return;
      const created = await tx.account.create({ data: { email, role: 'ADMIN', displayName: 'Administrator', passwordHash } });
      await this.audit.record(
        {
          action: 'account.bootstrap-admin',
          outcome: 'SUCCESS',
          entityType: 'account',
          entityId: created.id,
          detail: { email, generatedPassword: generated },
        },
        tx,
      );
      if (generated) {
        print(`First admin created: ${email} / ${password}`);
        print('This password is shown only once: change it under Accounts, or set CROSSLANE_ADMIN_PASSWORD before the first start.');
      } else {
        print(`First admin created: ${email} (password from CROSSLANE_ADMIN_PASSWORD)`);
      }
    });
  }

  private async assertAnotherActiveAdmin(id: string): Promise<void> {
    const others = await this.prisma.account.count({ where: { role: 'ADMIN', active: true, id: { not: id } } });
    if (others === 0) throw new ConflictException('This is the last active admin: make another admin first');
  }

  private async find(id: string): Promise<Account> {
    return findOr404(id, 'account', (uuid) => this.prisma.account.findUnique({ where: { id: uuid } }));
  }
}

/**
 * 16 random base64url characters (96 bits). Such a string all but always
 * passes the password rule; drawing again when it does not makes "always" exact.
 */
export function generateAdminPassword(email: string, random: (bytes: number) => Buffer = randomBytes): string {
  for (;;) {
    const password = random(12).toString('base64url');
    if (passwordProblems(password, { email }).length === 0) return password;
  }
}

function toDto(account: Account): AccountDto {
  return {
    id: account.id,
    email: account.email,
    displayName: account.displayName,
    role: account.role as Role,
    active: account.active,
    lastLoginAt: account.lastLoginAt?.toISOString() ?? null,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  };
}
