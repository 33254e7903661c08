import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useMemo } from "react";
import { DataTable } from "~/components/tables/data-table";
import { addMonths, type ProjectionRow, type ViewRow } from "~/domain";
import { formatExpectedPeople, formatMonth, formatNumber, formatPercent, formatPeople } from "~/utils/format";

/** One step of the plan as the table shows it: the view's figures and the org's interviews. */
export interface MonthLine {
  row: ViewRow;
  /** "Apr 2027", or "Apr 2027 to Jun 2027" for a quarter. */
  name: string;
  interviewHours: number;
  interviewShare: number;
}

/** The anchor of the step holding `month` (months from the plan's start): `#month-3`. */
export function monthAnchor(rows: readonly Pick<ViewRow, "monthOffset">[], month: number): string {
  let offset = rows[0]?.monthOffset ?? 0;
  for (const row of rows) if (row.monthOffset <= month) offset = row.monthOffset;
  return `month-${offset}`;
}

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, MonthLine>();

const columns = helper.columns([
  helper.accessor("name", {
    header: "Month",
    cell: ({ row: { original: line } }) => (
      // The row's anchor: a warning about this month links here.
      <strong id={monthAnchor([line.row], line.row.monthOffset)}>{line.name}</strong>
    ),
  }),
  helper.accessor((line) => line.row.totalHeadcount, {
    id: "people",
    header: "People",
    meta: { numeric: true },
    cell: (info) => <span title={formatExpectedPeople(info.getValue())}>{formatPeople(info.getValue())}</span>,
  }),
  helper.accessor((line) => line.row.joiners, {
    id: "joiners",
    header: "Joiners",
    meta: { numeric: true, title: "Planned hires and backfills starting this month" },
    cell: (info) => (Math.round(info.getValue()) === 0 ? "" : formatPeople(info.getValue())),
  }),
  helper.accessor((line) => line.row.capacity, {
    id: "capacity",
    header: "Capacity",
    meta: { numeric: true, title: "Work a month in mid-level-engineer equivalents" },
    cell: (info) => formatNumber(info.getValue()),
  }),
  helper.accessor("interviewHours", {
    header: "Interview hours",
    meta: { numeric: true },
    cell: (info) => (info.getValue() < 0.5 ? "" : formatNumber(Math.round(info.getValue()), 0)),
  }),
  helper.accessor("interviewShare", {
    header: "Of an interviewer's week",
    meta: { numeric: true, title: "The share of each settled mid-level and senior engineer's week spent interviewing" },
    cell: (info) => (info.getValue() < 0.005 ? "" : formatPercent(info.getValue())),
  }),
  helper.accessor((line) => line.row.coverage, {
    id: "coverage",
    header: "Mentoring covered",
    meta: { numeric: true },
    cell: (info) => formatPercent(info.getValue()),
  }),
  helper.accessor((line) => line.row.juniorsPerSenior, {
    id: "ratio",
    header: "Juniors per senior",
    meta: { numeric: true },
    cell: (info) => {
      const ratio = info.getValue();
      return ratio === null ? "no seniors" : formatNumber(ratio, 2);
    },
  }),
]);

/**
 * Every step of the plan in one table, each row an anchor (`#month-3`) that the warnings link to:
 * people, joiners, capacity, interviews, mentoring and the ratio. Interviews are the org's (its
 * recruiters and interviewers serve every team), whichever team `rows` shows.
 */
export function MonthTable({
  rows,
  orgRows,
  stepMonths,
  start,
  horizonMonths,
  teamName,
}: {
  rows: readonly ViewRow[];
  orgRows: readonly Pick<ProjectionRow, "interviewHours" | "interviewShare">[];
  stepMonths: number;
  start: string;
  horizonMonths: number;
  teamName?: string;
}) {
  const data = useMemo(
    () =>
      rows.map((row, i) => {
        const last = Math.min(row.monthOffset + stepMonths, horizonMonths) - 1;
        const name =
          last === row.monthOffset
            ? formatMonth(row.period)
            : `${formatMonth(row.period)} to ${formatMonth(addMonths(start, last))}`;
        return {
          row,
          name,
          interviewHours: orgRows[i]?.interviewHours ?? 0,
          interviewShare: orgRows[i]?.interviewShare ?? 0,
        };
      }),
    [rows, orgRows, stepMonths, start, horizonMonths],
  );
  const table = useTable({ features, columns, data });
  return (
    <section className="card section" aria-labelledby="months-title">
      <h2 id="months-title">{teamName ? `${teamName}: month` : "Month"} by month</h2>
      <p className="card-note">
        {stepMonths === 1 ? "Each month" : stepMonths === 3 ? "Each quarter" : "Each year"} of the plan; the warnings
        above link here. People are expected values, rounded{teamName ? "; interviews are the whole org's" : ""}.
      </p>
      <div className="month-table">
        <DataTable table={table} />
      </div>
    </section>
  );
}
