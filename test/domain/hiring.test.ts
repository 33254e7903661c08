/**
 * MODEL.md section 7, hiring takes time and people: one hand-computed case per rule, then
 * properties over random scenarios and Monte Carlo's convergence with the fields on.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  hiringChecks,
  mustParseScenario,
  planWarnings,
  projectScenario,
  projectionOver,
  simulateMonteCarlo,
  SCENARIO_FORMAT,
  type Level,
  type ScenarioInput,
} from "~/domain";
import { scenarioDocument, withHiring } from "../factories/arbitraries";
import { expectMonteCarloMeanNearExpected, quietLevel } from "../factories/scenario";

fc.configureGlobal({ seed: 20261202, numRuns: 150 });

/** A junior and a senior level with nothing moving unless a test says so: output 1, no ramp, no mentoring. */
function twoLevels(junior: Partial<Level> = {}, senior: Partial<Level> = {}): Level[] {
  return [
    quietLevel("J", { title: "Junior", class: "junior", ...junior }),
    quietLevel("S", { title: "Senior", class: "senior", ...senior }),
  ];
}

function doc(parts: Partial<ScenarioInput>): ScenarioInput {
  return {
    format: SCENARIO_FORMAT,
    name: "Hiring",
    start: "2027-01",
    horizonMonths: 12,
    step: "month",
    levels: twoLevels(),
    team: [],
    ...parts,
    assumptions: {
      annualRaiseRate: 0,
      hoursPerWeek: 40,
      mentorship: { program: false, retentionEffect: 0 },
      backfill: { enabled: false, delayMonths: 0, level: "same" },
      ...parts.assumptions,
    },
  };
}

const WEEKS_PER_MONTH = 52 / 12;

