// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { toErasureBody, validateErasure } from './erasure-form';

describe('the erasure form', () => {
  it('sends one trimmed key, with the reason when there is one', async () => {
    expect(await toErasureBody({ memberKey: ' m_1 ' })).toEqual({ memberKey: 'm_1' });
    expect(await toErasureBody({ memberKey: 'm_1', reason: ' ticket 42 ' })).toEqual({ memberKey: 'm_1', reason: 'ticket 42' });
  });

  it('sends a chosen CSV file as text with its name, ignoring a typed key', async () => {
    const rawFile = new File(['memberKey\nm_1\nm_2\n'], 'batch.csv', { type: 'text/csv' });
    expect(await toErasureBody({ memberKey: 'typed', batch: { rawFile } })).toEqual({
      csv: 'memberKey\nm_1\nm_2\n',
      fileName: 'batch.csv',
    });
  });

  it('asks for a key or a file', () => {
    expect(validateErasure({ memberKey: '  ' })).toEqual({ memberKey: 'Enter a member key or choose a CSV file' });
    expect(validateErasure({ memberKey: 'm_1' })).toEqual({});
    expect(validateErasure({ batch: { rawFile: new File(['x'], 'b.csv') } })).toEqual({});
  });
});
