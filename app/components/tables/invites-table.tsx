import { Form } from "@remix-run/react";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { formatDay } from "~/utils/format";
import { VisuallyHidden } from "~/components/ui/visually-hidden";
import { DataTable } from "./data-table";

export interface InviteLine {
  id: number;
  name: string;
  email: string;
  role: "admin" | "planner" | "viewer";
  invitedBy: string;
  expiresAt: string;
}

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, InviteLine>();

const columns = helper.columns([
  helper.accessor("name", { header: "Name" }),
  helper.accessor("email", { header: "Email" }),
  helper.accessor("role", { header: "Role" }),
  helper.accessor("invitedBy", { header: "Invited by" }),
  helper.accessor("expiresAt", { header: "Link works until", cell: (info) => formatDay(new Date(info.getValue())) }),
  helper.display({
    id: "revoke",
    header: () => <VisuallyHidden>Revoke</VisuallyHidden>,
    cell: ({ row }) => (
      <Form method="post" className="inline-form">
        <input type="hidden" name="id" value={row.original.id} />
        <button
          type="submit"
          name="intent"
          value="revoke"
          className="button button-light button-small"
          aria-label={`Revoke the invite of ${row.original.name}`}
        >
          Revoke
        </button>
      </Form>
    ),
  }),
]);

/** Invites not yet used, each with the way to withdraw it. */
export function InvitesTable({ invites }: { invites: InviteLine[] }) {
  const table = useTable({ features, columns, data: invites, getRowId: (invite) => String(invite.id) });
  return <DataTable table={table} />;
}
