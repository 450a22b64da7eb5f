import { Global, Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AuthGuard } from './auth.guard';
import { resolveJwtSecret } from './jwt-secret';
import { SessionStateService } from './session-state.service';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      global: true,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: resolveJwtSecret(config, (m) => new Logger('Auth').warn(m)),
        signOptions: { expiresIn: config.jwtTtlSeconds, issuer: 'crosslane', algorithm: 'HS256' },
        verifyOptions: { issuer: 'crosslane', algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [SessionStateService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [SessionStateService],
})
export class AuthCoreModule {}
