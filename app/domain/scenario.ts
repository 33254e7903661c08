/**
 * The scenario document `teamshape.scenario/v1` (MODEL.md section 1): its schema, its defaults
 * and its validation. A document only becomes a `Scenario` through `parseScenario`, so a bad
 * document can never reach the engine.
 */
import { z } from "zod";
import { DEFAULT_LEVELS, LEVEL_CLASSES, defaultLevels, levelProblems } from "./ladder";

export const SCENARIO_FORMAT = "teamshape.scenario/v1";
export const MAX_HORIZON_MONTHS = 120;
export const MAX_TRIALS = 100_000;
/** The most teams a scenario (and a workspace) has. */
export const MAX_TEAMS = 500;
export const STEP_MONTHS = { month: 1, quarter: 3, year: 12 } as const;
export type StepUnit = keyof typeof STEP_MONTHS;

const MAX_SALARY = 100_000_000;
/** Limits of the hiring fields (MODEL.md section 7). */
export const MAX_TIME_TO_FILL_MONTHS = 24;
export const MAX_INTERVIEW_HOURS = 2_000;
export const MAX_TENURE_MONTHS = 1_200;
export const MAX_RECRUITERS = 10_000;
export const MAX_FIRST_YEAR_MULTIPLIER = 10;
const MAX_COUNT = 1_000_000;

const rate = z.number().min(0).max(1);
const nonNegative = z.number().min(0);
const label = (max: number) => z.string().trim().min(1).max(max);
const proficiency = z.number().int().min(0).max(4);
/** Names that plain JavaScript objects treat specially; ids become keys of the engine's records. */
const RESERVED_IDS = new Set(["__proto__", "constructor", "prototype"]);
const id = (max: number) =>
  label(max).refine((value) => !RESERVED_IDS.has(value), {
    message: "is a reserved name (__proto__, constructor and prototype cannot be ids); choose another",
  });
const skills = z.record(id(60), proficiency);
const salary = z.number().positive().max(MAX_SALARY);
const month = z.number().int().min(0);
const count = z.number().int().min(0).max(MAX_COUNT);

const LevelSchema = z.strictObject({
  id: id(40),
  title: label(80),
  class: z.enum(LEVEL_CLASSES),
  years: z.string().max(40).default(""),
  band: z.strictObject({
    min: nonNegative.max(MAX_SALARY),
    mid: nonNegative.max(MAX_SALARY),
    max: nonNegative.max(MAX_SALARY),
  }),
  output: nonNegative.max(100),
  rampMonths: nonNegative.max(MAX_HORIZON_MONTHS),
  annualAttrition: rate,
  annualPromotion: rate,
  mentorHours: nonNegative.max(168),
  menteeHours: nonNegative.max(168),
  expectations: skills.default({}),
  /** Months a search for this level takes (MODEL.md section 7); 0 when left out. */
  timeToFillMonths: z.number().int().min(0).max(MAX_TIME_TO_FILL_MONTHS).optional(),
  /** Engineer hours of interviewing per hire at this level (MODEL.md section 7); 0 when left out. */
  interviewHours: nonNegative.max(MAX_INTERVIEW_HOURS).optional(),
});

const ratioTarget = z.tuple([nonNegative.max(1000), nonNegative.max(1000)]);
/** Section 7's defaults for `assumptions.hiring`. */
export const DEFAULT_HIRES_PER_RECRUITER_PER_QUARTER = 6;
export const DEFAULT_MAX_GROWTH_PER_QUARTER = 1 / 3;

/** Juniors per senior wanted when a scenario (or a team) names no band (MODEL.md section 3). */
export const DEFAULT_RATIO_TARGET: readonly [number, number] = [1, 2];

/** One of the org's teams (MODEL.md section 6). */
const TeamSchema = z.strictObject({
  id: id(80),
  name: label(120),
  /** Wanted juniors per senior inside the team; the scenario's `ratioTarget` when left out. */
  ratioTarget: ratioTarget.optional(),
});

const TeamEntrySchema = z.strictObject({
  id: label(80).optional(),
  name: label(120).optional(),
  level: label(40),
  count: count.default(1),
  salary,
  skills: skills.optional(),
  team: label(80).optional(),
  /** Months in the company at the plan's start (MODEL.md section 7); tenured when left out. */
  tenureMonths: z.number().int().min(0).max(MAX_TENURE_MONTHS).optional(),
});

