import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import type { PersonMove, PlannedHireOutcome, VarianceMonth } from "~/domain";
import { formatMoneyShort, formatMonth, formatNumber, formatPeople, formatShortDay } from "~/utils/format";
import { DataTable } from "./data-table";

const features = tableFeatures({});

/** A planned hire's status in words, with the pill's tone. */
export function hireStatusOf(hire: Pick<PlannedHireOutcome, "status" | "plannedMonth">): {
  text: string;
  tone: "good" | "warn" | "bad" | "";
} {
  switch (hire.status) {
    case "early":
      return { text: "early", tone: "good" };
    case "on time":
      return { text: "on time", tone: "good" };
    case "late":
      return { text: "late", tone: "warn" };
    case "overdue":
      return { text: `not yet, due ${formatMonth(hire.plannedMonth)}`, tone: "bad" };
    case "not due":
      return { text: `due ${formatMonth(hire.plannedMonth)}`, tone: "" };
  }
}

const hires = createColumnHelper<typeof features, PlannedHireOutcome>();
const hireColumns = (withTeams: boolean) =>
  hires.columns([
    hires.accessor("plannedMonth", { header: "Planned for", cell: (info) => formatMonth(info.getValue()) }),
    hires.display({
      id: "status",
      header: "Status",
      cell: ({ row }) => {
        const { text, tone } = hireStatusOf(row.original);
        return <span className={`pill${tone ? ` ${tone}` : ""}`}>{text}</span>;
      },
    }),
    hires.accessor("levelTitle", { header: "Level" }),
    ...(withTeams
      ? [hires.accessor("teamName", { header: "Team", cell: (info) => info.getValue() ?? "any team" })]
      : []),
    hires.display({
      id: "who",
      header: "Filled by",
      meta: { wrap: true },
      cell: ({ row }) => {
        const person = row.original.person;
        if (!person) return <span className="muted">nobody yet</span>;
        return (
          <>
            {person.name}{" "}
            <span className="muted">
              ({person.started ? "started" : "starts"} {formatShortDay(person.startDate)})
            </span>
          </>
        );
      },
    }),
  ]);
const HIRE_COLUMNS = { teams: hireColumns(true), none: hireColumns(false) };

/** Each planned hire since the adoption: made early, on time or late (and by whom), or not yet. */
export function PlannedHiresTable({ hires: data, withTeams }: { hires: PlannedHireOutcome[]; withTeams: boolean }) {
  const table = useTable({ features, columns: withTeams ? HIRE_COLUMNS.teams : HIRE_COLUMNS.none, data });
  return <DataTable table={table} empty="The plan has no hires from the day it was adopted." />;
}

const moves = createColumnHelper<typeof features, PersonMove>();
const moveColumns = (withTeams: boolean, kind: "leavers" | "joiners") =>
  moves.columns([
    moves.accessor("name", { header: "Engineer" }),
    ...(kind === "leavers"
      ? [
          moves.accessor("planned", {
            header: "In the plan?",
            cell: (info) =>
              info.getValue() ? (
                <span className="pill">planned departure</span>
              ) : (
                <span className="pill warn">not in the plan</span>
              ),
          }),
        ]
      : []),
    moves.accessor("on", {
      header: kind === "leavers" ? "Left on" : "Started on",
      cell: (info) => formatShortDay(info.getValue()),
    }),
    moves.accessor("levelTitle", { header: "Level" }),
    ...(withTeams
      ? [moves.accessor("teamName", { header: "Team", cell: (info) => info.getValue() ?? "no team" })]
      : []),
  ]);
const MOVE_COLUMNS = {
  leavers: { teams: moveColumns(true, "leavers"), none: moveColumns(false, "leavers") },
  joiners: { teams: moveColumns(true, "joiners"), none: moveColumns(false, "joiners") },
};

