import type { ComplianceReportDto } from '@crosslane/contracts';

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The period the page opens on: the last 30 days up to and including today
 * (the API's `to` is exclusive, hence tomorrow).
 * defaultPeriod(new Date('2026-12-06T15:00:00Z')) -> { from: '2026-11-07', to: '2026-12-07' }
 */
export function defaultPeriod(today: Date): { from: string; to: string } {
  const to = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) + DAY_MS);
  return { from: isoDay(new Date(to.getTime() - 30 * DAY_MS)), to: isoDay(to) };
}

/** The partners to show: all, or the one picked (ALL_PARTNERS shows all). */
export const ALL_PARTNERS = '';
export function partnersShown(report: ComplianceReportDto, partnerId: string): ComplianceReportDto['partners'] {
  return partnerId === ALL_PARTNERS ? report.partners : report.partners.filter((p) => p.partnerId === partnerId);
}

/** "K_ANONYMITY: 2, CONSENT: 1", or an empty string when nothing was refused. */
export function refusalsText(refusals: Record<string, number>): string {
  return Object.entries(refusals)
    .map(([rule, n]) => `${rule}: ${n}`)
    .join(', ');
}
