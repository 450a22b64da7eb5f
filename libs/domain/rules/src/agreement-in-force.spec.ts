import { describe, expect, it } from 'vitest';
import { agreementInForce, agreementValidityAt, type AgreementValidity } from './agreement-in-force';

const validFrom = new Date('2026-01-01T00:00:00.000Z');
const validTo = new Date('2026-12-31T00:00:00.000Z');
const agreement: AgreementValidity = { status: 'ACTIVE', validFrom, validTo };
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);

describe('agreementInForce', () => {
  it('is in force at the instant validTo (inclusive) and not one millisecond later', () => {
    expect(agreementInForce(agreement, validTo)).toBe(true);
    expect(agreementInForce(agreement, ms(validTo, 1))).toBe(false);
  });

  it('is in force from the instant validFrom and not one millisecond before', () => {
    expect(agreementInForce(agreement, validFrom)).toBe(true);
    expect(agreementInForce(agreement, ms(validFrom, -1))).toBe(false);
  });

  it('is never in force unless ACTIVE, whatever the dates, nor when there is no agreement', () => {
    const mid = new Date('2026-06-01T00:00:00.000Z');
    expect(agreementInForce(agreement, mid)).toBe(true);
    expect(agreementInForce({ ...agreement, status: 'SUPERSEDED' }, mid)).toBe(false);
    expect(agreementInForce({ ...agreement, status: 'REVOKED' }, mid)).toBe(false);
    expect(agreementInForce(null, mid)).toBe(false);
  });
});

describe('agreementValidityAt', () => {
  it('names the side of the window `now` lies on, the edges inside (the doc example)', () => {
    expect(agreementValidityAt(agreement, ms(validFrom, -1))).toBe('NOT_YET_VALID');
    expect(agreementValidityAt(agreement, validFrom)).toBe('VALID');
    expect(agreementValidityAt(agreement, validTo)).toBe('VALID');
    expect(agreementValidityAt(agreement, ms(validTo, 1))).toBe('EXPIRED');
  });
});
