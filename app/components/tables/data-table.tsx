import { flexRender } from "@tanstack/react-table";
import { Fragment, type ReactNode } from "react";
import { ScrollArea } from "~/components/ui/scroll-area";
import { SortableHeader } from "./sortable-header";

/** What a column may say about how it shows: right-aligned numbers, wrapping text, a tooltip. */
export interface ColumnLook {
  numeric?: boolean;
  wrap?: boolean;
  title?: string;
}

type Sorted = false | "asc" | "desc";

interface ColumnLike {
  id: string;
  columnDef: { meta?: unknown; header?: unknown; cell?: unknown };
  getIsSorted?: () => Sorted;
  getCanSort?: () => boolean;
  getToggleSortingHandler?: () => ((event: unknown) => void) | undefined;
}

/** A header or a cell: its column, and the context its renderer receives. */
interface PartLike {
  id: string;
  column: ColumnLike;
  getContext: () => unknown;
}

/* The few parts of a TanStack Table 9 instance this component reads; any table built with
   `useTable` has them, whatever its features. */
interface TableLike {
  getHeaderGroups: () => { id: string; headers: PartLike[] }[];
  getRowModel: () => {
    rows: { id: string; original: unknown; getAllCells: () => PartLike[]; getVisibleCells?: () => PartLike[] }[];
  };
}

const render = (template: unknown, part: PartLike) =>
  flexRender(template as never, part.getContext() as never) as ReactNode;
const look = (column: ColumnLike) => (column.columnDef.meta ?? {}) as ColumnLook;
const cellClass = (column: ColumnLike) => (look(column).numeric ? "num" : look(column).wrap ? "wrap" : undefined);

/**
 * The markup every table in the app shares: sortable headers where a column can sort, cells
 * placed by their column's look, an optional row under each row (for its errors), and a line when
 * there are no rows. With `sortLink`, a header is a link to the sorted view (sorting done by the
 * server, working without JavaScript) instead of a button that sorts in the browser.
 */
export function DataTable({
  table,
  className = "data",
  below,
  empty,
  sortLink,
}: {
  table: TableLike;
  className?: string;
  below?: (original: unknown) => ReactNode;
  empty?: ReactNode;
  sortLink?: (columnId: string) => string | undefined;
}) {
  const groups = table.getHeaderGroups();
  const rows = table.getRowModel().rows;
  const width = groups[0]?.headers.length ?? 1;
  return (
    <ScrollArea>
      <table className={className}>
        <thead>
          {groups.map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <SortableHeader
                  key={header.id}
                  sorted={header.column.getIsSorted?.() ?? false}
                  canSort={
                    sortLink ? sortLink(header.column.id) !== undefined : (header.column.getCanSort?.() ?? false)
                  }
                  href={sortLink?.(header.column.id)}
                  onToggle={sortLink ? undefined : header.column.getToggleSortingHandler?.()}
                  numeric={look(header.column).numeric}
                  title={look(header.column).title}
                >
                  {render(header.column.columnDef.header, header)}
                </SortableHeader>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {rows.map((row) => (
            <Fragment key={row.id}>
              <tr>
                {(row.getVisibleCells?.() ?? row.getAllCells()).map((cell) => (
                  <td key={cell.id} className={cellClass(cell.column)}>
                    {render(cell.column.columnDef.cell, cell)}
                  </td>
                ))}
              </tr>
              {below ? below(row.original) : null}
            </Fragment>
          ))}
          {rows.length === 0 && empty ? (
            <tr>
              <td colSpan={width} className="empty">
                {empty}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </ScrollArea>
  );
}