describe("interview hours and who takes them", () => {
  it("counts only the months of a search inside the plan, and charges them to the settled seniors", () => {
    // A senior search takes 3 months and 120 hours: starting in month 1 it ran in months -2, -1 and 0.
    const scenario = mustParseScenario(
      doc({
        levels: twoLevels({}, { timeToFillMonths: 3, interviewHours: 120 }),
        team: [{ level: "S", count: 10, salary: 100_000 }],
        plan: [{ type: "hire", level: "S", count: 1, month: 1 }],
      }),
    );
    const projection = projectScenario(scenario);
    const [first, second] = projection.rows;
    expect(first!.interviewHours).toBeCloseTo(40, 9);
    expect(first!.interviewHoursPerWeek).toBeCloseTo(40 / WEEKS_PER_MONTH, 9);
    const share = 40 / WEEKS_PER_MONTH / (10 * 40);
    expect(first!.interviewShare).toBeCloseTo(share, 12);
    expect(first!.capacity).toBeCloseTo(10 * (1 - share), 9);
    expect(second!.interviewHours).toBe(0);
    expect(second!.capacity).toBeCloseTo(11, 9);
    expect(projection.summary.totalInterviewHours).toBeCloseTo(40, 9);

    const checks = hiringChecks(scenario, projection);
    expect(checks.searches).toMatchObject([{ openMonth: -2, openPeriod: "2026-11", beforePlan: true }]);
    const warning = planWarnings(scenario, projection).find((w) => w.kind === "search-before-plan");
    expect(warning).toMatchObject({ month: 1 });
    expect(warning!.message).toContain("open the search by 2026-11");
  });

  it("puts a backfill with no delay's hours in the step it starts", () => {
    // Yearly steps: 1 of 10 seniors leaves in year one and is replaced at once, at the start of year two.
    const scenario = mustParseScenario(
      doc({
        step: "year",
        horizonMonths: 24,
        levels: twoLevels({}, { annualAttrition: 0.1, interviewHours: 100 }),
        team: [{ level: "S", count: 10, salary: 100_000 }],
        assumptions: { backfill: { enabled: true, delayMonths: 0, level: "same" } },
      }),
    );
    const [first, second] = projectScenario(scenario).rows;
    expect(first!.interviewHours).toBe(0);
    expect(first!.capacity).toBeCloseTo(10, 9);
    expect(second!.backfills).toBeCloseTo(1, 9);
    expect(second!.interviewHours).toBeCloseTo(100, 9);
    // 100 hours over 52 weeks, shared by 10 settled seniors (the backfill has no ramp).
    const share = 100 / 52 / (10 * 40);
    expect(second!.interviewShare).toBeCloseTo(share, 12);
    expect(second!.capacity).toBeCloseTo(10 * (1 - share), 9);
  });

  it("delays a backfill by its level's time to fill, and spreads its hours over the months between", () => {
    const plan = (useTimeToFill: boolean) =>
      projectScenario(
        mustParseScenario(
          doc({
            levels: twoLevels({}, { timeToFillMonths: 2, interviewHours: 100 }),
            team: [
              { id: "ada", level: "S", count: 1, salary: 100_000 },
              { level: "S", count: 9, salary: 100_000 },
            ],
            plan: [{ type: "depart", member: "ada", month: 0 }],
            assumptions: { backfill: { enabled: true, delayMonths: 3, level: "same", useTimeToFill } },
          }),
        ),
      ).rows;
    // Time to fill: the departure in month 0 is replaced in month 2; the search's hours all fall in month 1.
    const filled = plan(true);
    expect(filled.map((r) => r.totalHeadcount).slice(0, 4)).toEqual([9, 9, 10, 10]);
    expect(filled.map((r) => r.interviewHours).slice(0, 4)).toEqual([0, 100, 0, 0]);
    // The fixed 3-month delay: replaced in month 3, the hours split over months 1 and 2.
    const fixed = plan(false);
    expect(fixed.map((r) => r.totalHeadcount).slice(0, 4)).toEqual([9, 9, 9, 10]);
    expect(fixed.map((r) => r.interviewHours).slice(0, 4)).toEqual([0, 50, 50, 0]);
  });

  it("says when a step's interview hours have nobody to take them, and costs the juniors nothing", () => {
    // Only juniors, and a senior search of 2 months and 80 hours for month 2: 40 hours in months 0 and 1.
    const scenario = mustParseScenario(
      doc({
        levels: twoLevels({ output: 0.5 }, { timeToFillMonths: 2, interviewHours: 80 }),
        team: [{ level: "J", count: 4, salary: 100_000 }],
        plan: [{ type: "hire", level: "S", count: 1, month: 2 }],
      }),
    );
    const projection = projectScenario(scenario);
    const [first, second, third] = projection.rows;
    for (const row of [first!, second!]) {
      expect(row.interviewHours).toBeCloseTo(40, 9);
      expect(row.interviewsUnstaffed).toBe(true);
      expect(row.interviewShare).toBe(0);
      expect(row.capacity).toBeCloseTo(2, 9);
    }
    expect(third!.interviewsUnstaffed).toBe(false);
    expect(projection.summary.stepsInterviewsUnstaffed).toBe(2);
    const unstaffed = planWarnings(scenario, projection).filter((w) => w.kind === "interviews-unstaffed");
    expect(unstaffed.map((w) => w.month)).toEqual([0, 1]);
  });

  it("leaves ramping seniors out of the interviewers", () => {
    // 2 settled seniors and 2 hired in month 0 with a 3-month ramp; a junior search takes 60 hours in month 0.
    const scenario = mustParseScenario(
      doc({
        levels: twoLevels({ interviewHours: 60 }, { rampMonths: 3 }),
        team: [{ level: "S", count: 2, salary: 100_000 }],
        plan: [
          { type: "hire", level: "S", count: 2, month: 0 },
          { type: "hire", level: "J", count: 1, month: 0 },
        ],
      }),
    );
    const [first] = projectScenario(scenario).rows;
    expect(first!.interviewShare).toBeCloseTo(60 / WEEKS_PER_MONTH / (2 * 40), 12);
  });
});

