import bcrypt from 'bcryptjs';

/** bcrypt with cost 12: about a quarter of a second per check on these machines, slow enough to blunt guessing. */
const COST = 12;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** A hash to compare against when the account does not exist, so both paths take as long. */
export const DUMMY_HASH = bcrypt.hashSync('crosslane-timing-equaliser', COST);

export const PASSWORD_RULE = 'at least 12 characters';
export const MIN_PASSWORD_LENGTH = 12;
