/**
 * toCsv: RFC 4180 CSV with a header row and CRLF line ends; a value with a
 * comma, quote or line break is quoted, quotes doubled. A value starting
 * with = + - @ is prefixed with a quote mark so a spreadsheet does not run it
 * as a formula (OWASP "CSV injection").
 * Example: toCsv(['a','b'], [['x,y', 1]]) === 'a,b\r\n"x,y",1\r\n'
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return lines.map((line) => `${line}\r\n`).join('');
}

function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
