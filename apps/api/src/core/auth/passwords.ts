import { BadRequestException } from '@nestjs/common';
import bcrypt from 'bcryptjs';
import { MAX_PASSWORD_BYTES, passwordProblems, utf8Bytes } from '@crosslane/domain-auth';

/** bcrypt with cost 12: about a quarter of a second per check on these machines, slow enough to blunt guessing. */
const COST = 12;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

/**
 * A password longer than bcrypt reads never matches: no password that long
 * can be set any more, and comparing only its first 72 bytes would accept
 * anything that starts the same.
 */
export function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (utf8Bytes(password) > MAX_PASSWORD_BYTES) return bcrypt.compare('', hash).then(() => false);
  return bcrypt.compare(password, hash);
}

/** A hash to compare against when the account does not exist, so both paths take as long. */
export const DUMMY_HASH = bcrypt.hashSync('crosslane-timing-equaliser', COST);

/** Refuses a password the policy (libs/domain/auth) rejects: 400 naming the field, with every reason. */
export function assertAcceptablePassword(password: string, email: string): void {
  const problems = passwordProblems(password, { email });
  if (problems.length === 0) return;
  throw new BadRequestException({
    message: `Invalid input: ${problems.join('; ')}`,
    fields: problems.map((message) => ({ field: 'password', message })),
  });
}