const HireSchema = z.strictObject({
  type: z.literal("hire"),
  level: label(40),
  count: count.default(1),
  month,
  salary: salary.optional(),
  skills: skills.optional(),
  team: label(80).optional(),
});
const PromoteSchema = z.strictObject({ type: z.literal("promote"), member: label(120), month });
const DepartSchema = z.strictObject({ type: z.literal("depart"), member: label(120), month });
const TransferSchema = z.strictObject({ type: z.literal("transfer"), member: label(120), team: label(80), month });
const PlanEventSchema = z.discriminatedUnion("type", [HireSchema, PromoteSchema, DepartSchema, TransferSchema]);

const AssumptionsSchema = z.strictObject({
  overheadRate: rate.default(0.3),
  recruitingFeeRate: rate.default(0.2),
  annualRaiseRate: rate.default(0.03),
  promotionRaiseRate: rate.default(0.1),
  hoursPerWeek: z.number().positive().max(168).default(40),
  backfill: z
    .strictObject({
      enabled: z.boolean().default(true),
      delayMonths: z.number().int().min(0).max(MAX_HORIZON_MONTHS).default(3),
      /** "same", "below" (one level down, a pyramid) or a level id. */
      level: label(40).default("same"),
      /** The delay is the backfill level's timeToFillMonths instead of delayMonths (MODEL.md section 7). */
      useTimeToFill: z.boolean().optional(),
    })
    .prefault({}),
  mentorship: z
    .strictObject({
      program: z.boolean().default(true),
      retentionEffect: rate.default(0.4),
      /** With several teams, the share of a team's spare mentoring hours other teams can use (0 when left out). */
      crossTeamShare: rate.optional(),
    })
    .prefault({}),
  ratioTarget: ratioTarget.default([...DEFAULT_RATIO_TARGET]),
  /** First-year attrition, recruiters and the growth limit (MODEL.md section 7). */
  hiring: z
    .strictObject({
      firstYearAttritionMultiplier: z.number().min(1).max(MAX_FIRST_YEAR_MULTIPLIER).default(1),
      /** Left out: the recruiters' capacity is not checked. */
      recruiters: z.number().int().min(0).max(MAX_RECRUITERS).optional(),
      hiresPerRecruiterPerQuarter: z.number().min(0).max(1_000).default(DEFAULT_HIRES_PER_RECRUITER_PER_QUARTER),
      maxGrowthPerQuarter: z.number().min(0).max(100).default(DEFAULT_MAX_GROWTH_PER_QUARTER),
    })
    .optional(),
});

/** MODEL.md section 8: targets the plan is held to (and the planner plans for); each is optional. */
const GoalsSchema = z
  .strictObject({
    capacity: z.strictObject({ atLeast: nonNegative.max(10_000_000), fromMonth: month }).optional(),
    budget: z
      .strictObject({
        maxTotalCost: z.number().positive().max(1e13).optional(),
        maxLoadedCostPerYear: z.number().positive().max(1e13).optional(),
      })
      .optional(),
    ratio: z.strictObject({ fromMonth: month }).optional(),
    coverage: z.strictObject({ atLeast: rate, fromMonth: month }).optional(),
    maxHeadcount: nonNegative.max(MAX_COUNT * 100).optional(),
  })
  .optional();

const MonteCarloSchema = z.strictObject({
  trials: z.number().int().min(1).max(MAX_TRIALS).default(1000),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
});

const ScenarioObjectSchema = z.strictObject({
  format: z.literal(SCENARIO_FORMAT),
  name: label(200),
  description: z.string().max(4000).optional(),
  start: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: "must be a month written YYYY-MM" }),
  horizonMonths: z.number().int().min(1).max(MAX_HORIZON_MONTHS),
  step: z.enum(["month", "quarter", "year"]).default("month"),
  levels: z
    .array(LevelSchema)
    .min(1)
    .max(30)
    .default(() => defaultLevels()),
  teams: z.array(TeamSchema).min(1).max(MAX_TEAMS).optional(),
  team: z.array(TeamEntrySchema).max(100_000).default([]),
  plan: z.array(PlanEventSchema).max(10_000).default([]),
  goals: GoalsSchema,
  assumptions: AssumptionsSchema.prefault({}),
  monteCarlo: MonteCarloSchema.prefault({}),
});

