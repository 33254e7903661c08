import { Link } from "@remix-run/react";
import {
  columnFilteringFeature,
  columnVisibilityFeature,
  createColumnHelper,
  createFilteredRowModel,
  createPaginatedRowModel,
  createSortedRowModel,
  globalFilteringFeature,
  rowPaginationFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
  type ColumnFiltersState,
  type PaginationState,
  type SortingState,
  type ColumnVisibilityState,
} from "@tanstack/react-table";
import { useMemo, useState } from "react";
import type { BandPosition, SkillMap } from "~/domain";
import { formatMoney, formatMonth } from "~/utils/format";
import { DataTable } from "./data-table";

export interface RosterRow {
  id: number;
  name: string;
  levelId: string;
  levelTitle: string;
  levelPosition: number;
  /** Null for viewers, who never see an individual salary. */
  salary: number | null;
  band: BandPosition | null;
  startDate: string;
  notes: string;
  skills: SkillMap;
  /** Names of the skills held at 3+ (can own it). */
  owned: string[];
}

const features = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  globalFilteringFeature,
  columnVisibilityFeature,
  rowPaginationFeature,
  sortedRowModel: createSortedRowModel(),
  filteredRowModel: createFilteredRowModel(),
  paginatedRowModel: createPaginatedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
  filterFns: {
    /** A row passes when its level id equals the chosen one. */
    level: (row: { original: RosterRow }, _columnId: string, value: string) => !value || row.original.levelId === value,
    /** A row passes when the engineer owns the chosen skill (proficiency 3+). */
    skill: (row: { original: RosterRow }, _columnId: string, value: string) => !value || (row.original.skills[value] ?? 0) >= 3,
  },
});

const helper = createColumnHelper<typeof features, RosterRow>();

const BAND_WORDS: Record<BandPosition, string> = { below: "below band", inside: "in band", above: "above band" };

const columns = helper.columns([
  helper.accessor("name", {
    header: "Name",
    sortFn: "alphanumeric",
    cell: (info) => <Link to={`/team/${info.row.original.id}`}>{info.getValue()}</Link>,
    enableHiding: false,
  }),
  helper.accessor("levelPosition", {
    id: "level",
    header: "Level",
    sortFn: "basic",
    filterFn: "level",
    cell: (info) => (
      <span title={info.row.original.levelTitle}>
        {info.row.original.levelId} · {info.row.original.levelTitle}
      </span>
    ),
  }),
  helper.accessor("salary", {
    header: "Salary",
    sortFn: "basic",
    meta: { numeric: true },
    cell: (info) => {
      const { salary, band } = info.row.original;
      return salary === null || band === null ? null : (
        <>
          {formatMoney(salary)} <span className={`pill ${band === "inside" ? "" : "warn"}`}>{BAND_WORDS[band]}</span>
        </>
      );
    },
  }),
  helper.accessor("startDate", { header: "Started", sortFn: "alphanumeric", cell: (info) => formatMonth(info.getValue()) }),
  helper.accessor((row) => row.owned.length, {
    id: "owned",
    header: "Skills owned (3+)",
    sortFn: "basic",
    filterFn: "skill",
    meta: { wrap: true },
    cell: (info) => {
      const owned = info.row.original.owned;
      if (owned.length === 0) return <span className="muted">None yet</span>;
      const shown = owned.slice(0, 3).join(", ");
      return (
        <span title={owned.join(", ")}>
          <strong>{owned.length}</strong>{" "}
          <span className="muted">
            · {shown}
            {owned.length > 3 ? ` +${owned.length - 3} more` : ""}
          </span>
        </span>
      );
    },
  }),
  helper.accessor("notes", { header: "Notes", sortFn: "alphanumeric", meta: { wrap: true } }),
]);

/** Without the salary column, for viewers. */
const columnsWithoutSalary = columns.filter((column) => (column as { accessorKey?: string }).accessorKey !== "salary");

const PAGE_SIZES = [25, 50, 100];

