import { Link } from "@remix-run/react";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { formatPercent } from "~/utils/format";
import { DataTable } from "./data-table";
import { ratioWords } from "./teams-table";

/** One team at a glance (the dashboard's), as the table shows it. */
export interface TeamGlanceRow {
  id: number;
  name: string;
  headcount: number;
  juniors: number;
  seniors: number;
  juniorsPerSenior: number | null;
  band: [number, number];
  ratioInBand: boolean;
  coverage: number;
  thinSkills: number;
  problem: string | null;
}

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, TeamGlanceRow>();

const columns = helper.columns([
  helper.accessor("name", {
    header: "Team",
    cell: (info) => <Link to={`/?team=${info.row.original.id}`}>{info.getValue()}</Link>,
  }),
  helper.accessor("headcount", { header: "People", meta: { numeric: true } }),
  helper.display({
    id: "ratio",
    header: "Juniors per senior",
    cell: ({ row }) => (
      <span className={`pill ${row.original.ratioInBand ? "good" : "bad"}`}>
        {ratioWords(row.original)} (target {row.original.band[0]}-{row.original.band[1]})
      </span>
    ),
  }),
  helper.accessor("coverage", {
    header: "Mentoring covered",
    meta: { numeric: true },
    cell: (info) => formatPercent(info.getValue()),
  }),
  helper.accessor("thinSkills", { header: "Skills with under 2 owners", meta: { numeric: true } }),
  helper.accessor("problem", {
    header: "What to look at",
    meta: { wrap: true },
    cell: (info) => info.getValue() ?? <span className="muted">Nothing stands out</span>,
  }),
]);

/** Every team with its shape this month; teams with a problem first. */
export function TeamGlanceTable({ teams }: { teams: TeamGlanceRow[] }) {
  const table = useTable({ features, columns, data: teams, getRowId: (team) => String(team.id) });
  return <DataTable table={table} />;
}
