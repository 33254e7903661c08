import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { CHOICE_FIELDS, type Leaver } from "~/forms/import-choices";
import { DataTable } from "./data-table";

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, Leaver>();

const columns = helper.columns([
  helper.accessor("name", { header: "Engineer" }),
  helper.accessor("reason", {
    header: "In the file",
    cell: (info) =>
      info.getValue() === "left" ? (
        <span className="pill warn">has left</span>
      ) : (
        <span className="pill">not listed</span>
      ),
  }),
  helper.display({
    id: "mark",
    header: "Mark as left",
    cell: ({ row }) => (
      <label className="checkbox-label">
        <input type="hidden" name={CHOICE_FIELDS.leaver(row.original.engineerId)} value="1" />
        <input
          type="checkbox"
          name={CHOICE_FIELDS.leaverMarked(row.original.engineerId)}
          defaultChecked={row.original.marked}
          aria-label={`Mark ${row.original.name} as left`}
        />
        Left
      </label>
    ),
  }),
  helper.display({
    id: "on",
    header: "On",
    cell: ({ row }) => (
      <>
        <input
          type="date"
          name={CHOICE_FIELDS.leaverOn(row.original.engineerId)}
          defaultValue={row.original.on}
          aria-label={`Day ${row.original.name} left`}
          aria-invalid={row.original.error ? true : undefined}
        />
        {row.original.error ? <p className="field-error">{row.original.error}</p> : null}
      </>
    ),
  }),
]);

/** People on the team the file says have left or does not list, each to mark as left on a day. */
export function LeaversTable({ leavers }: { leavers: Leaver[] }) {
  const table = useTable({ features, columns, data: leavers });
  return <DataTable table={table} />;
}
