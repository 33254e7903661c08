/** What leaves Teamshape as files: tables with units in their headers, and their file names. */
import {
  addMonths,
  DEFAULT_LEVELS,
  goalLabel,
  goalKinds,
  goalStepsMet,
  goalsMetWords,
  type GoalsInWords,
  growthLimitWords,
  mustParseScenario,
  recommendedLevels,
  roundMoney,
  SCENARIO_FORMAT,
  type Cell,
  type Level,
  type MonteCarloResult,
  type Projection,
  roundMeasure,
  summaryTable,
  teamNamer,
  windowSentence,
  type CommonWindow,
  type ComparedHiring,
  type FiscalPeriod,
  type HiringChecks,
  partialNote,
  type Scenario,
  type Skill,
  type Table,
} from "~/domain";
import type { Engineer } from "./engineers.server";
import type { LadderLevel } from "./ladder.server";
import { quarterName } from "~/utils/hiring-words";
import { slugify } from "~/utils/slug";

/** `teamshape-hire-2-seniors-2027-01-projection.csv` */
export function exportFileName(scenario: { name: string; start: string }, what: string, extension: string): string {
  return `teamshape-${slugify(scenario.name)}-${scenario.start}-${what}.${extension}`;
}

/** The roster: one row per engineer, a column per skill of the catalog (proficiency 0-4). */
export function rosterTable(
  engineers: Engineer[],
  levels: LadderLevel[],
  skills: Skill[],
  teams: { id: number; name: string }[] = [],
): Table {
  const title = new Map(levels.map((l) => [l.id, l.title]));
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  return {
    header: [
      "Id",
      "Name",
      "Employee id",
      "Email",
      "Job title",
      ...(teams.length > 0 ? ["Team"] : []),
      "Level",
      "Level title",
      "Salary ($ a year)",
      "Start date (YYYY-MM-DD)",
      "Notes",
      ...skills.map((s) => `Skill: ${s.name} (0-4)`),
    ],
    rows: engineers.map((e) => [
      e.id,
      e.name,
      e.employeeId ?? "",
      e.email ?? "",
      e.jobTitle,
      ...(teams.length > 0 ? [teamName.get(e.teamId) ?? ""] : []),
      e.levelId,
      title.get(e.levelId) ?? "",
      roundMoney(e.salary),
      e.startDate,
      e.notes,
      ...skills.map((s) => e.skills[s.id] ?? 0),
    ]),
  };
}

/**
 * The projection table (from `projectionTable`, with the org's rows first) with a column per goal:
 * whether the step meets it ("yes", "no", blank before the month it is asked from), by
 * `goalStepsMet`. Teams' rows leave it blank: the plan meets a goal or not.
 */
export function withGoalColumns(table: Table, scenario: Scenario, projection: Projection): Table {
  const kinds = goalKinds(scenario.goals);
  if (kinds.length === 0) return table;
  const steps = goalStepsMet(scenario, projection);
  const word = (met: boolean | null | undefined) => (met === null || met === undefined ? "" : met ? "yes" : "no");
  return {
    header: [...table.header, ...kinds.map((kind) => `Goal met: ${goalLabel(scenario, kind)}`)],
    rows: table.rows.map((row, r) => [...row, ...steps.map((met) => word(met[r]))]),
  };
}

/** The row a comparison gives each plan's goals: "2 of 3: Capacity is below 30 from 2027-09 to 2027-11." */
export const GOALS_ROW = "Meets its goals (judged over its own months)";

export function goalsCell(goals: GoalsInWords): string {
  const unmet = goals.goals.filter((g) => !g.met).map((g) => g.message);
  return unmet.length === 0 ? goalsMetWords(goals) : `${goalsMetWords(goals)}: ${unmet.join(" ")}`;
}

/** A scenario with its projection, as compared. */
export interface Compared {
  scenario: Scenario;
  projection: Projection;
}

/** The recruiter check in a comparison: quarters over, or words when the scenario sets no recruiters. */
export const RECRUITER_ROW = "Quarters with more joiners than the recruiters can hire";
export const NOT_CHECKED = "not checked (no recruiters set)";
/** First-year leavers where no first-year multiplier is set: the engine counts nobody apart. */
export const NOT_COUNTED = "not counted (no first-year multiplier set)";

