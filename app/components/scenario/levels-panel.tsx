import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { createContext, useContext, useMemo } from "react";
import type { Level, ScenarioIssue } from "~/domain";
import { issueAt, setIn, shownNumber, typedNumber, type Draft } from "./draft";
import { DataTable } from "~/components/tables/data-table";

interface LevelRow {
  index: number;
  level: Level;
}

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, LevelRow>();

/** The fields of a level this scenario may override, with how they are typed. */
const FIELDS: { key: string; path: string[]; header: string; scale?: number; optional?: boolean }[] = [
  { key: "mid", path: ["band", "mid"], header: "Hiring salary (band mid, $)" },
  { key: "output", path: ["output"], header: "Output" },
  { key: "ramp", path: ["rampMonths"], header: "Ramp-up (months)" },
  { key: "attrition", path: ["annualAttrition"], header: "Attrition (%/yr)", scale: 100 },
  { key: "promotion", path: ["annualPromotion"], header: "Promotion (%/yr)", scale: 100 },
  { key: "mentor", path: ["mentorHours"], header: "Mentor h/week" },
  { key: "mentee", path: ["menteeHours"], header: "Mentee h/week" },
  // Hiring (MODEL.md section 7): left empty, a level takes no time to fill and no interviews.
  { key: "fill", path: ["timeToFillMonths"], header: "Time to fill (months)", optional: true },
  { key: "interviews", path: ["interviewHours"], header: "Interview h/hire", optional: true },
];

// Cells read the draft from context, so the columns stay the same across edits and an input
// keeps its focus while someone types.
const LevelsContext = createContext<{ draft: Draft; issues: ScenarioIssue[]; onChange: (d: Draft) => void } | null>(
  null,
);

function LevelCell({ field, row }: { field: (typeof FIELDS)[number]; row: LevelRow }) {
  const { draft, issues, onChange } = useContext(LevelsContext)!;
  const { index, level } = row;
  let value: unknown = level;
  for (const part of field.path) value = (value as Record<string, unknown> | undefined)?.[part];
  const issuePath = `levels[${index}].${field.path.join(".")}`;
  const error =
    issueAt(issues, issuePath) ?? (field.key === "mid" ? issueAt(issues, `levels[${index}].band`) : undefined);
  return (
    <span className={error ? "field invalid" : "field"}>
      <input
        aria-label={`${field.header} for ${level.id}`}
        type="text"
        inputMode="decimal"
        size={field.key === "mid" ? 8 : 4}
        value={shownNumber(value, field.scale)}
        aria-invalid={Boolean(error)}
        placeholder={field.optional ? "0" : undefined}
        onChange={(e) =>
          onChange(
            setIn(
              draft,
              ["levels", index, ...field.path],
              field.optional && e.target.value.trim() === "" ? undefined : typedNumber(e.target.value, field.scale),
            ),
          )
        }
      />
      {error ? <span className="field-error">{error}</span> : null}
    </span>
  );
}

const columns = helper.columns([
  helper.display({
    id: "level",
    header: "Level",
    cell: ({ row }) => `${row.original.level.id} · ${row.original.level.title}`,
  }),
  ...FIELDS.map((field) =>
    helper.display({
      id: field.key,
      header: field.header,
      cell: ({ row }) => <LevelCell field={field} row={row.original} />,
    }),
  ),
]);

/** This scenario's own copy of the ladder's planning parameters, editable level by level. */
export function LevelsPanel({
  draft,
  issues,
  onChange,
}: {
  draft: Draft;
  issues: ScenarioIssue[];
  onChange: (d: Draft) => void;
}) {
  const data = useMemo(() => draft.levels.map((level, index) => ({ index, level })), [draft.levels]);
  const context = useMemo(() => ({ draft, issues, onChange }), [draft, issues, onChange]);
  const table = useTable({ features, columns, data });
  const levelIssues = issues.filter((i) => /^levels\[\d+\]$/.test(i.path));
  return (
    <LevelsContext.Provider value={context}>
      <div id="scenario-levels">
        <DataTable table={table} />
      </div>
      {levelIssues.map((issue) => (
        <p key={issue.path} className="field-error">
          {draft.levels[Number(/\d+/.exec(issue.path)![0])]?.title ?? issue.path}: {issue.message}
        </p>
      ))}
    </LevelsContext.Provider>
  );
}