/** People who left since the adoption, and whether the plan had them leave. */
export function PlanLeaversTable({ leavers, withTeams }: { leavers: PersonMove[]; withTeams: boolean }) {
  const table = useTable({
    features,
    columns: MOVE_COLUMNS.leavers[withTeams ? "teams" : "none"],
    data: leavers,
  });
  return <DataTable table={table} empty="Nobody has left since the plan was adopted." />;
}

/** People who joined since the adoption without a planned hire to fill. */
export function UnplannedJoinersTable({ joiners, withTeams }: { joiners: PersonMove[]; withTeams: boolean }) {
  const table = useTable({
    features,
    columns: MOVE_COLUMNS.joiners[withTeams ? "teams" : "none"],
    data: joiners,
  });
  return <DataTable table={table} empty="Everyone who joined filled a planned hire." />;
}

/** "2 more", "1 fewer", "on plan": whole people, actual against planned. */
export function peopleDifference(actual: number, planned: number): string {
  const difference = Math.round(actual - planned);
  if (difference === 0) return "on plan";
  return `${Math.abs(difference)} ${difference > 0 ? "more" : "fewer"}`;
}

export interface GroupLine {
  id: string;
  name: string;
  planned: number;
  actual: number;
}

const groups = createColumnHelper<typeof features, GroupLine>();
const groupColumns = (noun: string) =>
  groups.columns([
    groups.accessor("name", { header: noun }),
    groups.accessor("planned", {
      header: "Planned",
      meta: { numeric: true },
      cell: (info) => formatPeople(info.getValue()),
    }),
    groups.accessor("actual", {
      header: "Actual",
      meta: { numeric: true },
      cell: (info) => formatNumber(info.getValue()),
    }),
    groups.display({
      id: "difference",
      header: "Difference",
      meta: { numeric: true },
      cell: ({ row }) => peopleDifference(row.original.actual, row.original.planned),
    }),
  ]);
const GROUP_COLUMNS = { Level: groupColumns("Level"), Team: groupColumns("Team") };

/** People per level or per team this month: planned (whole people), actual and the difference. */
export function HeadcountGroupTable({ lines, noun }: { lines: GroupLine[]; noun: "Level" | "Team" }) {
  const table = useTable({ features, columns: GROUP_COLUMNS[noun], data: lines });
  return <DataTable table={table} />;
}

const months = createColumnHelper<typeof features, VarianceMonth>();
const MONTH_COLUMNS = months.columns([
  months.accessor("month", {
    header: "Month",
    cell: (info) => `${formatMonth(info.getValue())}${info.row.original.current ? " (this month)" : ""}`,
  }),
  months.accessor((m) => m.planned.headcount, {
    id: "plannedPeople",
    header: "People planned",
    meta: { numeric: true },
    cell: (info) => formatPeople(info.getValue()),
  }),
  months.accessor((m) => m.actual.headcount, {
    id: "actualPeople",
    header: "People actual",
    meta: { numeric: true },
    cell: (info) => formatNumber(info.getValue()),
  }),
  months.accessor((m) => m.planned.totalCost, {
    id: "plannedCost",
    header: "Cost planned",
    meta: { numeric: true },
    cell: (info) => formatMoneyShort(info.getValue()),
  }),
  months.accessor((m) => m.actual.totalCost, {
    id: "actualCost",
    header: "Cost actual",
    meta: { numeric: true },
    cell: (info) => formatMoneyShort(info.getValue()),
  }),
  months.accessor((m) => m.planned.capacity, {
    id: "plannedCapacity",
    header: "Capacity planned",
    meta: { numeric: true },
    cell: (info) => formatNumber(info.getValue()),
  }),
  months.accessor((m) => m.actual.capacity, {
    id: "actualCapacity",
    header: "Capacity actual",
    meta: { numeric: true },
    cell: (info) => formatNumber(info.getValue()),
  }),
]);

/** Month by month since the adoption: people, cost and capacity, planned beside actual. */
export function VarianceMonthTable({ months: data }: { months: VarianceMonth[] }) {
  const table = useTable({ features, columns: MONTH_COLUMNS, data });
  return <DataTable table={table} />;
}
