import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AccountSummary, LoginResponse } from '@crosslane/contracts';
import {
  ALL_ROLES,
  AuthenticatedAccount,
  ClientIp,
  CurrentAccount,
  CurrentSessionId,
  Public,
  Roles,
} from '../../core/auth/auth.decorators';
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

  @Post('logout')
  @HttpCode(204)
  @Roles(...ALL_ROLES)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End the session behind this token (the token is refused from then on)' })
  logout(
    @CurrentAccount() account: AuthenticatedAccount,
    @CurrentSessionId() sessionId: string,
    @ClientIp() ip: string | null,
  ): Promise<void> {
    return this.auth.logout(account, sessionId, ip);
  }

  @Get('me')
  @Roles(...ALL_ROLES)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The account behind the token' })
  me(@CurrentAccount() account: AuthenticatedAccount): Promise<AccountSummary> {
    return this.auth.me(account.id);
  }
}
