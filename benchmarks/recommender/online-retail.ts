import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface IndexedInteractions {
  readonly userIds: string[];
  readonly itemIds: string[];
  readonly userIndices: Int32Array;
  readonly itemIndices: Int32Array;
  readonly rowsRead: number;
  readonly rowsKept: number;
}

/** Folder of the public datasets: CROSSLANE_DATASETS_DIR, else datasets/ in the repository. */
export function datasetsDir(repoRoot: string): string {
  return process.env['CROSSLANE_DATASETS_DIR'] || path.join(repoRoot, 'datasets');
}

/**
 * UCI Online Retail cleaned the standard way (CustomerID present, invoice not
 * cancelled, Quantity > 0, UnitPrice > 0), as customer x StockCode rows.
 * Ids are indexed in sorted order, as numpy's np.unique does in als_ref.py, so
 * score ties break on the same item order in both implementations.
 */
export function loadOnlineRetail(file: string): IndexedInteractions {
  const text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
  const rows = parseCsv(text);
  const header = rows[0];
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${file} has no column ${name}; header is ${header.join(',')}`);
    return i;
  };
  const cInvoice = col('InvoiceNo');
  const cStock = col('StockCode');
  const cQuantity = col('Quantity');
  const cPrice = col('UnitPrice');
  const cCustomer = col('CustomerID');
  const users: string[] = [];
  const items: string[] = [];
  let rowsRead = 0;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    if (row.length < header.length) continue;
    rowsRead++;
    const customer = row[cCustomer].trim();
    if (customer === '' || row[cInvoice].startsWith('C')) continue;
    if (!(Number(row[cQuantity]) > 0) || !(Number(row[cPrice]) > 0)) continue;
    users.push(customer);
    items.push(row[cStock].trim());
  }
  const index = (ids: string[]): { sorted: string[]; positions: Int32Array } => {
    const sorted = [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const position = new Map(sorted.map((id, i) => [id, i]));
    return { sorted, positions: Int32Array.from(ids, (id) => position.get(id) as number) };
  };
  const u = index(users);
  const i = index(items);
  return {
    userIds: u.sorted,
    itemIds: i.sorted,
    userIndices: u.positions,
    itemIndices: i.positions,
    rowsRead,
    rowsKept: users.length,
  };
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let p = 0; p < text.length; p++) {
    const ch = text.charCodeAt(p);
    if (quoted) {
      if (ch === 34) {
        if (text.charCodeAt(p + 1) === 34) {
          field += '"';
          p++;
        } else quoted = false;
      } else field += text[p];
    } else if (ch === 34) quoted = true;
    else if (ch === 44) {
      row.push(field);
      field = '';
    } else if (ch === 10 || ch === 13) {
      if (ch === 13 && text.charCodeAt(p + 1) === 10) p++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      // Unquoted runs are copied in one slice rather than char by char.
      let q = p + 1;
      while (q < text.length) {
        const c = text.charCodeAt(q);
        if (c === 44 || c === 10 || c === 13 || c === 34) break;
        q++;
      }
      field += text.slice(p, q);
      p = q - 1;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
