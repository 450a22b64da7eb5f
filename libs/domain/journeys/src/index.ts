export * from './funnel-types';
export { validateFunnel, assertValidFunnel, describeStep } from './validate-funnel';
export { wilsonInterval, Z_95, type ProportionInterval } from './wilson-interval';
export { funnelQuery, breakdownSql, type FunnelQuery, type FunnelSqlRow } from './funnel-sql';
export { shapeFunnel, biggestDropOff, type FunnelGroupResult, type FunnelStepResult } from './funnel-result';
export {
  RETENTION_ANCHORS,
  RETENTION_PERIODS,
  RETENTION_BREAKDOWNS,
  MAX_RETENTION_PERIODS,
  validateRetention,
  assertValidRetention,
  retentionQuery,
  shapeRetention,
  periodsBetween,
  periodStart,
  lastCompletePeriodStart,
  type RetentionAnchor,
  type RetentionPeriod,
  type RetentionDefinition,
  type RetentionSqlRow,
  type RetentionCohort,
  type RetentionGroup,
} from './retention';
export { dropOffRule } from './drop-off-rule';
