import { Form, Link, useLocation, useNavigate, useNavigation } from "@remix-run/react";
import {
  columnVisibilityFeature,
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnVisibilityState,
  type SortingState,
} from "@tanstack/react-table";
import { useEffect, useRef, useState } from "react";
import type { BandPosition } from "~/domain";
import {
  isDefaultSort,
  isRosterSort,
  PAGE_SIZES,
  rosterSearch,
  sortBy,
  type RosterQuery,
  type RosterRow,
} from "~/forms/roster-query";
import { formatMoney, formatMonth } from "~/utils/format";
import { DataTable } from "./data-table";

// Search, filters, sort and pages run on the server (app/forms/roster-query.ts): the table shows
// one page, says how it is sorted and links each header to its sort; its own state is only which
// columns are shown.
const features = tableFeatures({ rowSortingFeature, columnVisibilityFeature });

const helper = createColumnHelper<typeof features, RosterRow>();

const BAND_WORDS: Record<BandPosition, string> = { below: "below band", inside: "in band", above: "above band" };

const columns = helper.columns([
  helper.accessor("name", {
    header: "Name",
    cell: (info) => <Link to={`/team/${info.row.original.id}`}>{info.getValue()}</Link>,
    enableHiding: false,
  }),
  helper.accessor("teamName", { id: "team", header: "Team" }),
  helper.accessor("levelPosition", {
    id: "level",
    header: "Level",
    cell: (info) => (
      <span title={info.row.original.levelTitle}>
        {info.row.original.levelId} · {info.row.original.levelTitle}
      </span>
    ),
  }),
  helper.accessor("salary", {
    header: "Salary",
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
  helper.accessor("startDate", { header: "Started", cell: (info) => formatMonth(info.getValue()) }),
  helper.accessor((row) => row.owned.length, {
    id: "owned",
    header: "Skills owned (3+)",
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
  helper.accessor("notes", { header: "Notes", meta: { wrap: true } }),
]);

/** Without the salary column, for viewers. */
const columnsWithoutSalary = columns.filter((column) => (column as { accessorKey?: string }).accessorKey !== "salary");

/** The roster: one page of it, sorted and filtered by the server from the URL; columns to choose. */
export function RosterTable({
  rows,
  matched,
  total,
  pageCount,
  query,
  levels,
  teams,
  skills,
  showSalaries = true,
}: {
  rows: RosterRow[];
  matched: number;
  total: number;
  pageCount: number;
  query: RosterQuery;
  levels: { id: string; title: string }[];
  teams: { id: number; name: string }[];
  skills: { id: string; name: string }[];
  showSalaries?: boolean;
}) {
  const navigate = useNavigate();
  const navigation = useNavigation();
  const { pathname } = useLocation();
  // The query as it is now, for a search that fires after a filter changed under it.
  const current = useRef(query);
  useEffect(() => {
    current.current = query;
  }, [query]);
  const show = (change: Partial<RosterQuery>) =>
    navigate({ search: rosterSearch(current.current, change) }, { replace: true, preventScrollReset: true });
  const [columnVisibility, setColumnVisibility] = useState<ColumnVisibilityState>({ notes: false });
  const sorting: SortingState = [{ id: query.sort, desc: query.desc }];

  // The search box asks the server a moment after typing stops (or at once on Enter); going back
  // or forward refills it.
  const [text, setText] = useState(query.q);
  const asked = useRef(query.q);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const search = (value: string) => {
    clearTimeout(timer.current);
    asked.current = value.trim();
    if (asked.current !== current.current.q) show({ q: asked.current });
  };
  const type = (value: string) => {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => search(value), 250);
  };
  useEffect(() => {
    if (query.q !== asked.current) setText((asked.current = query.q));
  }, [query.q]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const table = useTable({
    features,
    columns: showSalaries ? columns : columnsWithoutSalary,
    data: rows,
    getRowId: (row) => String(row.id),
    state: { sorting, columnVisibility },
    onColumnVisibilityChange: setColumnVisibility,
  });
  const sortLink = (columnId: string) =>
    isRosterSort(columnId) ? `${pathname}${rosterSearch(query, sortBy(query, columnId))}` : undefined;

  const loading = navigation.state === "loading" && navigation.location.pathname === pathname;
  const pageLink = (page: number, label: string) =>
    page >= 1 && page <= pageCount && page !== query.page ? (
      <Link className="button button-light" to={{ search: rosterSearch(query, { page }) }} preventScrollReset>
        {label}
      </Link>
    ) : (
      <span className="button button-light" aria-disabled="true">
        {label}
      </span>
    );

  return (
    <div>
      {/* Without JavaScript the fields send as an ordinary form; with it, each change asks at once. */}
      <Form
        method="get"
        id="roster-filters"
        replace
        preventScrollReset
        className="table-tools"
        onSubmit={(event) => {
          event.preventDefault();
          search(text);
        }}
      >
        {!isDefaultSort(query) ? (
          <>
            <input type="hidden" name="sort" value={query.sort} />
            <input type="hidden" name="dir" value={query.desc ? "desc" : "asc"} />
          </>
        ) : null}
        <label>
          Search
          <input
            type="search"
            name="q"
            value={text}
            onChange={(e) => type(e.target.value)}
            placeholder="Name, notes or skill"
            aria-label="Search engineers"
          />
        </label>
        <label>
          Team
          <select
            name="team"
            value={query.team}
            onChange={(e) => show({ team: e.target.value })}
            aria-label="Filter by team"
          >
            <option value="">All teams</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Level
          <select
            name="level"
            value={query.level}
            onChange={(e) => show({ level: e.target.value })}
            aria-label="Filter by level"
          >
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
          <select
            name="skill"
            value={query.skill}
            onChange={(e) => show({ skill: e.target.value })}
            aria-label="Filter by skill"
          >
            <option value="">Any skill</option>
            {skills.map((skill) => (
              <option key={skill.id} value={skill.id}>
                {skill.name}
              </option>
            ))}
          </select>
        </label>
        <noscript>
          <button type="submit" className="button button-light">
            Apply
          </button>
        </noscript>
        <details className="columns-menu" style={{ marginLeft: "auto" }}>
          <summary className="button button-light">Columns</summary>
          <div className="columns-panel">
            {table
              .getAllLeafColumns()
              .filter((column) => column.getCanHide())
              .map((column) => (
                <label key={column.id}>
                  <input
                    type="checkbox"
                    checked={column.getIsVisible()}
                    onChange={column.getToggleVisibilityHandler()}
                  />
                  {String(column.columnDef.header)}
                </label>
              ))}
          </div>
        </details>
      </Form>

      <div className={loading ? "loading" : undefined} aria-busy={loading}>
        <DataTable
          table={table}
          sortLink={sortLink}
          empty={
            <>
              No engineers match these filters.{" "}
              <Link
                to={pathname}
                replace
                preventScrollReset
                onClick={() => {
                  clearTimeout(timer.current);
                  setText((asked.current = ""));
                }}
              >
                Show everyone
              </Link>
            </>
          }
        />
      </div>

      <div className="pager">
        <span>
          {matched === total ? `${total} engineers` : `${matched} of ${total} engineers`} · page {query.page} of{" "}
          {pageCount}
        </span>
        <div className="button-row">
          <label>
            Rows per page{" "}
            <select
              name="size"
              form="roster-filters"
              value={query.size}
              onChange={(e) => show({ size: Number(e.target.value) })}
            >
              {PAGE_SIZES.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </select>
          </label>
          {pageLink(query.page - 1, "Previous")}
          {pageLink(query.page + 1, "Next")}
        </div>
      </div>
    </div>
  );
}
