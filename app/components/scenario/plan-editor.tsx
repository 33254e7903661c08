import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { createContext, useContext, useMemo, useState } from "react";
import { DataTable } from "~/components/tables/data-table";
import { Combobox, type ComboboxOption } from "~/components/ui/combobox";
import { ProficiencySelect } from "~/components/ui/proficiency-select";
import { offeredOptions, useHydrated } from "~/components/ui/use-hydrated";
import { VisuallyHidden } from "~/components/ui/visually-hidden";
import { type PlanEvent, type ScenarioIssue, type Skill } from "~/domain";
import { formatMoney } from "~/utils/format";
import { issuesUnder, setIn, shownNumber, typedNumber, type Draft } from "./draft";
import { MonthPicker, pickerMonths } from "./month-picker";

interface PlanRow {
  index: number;
  event: PlanEvent;
}

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, PlanRow>();

interface Member extends ComboboxOption {
  /** The team the entry starts in, when the scenario has teams. */
  team?: string;
}

interface PlanContextValue {
  draft: Draft;
  issues: ScenarioIssue[];
  /** One list for every event's person picker, made once per team. */
  members: Member[];
  teamOf: Map<string, string | undefined>;
  months: { offset: number; label: string }[];
  skills: Skill[];
  onChange: (d: Draft) => void;
}

// Cells read the draft from context, so the columns stay the same across edits and an input
// keeps its focus while someone types.
const PlanContext = createContext<PlanContextValue | null>(null);

