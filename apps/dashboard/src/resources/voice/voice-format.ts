import type { PartnerVoiceDto } from '@crosslane/contracts';

/** "3.42–4.10", or "—" when there is no interval (fewer than 2 reviews). */
export function formatInterval(lower: number | null, upper: number | null): string {
  return lower === null || upper === null ? '—' : `${lower.toFixed(2)}–${upper.toFixed(2)}`;
}

/** 3 → "★★★☆☆" */
export function formatStars(rating: number): string {
  return '★'.repeat(rating) + '☆'.repeat(Math.max(0, 5 - rating));
}

/** The trend in words, naming its interval, so "flat" is read as "no clear change" rather than "stable". */
export function trendSentence(trend: PartnerVoiceDto['trend']): string {
  if (!trend) return 'too few reviews for a trend';
  const per = `${trend.slopePer30Days >= 0 ? '+' : ''}${trend.slopePer30Days.toFixed(2)} ★ per 30 days (${trend.lower.toFixed(2)} to ${trend.upper.toFixed(2)})`;
  if (trend.direction === 'flat') return `no clear trend: ${per}`;
  return `${trend.direction}: ${per}`;
}
