import { Form, Link } from "@remix-run/react";
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
import { MIN_PASSWORD } from "~/forms/account";
import { DataTable } from "./data-table";

export interface UserRow {
  id: number;
  name: string;
  email: string;
  role: "admin" | "planner" | "viewer";
  createdAt: string;
  isYou: boolean;
  /** Signed in with a password an admin set, and not yet changed it. */
  mustChangePassword: boolean;
}

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric },
});
const helper = createColumnHelper<typeof features, UserRow>();

const columns = helper.columns([
  helper.accessor("name", {
    header: "Name",
    sortFn: "alphanumeric",
    cell: (info) => (
      <>
        {info.row.original.isYou ? `${info.getValue()} (you)` : info.getValue()}
        {info.row.original.mustChangePassword ? (
          <span className="muted cell-note">Chooses a new password at next sign-in</span>
        ) : null}
      </>
    ),
  }),
  helper.accessor("email", { header: "Email", sortFn: "alphanumeric" }),
  helper.accessor("role", {
    header: "Role",
    sortFn: "alphanumeric",
    cell: ({ row }) => (
      <Form method="post" className="inline-form">
        <input type="hidden" name="id" value={row.original.id} />
        <select name="role" defaultValue={row.original.role} aria-label={`Role of ${row.original.name}`}>
          <option value="admin">admin</option>
          <option value="planner">planner</option>
          <option value="viewer">viewer</option>
        </select>
        <button type="submit" name="intent" value="role" className="button button-light button-small">
          Change
        </button>
      </Form>
    ),
  }),
  helper.accessor("createdAt", {
    header: "Added",
    sortFn: "alphanumeric",
    cell: (info) => info.getValue().slice(0, 10),
  }),
  helper.display({
    id: "manage",
    header: "Password and access",
    cell: ({ row }) => (
      <div className="inline-forms">
        {row.original.isYou ? (
          <Link to="/account" className="button button-light button-small">
            Change your password
          </Link>
        ) : (
          <Form method="post" className="inline-form">
            <input type="hidden" name="id" value={row.original.id} />
            <input
              type="password"
              name="password"
              autoComplete="new-password"
              placeholder={`New password (${MIN_PASSWORD}+ characters)`}
              aria-label={`New password for ${row.original.name}`}
            />
            <button type="submit" name="intent" value="reset" className="button button-light button-small">
              Reset password
            </button>
          </Form>
        )}
        {row.original.isYou ? null : (
          <Form
            method="post"
            className="inline-form"
            onSubmit={(event) => {
              if (
                !confirm(`Remove ${row.original.name}? They are signed out at once; the audit trail keeps their name.`)
              )
                event.preventDefault();
            }}
          >
            <input type="hidden" name="id" value={row.original.id} />
            <button type="submit" name="intent" value="remove" className="button button-danger button-small">
              Remove
            </button>
          </Form>
        )}
      </div>
    ),
  }),
]);

/** Every account with its role, a password reset and removal (your own password: the account page). */
export function UsersTable({ users }: { users: UserRow[] }) {
  const [sorting, setSorting] = useState<SortingState>([]);
  // Rows keyed by user, so each row's role menu and password field stay with their user when the list changes.
  const table = useTable({
    features,
    columns,
    data: users,
    getRowId: (user) => String(user.id),
    state: { sorting },
    onSortingChange: setSorting,
  });
  return <DataTable table={table} />;
}
