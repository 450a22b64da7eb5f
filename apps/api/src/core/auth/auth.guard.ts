import { CanActivate, ExecutionContext, ForbiddenException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@crosslane/contracts';
import { AuditService } from '../audit/audit.service';
import { PrismaService } from '../database/prisma.service';
import { ALLOWED_ROLES, AuthenticatedAccount, IS_PUBLIC } from './auth.decorators';

interface TokenClaims {
  sub: string;
  email: string;
  role: Role;
  exp: number;
}

const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

/**
 * Global guard: deny by default. A valid token is not enough on its own:
 * the account must still be active with the same role, so deactivating
 * someone or changing their role takes effect at their next request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);
  private readonly accountCache = new Map<string, { account: AuthenticatedAccount | null; at: number }>();
  private static readonly CACHE_MS = 2_000;
  /**
   * jsonwebtoken spends about half a millisecond of CPU per verification
   * (it probes the secret as a public key first); a token's signature never
   * changes, so each process checks it once and then only its expiry.
   */
  private readonly verifiedTokens = new Map<string, TokenClaims>();
  private readonly accountReads = new Map<string, Promise<AuthenticatedAccount | null>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly prisma: PrismaService,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest();
    const header: string | undefined = request.headers?.authorization;
    if (!header?.startsWith('Bearer ')) throw new UnauthorizedException('Authentication required');

    const claims = await this.verifyToken(header.slice('Bearer '.length));
    const account = await this.loadActiveAccount(claims.sub);
    if (!account) throw new UnauthorizedException('Session expired or invalid: log in again');
    request.account = account;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (!allowed) {
      this.logger.error(`Route ${request.method} ${request.url} declares no roles; refusing`);
      throw new ForbiddenException('This endpoint is not open to any role');
    }
    if (!allowed.includes(account.role)) {
      // A signed-in person reaching for what their role forbids is worth an admin's attention.
      await this.audit.record({
        action: 'access.denied',
        outcome: 'DENIED',
        actor: account,
        entityType: 'route',
        entityId: `${request.method} ${request.routeOptions?.url ?? request.url}`,
        detail: { requiredRoles: allowed, role: account.role },
        ip: request.ip ?? null,
      });
      throw new ForbiddenException(`Requires role ${allowed.join(' or ')}; you are ${account.role}`);
    }
    return true;
  }

  private async verifyToken(token: string): Promise<TokenClaims> {
    const cached = this.verifiedTokens.get(token);
    if (cached && cached.exp * 1000 > Date.now()) return cached;
    if (cached) this.verifiedTokens.delete(token);
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new UnauthorizedException('Session expired or invalid: log in again');
    }
    if (this.verifiedTokens.size >= VERIFIED_TOKEN_CACHE_SIZE) {
      // Maps iterate in insertion order: drop the oldest entry.
      this.verifiedTokens.delete(this.verifiedTokens.keys().next().value!);
    }
    this.verifiedTokens.set(token, claims);
    return claims;
  }

  private async loadActiveAccount(id: string): Promise<AuthenticatedAccount | null> {
    const cached = this.accountCache.get(id);
    if (cached && Date.now() - cached.at < AuthGuard.CACHE_MS) return cached.account;
    // One read per account when its entry expires, however many requests are in flight:
    // without it, a busy client's requests all queue on the pool at once every 2 s.
    let pending = this.accountReads.get(id);
    if (!pending) {
      pending = this.prisma.account
        .findUnique({ where: { id }, select: { id: true, email: true, role: true, active: true } })
        .then((row) => {
          const account = row?.active ? { id: row.id, email: row.email, role: row.role as Role } : null;
          this.accountCache.set(id, { account, at: Date.now() });
          return account;
        })
        .finally(() => this.accountReads.delete(id));
      this.accountReads.set(id, pending);
    }
    return pending;
  }
}
