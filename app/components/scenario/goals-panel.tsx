import { useMemo, useState, type ReactNode } from "react";
import { Field } from "~/components/ui/field";
import {
  addMonths,
  evaluateGoals,
  goalLabel,
  shortDollars,
  type GoalKind,
  type GoalResult,
  type Goals,
  type MonteCarloResult,
  type Projection,
  type Scenario,
  type ScenarioIssue,
} from "~/domain";
import { formatMonth, formatNumber } from "~/utils/format";
import { goalLikelihood, goalsSummary } from "~/utils/goal-words";
import { NumberInput } from "./assumptions-panel";
import { issueAt, setIn, typedDollars, type Draft } from "./draft";
import { monthAnchor } from "./month-table";
import { MonthPicker } from "./month-picker";
import { useLastValid } from "./use-last-valid";

/** Where each goal lives in the document: its own key, or a field of the budget. */
const PATHS: Record<GoalKind, string[]> = {
  capacity: ["capacity"],
  totalCost: ["budget", "maxTotalCost"],
  yearlyCost: ["budget", "maxLoadedCostPerYear"],
  ratio: ["ratio"],
  coverage: ["coverage"],
  maxHeadcount: ["maxHeadcount"],
};

const NAMES: Record<GoalKind, string> = {
  capacity: "Capacity",
  totalCost: "Total budget",
  yearlyCost: "Budget per plan year",
  ratio: "Juniors per senior in band",
  coverage: "Mentoring",
  maxHeadcount: "Headcount",
};

/** What a goal asks, while it is off. */
const OFF: Record<GoalKind, string> = {
  capacity: "Enough work done: at least this capacity, in mid-level engineers, from a month on.",
  totalCost: "The whole plan costs at most this much.",
  yearlyCost: "Each 12 months from the plan's start cost at most this much.",
  ratio: "Juniors per senior inside the target band from a month on.",
  coverage: "Seniors' mentoring time covers at least this share of what juniors need.",
  maxHeadcount: "Never more than this many people.",
};

const KINDS = Object.keys(PATHS) as GoalKind[];
const roundUp = (x: number, to: number) => Math.max(to, Math.ceil(x / to) * to);

/** The value a goal is switched on with: what this plan already does, so the manager tightens it from there. */
function startingGoal(kind: GoalKind, draft: Draft, projection: Projection): unknown {
  const rows = projection.rows;
  const horizon = typeof draft.horizonMonths === "number" ? draft.horizonMonths : 12;
  switch (kind) {
    case "capacity": {
      const fromMonth = Math.max(0, Math.min(12, horizon - 1));
      const after = rows.filter((row) => row.monthOffset + projection.summary.stepMonths > fromMonth);
      return { atLeast: after.length > 0 ? Math.floor(Math.min(...after.map((row) => row.capacity))) : 0, fromMonth };
    }
    case "totalCost":
      return roundUp(projection.summary.totalCost, 100_000);
    case "yearlyCost": {
      const years: number[] = [];
      for (const row of rows)
        years[Math.floor(row.monthOffset / 12)] = (years[Math.floor(row.monthOffset / 12)] ?? 0) + row.totalCost;
      return roundUp(Math.max(0, ...years), 100_000);
    }
    case "ratio":
      return { fromMonth: 0 };
    case "coverage":
      return { atLeast: 1, fromMonth: 0 };
    case "maxHeadcount":
      return Math.ceil(Math.max(0, ...rows.map((row) => row.totalHeadcount)));
  }
}

function goalValue(goals: Goals | undefined, kind: GoalKind): unknown {
  let value: unknown = goals;
  for (const key of PATHS[kind]) value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}

/** The draft with one goal set (or, with `undefined`, left out: an empty budget or no goals at all go too). */
function withGoal(draft: Draft, kind: GoalKind, value: unknown): Draft {
  // setIn makes no missing parent: a first budget figure needs its budget.
  const before =
    kind === "totalCost" || kind === "yearlyCost"
      ? { ...draft.goals, budget: { ...draft.goals?.budget } }
      : { ...draft.goals };
  let goals: Record<string, unknown> = setIn(before, PATHS[kind], value);
  if (goals.budget && Object.values(goals.budget).every((v) => v === undefined))
    goals = { ...goals, budget: undefined };
  const empty = Object.values(goals).every((v) => v === undefined);
  return { ...draft, goals: empty ? undefined : goals };
}

