import { describe, expect, it } from 'vitest';
import { JobCancelledError } from '../../../core/queue/job-handler';
import { fakeJobContext } from '../../../core/queue/testing/fake-job-context';
import type { BuildPartnerExportPayload, PartnerExportBuilderService } from '../partner-export-builder.service';
import { BuildPartnerExportJob } from './build-partner-export.job';

/** Exports in memory: the builder marks one READY, or throws what it is told to; fail() records FAILED once, as the real one does. */
function fakeBuilder(outcome: 'ready' | Error) {
  const exports = new Map<string, { status: string; reason?: string; jobId?: string }>([['e1', { status: 'QUEUED' }]]);
  const service = {
    build: async (payload: BuildPartnerExportPayload, context: { throwIfCancelled(): Promise<void> }) => {
      exports.set(payload.exportId, { status: 'RUNNING' });
      await context.throwIfCancelled();
      if (outcome instanceof Error) throw outcome;
      exports.set(payload.exportId, { status: 'READY' });
      return { exportId: payload.exportId, status: 'READY' as const, rowCount: 120, suppressedRows: 0 };
    },
    fail: async (exportId: string, reason: string, jobId: string) => {
      const row = exports.get(exportId)!;
      if (row.status === 'QUEUED' || row.status === 'RUNNING') exports.set(exportId, { status: 'FAILED', reason, jobId });
    },
  };
  return { service: service as unknown as PartnerExportBuilderService, exports };
}

describe('BuildPartnerExportJob', () => {
  it("returns the builder's result and leaves the export READY", async () => {
    const { service, exports } = fakeBuilder('ready');
    const result = await new BuildPartnerExportJob(service).run({ exportId: 'e1' }, fakeJobContext());
    expect(result).toEqual({ exportId: 'e1', status: 'READY', rowCount: 120, suppressedRows: 0 });
    expect(exports.get('e1')).toEqual({ status: 'READY' });
  });

  it('leaves a failed export RUNNING for the retry while attempts remain', async () => {
    const { service, exports } = fakeBuilder(new Error('connection reset'));
    await expect(new BuildPartnerExportJob(service).run({ exportId: 'e1' }, fakeJobContext({ attempt: 2 }))).rejects.toThrow(
      'connection reset',
    );
    expect(exports.get('e1')).toEqual({ status: 'RUNNING' });
  });

  it('marks the export FAILED with the reason on the last attempt, so the requester sees why', async () => {
    const { service, exports } = fakeBuilder(new Error('connection reset'));
    await expect(
      new BuildPartnerExportJob(service).run({ exportId: 'e1' }, fakeJobContext({ attempt: 3, jobId: 'job-9' })),
    ).rejects.toThrow('connection reset');
    expect(exports.get('e1')).toEqual({ status: 'FAILED', reason: 'Build failed: connection reset', jobId: 'job-9' });
  });

  it('marks a cancelled build FAILED at once, whatever the attempt', async () => {
    const { service, exports } = fakeBuilder('ready');
    await expect(new BuildPartnerExportJob(service).run({ exportId: 'e1' }, fakeJobContext({ cancelAfterCheckpoints: 0 }))).rejects.toThrow(
      JobCancelledError,
    );
    expect(exports.get('e1')).toMatchObject({ status: 'FAILED', reason: 'Cancelled on request' });
  });
});
