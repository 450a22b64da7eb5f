import { fireEvent, render, screen } from '@testing-library/react';
import { AdminContext, Notification, testDataProvider } from 'react-admin';
import { describe, expect, it, vi } from 'vitest';
import { AccessRequestPage } from './AccessRequestPage';

describe('AccessRequestPage', () => {
  it('turns a member key into signed JSON and CSV links to the data package', async () => {
    const createAccessLink = vi.fn(async (memberKey: string, format: 'json' | 'csv') => ({
      data: { url: `/api/member-rights/access/m-1/download?format=${format}&token=t`, expiresAt: '2026-12-06T15:10:00.000Z' },
    }));
    render(
      <AdminContext dataProvider={testDataProvider({ createAccessLink } as never)}>
        <AccessRequestPage />
      </AdminContext>,
    );
    const button = screen.getByRole('button', { name: 'Get download links' });
    expect(button).toHaveProperty('disabled', true);
    fireEvent.change(screen.getByTestId('access-member-key'), { target: { value: ' member_42 ' } });
    fireEvent.click(button);
    const json = await screen.findByTestId('access-link-json');
    expect(json.getAttribute('href')).toBe('/api/member-rights/access/m-1/download?format=json&token=t');
    expect(screen.getByTestId('access-link-csv').getAttribute('href')).toBe('/api/member-rights/access/m-1/download?format=csv&token=t');
    expect(createAccessLink.mock.calls.map(([key, format]) => `${key}:${format}`).sort()).toEqual(['member_42:csv', 'member_42:json']);
    expect(screen.getByText(/Data package of member_42/)).toBeTruthy();
  });

  it('shows the API refusal and no links', async () => {
    // react-admin logs every failed data provider call; the refusal is what this test expects.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const createAccessLink = vi.fn(async () => {
      throw new Error('No member with key ghost');
    });
    render(
      <AdminContext dataProvider={testDataProvider({ createAccessLink } as never)}>
        <AccessRequestPage />
        <Notification />
      </AdminContext>,
    );
    fireEvent.change(screen.getByTestId('access-member-key'), { target: { value: 'ghost' } });
    fireEvent.click(screen.getByRole('button', { name: 'Get download links' }));
    expect(await screen.findByText('No member with key ghost')).toBeTruthy();
    expect(screen.queryByTestId('access-link-json')).toBeNull();
    logged.mockRestore();
  });
});