describe("first-year attrition", () => {
  const juniors = (entry: Partial<NonNullable<ScenarioInput["team"]>[number]>, plan: ScenarioInput["plan"] = []) =>
    projectScenario(
      mustParseScenario(
        doc({
          step: "quarter",
          horizonMonths: 36,
          levels: twoLevels({ annualAttrition: 0.2 }),
          team: entry.count ? [{ level: "J", salary: 100_000, ...entry }] : [],
          plan,
          assumptions: { hiring: { firstYearAttritionMultiplier: 1.5 } },
        }),
      ),
    );

  it("has a hire leave at 1.5 times the rate for its first year, then at the level's own", () => {
    const { rows, summary } = juniors({}, [{ type: "hire", level: "J", count: 10, month: 0 }]);
    // 30% a year for four quarters, then 20%.
    expect(rows[4]!.totalHeadcount).toBeCloseTo(10 * 0.7, 9);
    expect(rows[8]!.totalHeadcount).toBeCloseTo(10 * 0.7 * 0.8, 9);
    // Payroll follows the people: a quarter of $100k each.
    expect(rows[8]!.payroll).toBeCloseTo(10 * 0.7 * 0.8 * 25_000, 6);
    expect(summary.totalFirstYearLeavers).toBeCloseTo(3, 9);
  });

  it("gives a hire its whole first year at 1.5 times the rate when it joins an earlier hire's pool as that year ends", () => {
    // Two hires of 10 a year apart in one team. The second's first year is quarters 4-7; after
    // quarter 7 it is settled and joins the first one's pool, having left at 30% a year for all
    // four quarters. The first, settled since quarter 4, leaves at 20%.
    const { rows, summary } = juniors({}, [
      { type: "hire", level: "J", count: 10, month: 0 },
      { type: "hire", level: "J", count: 10, month: 12 },
    ]);
    expect(rows[8]!.totalHeadcount).toBeCloseTo(10 * 0.7 * 0.8 + 10 * 0.7, 9);
    // Then all of them at 20% a year: three more quarters to the last one.
    expect(rows[11]!.totalHeadcount).toBeCloseTo((10 * 0.7 * 0.8 + 10 * 0.7) * 0.8 ** 0.75, 9);
    expect(rows[11]!.payroll).toBeCloseTo((10 * 0.7 * 0.8 + 10 * 0.7) * 0.8 ** 0.75 * 25_000, 6);
    expect(summary.totalFirstYearLeavers).toBeCloseTo(3 + 3, 9);
  });

  it("counts a team entry with 6 months' tenure as first-year for its next 6 months", () => {
    const { rows, summary } = juniors({ count: 10, tenureMonths: 6 });
    // Two quarters at 30% a year, then 20%.
    expect(rows[2]!.totalHeadcount).toBeCloseTo(10 * Math.sqrt(0.7), 9);
    expect(rows[4]!.totalHeadcount).toBeCloseTo(10 * Math.sqrt(0.7) * Math.sqrt(0.8), 9);
    expect(summary.totalFirstYearLeavers).toBeCloseTo(10 * (1 - Math.sqrt(0.7)), 9);
  });

  it("keeps a tenured entry and an entry without tenure at the level's rate", () => {
    for (const entry of [{ count: 10, tenureMonths: 12 }, { count: 10 }]) {
      const { rows, summary } = juniors(entry);
      expect(rows[4]!.totalHeadcount).toBeCloseTo(8, 9);
      expect(summary.totalFirstYearLeavers).toBe(0);
    }
  });

  it("counts first-year leavers at the usual rate with a multiplier of 1, and moves nobody differently", () => {
    const plan: ScenarioInput["plan"] = [{ type: "hire", level: "J", count: 10, month: 0 }];
    const at = (hiring: NonNullable<ScenarioInput["assumptions"]>["hiring"]) =>
      projectScenario(
        mustParseScenario(
          doc({
            step: "quarter",
            horizonMonths: 36,
            levels: twoLevels({ annualAttrition: 0.2 }),
            plan,
            assumptions: hiring ? { hiring } : {},
          }),
        ),
      );
    const counted = at({ firstYearAttritionMultiplier: 1 });
    const plain = at(undefined);
    // 20% of the 10 hires leave in their first year.
    expect(counted.summary.totalFirstYearLeavers).toBeCloseTo(2, 9);
    expect(plain.summary.totalFirstYearLeavers).toBe(0);
    counted.rows.forEach((row, i) => expect(row.totalHeadcount).toBeCloseTo(plain.rows[i]!.totalHeadcount, 12));
  });

  it("never lets first-year attrition and promotion pass 100% a year", () => {
    // 60% leave and 30% are promoted a year: 1.5 x 60% = 90% is capped at 70%.
    const { rows } = projectScenario(
      mustParseScenario(
        doc({
          step: "year",
          horizonMonths: 24,
          levels: twoLevels({ annualAttrition: 0.6, annualPromotion: 0.3 }),
          plan: [{ type: "hire", level: "J", count: 10, month: 0 }],
          assumptions: { hiring: { firstYearAttritionMultiplier: 1.5 } },
        }),
      ),
    );
    expect(rows[1]!.headcount.J).toBeCloseTo(0, 9);
    expect(rows[1]!.headcount.S).toBeCloseTo(3, 9);
  });
});