type Path = (string | number)[];
type Problem = { path: Path; message: string };

/** Checks that need the whole document: unique ids, references, bands, the horizon. */
function crossCheck(doc: z.output<typeof ScenarioObjectSchema>): Problem[] {
  const problems: Problem[] = [];
  const levelIds = new Set<string>();
  doc.levels.forEach((level, i) => {
    if (levelIds.has(level.id))
      problems.push({ path: ["levels", i, "id"], message: `duplicate level id "${level.id}"` });
    levelIds.add(level.id);
    for (const problem of levelProblems(level, i === doc.levels.length - 1)) {
      problems.push({ path: problem.field ? ["levels", i, problem.field] : ["levels", i], message: problem.message });
    }
  });
  const known = (id: string) => levelIds.has(id);
  const levelList = () => [...levelIds].map((id) => `"${id}"`).join(", ");

  const orgTeams = new Set<string>();
  doc.teams?.forEach((team, i) => {
    if (orgTeams.has(team.id)) problems.push({ path: ["teams", i, "id"], message: `duplicate team id "${team.id}"` });
    orgTeams.add(team.id);
    if (team.ratioTarget && team.ratioTarget[0] > team.ratioTarget[1])
      problems.push({
        path: ["teams", i, "ratioTarget"],
        message: `must be [low, high] with low <= high, got [${team.ratioTarget[0]}, ${team.ratioTarget[1]}]`,
      });
  });
  const teamList = () => [...orgTeams].map((id) => `"${id}"`).join(", ");
  /** A problem with `team` at `path`: with teams, it must name one; without, none may be named. */
  const checkTeam = (team: string | undefined, path: Path, required: boolean) => {
    if (!doc.teams) {
      if (team !== undefined)
        problems.push({
          path,
          message: `names team "${team}", but the scenario declares no teams (add them under "teams")`,
        });
    } else if (team === undefined) {
      if (required) problems.push({ path, message: `is required: the scenario has teams (${teamList()})` });
    } else if (!orgTeams.has(team)) problems.push({ path, message: `unknown team "${team}" (teams: ${teamList()})` });
  };

  const teamIds = new Set<string>();
  doc.team.forEach((entry, i) => {
    if (!known(entry.level))
      problems.push({ path: ["team", i, "level"], message: `unknown level "${entry.level}" (levels: ${levelList()})` });
    checkTeam(entry.team, ["team", i, "team"], true);
    if (entry.id !== undefined) {
      if (teamIds.has(entry.id)) problems.push({ path: ["team", i, "id"], message: `duplicate team id "${entry.id}"` });
      teamIds.add(entry.id);
    }
  });

  const members = indexMembers(doc.team);
  doc.plan.forEach((event, i) => {
    if (event.month >= doc.horizonMonths) {
      problems.push({
        path: ["plan", i, "month"],
        message: `must be inside the horizon (0 to ${doc.horizonMonths - 1}), got ${event.month}`,
      });
    }
    if (event.type === "hire") {
      if (!known(event.level))
        problems.push({
          path: ["plan", i, "level"],
          message: `unknown level "${event.level}" (levels: ${levelList()})`,
        });
      checkTeam(event.team, ["plan", i, "team"], true);
    } else {
      if (event.type === "transfer") checkTeam(event.team, ["plan", i, "team"], true);
      const matches = findMembers(members, event.member);
      if (matches.length === 0)
        problems.push({
          path: ["plan", i, "member"],
          message: `unknown member "${event.member}": no team entry has that id or name`,
        });
      if (matches.length > 1) {
        problems.push({
          path: ["plan", i, "member"],
          message: `"${event.member}" matches ${matches.length} team entries (by id or name); refer to one by a unique id`,
        });
      }
    }
  });

  doc.levels.forEach((level, i) => {
    if (level.mentorHours > doc.assumptions.hoursPerWeek) {
      problems.push({
        path: ["levels", i, "mentorHours"],
        message: `must be at most the working week (assumptions.hoursPerWeek = ${doc.assumptions.hoursPerWeek}), got ${level.mentorHours}`,
      });
    }
  });

  const goals = doc.goals;
  for (const [key, goal] of [
    ["capacity", goals?.capacity],
    ["ratio", goals?.ratio],
    ["coverage", goals?.coverage],
  ] as const) {
    if (goal && goal.fromMonth >= doc.horizonMonths)
      problems.push({
        path: ["goals", key, "fromMonth"],
        message: `must be inside the horizon (0 to ${doc.horizonMonths - 1}), got ${goal.fromMonth}`,
      });
  }
  if (goals?.budget && goals.budget.maxTotalCost === undefined && goals.budget.maxLoadedCostPerYear === undefined)
    problems.push({
      path: ["goals", "budget"],
      message: "must set maxTotalCost or maxLoadedCostPerYear (or leave the budget out)",
    });

  const backfillLevel = doc.assumptions.backfill.level;
  if (backfillLevel !== "same" && backfillLevel !== "below" && !known(backfillLevel)) {
    problems.push({
      path: ["assumptions", "backfill", "level"],
      message: `unknown level "${backfillLevel}" (use "same", "below" or one of ${levelList()})`,
    });
  }
  const [low, high] = doc.assumptions.ratioTarget;
  if (low > high)
    problems.push({
      path: ["assumptions", "ratioTarget"],
      message: `must be [low, high] with low <= high, got [${low}, ${high}]`,
    });
  return problems;
}

