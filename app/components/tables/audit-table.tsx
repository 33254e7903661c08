import {
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  sortFn_alphanumeric,
  tableFeatures,
  useTable,
  type SortingState,
} from "@tanstack/react-table";
import { useState } from "react";
import { DataTable } from "./data-table";

export interface AuditLine {
  id: number;
  at: string;
  who: string;
  action: string;
  entity: string;
  entityId: string;
  summary: string;
  changes: string;
}

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric },
});
const helper = createColumnHelper<typeof features, AuditLine>();

const columns = helper.columns([
  helper.accessor("at", {
    header: "When (UTC)",
    sortFn: "alphanumeric",
    cell: (info) => `${info.getValue().slice(0, 10)} ${info.getValue().slice(11, 19)}`,
  }),
  helper.accessor("who", { header: "Who", sortFn: "alphanumeric" }),
  helper.accessor("action", { header: "Action", sortFn: "alphanumeric" }),
  helper.accessor((row) => `${row.entity} ${row.entityId}`, { id: "what", header: "What", sortFn: "alphanumeric" }),
  helper.accessor("summary", { header: "Summary", sortFn: "alphanumeric", meta: { wrap: true } }),
  helper.accessor("changes", {
    header: "Before → after",
    meta: { wrap: true },
    cell: (info) => <span className="audit-changes">{info.getValue()}</span>,
  }),
]);

/** Audit entries, newest first unless sorted otherwise. */
export function AuditTable({ lines }: { lines: AuditLine[] }) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const table = useTable({ features, columns, data: lines, state: { sorting }, onSortingChange: setSorting });
  return <DataTable table={table} empty="No changes match these filters." />;
}
