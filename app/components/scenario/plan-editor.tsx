import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { createContext, useContext, useMemo } from "react";
import { DataTable } from "~/components/tables/data-table";
import { ProficiencySelect } from "~/components/ui/proficiency-select";
import { addMonths, type PlanEvent, type ScenarioIssue, type Skill } from "~/domain";
import { formatMoney } from "~/utils/format";
import { issuesUnder, setIn, shownNumber, typedNumber, type Draft } from "./draft";

interface PlanRow {
  index: number;
  event: PlanEvent;
}

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, PlanRow>();

interface PlanContextValue {
  draft: Draft;
  members: { value: string; label: string; count: number }[];
  skills: Skill[];
  onChange: (d: Draft) => void;
}

// Cells read the draft from context, so the columns stay the same across edits and an input
// keeps its focus while someone types.
const PlanContext = createContext<PlanContextValue | null>(null);

function PlanCell({ column, row: planRow }: { column: string; row: PlanRow }) {
  const { draft, members, skills, onChange } = useContext(PlanContext)!;
  const update = (index: number, field: string, value: unknown) =>
    onChange(setIn(draft, ["plan", index, field], value));
  const replace = (index: number, event: unknown) => onChange(setIn(draft, ["plan", index], event));
  const { index, event } = planRow;
  const row = { original: planRow };
  switch (column) {
    case "month": {
      return (
        <span className="button-row">
          <input
            aria-label={`Month of event ${index + 1}`}
            type="text"
            inputMode="numeric"
            size={3}
            value={shownNumber(event.month)}
            onChange={(e) => update(index, "month", typedNumber(e.target.value))}
          />
          <span className="muted">{typeof event.month === "number" ? addMonths(draft.start, event.month) : ""}</span>
        </span>
      );
    }
    case "what": {
      return (
        <select
          aria-label={`Kind of event ${index + 1}`}
          value={event.type}
          onChange={(e) => {
            const type = e.target.value as PlanEvent["type"];
            if (type === "hire") replace(index, { type, level: draft.levels[0]!.id, count: 1, month: event.month });
            else replace(index, { type, member: members[0]?.value ?? "", month: event.month });
          }}
        >
          {Object.entries(WHAT).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      );
    }
    case "who": {
      return event.type === "hire" ? (
        <select
          aria-label={`Level of event ${index + 1}`}
          value={event.level}
          onChange={(e) => update(index, "level", e.target.value)}
        >
          {draft.levels.map((level) => (
            <option key={level.id} value={level.id}>
              {level.id} · {level.title}
            </option>
          ))}
        </select>
      ) : (
        <select
          aria-label={`Person of event ${index + 1}`}
          value={event.member}
          onChange={(e) => update(index, "member", e.target.value)}
        >
          {members.some((m) => m.value === event.member) ? null : (
            <option value={event.member}>{event.member || "Choose someone"}</option>
          )}
          {members.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
              {m.count > 1 ? ` (${m.count} people)` : ""}
            </option>
          ))}
        </select>
      );
    }
    case "count": {
      return event.type === "hire" ? (
        <input
          aria-label={`How many for event ${index + 1}`}
          type="text"
          inputMode="numeric"
          size={3}
          value={shownNumber(event.count)}
          onChange={(e) => update(index, "count", typedNumber(e.target.value))}
        />
      ) : (
        <span className="muted">all of them</span>
      );
    }
    case "salary": {
      if (event.type !== "hire")
        return (
          <span className="muted">
            {event.type === "promote"
              ? "+ promotion raise"
              : event.type === "depart"
                ? "backfilled per assumptions"
                : "salary kept"}
          </span>
        );
      const mid = draft.levels.find((l) => l.id === event.level)?.band.mid;
      return (
        <input
          aria-label={`Salary for event ${index + 1}`}
          type="text"
          inputMode="decimal"
          size={9}
          placeholder={mid ? `${formatMoney(mid)} (band mid)` : ""}
          value={event.salary === undefined ? "" : shownNumber(event.salary)}
          onChange={(e) =>
            update(
              index,
              "salary",
              e.target.value.trim() === "" ? undefined : typedNumber(e.target.value.replace(/[$,]/g, "")),
            )
          }
        />
      );
    }
    case "skills": {
      if (event.type !== "hire") return null;
      const held = event.skills ?? {};
      const count = Object.values(held).filter((p) => p > 0).length;
      return (
        <details className="columns-menu">
          <summary className="button button-light">{event.skills ? `${count} set` : "Level's expectations"}</summary>
          <div className="columns-panel skills-popover">
            <p className="muted" style={{ margin: 0 }}>
              Without skills, a hire counts as meeting the level&apos;s expectations.
            </p>
            {skills.map((skill) => (
              <label key={skill.id}>
                <span>{skill.name}</span>
                <ProficiencySelect
                  aria-label={`${skill.name} for event ${index + 1}`}
                  value={String(held[skill.id] ?? 0)}
                  onChange={(e) => update(index, "skills", { ...held, [skill.id]: Number(e.target.value) })}
                />
              </label>
            ))}
            {event.skills ? (
              <button type="button" className="button button-light" onClick={() => update(index, "skills", undefined)}>
                Use the level&apos;s expectations
              </button>
            ) : null}
          </div>
        </details>
      );
    }
    case "remove":
      return (
        <button
          type="button"
          className="button button-light"
          aria-label={`Remove event ${row.original.index + 1}`}
          onClick={() => onChange({ ...draft, plan: draft.plan.filter((_, i) => i !== row.original.index) })}
        >
          Remove
        </button>
      );
    default:
      return null;
  }
}

