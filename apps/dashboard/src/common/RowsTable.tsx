import { Table, TableBody, TableCell, TableHead, TableRow, Typography, type SxProps, type Theme } from '@mui/material';
import type { ReactNode } from 'react';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  align?: 'right';
  sx?: SxProps<Theme>;
}

/**
 * A small read-only table: one header row, one row per item, a cell per
 * column. `label` is its accessible name (tests find it by role and name);
 * with `empty`, no rows show that sentence instead of an empty table.
 */
export function RowsTable<T>({
  columns,
  rows,
  rowKey,
  label,
  testId,
  empty,
}: {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string | number;
  label?: string;
  testId?: string;
  empty?: string;
}) {
  if (empty !== undefined && rows.length === 0) return <Typography color="text.secondary">{empty}</Typography>;
  return (
    <Table size="small" aria-label={label} data-testid={testId}>
      <TableHead>
        <TableRow>
          {columns.map((c) => (
            <TableCell key={c.header} align={c.align}>
              {c.header}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row, i) => (
          <TableRow key={rowKey(row, i)}>
            {columns.map((c) => (
              <TableCell key={c.header} align={c.align} sx={c.sx}>
                {c.cell(row)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
