/** A member key as read from an erasure request, with the row it came from (1 = the header of a CSV). */
export interface ErasureKey {
  rowNumber: number;
  memberKey: string;
}

export interface ErasureBatchProblem {
  rowNumber: number;
  field: string;
  message: string;
}

export type ErasureBatch = { ok: true; keys: ErasureKey[] } | { ok: false; problems: ErasureBatchProblem[] };

/** The largest batch one request may carry; larger lists are split by the caller. */
export const MAX_ERASURE_BATCH = 100_000;
const MAX_KEY_LENGTH = 200;

/**
 * Reads the member keys of a CSV erasure batch: a header with a `memberKey`
 * column (other columns are ignored), one member per row. Every problem
 * names its row, so a refused file can be fixed in one go; a key repeated
 * in the file counts once (the first row). Quoted cells may hold commas.
 * Example: parseErasureCsv('memberKey\nm_1\nm_2') gives keys m_1 (row 2) and m_2 (row 3).
 */
export function parseErasureCsv(text: string): ErasureBatch {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.trim());
  const column = header.indexOf('memberKey');
  if (column < 0)
    return { ok: false, problems: [{ rowNumber: 1, field: 'memberKey', message: 'the header must name a memberKey column' }] };
  const problems: ErasureBatchProblem[] = [];
  const keys: ErasureKey[] = [];
  const seen = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const rowNumber = i + 1;
    const memberKey = (splitCsvLine(lines[i])[column] ?? '').trim();
    const problem = keyProblem(memberKey);
    if (problem) {
      problems.push({ rowNumber, field: 'memberKey', message: problem });
      continue;
    }
    if (seen.has(memberKey)) continue;
    seen.add(memberKey);
    keys.push({ rowNumber, memberKey });
  }
  if (problems.length) return { ok: false, problems };
  if (keys.length === 0) return { ok: false, problems: [{ rowNumber: 1, field: 'memberKey', message: 'the file has no member keys' }] };
  if (keys.length > MAX_ERASURE_BATCH)
    return {
      ok: false,
      problems: [
        { rowNumber: 1, field: 'memberKey', message: `at most ${MAX_ERASURE_BATCH} members per request; the file has ${keys.length}` },
      ],
    };
  return { ok: true, keys };
}

/** Why a member key cannot be erased as written, or null. */
export function keyProblem(memberKey: string): string | null {
  if (memberKey === '') return 'empty member key';
  if (memberKey.length > MAX_KEY_LENGTH) return `longer than ${MAX_KEY_LENGTH} characters`;
  return null;
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}
