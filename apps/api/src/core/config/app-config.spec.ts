import { describe, expect, it } from 'vitest';
import { readAppConfig } from './app-config';

describe('readAppConfig: CROSSLANE_EXPORT_RETENTION_DAYS', () => {
  it('keeps built partner files 30 days unless told otherwise', () => {
    expect(readAppConfig({}, '/repo').exportRetentionDays).toBe(30);
    expect(readAppConfig({ CROSSLANE_EXPORT_RETENTION_DAYS: '7' }, '/repo').exportRetentionDays).toBe(7);
  });

  it('refuses to start with a retention that is not a positive whole number of days', () => {
    for (const bad of ['0', '-3', '1.5', 'thirty']) {
      expect(() => readAppConfig({ CROSSLANE_EXPORT_RETENTION_DAYS: bad }, '/repo')).toThrow(`CROSSLANE_EXPORT_RETENTION_DAYS must be a positive integer; got "${bad}"`);
    }
  });
});
