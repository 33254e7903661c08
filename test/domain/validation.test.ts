import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { setIn } from "~/components/scenario/draft";
import {
  defaultLevels,
  formatIssue,
  parseScenario,
  parseScenarioEdit,
  parseScenarioJson,
  projectionTable,
  projectScenario,
  SCENARIO_FORMAT,
  ScenarioSchema,
} from "~/domain";
import { scenarioDocument, withHiring } from "../factories/arbitraries";

const valid = () => ({
  format: SCENARIO_FORMAT,
  name: "Valid",
  start: "2027-01",
  horizonMonths: 24,
  team: [
    { id: "ana", name: "Ana", level: "L3", salary: 120_000 },
    { name: "Juniors", level: "L1", count: 4, salary: 100_000 },
  ],
  plan: [
    { type: "hire", level: "L1", count: 2, month: 3 },
    { type: "promote", member: "ana", month: 6 },
  ],
});

/** The messages a document gets, as a user reads them. */
function messages(doc: unknown): string[] {
  const result = parseScenario(doc);
  if (result.ok) return [];
  return result.issues.map(formatIssue);
}

function withChange(change: (doc: ReturnType<typeof valid> & Record<string, any>) => void) {
  const doc = valid() as ReturnType<typeof valid> & Record<string, any>;
  change(doc);
  return doc;
}

