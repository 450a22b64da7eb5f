import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AccountSummary, LoginResponse } from '@crosslane/contracts';
import { ALL_ROLES, AuthenticatedAccount, ClientIp, CurrentAccount, Public, Roles } from '../../core/auth/auth.decorators';
import { LoginDto } from './dto/login.dto';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange e-mail and password for a bearer token (rate-limited)' })
  login(@Body() body: LoginDto, @ClientIp() ip: string | null): Promise<LoginResponse> {
    return this.auth.login(body.email, body.password, ip);
  }

  @Get('me')
  @Roles(...ALL_ROLES)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The account behind the token' })
  me(@CurrentAccount() account: AuthenticatedAccount): Promise<AccountSummary> {
    return this.auth.me(account.id);
  }
}
