import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AccountSummary, LoginResponse, Role } from '@crosslane/contracts';
import { AuditService } from '../../core/audit/audit.service';
import { AuthenticatedAccount } from '../../core/auth/auth.decorators';
import { DUMMY_HASH, verifyPassword } from '../../core/auth/passwords';
import { SessionStateService } from '../../core/auth/session-state.service';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { PrismaService } from '../../core/database/prisma.service';
import { LoginRateLimiterService, LoginThrottledException, loginEmailHash } from './login-rate-limiter.service';

const BAD_CREDENTIALS = 'Invalid e-mail or password';

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly limiter: LoginRateLimiterService,
    private readonly sessions: SessionStateService,
  ) {}

  /**
   * One message and one timing for every failure (unknown e-mail, wrong
   * password, inactive account), so a caller cannot learn which part was wrong.
   * Each login opens a session whose id the token carries, with the account's
   * token version.
   */
  async login(emailInput: string, password: string, ip: string | null): Promise<LoginResponse> {
    const email = emailInput.trim().toLowerCase();
    try {
      await this.limiter.assertAllowed(email, ip);
    } catch (error) {
      if (error instanceof LoginThrottledException) {
        // The e-mail only as a hash: what was typed may be someone's password in the wrong field.
        await this.audit.record({
          action: 'auth.login',
          outcome: 'DENIED',
          entityType: 'account',
          detail: { reason: 'throttled', scope: error.scope, retryAfterSeconds: error.retryAfterSeconds, emailHash: loginEmailHash(email) },
          ip,
        });
      }
      throw error;
    }
    const account = await this.prisma.account.findUnique({ where: { email } });
    const passwordMatches = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !account.active || !passwordMatches) {
      await this.limiter.recordFailure(email, ip);
      const reason = !account ? 'unknown account' : !account.active ? 'inactive account' : 'wrong password';
      await this.audit.record({
        action: 'auth.login',
        outcome: 'FAILURE',
        actor: account ?? { email },
        entityType: 'account',
        entityId: account?.id,
        detail: { reason },
        ip,
      });
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    await this.limiter.recordSuccess(email, ip);
    const now = new Date();
    const session = await this.prisma.$transaction(async (tx) => {
      // Sessions past their token's expiry are of no further use: each login clears its account's.
      await tx.authSession.deleteMany({ where: { accountId: account.id, expiresAt: { lt: now } } });
      const created = await tx.authSession.create({
        data: { accountId: account.id, expiresAt: new Date(now.getTime() + this.config.jwtTtlSeconds * 1000), ip },
      });
      await tx.account.update({ where: { id: account.id }, data: { lastLoginAt: now } });
      await this.audit.record(
        {
          action: 'auth.login',
          outcome: 'SUCCESS',
          actor: account,
          entityType: 'account',
          entityId: account.id,
          detail: { sessionId: created.id },
          ip,
        },
        tx,
      );
      return created;
    });
    const summary: AccountSummary = { id: account.id, email: account.email, displayName: account.displayName, role: account.role as Role };
    const accessToken = await this.jwt.signAsync({
      sub: account.id,
      email: account.email,
      role: account.role,
      sid: session.id,
      ver: account.tokenVersion,
    });
    return { accessToken, expiresIn: this.config.jwtTtlSeconds, account: summary };
  }

  /** Ends the session behind the token: that token is refused from now on, the account's other sessions go on. */
  async logout(account: AuthenticatedAccount, sessionId: string, ip: string | null): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.authSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: new Date() } });
      await this.audit.record(
        { action: 'auth.logout', outcome: 'SUCCESS', actor: account, entityType: 'session', entityId: sessionId, ip },
        tx,
      );
    });
    await this.sessions.revoked({ sessionId });
  }

  async me(id: string): Promise<AccountSummary> {
    const account = await this.prisma.account.findUniqueOrThrow({ where: { id } });
    return { id: account.id, email: account.email, displayName: account.displayName, role: account.role as Role };
  }
}