describe("scenario validation", () => {
  it("accepts a valid document and fills in the defaults", () => {
    const result = parseScenario(valid());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scenario.step).toBe("month");
    expect(result.scenario.levels.map((l) => l.id)).toEqual(["L1", "L2", "L3", "L4", "L5"]);
    expect(result.scenario.team[0]!.count).toBe(1);
    expect(result.scenario.assumptions.backfill).toEqual({ enabled: true, delayMonths: 3, level: "same" });
    expect(result.scenario.assumptions.mentorship).toEqual({ program: true, retentionEffect: 0.4 });
    expect(result.scenario.monteCarlo).toEqual({ trials: 1000, seed: 1 });
  });

  it.each<[string, (doc: any) => void, string]>([
    [
      "an unknown level in the plan",
      (d) => d.plan.push({ type: "hire", level: "L9", count: 1, month: 1 }),
      'plan[2].level: unknown level "L9"',
    ],
    ["an unknown level in the team", (d) => (d.team[1].level = "Senior"), 'team[1].level: unknown level "Senior"'],
    [
      "an unknown member",
      (d) => d.plan.push({ type: "depart", member: "bob", month: 1 }),
      'plan[2].member: unknown member "bob"',
    ],
    ["a salary given as text", (d) => (d.team[0].salary = "abc"), 'team[0].salary: must be a number, got "abc"'],
    ["a negative count", (d) => (d.team[1].count = -3), "team[1].count: must be at least 0, got -3"],
    ["a fractional count", (d) => (d.plan[0].count = 1.5), "plan[0].count: must be a whole number, got 1.5"],
    [
      "a rate above 1",
      (d) => (d.assumptions = { overheadRate: 1.2 }),
      "assumptions.overheadRate: must be at most 1, got 1.2",
    ],
    [
      "a level's attrition above 1",
      (d) => (d.levels = defaultLevels().map((l, i) => (i === 0 ? { ...l, annualAttrition: 1.5 } : l))),
      "levels[0].annualAttrition: must be at most 1, got 1.5",
    ],
    ["horizon 0", (d) => (d.horizonMonths = 0), "horizonMonths: must be at least 1, got 0"],
    ["horizon 10,000", (d) => (d.horizonMonths = 10_000), "horizonMonths: must be at most 120, got 10000"],
    [
      "a month outside the horizon",
      (d) => (d.plan[0].month = 24),
      "plan[0].month: must be inside the horizon (0 to 23), got 24",
    ],
    [
      "a wrong format",
      (d) => (d.format = "teamshape.scenario/v2"),
      'format: must be "teamshape.scenario/v1", got "teamshape.scenario/v2"',
    ],
    ["a malformed start month", (d) => (d.start = "2027-13"), "start: must be a month written YYYY-MM"],
    [
      "an unknown event type",
      (d) => d.plan.push({ type: "fire", member: "ana", month: 1 }),
      'plan[2].type: must be one of "hire", "promote", "depart", "transfer", got "fire"',
    ],
    ["a misspelt field", (d) => (d.horizonMonth = 12), 'unknown field "horizonMonth"'],
    [
      "a proficiency of 5",
      (d) => (d.team[0].skills = { testing: 5 }),
      "team[0].skills.testing: must be at most 4, got 5",
    ],
    ["a missing salary", (d) => delete d.team[0].salary, "team[0].salary: is required"],
    ["an empty name", (d) => (d.name = "  "), "name: must not be empty"],
    [
      "a backfill level that does not exist",
      (d) => (d.assumptions = { backfill: { level: "L7" } }),
      'assumptions.backfill.level: unknown level "L7"',
    ],
    [
      "a band out of order",
      (d) =>
        (d.levels = defaultLevels().map((l, i) =>
          i === 1 ? { ...l, band: { min: 120_000, mid: 110_000, max: 130_000 } } : l,
        )),
      "levels[1].band: must have min <= mid <= max",
    ],
    [
      "promotion on the top level",
      (d) => (d.levels = defaultLevels().map((l, i) => (i === 4 ? { ...l, annualPromotion: 0.1 } : l))),
      "levels[4].annualPromotion: must be 0 on the top level",
    ],
    [
      "attrition + promotion above 1",
      (d) =>
        (d.levels = defaultLevels().map((l, i) =>
          i === 0 ? { ...l, annualAttrition: 0.7, annualPromotion: 0.5 } : l,
        )),
      "levels[0]: annualAttrition + annualPromotion must be at most 1",
    ],
    [
      "duplicate level ids",
      (d) => (d.levels = [...defaultLevels().slice(0, 4), { ...defaultLevels()[3]!, annualPromotion: 0 }]),
      'levels[4].id: duplicate level id "L4"',
    ],
    [
      "a member name shared by two entries",
      (d) => {
        d.team.push({ name: "Sam", level: "L2", salary: 110_000 }, { name: "Sam", level: "L2", salary: 111_000 });
        d.plan.push({ type: "depart", member: "Sam", month: 2 });
      },
      'plan[2].member: "Sam" matches 2 team entries',
    ],
    [
      "a time to fill in part months",
      (d) => (d.levels = defaultLevels().map((l, i) => (i === 3 ? { ...l, timeToFillMonths: 2.5 } : l))),
      "levels[3].timeToFillMonths: must be a whole number, got 2.5",
    ],
    [
      "negative interview hours",
      (d) => (d.levels = defaultLevels().map((l, i) => (i === 0 ? { ...l, interviewHours: -5 } : l))),
      "levels[0].interviewHours: must be at least 0, got -5",
    ],
    ["a negative tenure", (d) => (d.team[0].tenureMonths = -1), "team[0].tenureMonths: must be at least 0, got -1"],
    [
      "a first-year multiplier below 1",
      (d) => (d.assumptions = { hiring: { firstYearAttritionMultiplier: 0.5 } }),
      "assumptions.hiring.firstYearAttritionMultiplier: must be at least 1, got 0.5",
    ],
    [
      "a part recruiter",
      (d) => (d.assumptions = { hiring: { recruiters: 1.5 } }),
      "assumptions.hiring.recruiters: must be a whole number, got 1.5",
    ],
  ])("rejects %s with a message naming the field", (_, change, message) => {
    const found = messages(withChange(change));
    expect(
      found.some((m) => m.includes(message)),
      `got:\n${found.join("\n")}`,
    ).toBe(true);
  });

  it("reports every structural problem at once", () => {
    const found = messages({
      format: SCENARIO_FORMAT,
      name: "",
      start: "soon",
      horizonMonths: -1,
      team: [{ level: 3 }],
    });
    expect(found).toEqual(
      expect.arrayContaining([
        "name: must not be empty",
        "start: must be a month written YYYY-MM",
        "horizonMonths: must be at least 1, got -1",
        "team[0].level: must be text, got 3",
        "team[0].salary: is required",
      ]),
    );
  });

  it.each([{ doc: null }, { doc: 42 }, { doc: "scenario" }, { doc: [] }, { doc: [valid()] }])(
    "rejects $doc as a document without throwing",
    ({ doc }) => {
      expect(messages(doc)).toEqual([expect.stringMatching(/^\(document\): must be an object/)]);
    },
  );

  it("rejects a missing document without throwing", () => {
    expect(messages(undefined)).toEqual(["(document): is required"]);
  });

  it.each(["", "{", '{"name": "x",}', "{'single': 1}", "NaN"])("rejects malformed JSON %j without throwing", (text) => {
    const result = parseScenarioJson(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(formatIssue(result.issues[0]!)).toMatch(/^\(document\): is not valid JSON/);
  });

  it("points at the line and column of a JSON syntax error", () => {
    const result = parseScenarioJson('{\n  "name": "x",\n  "start": 2027-01\n}');
    expect(result.ok).toBe(false);
    if (!result.ok && /position/.test(result.issues[0]!.message)) expect(result.issues[0]!.message).toContain("line 3");
  });
});