export interface MemberIndex {
  byId: Map<string, number[]>;
  byName: Map<string, number[]>;
}

/** Team entry indices by id and by name, to resolve plan events' `member`. */
export function indexMembers(team: readonly { id?: string; name?: string }[]): MemberIndex {
  const byId = new Map<string, number[]>();
  const byName = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string | undefined, i: number) => {
    if (key === undefined) return;
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  team.forEach((entry, i) => {
    add(byId, entry.id, i);
    add(byName, entry.name, i);
  });
  return { byId, byName };
}

/** Indices of the team entries whose id or name is `member` (one entry, when the reference is sound). */
export function findMembers(index: MemberIndex, member: string): number[] {
  return [...new Set([...(index.byId.get(member) ?? []), ...(index.byName.get(member) ?? [])])];
}

export const ScenarioSchema = ScenarioObjectSchema.superRefine((doc, ctx) => {
  for (const problem of crossCheck(doc)) ctx.addIssue({ code: "custom", path: problem.path, message: problem.message });
}).brand<"Scenario">();

/** A validated scenario, with every default filled in. Only `parseScenario` makes one. */
export type Scenario = z.output<typeof ScenarioSchema>;
/** What a scenario file may hold: defaults may be left out. */
export type ScenarioInput = z.input<typeof ScenarioObjectSchema>;
export type TeamEntry = Scenario["team"][number];
export type PlanEvent = Scenario["plan"][number];
export type Assumptions = Scenario["assumptions"];
export type OrgTeam = NonNullable<Scenario["teams"]>[number];
export type HiringAssumptions = NonNullable<Assumptions["hiring"]>;
export type Goals = NonNullable<Scenario["goals"]>;

export interface ScenarioIssue {
  /** The field, written as in the document: `plan[3].level`. */
  path: string;
  message: string;
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

/** `plan[3].level: unknown level "L9"` */
export function formatIssue(issue: ScenarioIssue): string {
  return `${issue.path}: ${issue.message}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(String(key))) out += out === "" ? String(key) : `.${String(key)}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === "" ? "(document)" : out;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return value.length > 40 ? `"${value.slice(0, 40)}..."` : JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return typeof value === "object" ? "an object" : typeof value;
}

const EXPECTED: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  string: "text",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  record: "an object",
  tuple: "a list",
};

function listValues(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(", ");
}

