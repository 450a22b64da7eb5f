/**
 * The audit log's vocabulary, declared once: every `audit.record(...)` names
 * one of these actions and entity types, so a typo or a second spelling of
 * the same thing ('agreement' beside 'sharing-agreement') fails the build
 * instead of splitting the log. Add a value here when a new change of
 * consequence is audited.
 */
export const AUDIT_ACTIONS = [
  'access.denied',
  'account.bootstrap-admin',
  'account.create',
  'account.update',
  'agreement.change',
  'agreement.create',
  'agreement.revoke',
  'auth.login',
  'auth.logout',
  'auth.sessions.revoke',
  'campaign.create',
  'campaign.economics',
  'campaign.events',
  'campaign.events.import',
  'campaign.import-finished-test',
  'campaign.import-finished-test.request',
  'campaign.launch',
  'campaign.launch-override',
  'campaign.seed-demo',
  'campaign.transition',
  'campaign.update',
  'consent.change',
  'consent.import',
  'decisions.draft',
  'decisions.uplift-model',
  'demo-world.load',
  'disclosure.refused',
  'events.batch',
  'export.build',
  'export.download',
  'export.expire',
  'export.link',
  'export.request',
  'funnel.create',
  'funnel.delete',
  'funnel.drop-off-segment',
  'funnel.update',
  'import.refused',
  'import.request',
  'import.run',
  'import.upload',
  'job.cancel',
  'job.retry',
  'member-rights.access',
  'member-rights.access.download',
  'member-rights.access.link',
  'member-rights.erasure.complete',
  'member-rights.erasure.request',
  'partner.archive',
  'partner.create',
  'partner.overlap',
  'partner.scorecard',
  'partner.update',
  'profiles.compute',
  'profiles.compute.request',
  'profiles.recompute-car-interest',
  'recommender.model.activate',
  'recommender.model.activate-override',
  'recommender.model.retire',
  'recommender.model.rollback',
  'recommender.model.train',
  'recommender.model.tune',
  'recommender.settings.update',
  'recommender.train.request',
  'recommender.tune.request',
  'segment.clusters.build',
  'segment.clusters.request',
  'segment.create',
  'segment.delete',
  'segment.materialise.request',
  'segment.snapshot.request',
  'segment.update',
  'taxonomy.seed',
  'taxonomy.topic.create',
  'taxonomy.topic.delete',
  'taxonomy.topic.update',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an audit entry is about; entityId is then that record's id. */
export const AUDIT_ENTITY_TYPES = [
  'account',
  'campaign',
  'erasure-request',
  'funnel',
  'interest-topic',
  'job',
  'member',
  'partner',
  'partner-export',
  'recommender_model',
  'route',
  'segment',
  'session',
  'setting',
  'sharing-agreement',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

export type AuditOutcome = 'SUCCESS' | 'FAILURE' | 'DENIED';

export interface AuditEventDto {
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorEmail: string | null;
  /** An AuditAction; typed as string because rows written before a rename keep their old name. */
  action: string;
  entityType: string | null;
  entityId: string | null;
  outcome: AuditOutcome;
  detail: unknown;
  ip: string | null;
}
