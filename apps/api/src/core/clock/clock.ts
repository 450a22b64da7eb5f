/**
 * The one source of "now" for what the product decides by date: the demo
 * world's last day, rule windows and profile dates, agreement validity, link
 * and export expiry, campaign dates, cron slots, model names. Inject it with
 * `@Inject(CLOCK) clock: Clock`; pure functions take the instant as an argument.
 *
 * `CROSSLANE_NOW` (an ISO 8601 instant) pins it: every reading returns that
 * instant, so the same seed gives the same demo world and the same answers on
 * any day. Tests pin it (test/support/test-app.ts). Durations that measure
 * the machine (job timings, caches, timeouts) keep using the real clock.
 *
 * Example: `clockFromEnv({ CROSSLANE_NOW: '2026-06-15T12:00:00Z' }).now().toISOString()`
 * is '2026-06-15T12:00:00.000Z'.
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };

/** A clock that always reads `at`. */
export function fixedClock(at: Date): Clock {
  const ms = at.getTime();
  return { now: () => new Date(ms) };
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Reads CROSSLANE_NOW: unset means the system clock; anything else must be a real ISO 8601 instant with a zone. */
export function parsePinnedNow(value: string | undefined): Date | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const at = new Date(text);
  const sameDay = ISO_INSTANT.test(text) && !Number.isNaN(at.getTime()) && sameCalendarDay(text, at);
  if (!sameDay) throw new Error(`CROSSLANE_NOW must be an ISO 8601 instant with a zone, such as 2026-06-15T12:00:00Z; got "${text}"`);
  return at;
}

/** Rejects dates JavaScript would roll over (2026-02-30 → 2026-03-02) by checking the written day survives. */
function sameCalendarDay(text: string, at: Date): boolean {
  const zone = /(Z|[+-]\d{2}:\d{2})$/.exec(text)?.[1] ?? 'Z';
  const offsetMinutes = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const local = new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
  return local === text.slice(0, 10);
}

export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const pinned = parsePinnedNow(env.CROSSLANE_NOW);
  return pinned ? fixedClock(pinned) : systemClock;
}
