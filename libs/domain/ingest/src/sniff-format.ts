export type ImportFormat = 'csv' | 'json';

/**
 * The format of an upload: the one given, else the file name's extension.
 * Example: sniffFormat(undefined, 'members.JSON') === 'json'
 */
export function sniffFormat(given: string | undefined, fileName: string | undefined): ImportFormat | null {
  if (given === 'csv' || given === 'json') return given;
  if (given) return null;
  const name = (fileName ?? '').toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv') || name.endsWith('.txt')) return 'csv';
  if (name.endsWith('.json')) return 'json';
  return null;
}
