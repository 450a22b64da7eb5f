import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { Utf8LineChecker } from '@crosslane/domain-ingest';
import { whereInvalid } from '../imports/record-source';

/** A whole-file problem (not CSV, not a JSON array of objects): nothing of the file is imported. */
export class UnitFileRefusal extends Error {}

export type UnitFileItem = { header: string[] } | { line: number; record: Record<string, string> };

const JSON_LIMIT = 256 * 1024 * 1024;

/**
 * Reads a finished test's file, CSV (header first) or a JSON array of
 * objects, as records of strings. The header comes first; each record
 * carries the line it starts on (CSV, the header being line 1) or its
 * position from 1 (JSON). Chosen by the first character: '[' or '{' is JSON.
 */
export async function* readUnitFile(input: Readable): AsyncGenerator<UnitFileItem> {
  const iterator = (input as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done || first.value.length === 0) throw new UnitFileRefusal('the file is empty');
  const head = Buffer.from(first.value);
  const text = head
    .toString('utf8', 0, Math.min(head.length, 64))
    .replace(/^\uFEFF/, '')
    .trimStart();
  // The same UTF-8 rule and wording as every other import: a random-bytes file is named as such, not as a header problem.
  const utf8 = new Utf8LineChecker();
  const checked = (chunk: Buffer): Buffer => {
    const line = utf8.push(chunk);
    if (line !== null)
      throw new UnitFileRefusal(`the file is not UTF-8: ${whereInvalid(utf8, line)}; save it as UTF-8 and upload it again`);
    return chunk;
  };
  async function* rest(): AsyncGenerator<Buffer> {
    yield checked(head);
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield checked(next.value);
    const line = utf8.end();
    if (line !== null) throw new UnitFileRefusal(`the file is not UTF-8: it ends inside a character on line ${line}`);
  }
  if (text.startsWith('[') || text.startsWith('{')) {
    yield* jsonRecords(rest());
    return;
  }
  let header: string[] = [];
  const parser = parse({
    columns: (h: string[]) => (header = h.map((c) => c.trim())),
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  });
  const feed = (async () => {
    try {
      for await (const chunk of rest()) {
        // A reader that stops early (the first rows of a preview) destroys the parser: stop feeding it then.
        if (parser.destroyed) return;
        if (!parser.write(chunk)) await new Promise((resolve) => (parser.once('drain', resolve), parser.once('close', resolve)));
      }
      if (!parser.destroyed) parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  let sentHeader = false;
  try {
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (!sentHeader) {
        sentHeader = true;
        yield { header };
      }
      yield { line: item.info.lines, record: item.record };
    }
  } catch (error) {
    if (error instanceof UnitFileRefusal) throw error;
    throw new UnitFileRefusal(`the file is not valid CSV: ${(error as Error).message}`);
  }
  await feed;
  if (!sentHeader) {
    if (header.length === 0) throw new UnitFileRefusal('the file has no header line');
    yield { header };
  }
}

async function* jsonRecords(chunks: AsyncGenerator<Buffer>): AsyncGenerator<UnitFileItem> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > JSON_LIMIT) throw new UnitFileRefusal(`a JSON file may hold at most ${JSON_LIMIT / 1024 / 1024} MB; use CSV beyond that`);
    parts.push(chunk);
  }
  let data: unknown;
  try {
    data = JSON.parse(
      Buffer.concat(parts)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    );
  } catch (error) {
    throw new UnitFileRefusal(`the file is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(data)) throw new UnitFileRefusal('a JSON file must be an array of objects, one per unit');
  const header = new Set<string>();
  for (const item of data.slice(0, 1000))
    if (item && typeof item === 'object' && !Array.isArray(item)) for (const k of Object.keys(item)) header.add(k);
  yield { header: [...header] };
  for (let i = 0; i < data.length; i++) {
    const item = data[i];
    const record: Record<string, string> = {};
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      for (const [k, v] of Object.entries(item as Record<string, unknown>))
        record[k] = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
    yield { line: i + 1, record };
  }
}
