import { Global, Module } from '@nestjs/common';
import { PrismaService } from './prisma.service';
import { RedisService } from './redis.service';
import { ServiceAvailabilityService } from './service-availability.service';

@Global()
@Module({
  providers: [ServiceAvailabilityService, PrismaService, RedisService],
  exports: [ServiceAvailabilityService, PrismaService, RedisService],
})
export class DatabaseModule {}