function PlanCell({ column, row: planRow }: { column: string; row: PlanRow }) {
  const { draft, issues, members, teamOf, months, skills, onChange } = useContext(PlanContext)!;
  const hydrated = useHydrated();
  const update = (index: number, field: string, value: unknown) =>
    onChange(setIn(draft, ["plan", index, field], value));
  const replace = (index: number, event: unknown) => onChange(setIn(draft, ["plan", index], event));
  const { index, event } = planRow;
  const row = { original: planRow };
  switch (column) {
    case "month":
      return (
        <MonthPicker
          aria-label={`Month of event ${index + 1}`}
          draft={draft}
          months={months}
          value={event.month}
          onChange={(month) => update(index, "month", month)}
        />
      );
    case "what": {
      return (
        <select
          aria-label={`Kind of event ${index + 1}`}
          value={event.type}
          onChange={(e) => {
            const type = e.target.value as PlanEvent["type"];
            const member = "member" in event ? event.member : (members[0]?.value ?? "");
            if (type === "hire") replace(index, newHire(draft, event.month));
            else if (type === "transfer") replace(index, newTransfer(draft, members, member, event.month));
            else replace(index, { type, member, month: event.month });
          }}
        >
          {offeredOptions(
            hydrated,
            Object.entries(WHAT).filter(
              ([value]) => value !== "transfer" || draft.teams !== undefined || event.type === "transfer",
            ),
            ([value]) => value === event.type,
          ).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      );
    }
    case "team": {
      const teams = draft.teams ?? [];
      if (event.type === "hire" || event.type === "transfer")
        return (
          <select
            aria-label={`${event.type === "hire" ? "Team of" : "Team to move to in"} event ${index + 1}`}
            value={event.team ?? ""}
            onChange={(e) => update(index, "team", e.target.value)}
          >
            {teams.some((t) => t.id === event.team) ? null : <option value={event.team ?? ""}>Choose a team</option>}
            {offeredOptions(hydrated, teams, (team) => team.id === event.team).map((team) => (
              <option key={team.id} value={team.id}>
                {event.type === "transfer" ? `to ${team.name}` : team.name}
              </option>
            ))}
          </select>
        );
      const team = teamOf.get(event.member);
      return <span className="muted">{teams.find((t) => t.id === team)?.name ?? ""}</span>;
    }
    case "who": {
      return event.type === "hire" ? (
        <select
          aria-label={`Level of event ${index + 1}`}
          value={event.level}
          onChange={(e) => update(index, "level", e.target.value)}
        >
          {offeredOptions(hydrated, draft.levels, (level) => level.id === event.level).map((level) => (
            <option key={level.id} value={level.id}>
              {level.id} · {level.title}
            </option>
          ))}
        </select>
      ) : (
        <Combobox
          aria-label={`Person of event ${index + 1}`}
          options={members}
          value={event.member}
          placeholder="Type a name"
          invalid={issuesUnder(issues, `plan[${index}].member`).length > 0}
          onChange={(member) => update(index, "member", member)}
        />
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
                : "salary and skills kept"}
          </span>
        );
      const mid = draft.levels.find((l) => l.id === event.level)?.band.mid;
      return (
        <input
          aria-label={`Salary for event ${index + 1}`}
          type="text"
          inputMode="decimal"
          size={11}
          placeholder={mid ? `${formatMoney(mid)} mid` : ""}
          title={mid ? `Left empty, the level's band mid: ${formatMoney(mid)} a year` : undefined}
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
    case "skills":
      return event.type === "hire" ? (
        <HireSkills
          index={index}
          skills={skills}
          held={event.skills}
          onChange={(held) => update(index, "skills", held)}
        />
      ) : null;
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

/**
 * A hire's skills behind a button. The list of selects is made only while it is open: a plan of many
 * hires would otherwise send every skill's select for every hire with the page.
 */
function HireSkills({
  index,
  skills,
  held,
  onChange,
}: {
  index: number;
  skills: Skill[];
  held: Record<string, number> | undefined;
  onChange: (held: Record<string, number> | undefined) => void;
}) {
  const [open, setOpen] = useState(false);
  const count = Object.values(held ?? {}).filter((p) => p > 0).length;
  return (
    <details className="columns-menu" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="button button-light">{held ? `${count} set` : "Level's expectations"}</summary>
      <div className="columns-panel skills-popover">
        {open ? (
          <>
            <p className="muted" style={{ margin: 0 }}>
              Without skills, a hire counts as meeting the level&apos;s expectations.
            </p>
            {skills.map((skill) => (
              <label key={skill.id}>
                <span>{skill.name}</span>
                <ProficiencySelect
                  aria-label={`${skill.name} for event ${index + 1}`}
                  value={String(held?.[skill.id] ?? 0)}
                  onChange={(e) => onChange({ ...held, [skill.id]: Number(e.target.value) })}
                />
              </label>
            ))}
            {held ? (
              <button type="button" className="button button-light" onClick={() => onChange(undefined)}>
                Use the level&apos;s expectations
              </button>
            ) : null}
          </>
        ) : null}
      </div>
    </details>
  );
}

const columnsOf = (withTeams: boolean) =>
  helper.columns(
    (
      [
        ["month", "Month"],
        ["what", "What"],
        ["who", "Level or person"],
        ...(withTeams ? [["team", "Team"]] : []),
        ["count", "How many"],
        ["salary", "Salary a year"],
        ["skills", "Skills"],
        ["remove", "Remove"],
      ] as [string, string][]
    ).map(([id, header]) =>
      helper.display({
        id,
        // The remove column is named for screen readers; its buttons say "Remove" to everyone.
        header: id === "remove" ? () => <VisuallyHidden>{header}</VisuallyHidden> : header,
        cell: ({ row }) => <PlanCell column={id} row={row.original} />,
      }),
    ),
  );
const COLUMNS = { withTeams: columnsOf(true), withoutTeams: columnsOf(false) };

const WHAT = { hire: "Hire", promote: "Promote", depart: "Departure", transfer: "Move to a team" } as const;

/** A hire of one at the first level, into the first team when there are teams. */
function newHire(draft: Draft, month: unknown): PlanEvent {
  const team = draft.teams?.[0]?.id;
  return { type: "hire", level: draft.levels[0]!.id, count: 1, month: month as number, ...(team ? { team } : {}) };
}

/** A move of `member` to the first team they are not in. */
function newTransfer(draft: Draft, members: Member[], member: string, month: unknown): PlanEvent {
  const from = members.find((m) => m.value === member)?.team;
  const team = draft.teams?.find((t) => t.id !== from)?.id ?? draft.teams?.[0]?.id ?? "";
  return { type: "transfer", member, team, month: month as number };
}

/** Plan events as an editable table: hires, promotions, departures and moves between teams, checked by the engine as you type. */
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
        .map((t) => ({
          value: t.id ?? t.name!,
          label: `${t.name ?? t.id!}${t.count > 1 ? ` (${t.count} people)` : ""}`,
          team: t.team,
        })),
    [draft.team],
  );
  const teamOf = useMemo(() => new Map(members.map((m) => [m.value, m.team])), [members]);
  const data = useMemo(() => draft.plan.map((event, index) => ({ index, event })), [draft.plan]);
  const { start, horizonMonths } = draft;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the months depend on the start and the horizon alone
  const months = useMemo(() => pickerMonths(draft), [start, horizonMonths]);
  const context = useMemo(
    () => ({ draft, issues, members, teamOf, months, skills, onChange }),
    [draft, issues, members, teamOf, months, skills, onChange],
  );
  const columns = draft.teams ? COLUMNS.withTeams : COLUMNS.withoutTeams;
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
      <div className="button-row" id="plan-actions" style={{ marginTop: 10 }}>
        <button type="button" className="button button-light" onClick={() => add(newHire(draft, firstMonth))}>
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
        {draft.teams && draft.teams.length > 1 ? (
          <button
            type="button"
            className="button button-light"
            disabled={members.length === 0}
            onClick={() => add(newTransfer(draft, members, members[0]!.value, firstMonth))}
          >
            + Move to a team
          </button>
        ) : null}
      </div>
    </PlanContext.Provider>
  );
}
