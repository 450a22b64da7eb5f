import { describe, expect, it } from 'vitest';
import { readAppConfig, trustedProxiesFrom } from './app-config';

describe('readAppConfig: CROSSLANE_EXPORT_RETENTION_DAYS', () => {
  it('keeps built partner files 30 days unless told otherwise', () => {
    expect(readAppConfig({}, '/repo').exportRetentionDays).toBe(30);
    expect(readAppConfig({ CROSSLANE_EXPORT_RETENTION_DAYS: '7' }, '/repo').exportRetentionDays).toBe(7);
  });

  it('refuses to start with a retention that is not a positive whole number of days', () => {
    for (const bad of ['0', '-3', '1.5', 'thirty']) {
      expect(() => readAppConfig({ CROSSLANE_EXPORT_RETENTION_DAYS: bad }, '/repo')).toThrow(
        `CROSSLANE_EXPORT_RETENTION_DAYS must be a positive integer; got "${bad}"`,
      );
    }
  });
});

describe('readAppConfig: CROSSLANE_TRUSTED_PROXIES', () => {
  it('believes no proxy unless told, and keeps the addresses and ranges it is given', () => {
    expect(readAppConfig({}, '/repo').trustedProxies).toEqual([]);
    expect(readAppConfig({ CROSSLANE_TRUSTED_PROXIES: ' 10.0.0.5, 10.1.0.0/16,::1,fd00::/8 ' }, '/repo').trustedProxies).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      '::1',
      'fd00::/8',
    ]);
  });

  it('refuses to start on anything but IP addresses and CIDR ranges, naming the entry', () => {
    for (const bad of ['loopback', '10.0.0.300', '10.0.0.0/33', '10.0.0.0/8/8', 'fd00::/129', '*']) {
      expect(() => trustedProxiesFrom(`10.0.0.1,${bad}`)).toThrow(`"${bad}" is neither`);
    }
  });
});