describe("references that could mean two people, and impossible mentoring", () => {
  it("refuses a member that is one entry's id and another entry's name", () => {
    const doc = {
      ...valid(),
      team: [
        { id: "sam", level: "L2", salary: 110_000 },
        { name: "sam", level: "L3", salary: 120_000 },
      ],
      plan: [{ type: "depart", member: "sam", month: 1 }],
    };
    expect(messages(doc)).toEqual([expect.stringContaining('plan[0].member: "sam" matches 2 team entries')]);
  });

  it("refuses mentor hours longer than the working week", () => {
    const levels = defaultLevels().map((l) => (l.id === "L4" ? { ...l, mentorHours: 30 } : l));
    expect(messages({ ...valid(), levels, assumptions: { hoursPerWeek: 20 } })).toEqual([
      "levels[3].mentorHours: must be at most the working week (assumptions.hoursPerWeek = 20), got 30",
    ]);
  });
});

describe("ids that plain objects treat specially", () => {
  it.each(["__proto__", "constructor", "prototype"])(
    "refuses %s as a level or skill id, naming the field",
    (reserved) => {
      const levels = defaultLevels().map((l, i) => (i === 0 ? { ...l, id: reserved } : l));
      const result = parseScenario({
        format: "teamshape.scenario/v1",
        name: "x",
        start: "2026-12",
        horizonMonths: 12,
        levels,
        team: [{ level: "L2", salary: 100_000, skills: { [reserved]: 3 } }],
      });
      expect(result.ok).toBe(false);
      const paths = result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`);
      expect(paths.join("\n")).toContain("levels[0].id: is a reserved name");
      // zod itself drops a "__proto__" key from a record; the other two are refused.
      expect(paths.some((p) => p.startsWith("team[0].skills"))).toBe(reserved !== "__proto__");
    },
  );

  it("still projects a document stored before the rule with a __proto__ level id: the id stays an ordinary key", () => {
    const levels = defaultLevels().map((l, i) => (i === 0 ? { ...l, id: "old-id" } : l));
    const parsed = parseScenario({
      format: "teamshape.scenario/v1",
      name: "x",
      start: "2026-12",
      horizonMonths: 3,
      levels,
      team: [{ level: "old-id", count: 3, salary: 100_000 }],
    });
    if (!parsed.ok) throw new Error("the document should be valid");
    const stored = JSON.parse(
      JSON.stringify(parsed.scenario).replaceAll('"old-id"', '"__proto__"'),
    ) as typeof parsed.scenario;
    const projection = projectScenario(stored);
    expect(Object.keys(projection.rows[0]!.headcount)).toContain("__proto__");
    expect(projectionTable(projection).rows[0]).toContain(3);
  });
});

/** A document using every part of the schema: teams, skills, every kind of event, goals, hiring. */
const everyPart = () => ({
  format: SCENARIO_FORMAT,
  name: "Every part",
  start: "2027-01",
  horizonMonths: 24,
  step: "quarter",
  levels: defaultLevels(),
  teams: [
    { id: "core", name: "Core" },
    { id: "apps", name: "Apps", ratioTarget: [1, 3] },
  ],
  team: [
    {
      id: "ana",
      name: "Ana",
      level: "L5",
      salary: 150_000,
      skills: { "system-design": 4, mentoring: 3 },
      team: "core",
    },
    { id: "bo", level: "L2", salary: 110_000, team: "apps", tenureMonths: 5 },
    { name: "Grads", level: "L1", count: 6, salary: 100_000, skills: {}, team: "apps" },
  ],
  plan: [
    { type: "hire", level: "L4", count: 2, month: 3, salary: 135_000, skills: { testing: 3 }, team: "core" },
    { type: "promote", member: "bo", month: 6 },
    { type: "transfer", member: "Grads", team: "core", month: 9 },
    { type: "depart", member: "ana", month: 12 },
  ],
  goals: { capacity: { atLeast: 5, fromMonth: 6 }, budget: { maxTotalCost: 5_000_000 }, maxHeadcount: 40 },
  assumptions: {
    overheadRate: 0.25,
    backfill: { delayMonths: 2, level: "below", useTimeToFill: true },
    mentorship: { crossTeamShare: 0.5 },
    hiring: { firstYearAttritionMultiplier: 1.5, recruiters: 2 },
  },
  monteCarlo: { trials: 200 },
});

/** Places in `everyPart()` worth breaking, and values that are wrong (or right) in different ways. */
const somePath = fc.constantFrom<(string | number)[]>(
  ["name"],
  ["start"],
  ["horizonMonths"],
  ["step"],
  ["levels"],
  ["levels", 0, "id"],
  ["levels", 2, "band", "mid"],
  ["levels", 4, "annualPromotion"],
  ["levels", 1, "expectations", "testing"],
  ["levels", 3, "timeToFillMonths"],
  ["teams"],
  ["teams", 1, "id"],
  ["teams", 1, "ratioTarget"],
  ["team", 0, "id"],
  ["team", 0, "level"],
  ["team", 0, "salary"],
  ["team", 0, "skills", "mentoring"],
  ["team", 0, "skills", "constructor"],
  ["team", 0, "team"],
  ["team", 1, "count"],
  ["team", 1, "tenureMonths"],
  ["team", 2, "name"],
  ["team", 2, "surname"],
  ["plan", 0, "type"],
  ["plan", 0, "count"],
  ["plan", 0, "skills"],
  ["plan", 1, "member"],
  ["plan", 2, "team"],
  ["plan", 3, "month"],
  ["goals", "capacity", "fromMonth"],
  ["goals", "budget"],
  ["assumptions", "overheadRate"],
  ["assumptions", "backfill", "level"],
  ["assumptions", "ratioTarget"],
  ["assumptions", "hiring", "recruiters"],
  ["monteCarlo", "seed"],
);
const someValue = fc.oneof(
  fc.constantFrom(
    undefined,
    null,
    "",
    "  L3  ",
    "L1",
    "L5",
    "ana",
    "Grads",
    "core",
    "nobody",
    "__proto__",
    "constructor",
    0,
    -1,
    1.5,
    3,
    23,
    1e9,
    Number.NaN,
    true,
    [],
    [2, 1],
    {},
    { testing: 3 },
    { maxTotalCost: 1 },
    defaultLevels().slice(0, 4),
    [{ id: "core", name: "Core" }],
  ),
  fc.string({ maxLength: 6 }),
  fc.double(),
  fc.integer({ min: -5, max: 200 }),
);
const someEdits = fc.array(fc.tuple(somePath, someValue), { minLength: 1, maxLength: 3 });

/** `doc` with each edit made as the what-if page makes it (an earlier edit may leave a path with nowhere to go). */
function edited(doc: unknown, edits: [(string | number)[], unknown][]): unknown {
  return edits.reduce((d, [path, value]) => {
    const parent = path.slice(0, -1).reduce<unknown>((v, key) => (v as Record<string | number, unknown>)?.[key], d);
    return typeof parent === "object" && parent !== null ? setIn(d, path, value) : d;
  }, doc);
}

/** zod's own parser, without the compiled fast path parseScenario takes where it can. */
const zodParse = (doc: unknown) => ScenarioSchema.safeParse(doc);

describe("the fast paths give zod's answers", () => {
  it("accepts exactly the documents zod's parser accepts, filled in the same way", () => {
    fc.assert(
      fc.property(someEdits, (edits) => {
        const doc = edited(everyPart(), edits);
        const fast = parseScenario(doc);
        const slow = zodParse(doc);
        expect(fast.ok).toBe(slow.success);
        if (fast.ok && slow.success) {
          expect(fast.scenario).toStrictEqual(slow.data);
          expect(JSON.stringify(fast.scenario)).toBe(JSON.stringify(slow.data));
        }
      }),
      { numRuns: 400 },
    );
  });

  it("fills in random valid documents exactly as zod's parser does", () => {
    fc.assert(
      fc.property(withHiring(scenarioDocument()), (doc) => {
        const fast = parseScenario(doc);
        const slow = zodParse(doc);
        expect(fast.ok && slow.success).toBe(true);
        if (fast.ok && slow.success) expect(JSON.stringify(fast.scenario)).toBe(JSON.stringify(slow.data));
      }),
      { numRuns: 100 },
    );
  });

  it("gives an edit that keeps the team the answer of a full parse, messages included", () => {
    const before = everyPart();
    const parsed = parseScenario(before);
    if (!parsed.ok) throw new Error(`the document should be valid: ${parsed.issues.map(formatIssue).join("; ")}`);
    fc.assert(
      fc.property(someEdits, (edits) => {
        const doc = edited(before, edits);
        const result = parseScenarioEdit(doc, { input: before, scenario: parsed.scenario });
        expect(result).toStrictEqual(parseScenario(doc));
        if (result.ok) expect(JSON.stringify(result.scenario)).toBe(JSON.stringify(zodParse(doc).data));
      }),
      { numRuns: 400 },
    );
  });

  it("drops a __proto__ skill read from a file and refuses a __proto__ field, as zod's parser does", () => {
    const text = JSON.stringify({
      ...valid(),
      team: [{ level: "L2", salary: 100_000, skills: { testing: 2 } }],
      plan: [],
    });
    const withSkill = JSON.parse(text.replace('"skills":{', '"skills":{"__proto__":3,')) as unknown;
    const fast = parseScenario(withSkill);
    expect(fast.ok && fast.scenario.team[0]!.skills).toStrictEqual(zodParse(withSkill).data?.team[0]!.skills);
    expect(fast.ok && Object.keys(fast.scenario.team[0]!.skills ?? {})).toEqual(["testing"]);
    const withField = JSON.parse(text.replace("{", '{"__proto__":{"name":"x"},')) as unknown;
    expect(messages(withField)).toEqual(['(document): unknown field "__proto__"']);
  });

  it("still names the team entries a ladder edit leaves on an unknown level", () => {
    const before = everyPart();
    const parsed = parseScenario(before);
    if (!parsed.ok) throw new Error("the document should be valid");
    const fourLevels = defaultLevels().slice(0, 4);
    const doc = { ...before, levels: fourLevels.map((l, i) => (i === 3 ? { ...l, annualPromotion: 0 } : l)) };
    const result = parseScenarioEdit(doc, { input: before, scenario: parsed.scenario });
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([
      'team[0].level: unknown level "L5" (levels: "L1", "L2", "L3", "L4")',
    ]);
  });
});
