import { pipeline, Readable, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import {
  ColumnSpec,
  CsvRecord,
  CsvSplitter,
  CsvSyntaxError,
  headerRefusal,
  ImportFormat,
  JsonArraySplitter,
  JsonShapeError,
  RawRecord,
  Utf8LineChecker,
} from '@crosslane/domain-ingest';

/** A problem with the file as a whole: nothing of it is imported, whatever the mode. */
export class FileRefusal extends Error {
  constructor(
    readonly rowNumber: number,
    readonly field: string | null,
    reason: string,
  ) {
    super(reason);
    this.name = 'FileRefusal';
  }
}

export interface SourceRecord {
  rowNumber: number;
  record: RawRecord;
  /** Set when the row is malformed before any field is read (wrong field count, not an object). */
  problem?: { field: string | null; reason: string };
}

/**
 * Turns a byte stream into records, streaming: bytes are checked for UTF-8
 * as they pass (naming the line of the first bad byte), CSV goes through
 * CsvSplitter, JSON through a splitter that yields one array element at a
 * time. `onBytes` sees the compressed size for .gz input.
 */
export async function* readRecords(
  input: Readable,
  format: ImportFormat,
  spec: ColumnSpec,
  options: { gzip?: boolean; onBytes?: (n: number) => void } = {},
): AsyncGenerator<SourceRecord> {
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      options.onBytes?.(chunk.length);
      done(null, chunk);
    },
  });
  const utf8 = utf8Guard();
  const stages: NodeJS.ReadWriteStream[] = [counter, ...(options.gzip ? [createGunzip()] : []), utf8];
  if (format === 'csv') yield* csvRecords(input, stages, spec);
  else yield* jsonRecords(input, stages, spec);
}

async function* csvRecords(input: Readable, stages: NodeJS.ReadWriteStream[], spec: ColumnSpec): AsyncGenerator<SourceRecord> {
  const last = stages[stages.length - 1] as unknown as Readable;
  (pipeline as unknown as (...args: unknown[]) => void)(input, ...stages, () => undefined);
  const decoder = new StringDecoder('utf8');
  const splitter = new CsvSplitter();
  let header: string[] | null = null;
  let sawNul = false;
  // Records are handed on one by one; the splitter answers them a chunk (1 MB) at a time.
  const emit = function* (records: CsvRecord[]): Generator<SourceRecord> {
    for (const { fields, line } of records) {
      if (!header) {
        header = fields.map((h) => h.trim());
        const refusal = headerRefusal(header, spec);
        if (refusal) throw new FileRefusal(refusal.rowNumber, refusal.field, refusal.reason);
        continue;
      }
      if (fields.length !== header.length) {
        yield {
          rowNumber: line,
          record: {},
          problem: { field: null, reason: `has ${fields.length} fields; the header has ${header.length}` },
        };
        continue;
      }
      const record: RawRecord = {};
      for (let i = 0; i < header.length; i++) record[header[i]] = fields[i];
      const unstorable = sawNul ? nulField(record) : null;
      yield unstorable ? { rowNumber: line, record, problem: unstorable } : { rowNumber: line, record };
    }
  };
  try {
    for await (const chunk of last as AsyncIterable<Buffer>) {
      const text = decoder.write(chunk);
      // Rows are only searched for NUL bytes once the file is known to hold one: most files never pay for it.
      if (!sawNul && text.includes('\u0000')) sawNul = true;
      yield* emit(splitter.push(text));
    }
    yield* emit(splitter.push(decoder.end()));
    yield* emit(splitter.end());
  } catch (error) {
    throw asRefusal(error);
  }
  if (!header)
    throw new FileRefusal(0, null, 'the file is empty: expected a header line with ' + [...spec.required, ...spec.optional].join(','));
}