/** The summary's "Steps with ..." counts, read in months in a comparison (its scenarios may differ in step). */
const STEP_COUNTS: Record<string, string> = {
  "Steps with juniors per senior out of band": "Months with juniors per senior out of band",
  "Steps with mentoring coverage below 1": "Months with mentoring coverage below 1",
  "Steps whose interviews nobody can take": "Months whose interviews nobody can take",
};

/**
 * Summary figures side by side (a column per scenario), then each scenario's difference from the
 * baseline. Rows are matched by label, so scenarios with different ladders line up. Every figure
 * is over the common window (`compared` holds projections over it, see `projectionOver`), which
 * the first rows state, with each scenario's verdict when given and its goals (judged over its
 * own months, see `goalsInWords`); counts are in months, not steps,
 * except the recruiter check's, which counts the plan's quarters inside the window (`hiringOver`).
 * `fiscalYears` (one list per scenario, over the window) adds each fiscal year's cost, people and hires.
 */
export function comparisonTable(
  compared: (Compared & { hiring: ComparedHiring; goals: GoalsInWords })[],
  baselineIndex: number,
  window: CommonWindow,
  { verdicts = [], fiscalYears = [] }: { verdicts?: string[]; fiscalYears?: FiscalPeriod[][] } = {},
): Table {
  const summaries = compared.map((c, i) => {
    const { stepMonths } = c.projection.summary;
    const own = window.own.find((o) => o.name === c.scenario.name);
    const figures: [string, Cell][] = [
      ["Months compared", window.months],
      ["First month compared (YYYY-MM)", window.first],
      ["Last month compared (YYYY-MM)", window.last],
      ["Scenario's own months (YYYY-MM)", own ? `${own.first} to ${own.last}` : null],
    ];
    for (const [label, value] of summaryTable(c.projection).rows) {
      const name = String(label);
      if (name === "Steps" || name === "Months per step") continue;
      const months = STEP_COUNTS[name];
      if (name === "First-year leavers" && c.hiring.firstYearLeavers === null) figures.push([name, NOT_COUNTED]);
      else figures.push(months ? [months, (value as number) * stepMonths] : [name, value ?? null]);
    }
    figures.push([RECRUITER_ROW, c.hiring.quartersOverRecruiters ?? NOT_CHECKED]);
    for (const year of fiscalYears[i] ?? []) figures.push(...fiscalYearFigures(year));

    return new Map(figures);
  });
  const labels = [...new Set(summaries.flatMap((s) => [...s.keys()]))];
  const base = compared[baselineIndex]!;
  const others = compared.map((c, i) => ({ c, i })).filter(({ i }) => i !== baselineIndex);
  const noDifference = new Set(["Months compared"]);
  return {
    header: [
      "Measure",
      ...compared.map((c) => c.scenario.name),
      ...others.map(({ c }) => `${c.scenario.name} minus ${base.scenario.name}`),
    ],
    rows: [
      ["Compared over", windowSentence(window), ...compared.slice(1).map(() => null), ...others.map(() => null)],
      ...(verdicts.length === compared.length
        ? [[`Verdict against ${base.scenario.name}`, ...verdicts, ...others.map(() => null)]]
        : []),
      [GOALS_ROW, ...compared.map((c) => goalsCell(c.goals)), ...others.map(() => null)],
      ...labels.map((label) => {
        const values = summaries.map((s) => s.get(label) ?? null);
        const baseValue = values[baselineIndex];
        const deltas = others.map(({ i }) =>
          !noDifference.has(label) && typeof values[i] === "number" && typeof baseValue === "number"
            ? roundMeasure(values[i] - baseValue)
            : null,
        );
        return [label, ...values, ...deltas];
      }),
    ],
  };
}

/** A fiscal year's rows in a comparison: its total cost, the people at its end and its hires, named with its months. */
function fiscalYearFigures(year: FiscalPeriod): [string, Cell][] {
  const partial = partialNote(year);
  const name = `${year.name} (${year.months}${partial ? `; ${partial}` : ""})`;
  return [
    [`${name}: total cost ($)`, roundMoney(year.totalCost)],
    [`${name}: people at its end`, roundMeasure(year.endHeadcount)],
    [`${name}: hires`, roundMeasure(year.hires)],
  ];
}

/** Several scenarios' tables as one, with a Scenario column first; columns are matched by header. */
export function stackTables(parts: { name: string; table: Table }[]): Table {
  const header = [...new Set(parts.flatMap((p) => p.table.header))];
  return {
    header: ["Scenario", ...header],
    rows: parts.flatMap(({ name, table }) => {
      const index = header.map((h) => table.header.indexOf(h));
      return table.rows.map((row) => [name, ...index.map((i) => (i < 0 ? null : (row[i] ?? null)))]);
    }),
  };
}

