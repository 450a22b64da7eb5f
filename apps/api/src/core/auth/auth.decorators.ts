import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@crosslane/contracts';

export const IS_PUBLIC = 'crosslane:isPublic';
export const ALLOWED_ROLES = 'crosslane:allowedRoles';

/** Opens a route to callers without a token (login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The roles that may call a route. A route with neither this nor @Public is refused to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

export const ALL_ROLES: Role[] = ['ADMIN', 'MANAGER', 'ANALYST'];

/** Who may change the shared records (campaigns, partners, segments, imports): everyone but analysts. */
export const EDITORS: readonly Role[] = ['ADMIN', 'MANAGER'];

export interface AuthenticatedAccount {
  id: string;
  email: string;
  role: Role;
}

/** The account AuthGuard put on the request, and the client address (the proxy-aware one Fastify resolved): read here only, for the decorators below. */
const accountOf = (ctx: ExecutionContext): AuthenticatedAccount => ctx.switchToHttp().getRequest().account;
const clientIpOf = (ctx: ExecutionContext): string | null => ctx.switchToHttp().getRequest().ip ?? null;

export const CurrentAccount = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthenticatedAccount => accountOf(ctx));

export const ClientIp = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | null => clientIpOf(ctx));

/** Who made a request and from where: the pair every audited write hands on, since an audit event records both. */
export interface RequestActor {
  account: AuthenticatedAccount;
  ip: string | null;
}

/** The signed-in account and client IP as one parameter, so a write handler does not restate @CurrentAccount and @ClientIp. */
export const Actor = createParamDecorator((_data: unknown, ctx: ExecutionContext): RequestActor => ({
  account: accountOf(ctx),
  ip: clientIpOf(ctx),
}));

/** The session behind the request's token (set by AuthGuard): what logout ends. */
export const CurrentSessionId = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): string => ctx.switchToHttp().getRequest().sessionId,
);
