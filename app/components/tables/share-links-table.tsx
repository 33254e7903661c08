import { Form } from "@remix-run/react";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { formatShortDay, formatShortMoment } from "~/utils/format";
import { VisuallyHidden } from "~/components/ui/visually-hidden";
import { DataTable } from "./data-table";

export interface ShareLinkLine {
  id: number;
  label: string;
  /** What it shows ("Hire 2 seniors" or "A vs B"), for the admin's list. */
  what: string;
  createdByName: string;
  createdAt: string;
  expiresOn: string;
  state: "active" | "expired" | "revoked";
  revokedAt: string | null;
  revokedByName: string | null;
  views: number;
  lastViewAt: string | null;
  /** The reader may revoke it: its maker or an admin, while it is active. */
  canRevoke: boolean;
}

export function shareStatusWords(link: Pick<ShareLinkLine, "state" | "expiresOn" | "revokedAt" | "revokedByName">) {
  if (link.state === "revoked")
    return `revoked${link.revokedByName ? ` by ${link.revokedByName}` : ""}${link.revokedAt ? ` on ${formatShortDay(link.revokedAt)}` : ""}`;
  if (link.state === "expired") return `expired after ${formatShortDay(link.expiresOn)}`;
  return `active until ${formatShortDay(link.expiresOn)}`;
}

export function shareViewsWords({ views, lastViewAt }: Pick<ShareLinkLine, "views" | "lastViewAt">) {
  if (views === 0 || !lastViewAt) return "not opened yet";
  return `opened ${views === 1 ? "once" : `${views} times`}, last ${formatShortMoment(lastViewAt)}`;
}

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, ShareLinkLine>();

const label = helper.accessor("label", { header: "Label", cell: (info) => info.getValue() || "(no label)" });
const what = helper.accessor("what", { header: "Report of" });
const rest = [
  helper.accessor("createdByName", {
    header: "Made by",
    cell: ({ row }) => row.original.createdByName,
  }),
  helper.accessor("state", { header: "Status", cell: ({ row }) => shareStatusWords(row.original) }),
  helper.accessor("views", { header: "Opened", cell: ({ row }) => shareViewsWords(row.original) }),
  helper.display({
    id: "revoke",
    header: () => <VisuallyHidden>Revoke</VisuallyHidden>,
    cell: ({ row }) =>
      row.original.canRevoke ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="id" value={row.original.id} />
          <button
            type="submit"
            name="intent"
            value="revoke-share"
            className="button button-light button-small"
            aria-label={`Revoke the link ${row.original.label ? `"${row.original.label}"` : `made ${formatShortDay(row.original.createdAt)}`}`}
          >
            Revoke
          </button>
        </Form>
      ) : null,
  }),
];
const reportColumns = helper.columns([label, ...rest]);
const allColumns = helper.columns([label, what, ...rest]);

/** Share links with their status and openings, each active one with the way to revoke it. */
export function ShareLinksTable({ links, showWhat = false }: { links: ShareLinkLine[]; showWhat?: boolean }) {
  const table = useTable({
    features,
    columns: showWhat ? allColumns : reportColumns,
    data: links,
    getRowId: (link) => String(link.id),
  });
  return <DataTable table={table} />;
}
