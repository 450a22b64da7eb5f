import { defineConfig } from 'prisma/config';

// The CLI needs a URL only for commands that connect; generation does not.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/crosslane' },
});
