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
import { useMemo, useState } from "react";
import { PROFICIENCY_LABELS, type Skill, type SkillMap } from "~/domain";
import { DataTable } from "./data-table";

interface MatrixRow {
  skill: string;
  expected: Record<string, number>;
}

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
});
const helper = createColumnHelper<typeof features, MatrixRow>();

/** Skills down, levels across: what each level expects. Sortable by skill or by any level. */
export function SkillMatrix({
  levels,
  skills,
}: {
  levels: { id: string; title: string; expectations: SkillMap }[];
  skills: Skill[];
}) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const data = useMemo(
    () =>
      skills.map((skill) => ({
        skill: skill.name,
        expected: Object.fromEntries(levels.map((l) => [l.id, l.expectations[skill.id] ?? 0])),
      })),
    [levels, skills],
  );
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor("skill", { header: "Skill", sortFn: "alphanumeric" }),
        ...levels.map((level) =>
          helper.accessor((row) => row.expected[level.id] ?? 0, {
            id: level.id,
            header: level.id,
            sortFn: "basic",
            sortDescFirst: true,
            meta: { numeric: true, title: level.title },
            cell: (info) => {
              const p = info.getValue();
              return p === 0 ? <span className="muted">–</span> : <span title={PROFICIENCY_LABELS[p]}>{p}</span>;
            },
          }),
        ),
      ]),
    [levels],
  );
  const table = useTable({ features, columns, data, state: { sorting }, onSortingChange: setSorting });
  return <DataTable table={table} />;
}