/** Dollars, kept as typed while typing ("6,000,000" keeps its commas) and as a number in the draft. */
function MoneyInput({
  label,
  kind,
  draft,
  issues,
  onChange,
}: {
  label: ReactNode;
  kind: GoalKind;
  draft: Draft;
  issues: ScenarioIssue[];
  onChange: (d: Draft) => void;
}) {
  const value = goalValue(draft.goals, kind);
  const show = (v: unknown) => (typeof v === "number" ? v.toLocaleString("en-US") : typeof v === "string" ? v : "");
  const [text, setText] = useState(() => show(value));
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    // A change from elsewhere (Discard, a restored version) replaces what is shown; one typed here stays as typed.
    setSeen(value);
    if (typedDollars(text) !== value) setText(show(value));
  }
  const key = `goals.${PATHS[kind].join(".")}`;
  return (
    <Field
      name={key}
      label={label}
      error={issueAt(issues, key)}
      hint={typeof value === "number" ? shortDollars(value) : "In dollars: 6000000, $6,000,000 or 6M"}
    >
      {(props) => (
        <input
          {...props}
          type="text"
          inputMode="decimal"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            onChange(withGoal(draft, kind, typedDollars(e.target.value)));
          }}
        />
      )}
    </Field>
  );
}

/** "From" a month of the horizon; a month the horizon no longer holds says so in words. */
function FromMonth({
  kind,
  draft,
  issues,
  onChange,
}: {
  kind: "capacity" | "ratio" | "coverage";
  draft: Draft;
  issues: ScenarioIssue[];
  onChange: (d: Draft) => void;
}) {
  const key = `goals.${kind}.fromMonth`;
  const value = draft.goals?.[kind]?.fromMonth;
  const horizon = typeof draft.horizonMonths === "number" ? draft.horizonMonths : 0;
  const error = issueAt(issues, key);
  const lastMonth =
    /^\d{4}-\d{2}$/.test(draft.start) && horizon > 0 ? formatMonth(addMonths(draft.start, horizon - 1)) : null;
  const outside = typeof value === "number" && value >= horizon && lastMonth;
  return (
    <Field
      name={key}
      label="From"
      error={error && outside ? `Outside the plan, which ends in ${lastMonth}: choose a month up to then.` : error}
    >
      {(props) => (
        <MonthPicker
          {...props}
          draft={draft}
          value={value}
          onChange={(month) => onChange(setIn(draft, ["goals", kind, "fromMonth"], month))}
        />
      )}
    </Field>
  );
}

/** Met or not, in the engine's words, with a link to the first month that fails and the simulated likelihood. */
function GoalStatus({
  result,
  scenario,
  projection,
  likelihood,
}: {
  result: GoalResult;
  scenario: Scenario;
  projection: Projection;
  likelihood: number | undefined;
}) {
  return (
    <div className="goal-status">
      <p>
        <span className={`pill ${result.met ? "good" : "bad"}`}>{result.met ? "Met" : "Not met"}</span>{" "}
        <span data-testid={`goal-${result.kind}-message`}>{result.message}</span>
        {result.firstFailingMonth === null ? null : (
          <>
            {" "}
            <a className="warning-month" href={`#${monthAnchor(projection.rows, result.firstFailingMonth)}`}>
              See {formatMonth(addMonths(scenario.start, result.firstFailingMonth))}
            </a>
          </>
        )}
      </p>
      {likelihood === undefined ? null : (
        <p className="muted">
          {goalLikelihood(scenario, result.kind, likelihood)}, over {formatNumber(scenario.monteCarlo.trials)} simulated
          futures.
        </p>
      )}
    </div>
  );
}

/**
 * The scenario's goals (MODEL.md section 8) in plain words: each switched on or off and edited in
 * the draft like every other field, and each shown met or not on the page's projection as the
 * draft changes. Goals are the whole org's; with teams, the ratio and mentoring goals hold in every team.
 */
