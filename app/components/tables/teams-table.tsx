import { Form } from "@remix-run/react";
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
import { formatNumber } from "~/utils/format";
import { DataTable } from "./data-table";

/** What the teams table shows of a team. */
export interface TeamTableRow {
  id: number;
  name: string;
  size: number;
  juniors: number;
  seniors: number;
  juniorsPerSenior: number | null;
  band: [number, number];
  ownBand: boolean;
  ratioInBand: boolean;
  archived: boolean;
  version: number;
}

/** "3 juniors, no senior", "1 junior per senior", "1.5 juniors per senior", "no juniors or seniors". */
export function ratioWords(team: Pick<TeamTableRow, "juniors" | "seniors" | "juniorsPerSenior">): string {
  if (team.seniors === 0) {
    if (team.juniors === 0) return "no juniors or seniors";
    return `${team.juniors} junior${team.juniors === 1 ? "" : "s"}, no senior`;
  }
  const ratio = team.juniorsPerSenior ?? 0;
  return `${formatNumber(ratio, 2)} junior${ratio === 1 ? "" : "s"} per senior`;
}

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
});
const helper = createColumnHelper<typeof features, TeamTableRow>();

const columns = helper.columns([
  helper.accessor("name", {
    header: "Team",
    sortFn: "alphanumeric",
    cell: ({ row }) => (
      <>
        {row.original.name} {row.original.archived ? <span className="pill">archived</span> : null}
      </>
    ),
  }),
  helper.accessor("size", { header: "People", sortFn: "basic" }),
  helper.accessor((t) => t.juniorsPerSenior ?? Infinity, {
    id: "ratio",
    header: "Juniors per senior",
    sortFn: "basic",
    cell: ({ row }) => (
      <span className={`pill ${row.original.ratioInBand ? "good" : "bad"}`}>{ratioWords(row.original)}</span>
    ),
  }),
  helper.display({
    id: "edit",
    header: "Name and target band",
    cell: ({ row }) => <TeamEditForm team={row.original} />,
  }),
  helper.display({
    id: "manage",
    header: "Archive or delete",
    cell: ({ row }) => (
      <div className="inline-forms">
        <Form method="post" className="inline-form">
          <input type="hidden" name="id" value={row.original.id} />
          <button
            type="submit"
            name="intent"
            value={row.original.archived ? "unarchive" : "archive"}
            className="button button-light button-small"
          >
            {row.original.archived ? "Restore" : "Archive"}
          </button>
        </Form>
        <Form method="post" className="inline-form">
          <input type="hidden" name="id" value={row.original.id} />
          <button
            type="submit"
            name="intent"
            value="delete"
            className="button button-danger button-small"
            disabled={row.original.size > 0}
            title={row.original.size > 0 ? "Move its people to another team first" : undefined}
          >
            Delete
          </button>
        </Form>
      </div>
    ),
  }),
]);

function TeamEditForm({ team }: { team: TeamTableRow }) {
  const [low, high] = team.band;
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="id" value={team.id} />
      <input type="hidden" name="version" value={team.version} />
      <input type="text" name="name" defaultValue={team.name} aria-label={`Name of ${team.name}`} size={14} />
      <input
        type="text"
        inputMode="decimal"
        name="ratioLow"
        size={3}
        defaultValue={team.ownBand ? String(low) : ""}
        placeholder={String(low)}
        aria-label={`Lowest juniors per senior for ${team.name}`}
      />
      <span aria-hidden="true">to</span>
      <input
        type="text"
        inputMode="decimal"
        name="ratioHigh"
        size={3}
        defaultValue={team.ownBand ? String(high) : ""}
        placeholder={String(high)}
        aria-label={`Highest juniors per senior for ${team.name}`}
      />
      <button type="submit" name="intent" value="update" className="button button-light button-small">
        Save
      </button>
    </Form>
  );
}

export function TeamsTable({ teams }: { teams: TeamTableRow[] }) {
  const [sorting, setSorting] = useState<SortingState>([]);
  // Rows keyed by team, so each row's edit form stays with its team when the list changes.
  const table = useTable({
    features,
    columns,
    data: teams,
    getRowId: (team) => String(team.id),
    state: { sorting },
    onSortingChange: setSorting,
  });
  return <DataTable table={table} empty="No teams yet: add the first one below." />;
}
