// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { canControlJobs, jobActions, listRefreshInterval, LIVE_REFRESH_MS, showRefreshInterval } from './job-status';

describe('job buttons and live refresh', () => {
  it('offers retry on failed or cancelled jobs and cancel on unfinished ones', () => {
    expect(jobActions({ status: 'FAILED', cancelRequested: false })).toEqual({ retry: true, cancel: false });
    expect(jobActions({ status: 'CANCELLED', cancelRequested: true })).toEqual({ retry: true, cancel: false });
    expect(jobActions({ status: 'RUNNING', cancelRequested: false })).toEqual({ retry: false, cancel: true });
    expect(jobActions({ status: 'QUEUED', cancelRequested: true })).toEqual({ retry: false, cancel: false });
    expect(jobActions({ status: 'COMPLETED', cancelRequested: false })).toEqual({ retry: false, cancel: false });
  });

  it('lets only ADMIN and MANAGER retry or cancel', () => {
    expect(canControlJobs('ADMIN')).toBe(true);
    expect(canControlJobs('MANAGER')).toBe(true);
    expect(canControlJobs('ANALYST')).toBe(false);
    expect(canControlJobs(undefined)).toBe(false);
  });

  it('polls every 2 s while a job on the page is queued or running, and stops after', () => {
    expect(listRefreshInterval([{ status: 'COMPLETED' }, { status: 'RUNNING' }])).toBe(LIVE_REFRESH_MS);
    expect(LIVE_REFRESH_MS).toBe(2000);
    expect(listRefreshInterval([{ status: 'COMPLETED' }, { status: 'FAILED' }])).toBe(false);
    expect(listRefreshInterval(undefined)).toBe(false);
  });

  it("polls one job's page (a job, an import) until it has finished", () => {
    expect(showRefreshInterval({ status: 'QUEUED' })).toBe(LIVE_REFRESH_MS);
    expect(showRefreshInterval({ status: 'RUNNING' })).toBe(LIVE_REFRESH_MS);
    expect(showRefreshInterval({ status: 'CANCELLED' })).toBe(false);
    expect(showRefreshInterval(undefined)).toBe(false);
  });
});
