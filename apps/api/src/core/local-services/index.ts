export { findFreePort, isPortFree } from './free-port';
export { resolveDataDir } from './data-dir';
export { startEmbeddedPostgres, type EmbeddedPostgres, type StartEmbeddedPostgresOptions } from './embedded-postgres';
export { ensureEmbeddedPostgresBinaries, reachableBinaries, type EmbeddedPostgresBinaries } from './postgres-binaries';
export { canTraverse, clusterFolder, postgresSystemUser, type RunAs } from './postgres-system-user';
export {
  startLocalRedis,
  ensureRedisServer,
  findRedisServer,
  REDIS_INSTALL_HINT,
  type LocalRedis,
  type StartLocalRedisOptions,
} from './local-redis';
export type { LocalService, LocalServiceLog } from './process-utils';
export { startSupervisedProcess, type SupervisedProcess, type SupervisedProcessSpec } from './supervised-process';
export { RestartBackoff, DEFAULT_RESTART_POLICY, type RestartPolicy } from './restart-backoff';
