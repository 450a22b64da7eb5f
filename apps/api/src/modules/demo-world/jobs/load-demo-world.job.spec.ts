import { describe, expect, it } from 'vitest';
import { DEMO_INTEREST_TOPICS, generateDemoWorld } from '@crosslane/domain-demo-world';
import { JobCancelledError } from '../../../core/queue/job-handler';
import { fakeAudit } from '../../../core/audit/testing/fake-audit';
import { fakeJobContext } from '../../../core/queue/testing/fake-job-context';
import { fakeJobQueue } from '../../../core/queue/testing/fake-job-queue';
import { JobName } from '../../../core/queue/queue-names';
import { FAKE_TX, fakeDemoWorldStore, fakeIdentity, fakePartners, fakeTaxonomy } from '../testing/demo-world-jobs.fakes';
import { LoadDemoWorldJob, type LoadDemoWorldPayload } from './load-demo-world.job';

const PAYLOAD: LoadDemoWorldPayload = { seed: 7, endDate: '2026-11-28', members: 1_000 };
const WORLD = generateDemoWorld({ seed: 7, endDate: new Date('2026-11-28T00:00:00Z'), members: 1_000 });

function setUp(options: { hasData?: boolean } = {}) {
  const store = fakeDemoWorldStore(options);
  const partners = fakePartners();
  const audit = fakeAudit();
  const jobs = fakeJobQueue();
  const taxonomy = fakeTaxonomy();
  const job = new LoadDemoWorldJob(store.store, partners.service, audit.audit, jobs.queue, fakeIdentity, taxonomy.service);
  return { job, store, partners, audit, jobs, taxonomy };
}

describe('LoadDemoWorldJob', () => {
  it('writes the generated world into an empty database: partners through PartnersService, the rest in the same transaction', async () => {
    const { job, store, partners, audit, jobs, taxonomy } = setUp();
    const result = await job.run(PAYLOAD, fakeJobContext({ jobId: 'load-1' }));

    expect(result).toMatchObject({
      skipped: false,
      partners: WORLD.partners.length,
      items: WORLD.items.length,
      members: 1_000,
      interactions: WORLD.interactions.length,
    });
    expect(result.partnerData?.membersWithContact).toBeGreaterThan(0);
    // Every partner through the product's service, as the server (no actor), inside the load transaction.
    expect(partners.created).toEqual(WORLD.partners.map((p) => ({ slug: p.slug, status: p.status, actor: null, tx: FAKE_TX })));
    expect(store.committed.items.map((i) => i.externalKey)).toEqual(WORLD.items.map((i) => i.externalKey));
    expect(store.committed.members.map((m) => m.memberKey)).toEqual(WORLD.members.map((m) => m.memberKey));
    expect(store.committed.interactions.map((x) => x.eventId)).toEqual(WORLD.interactions.map((x) => x.eventId));
    // The raw e-mails and phones stop at the job: only hashes reach the store.
    const stored = JSON.stringify(store.committed.partnerData);
    expect(stored).not.toContain('@');
    expect(store.committed.partnerData!.memberContacts[0].emailHash ?? store.committed.partnerData!.memberContacts[0].phoneHash).toMatch(
      /-hash\(/,
    );
    expect(taxonomy.ensured).toEqual([{ slugs: DEMO_INTEREST_TOPICS.map((t) => t.slug), tx: FAKE_TX }]);

    expect(audit.entries).toEqual([
      {
        action: 'demo-world.load',
        outcome: 'SUCCESS',
        entityType: 'job',
        entityId: 'load-1',
        detail: { ...result, seed: 7, endDate: '2026-11-28' },
      },
    ]);
    expect(jobs.enqueued).toEqual([
      { name: JobName.SeedDemoCampaign, payload: { seed: 7, endDate: '2026-11-28' } },
      { name: JobName.CompleteDemoWorld, payload: { endDate: '2026-11-28' } },
    ]);
  });

  it('leaves a database that already has data alone: nothing written, audited or queued', async () => {
    const { job, store, partners, audit, jobs } = setUp({ hasData: true });
    const result = await job.run(PAYLOAD, fakeJobContext());
    expect(result).toEqual({ skipped: true, partners: 0, items: 0, members: 0, interactions: 0 });
    expect(partners.created).toEqual([]);
    expect(store.committed.members).toEqual([]);
    expect(audit.entries).toEqual([]);
    expect(jobs.enqueued).toEqual([]);
  });

  it('does not queue the completion when the payload says complete: false', async () => {
    const { job, jobs } = setUp();
    await job.run({ ...PAYLOAD, complete: false }, fakeJobContext());
    expect(jobs.enqueued.map((j) => j.name)).toEqual([JobName.SeedDemoCampaign]);
  });

  it('stops between interaction chunks when cancelled, keeping nothing and queueing nothing', async () => {
    expect(WORLD.interactions.length).toBeGreaterThan(20_000); // more than one chunk, so the check between chunks is reached
    const { job, store, audit, jobs } = setUp();
    await expect(job.run(PAYLOAD, fakeJobContext({ cancelAfterCheckpoints: 1 }))).rejects.toThrow(JobCancelledError);
    expect(store.committed.interactions).toEqual([]);
    expect(store.committed.members).toEqual([]);
    expect(audit.entries).toEqual([]);
    expect(jobs.enqueued).toEqual([]);
  });

  it('refuses an end date that is not YYYY-MM-DD before writing anything', async () => {
    const { job, partners } = setUp();
    await expect(job.run({ ...PAYLOAD, endDate: '28/11/2026' }, fakeJobContext())).rejects.toThrow(
      'endDate must be YYYY-MM-DD; got "28/11/2026"',
    );
    expect(partners.created).toEqual([]);
  });
});