/**
 * The plan's events in date order, in words, with the salary each hire joins at (their own, or
 * their level's band midpoint, as the projection prices them). Without `salaries` (for viewers)
 * there is no hire's salary and no one's name: a departure is "someone at L3", since its cost
 * change is their pay.
 */
export function planEventsTable(scenario: Scenario, { salaries = true }: { salaries?: boolean } = {}): Table {
  const teamName = teamNamer(scenario);
  const withTeams = scenario.teams !== undefined;
  const EVENT_WORDS = { promote: "promotion", depart: "departure", transfer: "transfer" } as const;
  const events = [...scenario.plan].sort((a, b) => a.month - b.month);
  const bandMid = new Map(scenario.levels.map((l) => [l.id, l.band.mid]));
  const who = (member: string) => {
    if (salaries) return member;
    const entry = scenario.team.find((t) => t.id === member || t.name === member);
    return entry ? `someone at ${entry.level}` : "someone";
  };
  const table: Table = {
    header: [
      "Month (YYYY-MM)",
      "Month from start",
      "What",
      ...(withTeams ? ["Team"] : []),
      "Level",
      "Who",
      "How many",
      "Salary ($)",
    ],
    rows: events.map((e) => {
      const when = [addMonths(scenario.start, e.month), e.month];
      const team = withTeams ? [e.type === "hire" || e.type === "transfer" ? teamName(e.team ?? "") : ""] : [];
      return e.type === "hire"
        ? [...when, "hire", ...team, e.level, "", e.count, e.salary ?? bandMid.get(e.level) ?? null]
        : [
            ...when,
            e.type === "transfer" ? `transfer to ${teamName(e.team)}` : EVENT_WORDS[e.type],
            ...team,
            "",
            who(e.member),
            null,
            null,
          ];
    }),
  };
  return salaries ? table : { header: table.header.slice(0, -1), rows: table.rows.map((row) => row.slice(0, -1)) };
}

/**
 * The plan quarters (months 0-2, 3-5, ...) whose joiners are more than the recruiters can hire or
 * the growth limit allows (MODEL.md section 7), one row each, with the limits the scenario sets.
 */
export function hiringQuartersTable(scenario: Pick<Scenario, "assumptions">, checks: HiringChecks): Table {
  const hiring = scenario.assumptions.hiring;
  const recruiters = hiring?.recruiters !== undefined;
  return {
    header: [
      "Quarter",
      "People joining",
      ...(recruiters ? ["People the recruiters can hire"] : []),
      ...(hiring ? [`Most joiners ${growthLimitWords(hiring.maxGrowthPerQuarter)} of the team allows`] : []),
    ],
    rows: checks.quarters
      .filter((q) => q.overRecruiters || q.overGrowth)
      .map((q) => [
        quarterName(q),
        roundMeasure(q.joiners),
        ...(recruiters ? [roundMeasure(q.recruiterCapacity!)] : []),
        ...(hiring ? [roundMeasure(q.growthLimit!)] : []),
      ]),
  };
}

/** The people the scenario starts with (named engineers or cohorts), in their teams when it has teams. */
export function scenarioTeamTable(scenario: Scenario): Table {
  const teamName = teamNamer(scenario);
  const withTeams = scenario.teams !== undefined;
  return {
    header: ["Id", "Name", ...(withTeams ? ["Team"] : []), "Level", "Count", "Salary ($)"],
    rows: scenario.team.map((t) => [
      t.id ?? "",
      t.name ?? "",
      ...(withTeams ? [teamName(t.team ?? "")] : []),
      t.level,
      t.count,
      t.salary,
    ]),
  };
}

/** The scenario's own copy of the ladder. */
export function levelsTable(scenario: Scenario): Table {
  return {
    header: [
      "Id",
      "Title",
      "Class",
      "Band min ($)",
      "Band mid ($)",
      "Band max ($)",
      "Output",
      "Ramp (months)",
      "Attrition rate",
      "Promotion rate",
      "Mentor hours/week",
      "Mentee hours/week",
    ],
    rows: scenario.levels.map((l) => [
      l.id,
      l.title,
      l.class,
      l.band.min,
      l.band.mid,
      l.band.max,
      l.output,
      l.rampMonths,
      l.annualAttrition,
      l.annualPromotion,
      l.mentorHours,
      l.menteeHours,
    ]),
  };
}