export function GoalsPanel({
  draft,
  issues,
  onChange,
  scenario: given,
  projection,
  monteCarlo,
  teamName,
}: {
  draft: Draft;
  issues: ScenarioIssue[];
  onChange: (d: Draft) => void;
  /** The draft, when it is valid; null while it has errors (the last valid one is judged). */
  scenario: Scenario | null;
  /** The projection the page shows: the last valid draft's, the whole org's. */
  projection: Projection;
  monteCarlo: MonteCarloResult | null;
  teamName?: string;
}) {
  const scenario = useLastValid(given);
  const results = useMemo(() => (scenario ? evaluateGoals(scenario, projection) : []), [scenario, projection]);
  // Values of goals switched off, so switching one back on brings back what was typed.
  const [kept, setKept] = useState<Partial<Record<GoalKind, unknown>>>({});
  const props = { draft, issues, onChange };
  const failing = results.filter((r) => !r.met);
  const hasTeams = (draft.teams?.length ?? 0) > 0;
  const band = (scenario ?? draft).assumptions.ratioTarget;
  const ownBands = (scenario ?? draft).teams?.filter((t) => t.ratioTarget) ?? [];

  const toggle = (kind: GoalKind, on: boolean) => {
    const current = goalValue(draft.goals, kind);
    if (on) onChange(withGoal(draft, kind, kept[kind] ?? startingGoal(kind, draft, projection)));
    else {
      setKept({ ...kept, [kind]: current });
      onChange(withGoal(draft, kind, undefined));
    }
  };

  const inputs = (kind: GoalKind): ReactNode => {
    switch (kind) {
      case "capacity":
        return (
          <>
            <NumberInput
              label="At least"
              unit="mid-level engineers"
              path={["goals", "capacity", "atLeast"]}
              {...props}
            />
            <FromMonth kind="capacity" {...props} />
          </>
        );
      case "totalCost":
        return (
          <MoneyInput
            label={
              <>
                At most <span className="muted">(dollars, the whole plan)</span>
              </>
            }
            kind={kind}
            {...props}
          />
        );
      case "yearlyCost":
        return (
          <MoneyInput
            label={
              <>
                At most <span className="muted">(dollars a plan year)</span>
              </>
            }
            kind={kind}
            {...props}
          />
        );
      case "ratio":
        return (
          <>
            <FromMonth kind="ratio" {...props} />
            <p className="goal-band">
              Band: {formatNumber(Number(band[0]))} to {formatNumber(Number(band[1]))} juniors per senior, the
              scenario&apos;s target (<a href="#field-assumptions-ratioTarget-0-">set under Assumptions</a>).
              {hasTeams
                ? ` With teams, it must hold in every team${ownBands.length > 0 ? `, each against its own band (${ownBands.map((t) => `${t.name}: ${formatNumber(t.ratioTarget![0])} to ${formatNumber(t.ratioTarget![1])}`).join("; ")})` : ""}.`
                : null}
            </p>
          </>
        );
      case "coverage":
        return (
          <>
            <NumberInput
              label="Covers at least"
              unit="% of the need"
              scale={100}
              path={["goals", "coverage", "atLeast"]}
              {...props}
            />
            <FromMonth kind="coverage" {...props} />
            {hasTeams ? <p className="goal-band">With teams, in every team.</p> : null}
          </>
        );
      case "maxHeadcount":
        return <NumberInput label="At most" unit="people" path={["goals", "maxHeadcount"]} {...props} />;
    }
  };

  return (
    <section className="card section goals-panel" id="goals" aria-labelledby="goals-title">
      <h2 id="goals-title">Goals</h2>
      <p className="goals-summary" role="status">
        {results.length === 0 ? (
          <span className="muted">
            No goals yet: switch one on below, and the page says whether this plan meets it.
          </span>
        ) : (
          <>
            <span className={`pill ${failing.length === 0 ? "good" : "bad"}`}>{goalsSummary(results)}</span>
            {failing.length > 0 && scenario ? (
              <> Not met: {failing.map((r) => goalLabel(scenario, r.kind)).join("; ")}.</>
            ) : null}
          </>
        )}
      </p>
      <p className="card-note">
        What this plan must achieve. Each goal is checked against the figures as you edit; Save keeps them.
        {teamName ? ` For the whole org, not only ${teamName}.` : ""}
      </p>
      <div className="goal-list">
        {KINDS.map((kind) => {
          const on = goalValue(draft.goals, kind) !== undefined;
          const result = results.find((r) => r.kind === kind);
          const likelihood = monteCarlo?.goals.find((g) => g.kind === kind)?.probability;
          const error = kind === "totalCost" || kind === "yearlyCost" ? issueAt(issues, "goals.budget") : undefined;
          return (
            <fieldset key={kind} className={`goal${on ? " on" : ""}`}>
              <legend>
                <label className="goal-switch">
                  <input type="checkbox" checked={on} onChange={(e) => toggle(kind, e.target.checked)} /> {NAMES[kind]}
                </label>
              </legend>
              {on ? (
                <>
                  <div className="form-row goal-inputs">{inputs(kind)}</div>
                  {error ? <p className="field-error">{error}</p> : null}
                  {result && scenario ? (
                    <GoalStatus result={result} scenario={scenario} projection={projection} likelihood={likelihood} />
                  ) : null}
                </>
              ) : (
                <p className="muted goal-off">{OFF[kind]}</p>
              )}
            </fieldset>
          );
        })}
      </div>
    </section>
  );
}

/** Each goal's share of the simulated futures, where the simulation's range is shown. */
export function GoalLikelihoods({ scenario, result }: { scenario: Scenario; result: MonteCarloResult | null }) {
  if (!result || result.goals.length === 0) return null;
  return (
    <span className="muted" data-testid="goal-likelihoods">
      Goals: {result.goals.map((g) => goalLikelihood(scenario, g.kind, g.probability)).join("; ")}.
    </span>
  );
}
