/**
 * Which passwords an account may have. Strength is estimated with zxcvbn
 * (Wheeler, "zxcvbn: Low-Budget Password Strength Estimation", USENIX
 * Security 2016) in its maintained TypeScript port, @zxcvbn-ts: it finds
 * dictionary words, common passwords, keyboard walks, repeats, sequences and
 * dates, and estimates the guesses an attacker needs. Score 3 ("safely
 * unguessable: moderate protection from offline slow-hash scenario", about
 * 10^8 guesses and more) is the bar, with the account's e-mail (and its
 * parts) and the product name given as user inputs so that neither counts
 * as secret. NIST SP 800-63B section 5.1.1.2 asks for exactly this kind of
 * check (against breached lists, dictionary words, repetitive or sequential
 * characters, context-specific words such as the service and user name)
 * rather than composition rules.
 *
 * bcrypt reads at most 72 bytes and silently ignores the rest, so a longer
 * password is refused, not pre-hashed: pre-hashing would change how every
 * stored hash is checked (a migration and two code paths) and brings its own
 * traps (a raw digest may contain NUL bytes, which end a bcrypt input), while
 * 72 bytes leave room for a passphrase of five or six words.
 *
 * Example: passwordProblems('aaaaaaaaaaaa', { email: 'lin@crosslane.test' })
 *   gives ['password is too easy to guess (strength 0 of 4; 3 is needed): Repeated characters like "aaa" are easy to guess. Add more words that are less common. Avoid repeated words and characters.']
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

export const MIN_PASSWORD_LENGTH = 12;
/** The bytes bcrypt reads; anything after them would be ignored. */
export const MAX_PASSWORD_BYTES = 72;
/** zxcvbn's scale is 0 to 4. */
export const MIN_PASSWORD_SCORE = 3;
export const PRODUCT_NAME = 'crosslane';

export const PASSWORD_RULE = `${MIN_PASSWORD_LENGTH} characters to ${MAX_PASSWORD_BYTES} bytes, hard to guess (zxcvbn score ${MIN_PASSWORD_SCORE} or more), not based on the e-mail address or the product name`;

export interface PasswordContext {
  /** The account's e-mail address: the password may neither be it nor lean on it. */
  email: string;
}

let estimator: ZxcvbnFactory | null = null;

/** Built on first use: the dictionaries take about a second to load, which only password changes should pay. */
function strengthEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator;
}

/**
 * The words an attacker who knows the account would try first: the e-mail,
 * its local part and domain, each piece of them, and the product name.
 * Example: passwordUserInputs('lin.analyst@crosslane.test') gives
 *   ['lin.analyst@crosslane.test', 'lin.analyst', 'crosslane.test', 'lin', 'analyst', 'crosslane', 'test']
 */
export function passwordUserInputs(email: string): string[] {
  const normalised = email.trim().toLowerCase();
  const [local = '', domain = ''] = normalised.split('@');
  const pieces = normalised.split(/[^\p{L}\p{N}]+/u).filter((piece) => piece.length >= 3);
  return [...new Set([normalised, local, domain, ...pieces, PRODUCT_NAME].filter(Boolean))];
}

/** UTF-8 length, as bcrypt counts it. */
export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * passwordProblems: every reason a password is refused, in words a person can
 * act on; empty when it is accepted. Cheap checks come first and the estimator
 * runs only when they pass, so a 72-byte limit also bounds its work.
 */
export function passwordProblems(password: string, context: PasswordContext): string[] {
  const problems: string[] = [];
  const bytes = utf8Bytes(password);
  if (bytes > MAX_PASSWORD_BYTES) {
    problems.push(
      `password must be at most ${MAX_PASSWORD_BYTES} bytes in UTF-8 (this one is ${bytes}): bcrypt would silently ignore the rest`,
    );
  }
  if ([...password].length < MIN_PASSWORD_LENGTH) problems.push(`password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.trim() === '') problems.push('password must not be only spaces');
  const email = context.email.trim().toLowerCase();
  if (email && password.trim().toLowerCase() === email) problems.push('password must not be the e-mail address');
  if (problems.length > 0) return problems;

  const result = strengthEstimator().check(password, passwordUserInputs(email));
  if (result.score < MIN_PASSWORD_SCORE) {
    const advice = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
    problems.push(
      `password is too easy to guess (strength ${result.score} of 4; ${MIN_PASSWORD_SCORE} is needed)${advice ? `: ${advice}` : ''}`,
    );
  }
  return problems;
}
