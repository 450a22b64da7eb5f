import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readUnitFile, UnitFileRefusal } from './unit-file';

async function readAll(bytes: Buffer): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of readUnitFile(Readable.from([bytes]))) items.push(item);
  return items;
}

describe('readUnitFile', () => {
  it('reads a CSV finished test: the header, then each unit with its line', async () => {
    const items = await readAll(Buffer.from('unit,arm,converted\nu1,control,1\nu2,treatment,0\n'));
    expect(items).toEqual([
      { header: ['unit', 'arm', 'converted'] },
      { line: 2, record: { unit: 'u1', arm: 'control', converted: '1' } },
      { line: 3, record: { unit: 'u2', arm: 'treatment', converted: '0' } },
    ]);
  });

  it('names a file that is not UTF-8 as such, with the line and byte, not as a header problem', async () => {
    const bytes = Buffer.concat([Buffer.from('unit,arm\nu1,control\nu2,'), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from('\n')]);
    const refusal = await readAll(bytes).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(UnitFileRefusal);
    expect((refusal as Error).message).toMatch(/^the file is not UTF-8: the first invalid byte \(0xff\) is on line 3/);
    expect((refusal as Error).message.length).toBeLessThan(200);
  });
});
