import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AccountSummary, LoginResponse } from '@crosslane/contracts';
import {
  Actor,
  ALL_ROLES,
  AuthenticatedAccount,
  ClientIp,
  CurrentAccount,
  CurrentSessionId,
  Public,
  RequestActor,
} from '../../core/auth/auth.decorators';
import { GetRoute, PostRoute } from '../../core/http/route.decorators';
import { LoginDto } from './dto/login.dto';
import { AuthService } from './auth.service';
import { LoginThrottledException } from './login-rate-limiter.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Exchange e-mail and password for a bearer token (failed logins slow further tries from the same address: 429 with Retry-After)',
  })
  async login(
    @Body() body: LoginDto,
    @ClientIp() ip: string | null,
    @Res({ passthrough: true }) reply: { header(n: string, v: string): unknown },
  ): Promise<LoginResponse> {
    try {
      return await this.auth.login(body.email, body.password, ip);
    } catch (error) {
      if (error instanceof LoginThrottledException) reply.header('retry-after', String(error.retryAfterSeconds));
      throw error;
    }
  }

  @PostRoute('logout', ALL_ROLES, 'End the session behind this token (the token is refused from then on)')
  @HttpCode(204)
  @ApiBearerAuth()
  logout(@Actor() actor: RequestActor, @CurrentSessionId() sessionId: string): Promise<void> {
    return this.auth.logout(actor.account, sessionId, actor.ip);
  }

  @GetRoute('me', ALL_ROLES, 'The account behind the token')
  @ApiBearerAuth()
  me(@CurrentAccount() account: AuthenticatedAccount): Promise<AccountSummary> {
    return this.auth.me(account.id);
  }
}
