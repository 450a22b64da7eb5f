// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import type { HttpClient } from './http-client';
import { attachmentName, createMemberRightsMethods } from './member-rights-methods';

describe('member-rights data provider methods', () => {
  it('fetches the report as a file named as the API names it', async () => {
    const http = vi.fn<HttpClient>(async () => ({
      status: 200,
      headers: new Headers({ 'Content-Disposition': 'attachment; filename="compliance-2026-11-07-2026-12-07.html"' }),
      body: '<!doctype html>',
      json: undefined,
    }));
    const methods = createMemberRightsMethods(http, (p) => `/api${p}`);
    const { data } = await methods.downloadComplianceReport({ from: '2026-11-07', to: '2026-12-07' }, 'html');
    expect(http).toHaveBeenCalledWith('/api/member-rights/compliance-report?from=2026-11-07&to=2026-12-07&format=html', {
      headers: { Accept: 'text/html' },
    });
    expect(data).toEqual({ fileName: 'compliance-2026-11-07-2026-12-07.html', contentType: 'text/html', body: '<!doctype html>' });
  });

  it('asks for an access link with the key in the body, never in the URL', async () => {
    const http = vi.fn<HttpClient>(async () => ({ status: 200, headers: new Headers(), body: '', json: { url: 'u', expiresAt: 'e' } }));
    await createMemberRightsMethods(http, (p) => `/api${p}`).createAccessLink('member_42', 'csv');
    expect(http).toHaveBeenCalledWith('/api/member-rights/access/link', {
      method: 'POST',
      body: JSON.stringify({ memberKey: 'member_42', format: 'csv' }),
    });
  });

  it('falls back to a plain name without a Content-Disposition', () => {
    expect(attachmentName(null, 'compliance.csv')).toBe('compliance.csv');
  });
});
