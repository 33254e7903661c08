import { Link } from "@remix-run/react";
import {
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
  type SortingState,
} from "@tanstack/react-table";
import { useState } from "react";
import type { ProjectionSummary } from "~/domain";
import {
  formatExpectedPeople,
  formatMoney,
  formatMoneyShort,
  formatNumber,
  formatPercent,
  formatPeople,
} from "~/utils/format";
import { DataTable } from "./data-table";

/** What the table shows of a scenario: its name, frame and projection summary. */
export interface ScenarioTableRow {
  id: number;
  name: string;
  start: string;
  horizonMonths: number;
  summary: ProjectionSummary;
}

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
});
const helper = createColumnHelper<typeof features, ScenarioTableRow>();

const columns = helper.columns([
  helper.display({
    id: "pick",
    header: "Compare",
    cell: ({ row }) => (
      <input type="checkbox" name="ids" value={row.original.id} aria-label={`Compare ${row.original.name}`} />
    ),
  }),
  helper.accessor("name", {
    header: "Scenario",
    sortFn: "alphanumeric",
    cell: (info) => <Link to={`/scenarios/${info.row.original.id}`}>{info.getValue()}</Link>,
  }),
  helper.accessor((s) => s.summary.totalCost, {
    id: "cost",
    header: "Total cost",
    sortFn: "basic",
    meta: { numeric: true },
    cell: (info) => formatMoneyShort(info.getValue()),
  }),
  helper.accessor((s) => s.summary.endTotalHeadcount, {
    id: "end",
    header: "End headcount",
    sortFn: "basic",
    meta: { numeric: true },
    cell: (info) => <span title={formatExpectedPeople(info.getValue())}>{formatPeople(info.getValue())}</span>,
  }),
  helper.accessor((s) => s.summary.meanCapacity, {
    id: "capacity",
    header: "Mean capacity",
    sortFn: "basic",
    meta: { numeric: true },
    cell: (info) => formatNumber(info.getValue()),
  }),
  helper.accessor((s) => s.summary.costPerCapacityMonth ?? Infinity, {
    id: "unit",
    header: "Cost per mid-level engineer-month of work",
    sortFn: "basic",
    meta: { numeric: true },
    cell: (info) => (Number.isFinite(info.getValue()) ? formatMoney(info.getValue()) : "n/a"),
  }),
  helper.accessor((s) => s.summary.lowestCoverage, {
    id: "coverage",
    header: "Lowest coverage",
    sortFn: "basic",
    meta: { numeric: true },
    cell: (info) => formatPercent(info.getValue()),
  }),
  helper.accessor((s) => s.summary.stepsRatioOutOfBand, {
    id: "ratio",
    header: "Periods with the ratio out of band",
    sortFn: "basic",
    meta: { numeric: true },
  }),
  helper.accessor((s) => `${s.start} + ${s.horizonMonths} mo`, {
    id: "frame",
    header: "Horizon",
    sortFn: "alphanumeric",
  }),
]);

/** Saved scenarios with their headline figures; a checkbox each to pick some to compare. */
export function ScenarioTable({ scenarios }: { scenarios: ScenarioTableRow[] }) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const table = useTable({ features, columns, data: scenarios, state: { sorting }, onSortingChange: setSorting });
  return <DataTable table={table} />;
}