/** Plain-words messages for zod's issues; the field path is added by `formatPath`. */
const errorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      if (issue.expected === "int") return `must be a whole number, got ${describe(issue.input)}`;
      return `must be ${EXPECTED[issue.expected] ?? issue.expected}, got ${describe(issue.input)}`;
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return min <= 1 ? "must not be empty" : `must be at least ${min} characters`;
      if (issue.origin === "array") return `must have at least ${min} item${min === 1 ? "" : "s"}`;
      return issue.inclusive
        ? `must be at least ${min}, got ${describe(issue.input)}`
        : `must be greater than ${min}, got ${describe(issue.input)}`;
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return `must be at most ${max} characters`;
      if (issue.origin === "array") return `must have at most ${max} items`;
      return issue.inclusive
        ? `must be at most ${max}, got ${describe(issue.input)}`
        : `must be less than ${max}, got ${describe(issue.input)}`;
    }
    case "invalid_value":
      return issue.values.length === 1
        ? `must be ${listValues(issue.values)}, got ${describe(issue.input)}`
        : `must be one of ${listValues(issue.values)}, got ${describe(issue.input)}`;
    case "unrecognized_keys":
      return `unknown field${issue.keys.length === 1 ? "" : "s"} ${listValues(issue.keys)}`;
    case "invalid_union": {
      const options = "options" in issue ? (issue.options as unknown[] | undefined) : undefined;
      if (options && options.length > 0 && issue.discriminator) {
        const input = issue.input as Record<string, unknown> | undefined;
        return `must be one of ${listValues(options)}, got ${describe(input?.[issue.discriminator])}`;
      }
      return `must be one of the allowed forms, got ${describe(issue.input)}`;
    }
    default:
      return undefined;
  }
};

function toIssues(error: z.ZodError): ScenarioIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/**
 * `schema` with zod's ahead-of-time compiled fast path where the runtime lets code be generated
 * (Node; not a page under our Content-Security-Policy, which refuses `new Function`). A valid
 * document takes the generated code; whatever it rejects zod's own parser parses again, so every
 * message and path is zod's. Compiled on first use, not when the module loads.
 */
function compiledWhereAllowed<T extends z.ZodType>(schema: T): () => T {
  let checker: T | undefined;
  return () => (checker ??= z.util.allowsEval.value ? z.compile(schema) : schema);
}
const scenarioChecker = compiledWhereAllowed(ScenarioSchema);
const structureChecker = compiledWhereAllowed(ScenarioObjectSchema);

/** Validates a scenario document (already parsed from JSON) and fills in its defaults. */
export function parseScenario(input: unknown): ParseResult {
  const result = scenarioChecker().safeParse(input, { error: errorMap });
  return result.success ? { ok: true, scenario: result.data } : { ok: false, issues: toIssues(result.error) };
}

/** A document and what `parseScenario` made of it. */
export interface ParsedDocument {
  input: unknown;
  scenario: Scenario;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * `parseScenario(input)` for an edit of `before.input`: when the edit keeps the very same `team`
 * array (an immutable update elsewhere in the document leaves it in place), the team's entries are
 * not walked by the schema again; `before.scenario`'s are taken, and the whole document's checks
 * (references, ids) still run. The answer is always `parseScenario(input)`'s: anything short of a
 * valid document is parsed again in full, for the same messages. Neither document may have been
 * changed in place since it was parsed.
 */
export function parseScenarioEdit(input: unknown, before: ParsedDocument | undefined): ParseResult {
  if (
    before &&
    isRecord(input) &&
    isRecord(before.input) &&
    Array.isArray(input.team) &&
    input.team === before.input.team
  ) {
    const rest = structureChecker().safeParse({ ...input, team: [] }, { error: errorMap });
    if (rest.success) {
      const doc = { ...rest.data, team: before.scenario.team };
      if (crossCheck(doc).length === 0) return { ok: true, scenario: doc as Scenario };
    }
  }
  return parseScenario(input);
}

/** Parses and validates a scenario file's text; malformed JSON is an issue, never a throw. */
export function parseScenarioJson(text: string): ParseResult {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(reason);
    const where = position ? ` (line ${lineColumn(text, Number(position[1]))})` : "";
    return { ok: false, issues: [{ path: "(document)", message: `is not valid JSON${where}: ${reason}` }] };
  }
  return parseScenario(input);
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

/** Throws an Error listing every issue; for code paths where bad input is a programming error. */
export function mustParseScenario(input: unknown): Scenario {
  const result = parseScenario(input);
  if (!result.ok) throw new Error(`Invalid scenario:\n${result.issues.map(formatIssue).join("\n")}`);
  return result.scenario;
}

export function stepMonths(scenario: Pick<Scenario, "step">): number {
  return STEP_MONTHS[scenario.step];
}

export { DEFAULT_LEVELS };

/** A scenario team's name from its id (the id itself when it has no such team). */
export function teamNamer(scenario: Pick<Scenario, "teams">): (id: string) => string {
  const names = new Map((scenario.teams ?? []).map((t) => [t.id, t.name]));
  return (id) => names.get(id) ?? id;
}
