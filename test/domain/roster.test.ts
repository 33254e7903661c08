/**
 * The roster as a scenario (app/domain/roster.ts): each engineer's tenure at the plan's start,
 * counted by hand, and the assumptions of a scenario the app creates (MODEL.md sections 3 and 7).
 */
import { describe, expect, it } from "vitest";
import {
  createdScenarioAssumptions,
  mustParseScenario,
  projectScenario,
  rosterScenarioInput,
  tenureMonthsAt,
  type RosterEngineer,
} from "~/domain";
import { quietAssumptions, quietLevel } from "../factories/scenario";

describe("tenure at the plan's start", () => {
  it.each([
    // 15 Jan -> 15 Feb is one whole month; 15 Feb -> 1 Mar is not a second.
    ["2026-01-15", "2026-03", 1],
    // 1 Jan -> 1 Mar: two whole months.
    ["2026-01-01", "2026-03", 2],
    // 4 Mar 2019 + 92 months = 4 Nov 2026, before 1 Dec 2026; + 93 months = 4 Dec 2026, after it.
    ["2019-03-04", "2026-12", 92],
    // Joining on the plan's first day, or after it: a new joiner from month 0.
    ["2026-03-01", "2026-03", 0],
    ["2026-05-10", "2026-03", 0],
    // 1900 to 2026 is 1,523 months: held at the format's limit of 1,200.
    ["1900-01-01", "2026-12", 1_200],
  ])("from %s to %s is %i months", (startDate, planStart, months) => {
    expect(tenureMonthsAt(startDate, planStart)).toBe(months);
  });

  it("is unknown for a date it cannot read", () => {
    expect(tenureMonthsAt("", "2026-03")).toBeUndefined();
    expect(tenureMonthsAt("03/04/2019", "2026-03")).toBeUndefined();
  });
});

describe("a roster scenario", () => {
  const levels = [quietLevel("M", { annualAttrition: 0.12, timeToFillMonths: 2, interviewHours: 80 })];
  const engineers: RosterEngineer[] = [
    // Joined 1 Feb 2026: 11 months in on 1 Jan 2027, so first-year for the plan's first month.
    { id: 1, name: "New", levelId: "M", salary: 100_000, skills: {}, startDate: "2026-02-01" },
    { id: 2, name: "Settled", levelId: "M", salary: 100_000, skills: {}, startDate: "2020-01-01" },
    { id: 3, name: "Unknown start", levelId: "M", salary: 100_000, skills: {} },
  ];
  const input = rosterScenarioInput({
    levels,
    engineers,
    name: "Roster",
    start: "2027-01",
    horizonMonths: 3,
    assumptions: { ...quietAssumptions, hiring: { firstYearAttritionMultiplier: 2 } },
  });

  it("gives each engineer their tenure at the plan's start, none when the start date is unknown, and keeps the level's hiring figures", () => {
    expect(input.team!.map((t) => [t.name, t.tenureMonths])).toEqual([
      ["New", 11],
      ["Settled", 84],
      ["Unknown start", undefined],
    ]);
    expect("tenureMonths" in input.team![2]!).toBe(false);
    expect(input.levels![0]).toMatchObject({ timeToFillMonths: 2, interviewHours: 80 });
  });

  it("counts the first-year engineer's higher attrition until they reach 12 months", () => {
    const rows = projectScenario(mustParseScenario(input)).rows;
    // Month 0: "New" leaves at 0.12 x 2 = 24% a year, a month's share of which is 1 - 0.76^(1/12).
    expect(rows[0]!.firstYearLeavers).toBeCloseTo(1 - 0.76 ** (1 / 12), 12);
    // From month 1 they have 12 months: no one is in their first year.
    expect(rows[1]!.firstYearLeavers).toBe(0);
    expect(rows[2]!.firstYearLeavers).toBe(0);
  });
});

describe("the assumptions of a scenario the app creates", () => {
  it("waits for each level's time to fill and carries the workspace's recruiters and first-year attrition", () => {
    const hiring = { recruiters: 2, hiresPerRecruiterPerQuarter: 5, firstYearAttritionMultiplier: 1.5 };
    expect(createdScenarioAssumptions(undefined, hiring)).toEqual({
      backfill: { useTimeToFill: true },
      hiring: { firstYearAttritionMultiplier: 1.5, recruiters: 2, hiresPerRecruiterPerQuarter: 5 },
    });
  });

  it("leaves recruiters out when the workspace has not set them, and keeps what the plan sets itself", () => {
    const hiring = { recruiters: null, hiresPerRecruiterPerQuarter: 6, firstYearAttritionMultiplier: 1.5 };
    const made = createdScenarioAssumptions(
      { backfill: { delayMonths: 1, useTimeToFill: false }, mentorship: { program: false } },
      hiring,
    );
    expect(made.backfill).toEqual({ delayMonths: 1, useTimeToFill: false });
    expect(made.mentorship).toEqual({ program: false });
    expect(made.hiring).toEqual({ firstYearAttritionMultiplier: 1.5, hiresPerRecruiterPerQuarter: 6 });
  });
});
