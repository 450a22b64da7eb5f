import type { AccessLinkDto, ComplianceReportDto } from '@crosslane/contracts';
import type { HttpClient } from './http-client';

export interface ComplianceDownload {
  fileName: string;
  contentType: string;
  body: string;
}

/** Member-rights calls beyond CRUD: the compliance report (JSON, or HTML/CSV as a file) and access-package links. */
export interface MemberRightsMethods {
  getComplianceReport(period: { from: string; to: string }): Promise<{ data: ComplianceReportDto }>;
  downloadComplianceReport(period: { from: string; to: string }, format: 'html' | 'csv'): Promise<{ data: ComplianceDownload }>;
  createAccessLink(memberKey: string, format: 'json' | 'csv'): Promise<{ data: AccessLinkDto }>;
}

/** The file name the API gives in Content-Disposition, else a fallback. */
export function attachmentName(disposition: string | null, fallback: string): string {
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? fallback;
}

export function createMemberRightsMethods(httpClient: HttpClient, url: (path: string) => string): MemberRightsMethods {
  const report = (period: { from: string; to: string }, format?: string) =>
    url(
      `/member-rights/compliance-report?${new URLSearchParams({ from: period.from, to: period.to, ...(format ? { format } : {}) }).toString()}`,
    );
  return {
    getComplianceReport: async (period) => ({ data: (await httpClient(report(period))).json as ComplianceReportDto }),
    // Fetched with the session's token (the route is ADMIN only, there is no signed link for it), then saved by the page.
    downloadComplianceReport: async (period, format) => {
      const contentType = format === 'html' ? 'text/html' : 'text/csv';
      const response = await httpClient(report(period, format), { headers: { Accept: contentType } });
      return {
        data: {
          fileName: attachmentName(response.headers.get('Content-Disposition'), `compliance.${format}`),
          contentType,
          body: response.body,
        },
      };
    },
    createAccessLink: async (memberKey, format) => ({
      data: (await httpClient(url('/member-rights/access/link'), { method: 'POST', body: JSON.stringify({ memberKey, format }) }))
        .json as AccessLinkDto,
    }),
  };
}