/** The roster: sort on every column, search, filter by level and skill, choose columns, paginate. */
export function RosterTable({
  rows,
  levels,
  skills,
  showSalaries = true,
}: {
  rows: RosterRow[];
  levels: { id: string; title: string }[];
  skills: { id: string; name: string }[];
  showSalaries?: boolean;
}) {
  const [sorting, setSorting] = useState<SortingState>([{ id: "level", desc: true }]);
  const [globalFilter, setGlobalFilter] = useState("");
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>([]);
  const [columnVisibility, setColumnVisibility] = useState<ColumnVisibilityState>({ notes: false });
  const [pagination, setPagination] = useState<PaginationState>({ pageIndex: 0, pageSize: 25 });
  const data = useMemo(() => rows, [rows]);

  const table = useTable({
    features,
    columns: showSalaries ? columns : columnsWithoutSalary,
    data,
    state: { sorting, globalFilter, columnFilters, columnVisibility, pagination },
    onSortingChange: setSorting,
    onGlobalFilterChange: setGlobalFilter,
    onColumnFiltersChange: setColumnFilters,
    onColumnVisibilityChange: setColumnVisibility,
    onPaginationChange: setPagination,
    globalFilterFn: (row, _columnId, value: string) => {
      const needle = value.trim().toLowerCase();
      const r = row.original;
      return !needle || r.name.toLowerCase().includes(needle) || r.notes.toLowerCase().includes(needle) || r.owned.some((skill) => skill.toLowerCase().includes(needle));
    },
    getColumnCanGlobalFilter: () => true,
  });

  const filterValue = (id: string) => (columnFilters.find((f) => f.id === id)?.value as string | undefined) ?? "";
  const setFilter = (id: string, value: string) => setColumnFilters((current) => [...current.filter((f) => f.id !== id), ...(value ? [{ id, value }] : [])]);
  const filtered = table.getFilteredRowModel().rows.length;
  const pageCount = Math.max(1, table.getPageCount());

  return (
    <div>
      <div className="table-tools">
        <label>
          Search
          <input type="search" value={globalFilter} onChange={(e) => setGlobalFilter(e.target.value)} placeholder="Name, notes or skill" aria-label="Search engineers" />
        </label>
        <label>
          Level
          <select value={filterValue("level")} onChange={(e) => setFilter("level", e.target.value)} aria-label="Filter by level">
            <option value="">All levels</option>
            {levels.map((level) => (
              <option key={level.id} value={level.id}>
                {level.id} · {level.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Owns skill
          <select value={filterValue("owned")} onChange={(e) => setFilter("owned", e.target.value)} aria-label="Filter by skill">
            <option value="">Any skill</option>
            {skills.map((skill) => (
              <option key={skill.id} value={skill.id}>
                {skill.name}
              </option>
            ))}
          </select>
        </label>
        <details className="columns-menu" style={{ marginLeft: "auto" }}>
          <summary className="button button-light">Columns</summary>
          <div className="columns-panel">
            {table
              .getAllLeafColumns()
              .filter((column) => column.getCanHide())
              .map((column) => (
                <label key={column.id}>
                  <input type="checkbox" checked={column.getIsVisible()} onChange={column.getToggleVisibilityHandler()} />
                  {String(column.columnDef.header)}
                </label>
              ))}
          </div>
        </details>
      </div>

      <DataTable table={table} empty="No engineers match these filters." />

      <div className="pager">
        <span>
          {filtered === rows.length ? `${rows.length} engineers` : `${filtered} of ${rows.length} engineers`} · page {pagination.pageIndex + 1} of {pageCount}
        </span>
        <div className="button-row">
          <label>
            Rows per page{" "}
            <select value={pagination.pageSize} onChange={(e) => table.setPageSize(Number(e.target.value))}>
              {PAGE_SIZES.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button button-light" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
            Previous
          </button>
          <button type="button" className="button button-light" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
            Next
          </button>
        </div>
      </div>
    </div>
  );
}
