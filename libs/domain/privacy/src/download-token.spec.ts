import { describe, expect, it } from 'vitest';
import { signDownloadToken, verifyDownloadToken } from './download-token';

const KEY = 'k'.repeat(32);

describe('download tokens', () => {
  it('carries its expiry (the doc example) and verifies until then', () => {
    const token = signDownloadToken(KEY, 'e1', new Date(1000));
    expect(token.startsWith('1000.')).toBe(true);
    expect(verifyDownloadToken(KEY, 'e1', token, new Date(999))).toBe('valid');
    expect(verifyDownloadToken(KEY, 'e1', token, new Date(2000))).toBe('expired');
  });

  it('opens no other export, under no other key, with no edited expiry', () => {
    const token = signDownloadToken(KEY, 'e1', new Date(5000));
    expect(verifyDownloadToken(KEY, 'e2', token, new Date(0))).toBe('invalid');
    expect(verifyDownloadToken('x'.repeat(32), 'e1', token, new Date(0))).toBe('invalid');
    expect(verifyDownloadToken(KEY, 'e1', token.replace(/^5000/, '9000'), new Date(0))).toBe('invalid');
    expect(verifyDownloadToken(KEY, 'e1', 'garbage', new Date(0))).toBe('invalid');
  });
});
