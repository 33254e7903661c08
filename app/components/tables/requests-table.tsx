import { Link } from "@remix-run/react";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import type { RequestStatus } from "~/forms/request";
import { formatMoney, formatMonth } from "~/utils/format";
import { outcomeInWords, shortDay, STATUS_WORDS } from "~/utils/request-words";
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

const columns = helper.columns([
  helper.accessor("id", {
    header: "Request",
    cell: (info) => <Link to={`/requests/${info.getValue()}`}>#{info.getValue()}</Link>,
  }),
  helper.accessor("levelTitle", { header: "Level" }),
  helper.accessor("teamName", { header: "Team", cell: (info) => info.getValue() || "—" }),
  helper.accessor("month", { header: "Starts", cell: (info) => formatMonth(info.getValue()) }),
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
  helper.accessor("status", { header: "Status", cell: (info) => <StatusPill status={info.getValue()} /> }),
  helper.display({
    id: "outcome",
    header: "Outcome",
    meta: { wrap: true },
    cell: ({ row }) => (row.original.status === "requested" ? "—" : outcomeInWords(row.original)),
  }),
]);

/** Headcount requests, newest first, each with its status and what was decided. */
export function RequestsTable({ requests }: { requests: RequestLine[] }) {
  const table = useTable({ features, columns, data: requests, getRowId: (r) => String(r.id) });
  return <DataTable table={table} empty="No requests match these filters." />;
}
