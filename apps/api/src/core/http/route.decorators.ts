import { applyDecorators, Controller, Delete, Get, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Role } from '@crosslane/contracts';
import { Roles } from '../auth/auth.decorators';

type RouteDecorator = (path?: string | string[]) => MethodDecorator;

/**
 * A route's method and path, the roles that may call it and its OpenAPI summary in one decorator: every
 * handler restated this stack, and a route made this way cannot be left without roles (AuthGuard refuses it).
 * Example: @GetRoute(':id', ALL_ROLES, 'One partner with its scorecard')
 */
function routeOf(method: RouteDecorator) {
  return (path: string | undefined, roles: readonly Role[], summary?: string) =>
    applyDecorators(method(path), Roles(...roles), ...(summary === undefined ? [] : [ApiOperation({ summary })]));
}

export const GetRoute = routeOf(Get);
export const PostRoute = routeOf(Post);
export const PutRoute = routeOf(Put);
export const PatchRoute = routeOf(Patch);
export const DeleteRoute = routeOf(Delete);

/**
 * A controller behind the bearer token: its path, its OpenAPI tag and the token scheme in one decorator, which
 * every signed-in controller restated; `roles`, where given, hold for each route that does not name its own.
 */
export function SignedInController(path: string, tag: string, roles?: readonly Role[]) {
  return applyDecorators(ApiTags(tag), ApiBearerAuth(), Controller(path), ...(roles ? [Roles(...roles)] : []));
}