async function* jsonRecords(input: Readable, stages: NodeJS.ReadWriteStream[], spec: ColumnSpec): AsyncGenerator<SourceRecord> {
  const last = stages[stages.length - 1] as unknown as Readable;
  (pipeline as unknown as (...args: unknown[]) => void)(input, ...stages, () => undefined);
  const decoder = new TextDecoder('utf-8');
  const splitter = new JsonArraySplitter();
  const known = new Set([...spec.required, ...spec.optional]);
  let index = 0;
  let sawAny = false;
  try {
    for await (const chunk of last as AsyncIterable<Buffer>) {
      const text = decoder.decode(chunk, { stream: true });
      if (text.trim()) sawAny = true;
      for (const element of splitter.push(text)) {
        index++;
        let value: unknown;
        try {
          value = JSON.parse(element);
        } catch (error) {
          yield { rowNumber: index, record: {}, problem: { field: null, reason: `is not valid JSON: ${(error as Error).message}` } };
          continue;
        }
        const record = value as RawRecord;
        const unknownKey = Object.keys(record).find((k) => !known.has(k));
        const unstorable = unknownKey ? null : nulField(record);
        if (unknownKey)
          yield {
            rowNumber: index,
            record,
            problem: { field: unknownKey, reason: `is not a known field; expected ${[...known].join(',')}` },
          };
        else if (unstorable) yield { rowNumber: index, record, problem: unstorable };
        else yield { rowNumber: index, record };
      }
    }
    if (!sawAny) throw new FileRefusal(0, null, 'the file is empty: expected a JSON array of objects');
    splitter.end();
  } catch (error) {
    throw asRefusal(error);
  }
}

/**
 * Passes bytes on while they are UTF-8; at the first that is not, fails with
 * a FileRefusal that says so in one line (line, byte offset, the byte), so a
 * binary file is never read as a header of garbage. Every uploaded CSV goes
 * through it (imports, campaign events, Hillstrom).
 */
export function utf8Guard(): Transform {
  const checker = new Utf8LineChecker();
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const line = checker.push(chunk);
      if (line !== null)
        done(new FileRefusal(line, null, `the file is not UTF-8: ${whereInvalid(checker, line)}; save it as UTF-8 and upload it again`));
      else done(null, chunk);
    },
    flush(done) {
      const line = checker.end();
      done(
        line === null
          ? null
          : new FileRefusal(
              line,
              null,
              `the file is not UTF-8: it ends inside a character on line ${line}, byte offset ${checker.invalid?.offset}`,
            ),
      );
    },
  });
}

/** Where a random-bytes file goes wrong, short: the line, the byte offset and the byte itself. */
export function whereInvalid(checker: Utf8LineChecker, line: number): string {
  const invalid = checker.invalid;
  if (!invalid) return `the first invalid byte is on line ${line}`;
  return `the first invalid byte (0x${invalid.byte.toString(16).padStart(2, '0')}) is on line ${line}, at byte offset ${invalid.offset}`;
}

/**
 * A NUL byte is valid UTF-8 but PostgreSQL cannot store it in text: the row
 * is refused on its own (named field, value shown escaped) instead of the
 * whole write failing inside PostgreSQL.
 */
export function nulField(record: RawRecord): { field: string | null; reason: string } | null {
  for (const [key, value] of Object.entries(record)) {
    if (key.includes('\u0000')) return { field: null, reason: 'has a NUL byte (\\u0000) in a field name' };
    const holdsNul =
      typeof value === 'string'
        ? value.includes('\u0000')
        : value !== null && typeof value === 'object' && JSON.stringify(value).includes('\\u0000');
    if (holdsNul) return { field: key, reason: 'contains a NUL byte (\\u0000), which cannot be stored' };
  }
  return null;
}

function asRefusal(error: unknown): unknown {
  if (error instanceof FileRefusal) return error;
  if (error instanceof JsonShapeError) return new FileRefusal(error.line, null, error.message);
  if (error instanceof CsvSyntaxError) return new FileRefusal(error.line, null, `the CSV cannot be read: ${error.message}`);
  const zlib = error as { code?: string };
  if (zlib?.code === 'Z_DATA_ERROR' || zlib?.code === 'Z_BUF_ERROR') return new FileRefusal(0, null, 'the file is not a valid gzip file');
  return error;
}