/** P10/P50/P90 of headcount, cost and capacity at each step. */
export function monteCarloTable(monteCarlo: MonteCarloResult): Table {
  return {
    header: [
      "Period (YYYY-MM)",
      "Headcount P10",
      "Headcount P50",
      "Headcount P90",
      "Total cost P10 ($)",
      "Total cost P50 ($)",
      "Total cost P90 ($)",
      "Capacity P10",
      "Capacity P50",
      "Capacity P90",
    ],
    rows: monteCarlo.steps.map((s) => [
      s.period,
      s.headcount.p10,
      s.headcount.p50,
      s.headcount.p90,
      s.totalCost.p10,
      s.totalCost.p50,
      s.totalCost.p90,
      s.capacity.p10,
      s.capacity.p50,
      s.capacity.p90,
    ]),
  };
}

type Source = "default" | "workspace ladder" | "scenario";

/** Each assumption in words, with its unit in brackets (which also sets its number format). */
const ASSUMPTION_WORDS: Record<string, string> = {
  "assumptions.overheadRate": "Overhead on salary (0-1)",
  "assumptions.recruitingFeeRate": "Recruiting fee, share of first-year salary (0-1)",
  "assumptions.annualRaiseRate": "Annual raise (0-1)",
  "assumptions.promotionRaiseRate": "Raise on promotion (0-1)",
  "assumptions.hoursPerWeek": "Working week (hours)",
  "assumptions.backfill.enabled": "Leavers are backfilled",
  "assumptions.backfill.delayMonths": "Backfill delay (months)",
  "assumptions.backfill.level": "Backfill level",
  "assumptions.mentorship.program": "Formal mentoring program",
  "assumptions.mentorship.retentionEffect": "Junior attrition cut by the program at full coverage (0-1)",
  "assumptions.ratioTarget": "Target juniors per senior",
  "assumptions.mentorship.crossTeamShare": "Spare mentoring other teams can use (0-1)",
  "assumptions.backfill.useTimeToFill": "Backfill delay is the level's time to fill",
  "assumptions.hiring": "Hiring checks (first-year attrition, recruiters, growth)",
  "assumptions.hiring.firstYearAttritionMultiplier": "First-year attrition, times the usual rate",
  "assumptions.hiring.recruiters": "Recruiters",
  "assumptions.hiring.hiresPerRecruiterPerQuarter": "Hires a recruiter can make a quarter",
  "assumptions.hiring.maxGrowthPerQuarter": "Most growth a quarter, share of the headcount at its start (0-1)",
};
const LEVEL_WORDS: Record<string, string> = {
  "band.min": "salary band minimum ($)",
  "band.mid": "salary band midpoint ($)",
  "band.max": "salary band maximum ($)",
  output: "output (mid-level engineer equivalents)",
  rampMonths: "ramp-up (months)",
  annualAttrition: "yearly attrition (0-1)",
  annualPromotion: "yearly promotion chance (0-1)",
  mentorHours: "mentoring given (hours a week)",
  menteeHours: "mentoring needed (hours a week)",
  timeToFillMonths: "time to fill (months)",
  interviewHours: "interview hours per hire",
};

/** What the ledger shows for a hiring field the scenario leaves out: the model's default (MODEL.md section 7). */
const NOT_SET = "not set";

/**
 * Every assumption and level parameter in words, its value, where it came from, and its field in
 * the scenario file. Units are in the words, so each value can be formatted by its row.
 */
