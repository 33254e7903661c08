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
import { useMemo, useState } from "react";
import type { Cell, Table } from "~/domain";
import {
  countsPeople,
  formatExpectedPeople,
  formatMoney,
  formatNumber,
  formatPercent,
  formatPeople,
  unitsForReaders,
} from "~/utils/format";
import { DataTable } from "./data-table";

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
});
const helper = createColumnHelper<typeof features, Cell[]>();

/** A cell as a reader expects it, from the units its column's header names. */
export function formatCell(value: Cell, header: string): string {
  if (value === null || value === "") return "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") return unitsForReaders(value);
  if (header.includes("($")) return formatMoney(value);
  if (header.includes("(0-1)") || header.includes("(%)") || /\brate\b/i.test(header)) return formatPercent(value, 1);
  if (countsPeople(header)) return formatPeople(value);
  return formatNumber(value, 2);
}

/**
 * A table of the exports (header and rows) as a page shows it: the same rows as the CSV and
 * workbook, formatted by the units in each header (or, for a ledger, in each row's first cell),
 * sortable by any column.
 */
export function ReportTable({
  table,
  empty = "None.",
  unitsInRows = false,
}: {
  table: Table;
  empty?: string;
  unitsInRows?: boolean;
}) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const columns = useMemo(
    () =>
      helper.columns(
        table.header.map((header, i) => {
          const numeric = table.rows.some((r) => typeof r[i] === "number");
          return helper.accessor((row) => row[i] ?? null, {
            id: String(i),
            header: unitsForReaders(header),
            sortFn: numeric ? "basic" : "alphanumeric",
            meta: { numeric },
            cell: (info) => {
              const value = info.getValue();
              const units = unitsInRows ? String(info.row.original[0]) : header;
              const text = formatCell(value, units);
              // An expected number of people reads whole; its expected value is in the tooltip.
              return typeof value === "number" && !Number.isInteger(value) && countsPeople(units) ? (
                <span title={formatExpectedPeople(value)}>{text}</span>
              ) : (
                text
              );
            },
          });
        }),
      ),
    [table, unitsInRows],
  );
  const reactTable = useTable({ features, columns, data: table.rows, state: { sorting }, onSortingChange: setSorting });
  return <DataTable table={reactTable} empty={empty} />;
}
