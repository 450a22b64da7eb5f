import { Table, TableBody, TableCell, TableHead, TablePagination, TableRow, type SxProps, type Theme } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useGetList, type RaRecord } from 'react-admin';

export interface PagedColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
  sx?: SxProps<Theme>;
}

/**
 * A server-paged list of a sub-resource (`imports/<id>/notes`,
 * `members/<id>/consent-history`, ...): the current page of rows and the
 * table that shows it with its pager.
 */
export function usePagedList<T extends RaRecord>(
  resource: string,
  { sort, perPage: firstPerPage, enabled }: { sort: { field: string; order: 'ASC' | 'DESC' }; perPage: number; enabled: boolean },
) {
  const [page, setPage] = useState(0);
  const [perPage, setPerPage] = useState(firstPerPage);
  const { data = [], total = 0, isPending } = useGetList<T>(resource, { pagination: { page: page + 1, perPage }, sort }, { enabled });
  const pager = {
    page,
    perPage,
    onPageChange: setPage,
    onPerPageChange: (n: number) => {
      setPerPage(n);
      setPage(0);
    },
  };
  return { data, total, isPending, pager };
}

export type Pager = ReturnType<typeof usePagedList>['pager'];

/** The rows of one page as a small table, one column per `columns` entry, and the pager under it (changing the page size goes back to the first page). */
export function PagedTable<T extends RaRecord>({
  label,
  columns,
  rows,
  total,
  pager,
  perPageOptions,
}: {
  /** The table's accessible name. */
  label: string;
  columns: readonly PagedColumn<T>[];
  rows: readonly T[];
  total: number;
  pager: Pager;
  perPageOptions: number[];
}) {
  return (
    <>
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            {columns.map((c) => (
              <TableCell key={c.header}>{c.header}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id}>
              {columns.map((c) => (
                <TableCell key={c.header} sx={c.sx}>
                  {c.cell(row)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <TablePagination
        component="div"
        count={total}
        page={pager.page}
        rowsPerPage={pager.perPage}
        rowsPerPageOptions={perPageOptions}
        onPageChange={(_e, p) => pager.onPageChange(p)}
        onRowsPerPageChange={(e) => pager.onPerPageChange(Number(e.target.value))}
      />
    </>
  );
}
