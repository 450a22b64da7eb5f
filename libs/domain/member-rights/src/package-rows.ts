export type PackageRow = [section: string, entry: number | null, field: string, value: string | number | boolean | null];

/**
 * A data package flattened for a spreadsheet: one row per value, as
 * (section, entry, field, value). A top-level object is one section with no
 * entry number; a list gives each element its entry number (1-based); a
 * nested object or list below that is written as a dotted field path
 * (`events.1.type`). Sections and fields keep the package's order, so the
 * CSV reads like the JSON.
 * Example: packageRows({ member: { city: 'Hangzhou' }, segments: [{ name: 'car fans' }] })
 *   gives [['member', null, 'city', 'Hangzhou'], ['segments', 1, 'name', 'car fans']].
 */
export function packageRows(pack: Record<string, unknown>): PackageRow[] {
  const rows: PackageRow[] = [];
  for (const [section, value] of Object.entries(pack)) {
    if (Array.isArray(value)) value.forEach((entry, i) => flatten(rows, section, i + 1, '', entry));
    else flatten(rows, section, null, '', value);
  }
  return rows;
}

function flatten(rows: PackageRow[], section: string, entry: number | null, path: string, value: unknown): void {
  if (value !== null && typeof value === 'object') {
    const pairs = Array.isArray(value) ? value.map((v, i) => [String(i + 1), v] as const) : Object.entries(value);
    if (pairs.length === 0) rows.push([section, entry, path, null]);
    for (const [key, v] of pairs) flatten(rows, section, entry, path ? `${path}.${key}` : key, v);
    return;
  }
  rows.push([section, entry, path, value === undefined ? null : (value as string | number | boolean | null)]);
}
