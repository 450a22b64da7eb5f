import type { ErasureRequestDto } from '@crosslane/contracts';
import { render, screen, within } from '@testing-library/react';
import { AdminContext, ResourceContextProvider, testDataProvider } from 'react-admin';
import { describe, expect, it, vi } from 'vitest';
import { ErasureList } from './ErasureList';

const request = (over: Partial<ErasureRequestDto>): ErasureRequestDto => ({
  id: 'e1',
  status: 'COMPLETED',
  source: 'KEY',
  fileName: null,
  reason: 'ticket 17',
  memberCount: 1,
  erased: 1,
  notFound: 0,
  jobId: 'j1',
  requestedBy: 'a1',
  requestedByEmail: 'admin@crosslane.test',
  createdAt: '2026-12-01T10:00:00.000Z',
  completedAt: '2026-12-01T10:00:05.000Z',
  ...over,
});

describe('ErasureList', () => {
  it('lists each request with its status, counts and completion time, newest first', async () => {
    const getList = vi.fn(async () => ({
      data: [
        request({
          id: 'e2',
          status: 'RUNNING',
          source: 'CSV',
          fileName: 'batch.csv',
          memberCount: 40,
          erased: 12,
          completedAt: null,
          reason: null,
        }),
        request({}),
      ],
      total: 2,
    }));
    render(
      <AdminContext dataProvider={testDataProvider({ getList } as never)}>
        <ResourceContextProvider value="member-rights/erasures">
          <ErasureList />
        </ResourceContextProvider>
      </AdminContext>,
    );
    const running = (await screen.findByText('CSV batch.csv')).closest('tr')!;
    expect(within(running).getByText('RUNNING')).toBeTruthy();
    expect(within(running).getByText('40')).toBeTruthy();
    const done = screen.getByText('ticket 17').closest('tr')!;
    expect(within(done).getByText('COMPLETED')).toBeTruthy();
    expect(within(done).getByText('One key')).toBeTruthy();
    expect(within(done).getByText(new Date('2026-12-01T10:00:05.000Z').toLocaleString())).toBeTruthy();
    expect(getList).toHaveBeenCalledWith(
      'member-rights/erasures',
      expect.objectContaining({ sort: { field: 'createdAt', order: 'DESC' } }),
    );
    expect(screen.getByRole('link', { name: 'File an erasure' })).toBeTruthy();
  });
});
