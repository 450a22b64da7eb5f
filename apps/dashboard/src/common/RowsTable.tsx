import { Table, TableBody, TableCell, TableHead, TableRow, Typography, type SxProps, type Theme } from '@mui/material';
import type { ReactNode } from 'react';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  align?: 'right';
  sx?: SxProps<Theme>;
}

export interface RowsTableProps<T> {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string | number;
  label?: string;
  testId?: string;
  empty?: string;
  sx?: SxProps<Theme>;
  /** Rows drawn as selected (the best trial, the analysis shown). */
  selected?: (row: T) => boolean;
}

/**
 * A small read-only table: one header row, one row per item, a cell per
 * column. `label` is its accessible name (tests find it by role and name);
 * with `empty`, no rows show that sentence instead of an empty table.
 */
export function RowsTable<T>({ columns, rows, rowKey, label, testId, empty, sx, selected }: RowsTableProps<T>) {
  if (empty !== undefined && rows.length === 0) return <Typography color="text.secondary">{empty}</Typography>;
  return (
    <Table size="small" aria-label={label} data-testid={testId} sx={sx}>
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
          <TableRow key={rowKey(row, i)} selected={selected?.(row)}>
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

/** A table under its own heading, the heading being also the table's accessible name. */
export function TitledRowsTable<T>({
  title,
  titleSx,
  ...table
}: Omit<RowsTableProps<T>, 'label'> & { title: string; titleSx?: SxProps<Theme> }) {
  return (
    <>
      <Typography variant="h6" sx={titleSx}>
        {title}
      </Typography>
      <RowsTable label={title} {...table} />
    </>
  );
}
