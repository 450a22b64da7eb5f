import { TablePagination } from '@mui/material';
import type { SxProps, Theme } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useGetList, type RaRecord } from 'react-admin';
import { Panel } from './Panel';
import { RowsTable, type Column } from './RowsTable';

export type PagedColumn<T> = Column<T>;

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
      <RowsTable label={label} columns={columns} rows={rows} rowKey={(row) => row.id} />
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

/**
 * A sub-resource's pages in an outlined card under its record (an import's
 * error report and notes, a member's consent history): the title, with
 * `action` beside it, over the paged table, or `empty` once it is known
 * there are no rows.
 */
export function PagedTableCard<T extends RaRecord>({
  title,
  label,
  action,
  list,
  columns,
  perPageOptions,
  empty,
  sx = { mt: 2 },
}: {
  title: string;
  /** The table's accessible name. */
  label: string;
  action?: ReactNode;
  list: ReturnType<typeof usePagedList<T>>;
  columns: readonly PagedColumn<T>[];
  perPageOptions: number[];
  empty?: ReactNode;
  sx?: SxProps<Theme>;
}) {
  const { data, total, isPending, pager } = list;
  return (
    <Panel variant="outlined" sx={sx} title={title} action={action}>
      {empty !== undefined && !isPending && total === 0 ? (
        empty
      ) : (
        <PagedTable label={label} columns={columns} rows={data} total={total} pager={pager} perPageOptions={perPageOptions} />
      )}
    </Panel>
  );
}
