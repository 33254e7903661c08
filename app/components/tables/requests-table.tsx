import { Link } from "@remix-run/react";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import type { RequestStatus } from "~/forms/request";
import { formatMoney } from "~/utils/format";
import { outcomeInWords, requestInWords, shortDay, STATUS_WORDS } from "~/utils/request-words";
import { DataTable } from "./data-table";

export interface RequestLine {
  id: number;
  levelTitle: string;
  teamName: string;
  month: string;
  salary: number | null;
  status: RequestStatus;
  requestedByName: string;
  createdAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string;
}

/** The colour of a status: waiting is neutral, approved good, declined bad, withdrawn plain. */
const PILL: Record<RequestStatus, string> = {
  requested: "pill accent",
  approved: "pill good",
  declined: "pill bad",
  withdrawn: "pill",
};

export function StatusPill({ status }: { status: RequestStatus }) {
  return <span className={PILL[status]}>{STATUS_WORDS[status]}</span>;
}

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, RequestLine>();

// What was asked, its status and its outcome come first, so a phone shows them without scrolling.
const columns = helper.columns([
  helper.accessor("id", {
    header: "Request",
    meta: { wrap: true },
    cell: ({ row }) => (
      <>
        <Link to={`/requests/${row.original.id}`}>#{row.original.id}</Link> {requestInWords(row.original)}
      </>
    ),
  }),
  helper.accessor("status", { header: "Status", cell: (info) => <StatusPill status={info.getValue()} /> }),
  helper.display({
    id: "outcome",
    header: "Outcome",
    meta: { wrap: true },
    cell: ({ row }) => (row.original.status === "requested" ? "—" : outcomeInWords(row.original)),
  }),
  helper.accessor("salary", {
    header: "Salary",
    meta: { numeric: true },
    cell: (info) => {
      const salary = info.getValue();
      return salary === null ? "band midpoint" : formatMoney(salary);
    },
  }),
  helper.accessor("requestedByName", {
    header: "Asked by",
    cell: (info) => `${info.getValue()}, ${shortDay(info.row.original.createdAt)}`,
  }),
]);

/** Headcount requests, newest first, each with its status and what was decided. */
export function RequestsTable({ requests }: { requests: RequestLine[] }) {
  const table = useTable({ features, columns, data: requests, getRowId: (r) => String(r.id) });
  return <DataTable table={table} empty="No requests match these filters." />;
}
