import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AccountSummary, LoginResponse, Role } from '@crosslane/contracts';
import { AuditService } from '../../core/audit/audit.service';
import { DUMMY_HASH, verifyPassword } from '../../core/auth/passwords';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { PrismaService } from '../../core/database/prisma.service';
import { LoginRateLimiterService } from './login-rate-limiter.service';

const BAD_CREDENTIALS = 'Invalid e-mail or password';

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly limiter: LoginRateLimiterService,
  ) {}

  /**
   * One message and one timing for every failure (unknown e-mail, wrong
   * password, inactive account), so a caller cannot learn which part was wrong.
   */
  async login(emailInput: string, password: string, ip: string | null): Promise<LoginResponse> {
    const email = emailInput.trim().toLowerCase();
    await this.limiter.assertAllowed(email, ip);
    const account = await this.prisma.account.findUnique({ where: { email } });
    const passwordMatches = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !account.active || !passwordMatches) {
      await this.limiter.recordFailure(email);
      const reason = !account ? 'unknown account' : !account.active ? 'inactive account' : 'wrong password';
      await this.audit.record({ action: 'auth.login', outcome: 'FAILURE', actor: account ?? { email }, entityType: 'account', entityId: account?.id, detail: { reason }, ip });
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    await this.limiter.recordSuccess(email);
    await this.prisma.account.update({ where: { id: account.id }, data: { lastLoginAt: new Date() } });
    await this.audit.record({ action: 'auth.login', outcome: 'SUCCESS', actor: account, entityType: 'account', entityId: account.id, ip });
    const summary: AccountSummary = { id: account.id, email: account.email, displayName: account.displayName, role: account.role as Role };
    const accessToken = await this.jwt.signAsync({ sub: account.id, email: account.email, role: account.role });
    return { accessToken, expiresIn: this.config.jwtTtlSeconds, account: summary };
  }

  async me(id: string): Promise<AccountSummary> {
    const account = await this.prisma.account.findUniqueOrThrow({ where: { id } });
    return { id: account.id, email: account.email, displayName: account.displayName, role: account.role as Role };
  }
}
