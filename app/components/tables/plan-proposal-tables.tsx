import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import type { ProposalGoal, ProposalHire, ProposalLimit } from "~/utils/plan-proposal";
import { DataTable } from "./data-table";

const features = tableFeatures({});

const hireHelper = createColumnHelper<typeof features, ProposalHire>();
const hireColumns = hireHelper.columns([
  hireHelper.accessor("monthWords", { header: "Starts in" }),
  hireHelper.accessor("levelTitle", { header: "Level" }),
  hireHelper.accessor("teamName", { header: "Team" }),
  hireHelper.accessor("count", { header: "Hires", meta: { numeric: true } }),
]);
const hireColumnsNoTeams = hireColumns.filter((column) => column.header !== "Team");

/** The proposal's hires, by month, then level, then team. */
export function ProposalHiresTable({ rows, withTeams }: { rows: ProposalHire[]; withTeams: boolean }) {
  const table = useTable({ features, columns: withTeams ? hireColumns : hireColumnsNoTeams, data: rows });
  return <DataTable table={table} empty="No hires to add." />;
}

/** A goal or a hiring limit, now and with the proposal. */
export interface TargetRow {
  label: string;
  metNow: boolean;
  met: boolean;
  /** The engine's words for the proposal ("Capacity reaches 30 from 2027-09."). */
  message: string | null;
}

export const targetRows = (goals: readonly ProposalGoal[], limits: readonly ProposalLimit[]): TargetRow[] => [
  ...goals.map((g) => ({ label: g.label, metNow: g.now.met, met: g.proposed.met, message: g.proposed.message })),
  ...limits.map((l) => ({ label: l.label, metNow: l.metNow, met: l.met, message: null })),
];

const verdict = (met: boolean) => <span className={`pill ${met ? "good" : "bad"}`}>{met ? "Met" : "Not met"}</span>;

const targetHelper = createColumnHelper<typeof features, TargetRow>();
const targetColumnsFor = (proposed: string) =>
  targetHelper.columns([
    targetHelper.accessor("label", {
      header: "Goal",
      meta: { wrap: true },
      cell: (info) => info.getValue().replace(/^./, (c) => c.toUpperCase()),
    }),
    targetHelper.accessor("metNow", { header: "The plan now", cell: (info) => verdict(info.getValue()) }),
    targetHelper.accessor("met", {
      header: proposed,
      meta: { wrap: true },
      cell: ({ row }) => (
        <>
          {verdict(row.original.met)}{" "}
          {row.original.message ? <span className="muted">{row.original.message}</span> : null}
        </>
      ),
    }),
  ]);
const proposalColumns = targetColumnsFor("With the proposal");
const closestColumns = targetColumnsFor("With the closest plan");

/** Each goal (and hiring limit) under the current plan and under the proposal. */
export function ProposalGoalsTable({ rows, closest }: { rows: TargetRow[]; closest: boolean }) {
  const table = useTable({ features, columns: closest ? closestColumns : proposalColumns, data: rows });
  return <DataTable table={table} />;
}
