import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useMemo } from "react";
import { partialNote, type FiscalPeriod } from "~/domain";
import { formatExpectedPeople, formatMoney, formatWholePeople } from "~/utils/format";
import { DataTable } from "./data-table";

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, FiscalPeriod>();

/**
 * A period as a table's first cell: its name and months, "next year" on the year after today's,
 * and a note when the plan covers it only in part (shorter when `compact`, for a printed page).
 */
export function PeriodName({
  period: p,
  nextYear,
  compact = false,
}: {
  period: FiscalPeriod;
  nextYear: number | null;
  compact?: boolean;
}) {
  const partial =
    compact && p.coveredMonths < p.monthCount
      ? `partial: ${p.coveredMonths} of ${p.monthCount} months`
      : partialNote(p);
  return (
    <>
      <strong>{p.name}</strong> {compact ? <br /> : null}
      <span className="muted">{p.months}</span>
      {p.fiscalYear === nextYear ? (
        <>
          {" "}
          <span className="pill accent">next year</span>
        </>
      ) : null}
      {partial ? (
        <>
          <br />
          <span className="pill warn">{partial}</span>
        </>
      ) : null}
    </>
  );
}

const money = (header: string, key: "payroll" | "loadedCost" | "recruitingCost" | "totalCost", title?: string) =>
  helper.accessor(key, {
    header,
    meta: { numeric: true, title },
    cell: (info) => formatMoney(info.getValue()),
  });

/** The columns; the table memoises them per highlighted period (TanStack: columns must not change every render). */
function periodColumns(highlightYear: number | null, compact: boolean) {
  const columns = [
    helper.accessor("name", {
      header: "Period",
      meta: { wrap: true },
      cell: ({ row: { original: p } }) => <PeriodName period={p} nextYear={highlightYear} compact={compact} />,
    }),
    money("Total cost", "totalCost", "Loaded cost plus recruiting"),
    helper.accessor("endHeadcount", {
      header: "People at the end",
      meta: { numeric: true, title: "Expected headcount in the period's last month, to the nearest person" },
      cell: (info) => <span title={formatExpectedPeople(info.getValue())}>{formatWholePeople(info.getValue())}</span>,
    }),
    helper.accessor("hires", {
      header: "Hires",
      meta: { numeric: true, title: "Planned hires and replacements of people who leave, who start in the period" },
      cell: (info) => <span title={formatExpectedPeople(info.getValue())}>{formatWholePeople(info.getValue())}</span>,
    }),
    money("Salaries", "payroll"),
    money("Loaded cost", "loadedCost", "Salaries plus overhead"),
    money("Recruiting", "recruitingCost", "One-time fees for the people who start"),
  ];
  // A printed page has room for six columns: loaded cost is total cost less recruiting.
  return helper.columns(compact ? columns.filter((c) => c.header !== "Loaded cost") : columns);
}

/**
 * Fiscal quarters or years (from `fiscalPeriods`) as a table: cost, people at the end and hires,
 * each period named with its months; `nextYear` (a fiscal year, 2028) marks its periods "next year".
 * `compact` fits a printed page: six columns, no loaded cost.
 */
export function PeriodsTable({
  periods,
  nextYear = null,
  compact = false,
}: {
  periods: FiscalPeriod[];
  nextYear?: number | null;
  compact?: boolean;
}) {
  const columns = useMemo(() => periodColumns(nextYear, compact), [nextYear, compact]);
  const table = useTable({ features, columns, data: periods, getRowId: (p) => p.name });
  return (
    <DataTable
      table={table}
      className={compact ? "data periods-compact" : "data"}
      empty="No months of the plan fall in a fiscal period."
    />
  );
}
