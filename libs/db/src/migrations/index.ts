export { applyMigrations, MigrationError, MIGRATION_LOCK_KEY } from './apply-migrations';
export type { ApplyMigrationsOptions, ApplyMigrationsResult } from './apply-migrations';
