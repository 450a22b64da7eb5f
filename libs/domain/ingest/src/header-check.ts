import type { ColumnSpec } from './import-kinds';

/**
 * Compares a file's header with what its kind expects. Missing required
 * columns and unknown columns are both refused (an unknown column is most
 * often a misspelt one, whose data would otherwise be lost in silence).
 * Example: checkHeader(['memberKey'], { required: ['memberKey', 'joinedAt'], optional: [] })
 *   === 'missing column joinedAt; expected memberKey,joinedAt'
 */
export function checkHeader(header: readonly string[], spec: ColumnSpec): string | null {
  const expected = [...spec.required, ...spec.optional];
  const names = header.map((h) => h.trim());
  const missing = spec.required.filter((c) => !names.includes(c));
  const unexpected = names.filter((c) => !expected.includes(c));
  const duplicated = names.filter((c, i) => names.indexOf(c) !== i);
  const parts: string[] = [];
  if (missing.length) parts.push(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(',')}`);
  if (unexpected.length)
    parts.push(`unexpected column${unexpected.length > 1 ? 's' : ''} ${unexpected.map((c) => c || '(empty)').join(',')}`);
  if (duplicated.length) parts.push(`repeated column${duplicated.length > 1 ? 's' : ''} ${duplicated.join(',')}`);
  if (!parts.length) return null;
  return `${parts.join('; ')}; expected ${expected.join(',')}`;
}
