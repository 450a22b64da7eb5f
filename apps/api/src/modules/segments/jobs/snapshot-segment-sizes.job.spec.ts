import { describe, expect, it } from 'vitest';
import { fakeJobContext } from '../../../core/queue/testing/fake-job-context';
import { fakeMaterialiser } from './segment-jobs.fakes';
import { SnapshotSegmentSizesJob } from './snapshot-segment-sizes.job';

describe('SnapshotSegmentSizesJob', () => {
  it("snapshots every segment for the slot's day, counted as of the end of that day, whatever day it runs", async () => {
    const { service, snapshots } = fakeMaterialiser([
      { id: 'loyal', matches: ['m1', 'm2'] },
      { id: 'lapsed', matches: ['m3'] },
    ]);
    const result = await new SnapshotSegmentSizesJob(service).run({ slot: '2026-06-01' }, fakeJobContext());
    expect(result).toEqual({ segments: 2 });
    expect(snapshots).toEqual([
      { segmentId: 'loyal', takenOn: '2026-06-01', asOf: '2026-06-02T00:00:00.000Z', size: 2 },
      { segmentId: 'lapsed', takenOn: '2026-06-01', asOf: '2026-06-02T00:00:00.000Z', size: 1 },
    ]);
  });

  it('refuses a slot that is not a day, before writing anything', async () => {
    const { service, snapshots } = fakeMaterialiser([{ id: 'loyal', matches: ['m1'] }]);
    await expect(new SnapshotSegmentSizesJob(service).run({ slot: '2026-06-01T10' }, fakeJobContext())).rejects.toThrow(
      'slot must be YYYY-MM-DD; got "2026-06-01T10"',
    );
    expect(snapshots).toEqual([]);
  });
});
