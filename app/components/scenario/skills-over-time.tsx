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
import { memo, useMemo, useState } from "react";
import type { ViewRow, Skill } from "~/domain";
import { formatExpectedPeople, formatPeople, formatWholePeople } from "~/utils/format";
import { DataTable } from "~/components/tables/data-table";

interface SkillLine {
  skill: string;
  start: number;
  end: number;
}

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
});
const helper = createColumnHelper<typeof features, SkillLine>();
/** Whole owners; the tooltip says it in words, with the expected value behind it. */
const owners = (value: number) => (
  <span
    className={value < 2 ? "thin" : undefined}
    title={`${formatPeople(value, "likely owner")} (${formatExpectedPeople(value).toLowerCase()})`}
  >
    {formatWholePeople(value)}
  </span>
);

/** Owners per skill at the start and at the end; thinnest at the end first. */
export const SkillsOverTime = memo(function SkillsOverTime({ rows, skills }: { rows: ViewRow[]; skills: Skill[] }) {
  const [first, last] = [rows[0]!, rows[rows.length - 1]!];
  const [sorting, setSorting] = useState<SortingState>([{ id: "end", desc: false }]);
  const data = useMemo(
    () =>
      skills.map((skill) => ({
        skill: skill.name,
        start: first.skillOwners[skill.id] ?? 0,
        end: last.skillOwners[skill.id] ?? 0,
      })),
    [skills, first, last],
  );
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor("skill", { header: "Skill", sortFn: "alphanumeric" }),
        helper.accessor("start", {
          meta: { numeric: true },
          header: first.period,
          sortFn: "basic",
          cell: (info) => owners(info.getValue()),
        }),
        helper.accessor("end", {
          meta: { numeric: true },
          header: last.period,
          sortFn: "basic",
          cell: (info) => owners(info.getValue()),
        }),
      ]),
    [first.period, last.period],
  );
  const table = useTable({ features, columns, data, state: { sorting }, onSortingChange: setSorting });
  return (
    <div className="card">
      <h2>Skills with owners over time</h2>
      <p className="card-note">
        Engineers at proficiency 3 or more at the start, and how many the plan likely leaves at the end; fewer than two
        expected is a bus-factor risk (red).
      </p>
      <DataTable table={table} />
    </div>
  );
});
