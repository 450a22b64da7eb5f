import { describe, expect, it } from 'vitest';
import { campaignStillOpen, canTransition } from './campaign-transitions';

describe('canTransition', () => {
  it('follows draft -> scheduled -> running -> stopped -> concluded and nothing leaves concluded', () => {
    expect(canTransition('DRAFT', 'CONCLUDED')).toBe(false);
    expect(canTransition('DRAFT', 'SCHEDULED')).toBe(true);
    expect(canTransition('SCHEDULED', 'RUNNING')).toBe(true);
    expect(canTransition('RUNNING', 'STOPPED')).toBe(true);
    expect(canTransition('STOPPED', 'CONCLUDED')).toBe(true);
    expect(canTransition('CONCLUDED', 'RUNNING')).toBe(false);
    expect(canTransition('RUNNING', 'DRAFT')).toBe(false);
  });

  it('leaves only CONCLUDED closed', () => {
    expect(campaignStillOpen('STOPPED')).toBe(true);
    expect(campaignStillOpen('CONCLUDED')).toBe(false);
  });
});