export function assumptionsLedger(scenario: Scenario, workspaceLevels: readonly Level[]): Table {
  const defaults = mustParseScenario({
    format: SCENARIO_FORMAT,
    name: "defaults",
    start: scenario.start,
    horizonMonths: 1,
    // Section 7's defaults, to say which of a scenario's hiring figures are its own.
    assumptions: { hiring: {}, backfill: { useTimeToFill: false } },
  }).assumptions;
  // Left out, a section 7 field is its default: no time-to-fill backfill, no hiring checks, recruiters not checked.
  const { hiring } = scenario.assumptions;
  const assumptions = {
    ...scenario.assumptions,
    backfill: { ...scenario.assumptions.backfill, useTimeToFill: scenario.assumptions.backfill.useTimeToFill ?? false },
    hiring: hiring ? { ...hiring, recruiters: hiring.recruiters ?? NOT_SET } : NOT_SET,
  };
  const rows: Cell[][] = [];
  const flatten = (value: unknown, path: string, defaultValue: unknown) => {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value))
        flatten(inner, `${path}.${key}`, (defaultValue as Record<string, unknown> | undefined)?.[key]);
      return;
    }
    const shown = Array.isArray(value) ? value.join(" to ") : (value as Cell);
    rows.push([
      ASSUMPTION_WORDS[path] ?? path,
      shown,
      value === NOT_SET || JSON.stringify(value) === JSON.stringify(defaultValue) ? "default" : "scenario",
      path,
    ]);
  };
  flatten(assumptions, "assumptions", defaults);
  const params = ["output", "rampMonths", "annualAttrition", "annualPromotion", "mentorHours", "menteeHours"] as const;
  const recommended = recommendedLevels();
  const hiringLadder = scenario.levels.some((l) => l.timeToFillMonths !== undefined || l.interviewHours !== undefined);
  for (const level of scenario.levels) {
    const standard = DEFAULT_LEVELS.find((l) => l.id === level.id);
    const workspace = workspaceLevels.find((l) => l.id === level.id);
    const source = (get: (l: Level) => unknown): Source =>
      standard && get(standard) === get(level)
        ? "default"
        : workspace && get(workspace) === get(level)
          ? "workspace ladder"
          : "scenario";
    const row = (key: string, value: Cell, from: Source) =>
      rows.push([`${level.id} ${level.title}: ${LEVEL_WORDS[key]}`, value, from, `levels.${level.id}.${key}`]);
    for (const key of ["min", "mid", "max"] as const)
      row(
        `band.${key}`,
        level.band[key],
        source((l) => l.band[key]),
      );
    for (const key of params)
      row(
        key,
        level[key],
        source((l) => l[key]),
      );
    // The default ladder's hiring figures are the recommended ones; left out, a level's are 0
    // (and a ladder that carries none has no rows for them).
    const usual = recommended.find((l) => l.id === level.id);
    for (const key of ["timeToFillMonths", "interviewHours"] as const) {
      if (!hiringLadder) continue;
      const value = level[key];
      const from: Source =
        value === undefined || (usual && usual[key] === value)
          ? "default"
          : workspaceLevels.find((l) => l.id === level.id)?.[key] === value
            ? "workspace ladder"
            : "scenario";
      row(key, value ?? 0, from);
    }
  }
  return { header: ["Assumption", "Value", "Where it came from", "Field in the scenario file"], rows };
}

/** Section 7's switches, which change no figure at their defaults: the printed ledger leaves them out then. */
const UNUSED_WHEN_DEFAULT = new Set(["assumptions.hiring", "assumptions.backfill.useTimeToFill"]);

/**
 * The ledger (from `assumptionsLedger`) as a printed page has room for it: the scenario-wide
 * assumptions as they are (but section 7's switches left at their defaults), the level parameters as one row per parameter with a column per level,
 * and, in words, the level values that are not the defaults and where they came from.
 */
export function ledgerByLevel(
  scenario: Pick<Scenario, "levels">,
  ledger: Table,
): { assumptions: Table; levels: Table; notDefault: string[] } {
  const field = ledger.header.length - 1;
  const perLevel = new Map<string, Cell[]>();
  const notDefault: string[] = [];
  const assumptions: Cell[][] = [];
  for (const row of ledger.rows) {
    const match = /^levels\.([^.]+)\.(.+)$/.exec(String(row[field]));
    if (!match) {
      if (!(row[2] === "default" && UNUSED_WHEN_DEFAULT.has(String(row[field])))) assumptions.push(row.slice(0, field));
      continue;
    }
    const [, levelId, key] = match as unknown as [string, string, string];
    const column = scenario.levels.findIndex((l) => l.id === levelId);
    const values = perLevel.get(key) ?? perLevel.set(key, Array<Cell>(scenario.levels.length).fill(null)).get(key)!;
    values[column] = row[1] ?? null;
    if (row[2] !== "default")
      notDefault.push(`${row[0]} (${row[2] === "scenario" ? "this scenario" : "the workspace's ladder"})`);
  }
  const words = (key: string) => {
    const text = LEVEL_WORDS[key] ?? key;
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  return {
    assumptions: { header: ledger.header.slice(0, field), rows: assumptions },
    levels: {
      header: ["Per level", ...scenario.levels.map((l) => l.id)],
      rows: [...perLevel].map(([key, values]) => [words(key), ...values]),
    },
    notDefault,
  };
}
