import { describe, expect, it } from 'vitest';
import { JobCancelledError } from '../../../core/queue/job-handler';
import { fakeJobContext } from '../../../core/queue/testing/fake-job-context';
import { MaterialiseSegmentsJob } from './materialise-segments.job';
import { fakeMaterialiser } from './segment-jobs.fakes';

const ASOF = '2026-11-28T00:00:00.000Z';
const SEGMENTS = [
  { id: 'loyal', matches: ['m1', 'm2', 'm3'] },
  { id: 'lapsed', matches: ['m4'] },
  { id: 'empty', matches: [] },
];

describe('MaterialiseSegmentsJob', () => {
  it('rewrites every segment, oldest first, as of the payload instant, and returns each size', async () => {
    const { service, memberships } = fakeMaterialiser(SEGMENTS);
    const context = fakeJobContext();
    const result = await new MaterialiseSegmentsJob(service).run({ asOf: ASOF }, context);
    expect(result).toEqual({ segments: 3, sizes: { loyal: 3, lapsed: 1, empty: 0 } });
    expect([...memberships]).toEqual([
      ['loyal', { members: ['m1', 'm2', 'm3'], asOf: ASOF }],
      ['lapsed', { members: ['m4'], asOf: ASOF }],
      ['empty', { members: [], asOf: ASOF }],
    ]);
    expect(context.progress.at(-1)).toEqual({ percent: 100, note: 'Segment 3 of 3: 0 members' });
  });

  it('rewrites only the named segment when the payload names one', async () => {
    const { service, memberships } = fakeMaterialiser(SEGMENTS);
    const result = await new MaterialiseSegmentsJob(service).run({ asOf: ASOF, segmentId: 'lapsed' }, fakeJobContext());
    expect(result).toEqual({ segments: 1, sizes: { lapsed: 1 } });
    expect([...memberships.keys()]).toEqual(['lapsed']);
  });

  it('stops between segments when cancelled, leaving the ones already written', async () => {
    const { service, memberships } = fakeMaterialiser(SEGMENTS);
    await expect(new MaterialiseSegmentsJob(service).run({ asOf: ASOF }, fakeJobContext({ cancelAfterCheckpoints: 1 }))).rejects.toThrow(
      JobCancelledError,
    );
    expect([...memberships.keys()]).toEqual(['loyal']);
  });
});
