import { describe, expect, it } from 'vitest';
import { MAX_PASSWORD_BYTES, passwordProblems, passwordUserInputs, utf8Bytes } from './password-policy';

const lin = { email: 'lin.analyst@crosslane.test' };

describe('passwordProblems', () => {
  it('refuses a repeated character with the estimator’s reason (the doc example)', () => {
    expect(passwordProblems('aaaaaaaaaaaa', { email: 'lin@crosslane.test' })).toEqual([
      'password is too easy to guess (strength 0 of 4; 3 is needed): Repeated characters like "aaa" are easy to guess. Add more words that are less common. Avoid repeated words and characters.',
    ]);
  });

  it('refuses twelve spaces as only spaces', () => {
    expect(passwordProblems(' '.repeat(12), lin)).toEqual(['password must not be only spaces']);
  });

  it('refuses the e-mail address, whatever its case or surrounding spaces', () => {
    expect(passwordProblems('lin.analyst@crosslane.test', lin)).toEqual(['password must not be the e-mail address']);
    expect(passwordProblems(' Lin.Analyst@Crosslane.TEST ', lin)).toEqual(['password must not be the e-mail address']);
  });

  it('counts the e-mail and the product name as known to an attacker', () => {
    // Scores 3 for an account whose e-mail says nothing about it, and less once the words are the account's own.
    // Strong for an account whose e-mail says nothing about it, weak for the account it spells out.
    expect(passwordProblems('crosslane.test.lin', { email: 'someone@example.org' })).toEqual([]);
    const problems = passwordProblems('crosslane.test.lin', lin);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^password is too easy to guess \(strength [0-2] of 4; 3 is needed\)/);
    expect(passwordProblems('crosslane123!', { email: 'someone@example.org' })[0]).toMatch(/too easy to guess/);
  });

  it('refuses common passwords and keyboard walks, and accepts passphrases', () => {
    expect(passwordProblems('Password123!', lin)[0]).toMatch(/too easy to guess.*commonly used password/);
    expect(passwordProblems('qwertyuiop12', lin)[0]).toMatch(/too easy to guess/);
    expect(passwordProblems('correct horse battery staple', lin)).toEqual([]);
    expect(passwordProblems('Tr4ck-day kit, 3 shocks', lin)).toEqual([]);
  });

  it('refuses more than 72 bytes in UTF-8, counting bytes rather than characters', () => {
    const ascii = 'x7'.repeat(36) + 'q'; // 73 bytes
    expect(passwordProblems(ascii, lin)).toEqual([
      'password must be at most 72 bytes in UTF-8 (this one is 73): bcrypt would silently ignore the rest',
    ]);
    // 25 characters of three bytes each: short in characters, too long for bcrypt.
    const cjk = '駕駛改裝課程懸掛系統調校賽道體驗套件與輪胎保養指南的';
    expect([...cjk].length).toBeLessThan(30);
    expect(utf8Bytes(cjk)).toBeGreaterThan(MAX_PASSWORD_BYTES);
    expect(passwordProblems(cjk, lin)[0]).toMatch(/^password must be at most 72 bytes in UTF-8 \(this one is \d+\)/);
    expect(passwordProblems('x7Qm'.repeat(18), lin).some((p) => p.includes('72 bytes'))).toBe(false); // exactly 72
  });

  it('refuses fewer than 12 characters', () => {
    expect(passwordProblems('Zq8#vL2!', lin)).toEqual(['password must be at least 12 characters']);
  });

  it('accepts what the first start generates and what the tests and benchmarks use', () => {
    expect(passwordProblems('8Xo1aB3cD4eF5gH6', { email: 'admin@crosslane.local' })).toEqual([]);
    expect(passwordProblems('admin-password-for-tests', { email: 'admin@crosslane.test' })).toEqual([]);
    expect(passwordProblems('bench-password-serving-1', { email: 'bench@crosslane.local' })).toEqual([]);
  });
});

describe('passwordUserInputs', () => {
  it('splits the e-mail into the words an attacker would try (the doc example)', () => {
    expect(passwordUserInputs('lin.analyst@crosslane.test')).toEqual([
      'lin.analyst@crosslane.test',
      'lin.analyst',
      'crosslane.test',
      'lin',
      'analyst',
      'crosslane',
      'test',
    ]);
  });

  it('always names the product', () => {
    expect(passwordUserInputs('a@b.io')).toEqual(['a@b.io', 'a', 'b.io', 'crosslane']);
  });
});
