import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HealthDto } from '@crosslane/contracts';
import { Public } from '../../core/auth/auth.decorators';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { PrismaService } from '../../core/database/prisma.service';
import { RedisService } from '../../core/database/redis.service';

const VERSION = process.env.npm_package_version ?? '0.1.0';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly redis: RedisService,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Database and Redis reachability; 503 when either is down (for load balancers)' })
  async health(@Res({ passthrough: true }) reply: { status(code: number): unknown }): Promise<HealthDto> {
    const [database, redis] = await Promise.all([probe(() => this.prisma.$queryRaw`SELECT 1`), probe(() => this.redis.client.ping())]);
    const ok = database.ok && redis.ok;
    if (!ok) reply.status(503);
    return { status: ok ? 'ok' : 'degraded', database, redis, role: this.config.role, version: VERSION };
  }
}

async function probe(check: () => Promise<unknown>): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const started = performance.now();
  try {
    await withTimeout(check(), 2_000);
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: error instanceof Error ? error.message : String(error) };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);
}
