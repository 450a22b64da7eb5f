import { CanActivate, ExecutionContext, ForbiddenException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@crosslane/contracts';
import { AuditService } from '../audit/audit.service';
import { isUuid } from '../http/ids';
import { ALLOWED_ROLES, IS_PUBLIC } from './auth.decorators';
import { SessionStateService } from './session-state.service';

/** What a token carries (signed in AuthService.login). */
export interface TokenClaims {
  sub: string;
  email: string;
  role: Role;
  /** The session (auth_session.id): logout ends it. */
  sid: string;
  /** The account's tokenVersion when the token was issued: a password, role or active change bumps it. */
  ver: number;
  exp: number;
}

const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

/**
 * Global guard: deny by default. A valid signature is not enough on its own:
 * the session must not have been ended by logout, and the account must be
 * active with the token version the token was issued under, so a password
 * change, a role change or a deactivation refuses older tokens at once
 * (SessionStateService drops its cached state when that happens).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);
  /**
   * jsonwebtoken spends about half a millisecond of CPU per verification
   * (it probes the secret as a public key first); a token's signature never
   * changes, so each process checks it once and then only its expiry.
   */
  private readonly verifiedTokens = new Map<string, TokenClaims>();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly sessions: SessionStateService,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest();
    const header: string | undefined = request.headers?.authorization;
    if (!header?.startsWith('Bearer ')) throw new UnauthorizedException('Authentication required');

    const claims = await this.verifyToken(header.slice('Bearer '.length));
    // Tokens from before sessions existed carry no sid: they are refused like any ended session.
    const session = typeof claims.sid === 'string' && isUuid(claims.sid) ? await this.sessions.load(claims.sid) : null;
    const account = session?.account;
    if (!session || session.ended || !account || session.accountId !== claims.sub || session.tokenVersion !== claims.ver) {
      throw new UnauthorizedException('Session expired or invalid: log in again');
    }
    request.account = account;
    request.sessionId = claims.sid;

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
}
