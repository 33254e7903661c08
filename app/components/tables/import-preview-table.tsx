import {
  createColumnHelper,
  createPaginatedRowModel,
  createSortedRowModel,
  rowPaginationFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
  type PaginationState,
  type SortingState,
} from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { DataTable } from "./data-table";

/** One row of an import preview: what importing it would do, or why it cannot. */
export interface PreviewRow {
  line: number;
  name: string;
  action: "create" | "update" | "unchanged";
  changes: string[];
  errors: string[];
}

const OUTCOME = {
  create: { label: "Add", className: "pill good" },
  update: { label: "Update", className: "pill accent" },
  unchanged: { label: "No change", className: "pill" },
  invalid: { label: "Problem", className: "pill bad" },
} as const;
const outcome = (row: PreviewRow) => (row.errors.length > 0 ? "invalid" : row.action);

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  rowPaginationFeature,
  paginatedRowModel: createPaginatedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
});
const helper = createColumnHelper<typeof features, PreviewRow>();

const columns = helper.columns([
  helper.accessor("line", { header: "Line", sortFn: "basic", meta: { numeric: true } }),
  helper.accessor("name", { header: "Name", sortFn: "alphanumeric" }),
  helper.accessor((row) => outcome(row), {
    id: "outcome",
    header: "What happens",
    sortFn: "alphanumeric",
    cell: (info) => <span className={OUTCOME[info.getValue()].className}>{OUTCOME[info.getValue()].label}</span>,
  }),
  helper.display({
    id: "details",
    header: "Details",
    meta: { wrap: true },
    cell: ({ row }) =>
      row.original.errors.length > 0 ? (
        <ul className="cell-list field-error">
          {row.original.errors.map((e) => (
            <li key={e}>{e.replace(/^line \d+: /, "")}</li>
          ))}
        </ul>
      ) : row.original.action === "update" ? (
        row.original.changes.join("; ")
      ) : row.original.action === "create" ? (
        "New engineer"
      ) : (
        "Already matches the team"
      ),
  }),
]);

/** Rows shown at once: a 10,000-row file is read a page at a time. */
const PAGE_SIZE = 100;

/** The rows of an uploaded roster file and what importing each would do; problems can be shown alone. */
export function ImportPreviewTable({ rows }: { rows: PreviewRow[] }) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const [pagination, setPagination] = useState<PaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE });
  const [onlyProblems, setOnlyProblems] = useState(rows.some((r) => r.errors.length > 0));
  const shown = useMemo(() => (onlyProblems ? rows.filter((r) => r.errors.length > 0) : rows), [rows, onlyProblems]);
  const problems = rows.filter((r) => r.errors.length > 0).length;
  const table = useTable({
    features,
    columns,
    data: shown,
    state: { sorting, pagination },
    onSortingChange: setSorting,
    onPaginationChange: setPagination,
  });
  const first = pagination.pageIndex * PAGE_SIZE;
  const pages = Math.ceil(shown.length / PAGE_SIZE);
  return (
    <>
      {problems > 0 ? (
        <label className="checkbox-label" style={{ marginBottom: 8 }}>
          <input
            type="checkbox"
            checked={onlyProblems}
            onChange={(e) => {
              setOnlyProblems(e.target.checked);
              setPagination((p) => ({ ...p, pageIndex: 0 }));
            }}
          />{" "}
          Show only the {problems} row{problems === 1 ? "" : "s"} with problems
        </label>
      ) : null}
      <DataTable table={table} empty="No rows." />
      {pages > 1 ? (
        <div className="pager">
          <span>
            Rows {(first + 1).toLocaleString("en-US")}-
            {Math.min(first + PAGE_SIZE, shown.length).toLocaleString("en-US")} of{" "}
            {shown.length.toLocaleString("en-US")}
          </span>
          <span className="button-row">
            <button
              type="button"
              className="button button-light button-small"
              disabled={pagination.pageIndex === 0}
              onClick={() => setPagination((p) => ({ ...p, pageIndex: p.pageIndex - 1 }))}
            >
              Previous
            </button>
            <button
              type="button"
              className="button button-light button-small"
              disabled={pagination.pageIndex >= pages - 1}
              onClick={() => setPagination((p) => ({ ...p, pageIndex: p.pageIndex + 1 }))}
            >
              Next
            </button>
          </span>
        </div>
      ) : null}
    </>
  );
}
