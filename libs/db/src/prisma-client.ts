import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

/**
 * Prisma 7 talks to Postgres through a driver adapter; the pool size is
 * ours to choose so that API and worker processes on one server stay well
 * under max_connections.
 */
export function createPrismaClient(connectionString: string, poolSize = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: poolSize });
  return new PrismaClient({ adapter });
}