describe("the hiring checks", () => {
  it("flags a quarter with more joiners than the recruiters bring in, and growth of more than a third", () => {
    const scenario = mustParseScenario(
      doc({
        team: [{ level: "S", count: 12, salary: 100_000 }],
        plan: [
          { type: "hire", level: "S", count: 5, month: 3 },
          { type: "hire", level: "S", count: 3, month: 5 },
          { type: "hire", level: "S", count: 2, month: 9 },
        ],
        assumptions: { hiring: { recruiters: 1 } },
      }),
    );
    const projection = projectScenario(scenario);
    const { quarters, quartersOverRecruiters, quartersOverGrowth } = hiringChecks(scenario, projection);
    expect(quarters.map((q) => q.joiners)).toEqual([0, 8, 0, 2]);
    expect(quarters[1]).toMatchObject({ recruiterCapacity: 6, headcountAtStart: 12, overRecruiters: true });
    // A third of 12 is 4: 8 joiners grow the team too fast; 2 in the last quarter, on 20, do not.
    expect(quarters[1]!.growthLimit).toBeCloseTo(4, 9);
    expect(quarters[1]!.overGrowth).toBe(true);
    expect(quarters[3]!.overGrowth).toBe(false);
    expect([quartersOverRecruiters, quartersOverGrowth]).toEqual([1, 1]);
    const words = planWarnings(scenario, projection).filter((w) => w.kind === "recruiters" || w.kind === "growth");
    expect(words.map((w) => [w.kind, w.month])).toEqual([
      ["recruiters", 3],
      ["growth", 3],
    ]);
    expect(words[0]!.message).toBe(
      "8 people join from 2027-04 to 2027-06, more than 1 recruiter can hire (6 a quarter).",
    );
  });

  it("checks only the quarters a window of the plan covers, from the headcount the plan reached", () => {
    const scenario = mustParseScenario(
      doc({
        team: [{ level: "S", count: 12, salary: 100_000 }],
        plan: [
          { type: "hire", level: "S", count: 2, month: 1 },
          { type: "hire", level: "S", count: 7, month: 6 },
        ],
        assumptions: { hiring: { recruiters: 1 } },
      }),
    );
    const projection = projectScenario(scenario);
    const window = projectionOver(projection, { first: "2027-04", last: "2027-12", months: 9 });
    const { quarters } = hiringChecks(scenario, window);
    expect(quarters.map((q) => [q.from, q.joiners, q.headcountAtStart])).toEqual([
      ["2027-04", 0, 14],
      ["2027-07", 7, 14],
      ["2027-10", 0, 21],
    ]);
    expect(quarters[1]!.overRecruiters).toBe(true);
  });

  it("makes no recruiter or growth check without the hiring assumptions", () => {
    const scenario = mustParseScenario(
      doc({
        team: [{ level: "S", count: 3, salary: 100_000 }],
        plan: [{ type: "hire", level: "S", count: 8, month: 0 }],
      }),
    );
    const checks = hiringChecks(scenario, projectScenario(scenario));
    expect(checks.quarters[0]).toMatchObject({ joiners: 8, recruiterCapacity: null, growthLimit: null });
    expect(checks.warnings).toEqual([]);
  });
});

describe("properties of section 7 over random scenarios", () => {
  it("projects and simulates exactly as without the fields when every level is at 0 / 0 and there is no hiring", () => {
    fc.assert(
      fc.property(scenarioDocument({ events: true }), (d) => {
        const zeroed: ScenarioInput = {
          ...d,
          levels: d.levels!.map((level) => ({ ...level, timeToFillMonths: 0, interviewHours: 0 })),
        };
        const [plain, withFields] = [d, zeroed].map((x) => mustParseScenario(x));
        expect(projectScenario(withFields!)).toEqual(projectScenario(plain!));
        expect(simulateMonteCarlo(withFields!, { trials: 5, seed: 3 })).toEqual(
          simulateMonteCarlo(plain!, { trials: 5, seed: 3 }),
        );
      }),
      { numRuns: 60 },
    );
  });

  it("never raises capacity with more interview hours", () => {
    fc.assert(
      fc.property(withHiring(scenarioDocument({ events: true })), fc.integer({ min: 1, max: 300 }), (d, more) => {
        const heavier: ScenarioInput = {
          ...d,
          levels: d.levels!.map((level) => ({ ...level, interviewHours: (level.interviewHours ?? 0) + more })),
        };
        const before = projectScenario(mustParseScenario(d)).rows;
        const after = projectScenario(mustParseScenario(heavier)).rows;
        after.forEach((row, i) => expect(row.capacity).toBeLessThanOrEqual(before[i]!.capacity + 1e-9));
      }),
    );
  });

  it("never raises the end headcount with a higher first-year multiplier, backfill off", () => {
    fc.assert(
      fc.property(
        withHiring(scenarioDocument({ events: true, backfill: false })),
        fc.double({ min: 0, max: 2, noNaN: true }),
        (d, more) => {
          const multiplier = d.assumptions!.hiring!.firstYearAttritionMultiplier!;
          const harsher: ScenarioInput = {
            ...d,
            assumptions: {
              ...d.assumptions,
              hiring: { ...d.assumptions!.hiring, firstYearAttritionMultiplier: multiplier + more },
            },
          };
          const before = projectScenario(mustParseScenario(d)).summary.endTotalHeadcount;
          const after = projectScenario(mustParseScenario(harsher)).summary.endTotalHeadcount;
          expect(after).toBeLessThanOrEqual(before + 1e-9);
        },
      ),
    );
  });

  it("has a Monte Carlo mean headcount within 4 standard errors of the expected value, mentoring off", () => {
    fc.assert(
      fc.property(withHiring(scenarioDocument({ events: true, mentoringProgram: false })), (d) => {
        expectMonteCarloMeanNearExpected(mustParseScenario(d), 400, 11);
      }),
      { numRuns: 40 },
    );
  });
});
