type Failure = new (message: string) => Error;

/**
 * A payload's dates travel through Redis as strings. These parse them, so a malformed one fails every job with the same
 * words ("asOf must be an ISO date; got …"); `failure` is the error the job throws (UnrecoverableError where a retry
 * must not be spent on it).
 */
export function payloadInstant(value: string, field: string, failure: Failure = Error): Date {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw new failure(`${field} must be an ISO date; got "${value}"`);
  return instant;
}

/** A YYYY-MM-DD payload field as that day's midnight, UTC; a malformed one fails as payloadInstant does. */
export function payloadDay(value: string, field: string, failure: Failure = Error): Date {
  const day = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) throw new failure(`${field} must be YYYY-MM-DD; got "${value}"`);
  return day;
}
