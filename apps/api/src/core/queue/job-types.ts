import type { JobName } from './queue-names';

/**
 * The one map from job name to the payload it is queued with and the result
 * it returns (immich's `JobItem`, as an interface because the queue in `core/`
 * must not import feature modules). Its rows are one table in
 * modules/jobs/job-types.ts, filled by declaration merging:
 *
 *     declare module '../../core/queue/job-types' {
 *       interface JobTypes { [JobName.X]: { payload: XPayload; result: XResult } }
 *     }
 *
 * `enqueue(name, payload)` and `@JobHandler(name)` both read it, so a payload
 * that does not fit its job, or a handler whose `run` takes another payload,
 * is a type error instead of a cast that fails at run time.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type -- filled by declaration merging in modules/jobs/job-types.ts
export interface JobTypes {}

export type JobPayload<N extends JobName> = N extends keyof JobTypes ? JobTypes[N]['payload'] : never;
export type JobResult<N extends JobName> = N extends keyof JobTypes ? JobTypes[N]['result'] : never;

/** A queued job as the worker sees it: the name narrows the payload. */
export type JobItem = { [N in JobName]: { name: N; data: JobPayload<N> } }[JobName];

/**
 * Every job name has a row: a job without one would accept any payload
 * (`never` would make it unqueueable, which is the louder failure we want),
 * and this line stops the type-check naming the missing job.
 */
type MissingJobTypes = Exclude<JobName, keyof JobTypes>;
export const EVERY_JOB_IS_TYPED: [MissingJobTypes] extends [never] ? true : { missing: MissingJobTypes } = true;