const columns = helper.columns(
  (
    [
      ["month", "Month"],
      ["what", "What"],
      ["who", "Level or person"],
      ["count", "How many"],
      ["salary", "Salary a year"],
      ["skills", "Skills"],
      ["remove", ""],
    ] as [string, string][]
  ).map(([id, header]) =>
    helper.display({ id, header, cell: ({ row }) => <PlanCell column={id} row={row.original} /> }),
  ),
);

const WHAT = { hire: "Hire", promote: "Promote", depart: "Departure" } as const;

/** Plan events as an editable table: hires, promotions and departures, checked by the engine as you type. */
export function PlanEditor({
  draft,
  issues,
  skills,
  onChange,
}: {
  draft: Draft;
  issues: ScenarioIssue[];
  skills: Skill[];
  onChange: (d: Draft) => void;
}) {
  const members = useMemo(
    () =>
      draft.team
        .filter((t) => t.id || t.name)
        .map((t) => ({ value: t.id ?? t.name!, label: t.name ?? t.id!, count: t.count })),
    [draft.team],
  );
  const data = useMemo(() => draft.plan.map((event, index) => ({ index, event })), [draft.plan]);
  const context = useMemo(() => ({ draft, members, skills, onChange }), [draft, members, skills, onChange]);
  const table = useTable({ features, columns, data });
  const add = (event: PlanEvent) => onChange({ ...draft, plan: [...draft.plan, event] });
  const firstMonth = Math.min(1, draft.horizonMonths - 1);

  return (
    <PlanContext.Provider value={context}>
      <DataTable
        table={table}
        empty="No events yet: the team as it is, with leavers backfilled as the assumptions say."
        below={(original) => {
          const { index } = original as PlanRow;
          const rowIssues = issuesUnder(issues, `plan[${index}]`);
          return rowIssues.length === 0 ? null : (
            <tr>
              <td colSpan={columns.length} className="wrap">
                {rowIssues.map((issue) => (
                  <p key={issue.path + issue.message} className="field-error" role="alert">
                    {issue.path.replace(/^plan\[\d+\]\.?/, "") || "event"}: {issue.message}
                  </p>
                ))}
              </td>
            </tr>
          );
        }}
      />
      <div className="button-row" style={{ marginTop: 10 }}>
        <button
          type="button"
          className="button button-light"
          onClick={() => add({ type: "hire", level: draft.levels[0]!.id, count: 1, month: firstMonth })}
        >
          + Hire
        </button>
        <button
          type="button"
          className="button button-light"
          disabled={members.length === 0}
          onClick={() => add({ type: "promote", member: members[0]!.value, month: firstMonth })}
        >
          + Promotion
        </button>
        <button
          type="button"
          className="button button-light"
          disabled={members.length === 0}
          onClick={() => add({ type: "depart", member: members[0]!.value, month: firstMonth })}
        >
          + Departure
        </button>
      </div>
    </PlanContext.Provider>
  );
}
