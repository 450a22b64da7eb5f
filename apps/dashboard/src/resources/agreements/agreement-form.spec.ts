import { describe, expect, it } from 'vitest';
import { toAgreementBody } from './agreement-form';

describe('toAgreementBody', () => {
  it('sends the partner and terms on create, with dates as ISO instants', () => {
    expect(
      toAgreementBody(
        {
          partnerId: 'p1',
          fieldsAllowed: ['city'],
          purposesAllowed: ['MEASUREMENT'],
          minGroupSize: 50,
          consentRequired: true,
          validFrom: '2026-01-01T00:00:00Z',
          validTo: '2026-12-31T00:00:00Z',
          note: '',
        },
        true,
      ),
    ).toEqual({
      partnerId: 'p1',
      fieldsAllowed: ['city'],
      purposesAllowed: ['MEASUREMENT'],
      minGroupSize: 50,
      consentRequired: true,
      validFrom: '2026-01-01T00:00:00.000Z',
      validTo: '2026-12-31T00:00:00.000Z',
    });
  });

  it('leaves out what the API would refuse on a change: id, version, status, the partner', () => {
    const body = toAgreementBody({ id: 'a1', version: 2, status: 'ACTIVE', partnerId: 'p1', inForce: true, minGroupSize: 80 }, false);
    expect(body).toEqual({ minGroupSize: 80 });
  });
});
