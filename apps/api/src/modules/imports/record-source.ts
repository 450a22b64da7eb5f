import { pipeline, Readable, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { checkHeader, ColumnSpec, CsvRecord, CsvSplitter, CsvSyntaxError, ImportFormat, JsonArraySplitter, JsonShapeError, RawRecord, Utf8LineChecker } from '@crosslane/domain-ingest';

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
export async function* readRecords(input: Readable, format: ImportFormat, spec: ColumnSpec, options: { gzip?: boolean; onBytes?: (n: number) => void } = {}): AsyncGenerator<SourceRecord> {
  const checker = new Utf8LineChecker();
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      options.onBytes?.(chunk.length);
      done(null, chunk);
    },
  });
  const utf8 = new Transform({
    transform(chunk: Buffer, _enc, done) {
      const line = checker.push(chunk);
      if (line !== null) done(new FileRefusal(line, null, `the file is not valid UTF-8: the first invalid byte is on line ${line}; save it as UTF-8 and upload it again`));
      else done(null, chunk);
    },
    flush(done) {
      const line = checker.end();
      done(line === null ? null : new FileRefusal(line, null, `the file is not valid UTF-8: it ends inside a character on line ${line}`));
    },
  });
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
  // Records are handed on one by one; the splitter answers them a chunk (1 MB) at a time.
  const emit = function* (records: CsvRecord[]): Generator<SourceRecord> {
    for (const { fields, line } of records) {
      if (!header) {
        header = fields.map((h) => h.trim());
        const problem = checkHeader(header, spec);
        if (problem) throw new FileRefusal(1, firstNamed(header, spec), problem);
        continue;
      }
      if (fields.length !== header.length) {
        yield { rowNumber: line, record: {}, problem: { field: null, reason: `has ${fields.length} fields; the header has ${header.length}` } };
        continue;
      }
      const record: RawRecord = {};
      for (let i = 0; i < header.length; i++) record[header[i]] = fields[i];
      yield { rowNumber: line, record };
    }
  };
  try {
    for await (const chunk of last as AsyncIterable<Buffer>) yield* emit(splitter.push(decoder.write(chunk)));
    yield* emit(splitter.push(decoder.end()));
    yield* emit(splitter.end());
  } catch (error) {
    throw asRefusal(error);
  }
  if (!header) throw new FileRefusal(0, null, 'the file is empty: expected a header line with ' + [...spec.required, ...spec.optional].join(','));
}

function firstNamed(header: string[], spec: ColumnSpec): string | null {
  return spec.required.find((c) => !header.includes(c)) ?? header.find((c) => ![...spec.required, ...spec.optional].includes(c)) ?? null;
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
        if (unknownKey) yield { rowNumber: index, record, problem: { field: unknownKey, reason: `is not a known field; expected ${[...known].join(',')}` } };
        else yield { rowNumber: index, record };
      }
    }
    if (!sawAny) throw new FileRefusal(0, null, 'the file is empty: expected a JSON array of objects');
    splitter.end();
  } catch (error) {
    throw asRefusal(error);
  }
}

function asRefusal(error: unknown): unknown {
  if (error instanceof FileRefusal) return error;
  if (error instanceof JsonShapeError) return new FileRefusal(error.line, null, error.message);
  if (error instanceof CsvSyntaxError) return new FileRefusal(error.line, null, `the CSV cannot be read: ${error.message}`);
  const zlib = error as { code?: string };
  if (zlib?.code === 'Z_DATA_ERROR' || zlib?.code === 'Z_BUF_ERROR') return new FileRefusal(0, null, 'the file is not a valid gzip file');
  return error;
}
