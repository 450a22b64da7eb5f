import { describe, expect, it } from 'vitest';
import { checkUpload, needsPartner } from './import-kinds';

describe('the upload form checks', () => {
  it('asks for a partner only for partner kinds', () => {
    expect(needsPartner('customer-list')).toBe(true);
    expect(needsPartner('members')).toBe(false);
    const file = new File(['a'], 'list.csv');
    expect(checkUpload({ kind: 'customer-list', file })).toEqual({
      field: 'partnerId',
      message: 'Choose the partner this file belongs to',
    });
    expect(checkUpload({ kind: 'members', file })).toBeNull();
  });
  it('refuses an empty file before uploading it', () => {
    expect(checkUpload({ kind: 'members', file: new File([], 'empty.csv') })).toEqual({ field: 'file', message: 'empty.csv is empty' });
    expect(checkUpload({ kind: 'members', file: null })?.field).toBe('file');
  });
});
