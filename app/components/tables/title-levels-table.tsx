import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { CHOICE_FIELDS } from "~/forms/import-choices";
import { DataTable } from "./data-table";

/** A job title imports matched to a level, with how many engineers have it now. */
export interface TitleLevelRow {
  key: string;
  title: string;
  levelId: string;
  people: number;
  updatedBy: string;
}

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, TitleLevelRow & { index: number }>();

/** The job titles the next import reads as levels; with `editable`, a level select per title. */
export function TitleLevelsTable({
  titles,
  levels,
  editable,
}: {
  titles: TitleLevelRow[];
  levels: { id: string; title: string }[];
  editable: boolean;
}) {
  const levelName = (id: string) => levels.find((l) => l.id === id)?.title ?? id;
  const table = useTable({
    features,
    data: titles.map((t, index) => ({ ...t, index })),
    columns: helper.columns([
      helper.accessor("title", { header: "Job title" }),
      helper.accessor("people", { header: "Engineers now", meta: { numeric: true } }),
      helper.display({
        id: "level",
        header: "Level",
        cell: ({ row }) =>
          editable ? (
            <>
              <input type="hidden" name={CHOICE_FIELDS.titleKey(row.original.index)} value={row.original.key} />
              <select
                name={CHOICE_FIELDS.titleLevel(row.original.index)}
                defaultValue={row.original.levelId}
                aria-label={`Level of "${row.original.title}"`}
              >
                {levels.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.id} {l.title}
                  </option>
                ))}
                <option value="">Forget this title</option>
              </select>
            </>
          ) : (
            `${row.original.levelId} ${levelName(row.original.levelId)}`
          ),
      }),
      helper.accessor("updatedBy", { header: "Set by" }),
    ]),
  });
  return (
    <DataTable
      table={table}
      empty="No job titles yet: they are kept when a team file with a job title column is imported."
    />
  );
}
