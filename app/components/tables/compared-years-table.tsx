import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useMemo } from "react";
import type { FiscalPeriod } from "~/domain";
import { formatExpectedPeople, formatMoneyShort, formatPeople } from "~/utils/format";
import { DataTable } from "./data-table";
import { PeriodName } from "./periods-table";

const features = tableFeatures({});
/** One fiscal year: that year in each compared scenario, in the comparison's order. */
type YearRow = FiscalPeriod[];
const helper = createColumnHelper<typeof features, YearRow>();

function yearColumns(names: string[], baselineIndex: number, nextYear: number | null) {
  return helper.columns([
    helper.display({
      id: "year",
      header: "Fiscal year",
      meta: { wrap: true },
      cell: ({ row: { original } }) => <PeriodName period={original[0]!} nextYear={nextYear} />,
    }),
    ...names.map((name, i) =>
      helper.display({
        id: `scenario-${i}`,
        header: name,
        meta: { numeric: true, title: "Total cost (loaded cost plus recruiting), then people at the year's end" },
        cell: ({ row: { original } }) => {
          const year = original[i]!;
          const base = original[baselineIndex]!;
          const difference = year.totalCost - base.totalCost;
          return (
            <>
              <strong>{formatMoneyShort(year.totalCost)}</strong>
              {i !== baselineIndex && Math.abs(difference) >= 500 ? (
                <>
                  {" "}
                  <span className={`pill ${difference < 0 ? "good" : "bad"}`}>
                    {difference < 0 ? "-" : "+"}
                    {formatMoneyShort(Math.abs(difference))}
                  </span>
                </>
              ) : null}
              <br />
              <span className="muted" title={formatExpectedPeople(year.endHeadcount)}>
                {formatPeople(year.endHeadcount)} people, {formatPeople(year.hires, "hire")}
              </span>
            </>
          );
        },
      }),
    ),
  ]);
}

/**
 * The compared scenarios' cost by fiscal year over the months they all cover, side by side: each
 * cell the year's total cost (with its difference from the baseline), the people at the year's end
 * and the hires. `years` is one list per scenario, all over the same fiscal years.
 */
export function ComparedYearsTable({
  names,
  years,
  baselineIndex,
  nextYear,
}: {
  names: string[];
  years: FiscalPeriod[][];
  baselineIndex: number;
  nextYear: number | null;
}) {
  const columns = useMemo(() => yearColumns(names, baselineIndex, nextYear), [names, baselineIndex, nextYear]);
  const data = useMemo(() => (years[0] ?? []).map((_, y) => years.map((own) => own[y]!)), [years]);
  const table = useTable({ features, columns, data, getRowId: (row) => row[0]!.name });
  return <DataTable table={table} className="data" empty="No months of the comparison fall in a fiscal year." />;
}
