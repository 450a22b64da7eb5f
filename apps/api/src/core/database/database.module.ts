import { Global, Module } from '@nestjs/common';
import { PrismaService } from './prisma.service';
import { RedisService } from './redis.service';

@Global()
@Module({ providers: [PrismaService, RedisService], exports: [PrismaService, RedisService] })
export class DatabaseModule {}
