import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readUnitFile, UnitFileRefusal, type UnitFileItem } from './unit-file';

const read = async (text: string): Promise<UnitFileItem[]> => {
  const items: UnitFileItem[] = [];
  for await (const item of readUnitFile(Readable.from([Buffer.from(text)]))) items.push(item);
  return items;
};

describe('readUnitFile', () => {
  it('reads CSV with its header first and each record with the line it is on', async () => {
    expect(await read('\uFEFFid,group\r\nu1,A\r\n\r\nu2,"B, late"\r\n')).toEqual([
      { header: ['id', 'group'] },
      { line: 2, record: { id: 'u1', group: 'A' } },
      { line: 4, record: { id: 'u2', group: 'B, late' } },
    ]);
  });

  it('reads a JSON array of objects as records of strings, positions from 1', async () => {
    expect(await read(' [{"id": "u1", "converted": 1, "minutes": 2.5}, {"id": "u2", "converted": true, "minutes": null}]')).toEqual([
      { header: ['id', 'converted', 'minutes'] },
      { line: 1, record: { id: 'u1', converted: '1', minutes: '2.5' } },
      { line: 2, record: { id: 'u2', converted: 'true', minutes: '' } },
    ]);
  });

  it('refuses a file that is empty, or JSON that is not an array, saying so', async () => {
    await expect(read('')).rejects.toThrow(UnitFileRefusal);
    await expect(read('[{"id": 1}')).rejects.toThrow(/not valid JSON/);
    await expect(read(' {"id": 1}')).rejects.toThrow('a JSON file must be an array of objects, one per unit');
    await expect(read('id,group\n"u1,A\n')).rejects.toThrow(/not valid CSV/);
  });
});
