import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { CHOICE_FIELDS, type PlannedColumn, type PlannedTitle } from "~/forms/import-choices";
import { ROSTER_COLUMNS } from "~/forms/roster-columns";
import { DataTable } from "./data-table";

const features = tableFeatures({});
const columnHelper = createColumnHelper<typeof features, PlannedColumn & { index: number }>();
const titleHelper = createColumnHelper<typeof features, PlannedTitle & { index: number }>();

/**
 * Each column of the file, a few of its values, and what Teamshape reads it as: a select per
 * column (named `column.<i>`, in the import form), so a wrong match is corrected in place.
 */
export function ImportColumnsTable({
  columns,
  skills,
}: {
  columns: PlannedColumn[];
  skills: { id: string; name: string }[];
}) {
  const table = useTable({
    features,
    data: columns.map((c, index) => ({ ...c, index })),
    columns: columnHelper.columns([
      columnHelper.accessor("header", {
        header: "Column in the file",
        cell: (info) => info.getValue() || <span className="muted">(no header)</span>,
      }),
      columnHelper.accessor((c) => c.samples.join(" · "), {
        id: "samples",
        header: "Values, for example",
        meta: { wrap: true },
        cell: (info) => info.getValue() || <span className="muted">empty</span>,
      }),
      columnHelper.display({
        id: "use",
        header: "Read as",
        cell: ({ row }) => (
          <select
            name={CHOICE_FIELDS.column(row.original.index)}
            defaultValue={row.original.use}
            aria-label={`Read the column "${row.original.header}" as`}
          >
            <option value="">Not used</option>
            {ROSTER_COLUMNS.map((c) => (
              <option key={c.field} value={c.field}>
                {c.label}
              </option>
            ))}
            {skills.length > 0 ? (
              <optgroup label="Skills (0-4)">
                {skills.map((s) => (
                  <option key={s.id} value={`skill:${s.id}`}>
                    Skill: {s.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        ),
      }),
    ]),
  });
  return <DataTable table={table} />;
}

const FROM = {
  choice: { label: "your choice", className: "pill" },
  saved: { label: "kept from the last import", className: "pill" },
  suggested: { label: "suggested", className: "pill good" },
} as const;

/** Each distinct job title, how many people have it, and its level: a select per title. */
export function ImportTitlesTable({
  titles,
  levels,
}: {
  titles: PlannedTitle[];
  levels: { id: string; title: string }[];
}) {
  const table = useTable({
    features,
    data: titles.map((t, index) => ({ ...t, index })),
    columns: titleHelper.columns([
      titleHelper.accessor("title", { header: "Job title in the file" }),
      titleHelper.accessor("count", { header: "People", meta: { numeric: true } }),
      titleHelper.display({
        id: "level",
        header: "Level",
        cell: ({ row }) => (
          <>
            <input type="hidden" name={CHOICE_FIELDS.titleKey(row.original.index)} value={row.original.key} />
            <select
              name={CHOICE_FIELDS.titleLevel(row.original.index)}
              defaultValue={row.original.levelId}
              aria-label={`Level of "${row.original.title}"`}
            >
              {row.original.levelId === "" ? <option value="">Choose a level</option> : null}
              {levels.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.id} {l.title}
                </option>
              ))}
            </select>
          </>
        ),
      }),
      titleHelper.display({
        id: "from",
        header: "Why",
        cell: ({ row }) =>
          row.original.from === "suggested" && !row.original.sure ? (
            <span className="pill warn">check: a guess</span>
          ) : (
            <span className={FROM[row.original.from].className}>{FROM[row.original.from].label}</span>
          ),
      }),
    ]),
  });
  return <DataTable table={table} />;
}
