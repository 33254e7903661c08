/**
 * Fiscal quarters and years (app/domain/periods.ts): sums of the monthly rows, steps that straddle
 * a period's boundary computed by hand, partial periods, and each team's periods.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fiscalPeriods,
  fiscalYearFrame,
  fiscalYearOf,
  mustParseScenario,
  nextFiscalYear,
  partialNote,
  periodsTable,
  projectScenario,
  teamView,
  type ProjectionRow,
  type ScenarioInput,
} from "~/domain";
import { scenarioDocument } from "../factories/arbitraries";
import { makeScenario, quietAssumptions, quietLevel } from "../factories/scenario";

fc.configureGlobal({ seed: 20261203, numRuns: 120 });

const mid = quietLevel("M");

function project(fields: Partial<ScenarioInput>) {
  return projectScenario(makeScenario({ levels: [mid], assumptions: quietAssumptions, ...fields }));
}

/** What a period should hold, summed straight from monthly rows whose month lies in it. */
function sumOfMonths(rows: readonly ProjectionRow[], first: string, last: string) {
  const inside = rows.filter((r) => r.period >= first && r.period <= last);
  const total = (f: (r: ProjectionRow) => number) => inside.reduce((sum, r) => sum + f(r), 0);
  return {
    months: inside.length,
    payroll: total((r) => r.payroll),
    loadedCost: total((r) => r.loadedCost),
    recruitingCost: total((r) => r.recruitingCost),
    totalCost: total((r) => r.totalCost),
    hires: total((r) => r.joiners),
    endHeadcount: inside.at(-1)!.totalHeadcount,
  };
}

describe("fiscal years are named by the calendar year they end in", () => {
  it("with an April start, April 2027 to March 2028 is FY2028", () => {
    expect(fiscalYearOf("2027-03", 4)).toBe(2027);
    expect(fiscalYearOf("2027-04", 4)).toBe(2028);
    expect(fiscalYearOf("2028-03", 4)).toBe(2028);
    expect(fiscalYearFrame(2028, 4)).toEqual({
      name: "FY2028",
      months: "Apr 2027 - Mar 2028",
      firstMonth: "2027-04",
      lastMonth: "2028-03",
    });
  });

  it("with a January start, the fiscal year is the calendar year", () => {
    expect(fiscalYearOf("2027-01", 1)).toBe(2027);
    expect(fiscalYearOf("2027-12", 1)).toBe(2027);
    expect(fiscalYearFrame(2027, 1).months).toBe("Jan - Dec 2027");
  });

  it("next year is the fiscal year after today's, and says when the plan does not reach it", () => {
    const projection = project({ start: "2027-01", horizonMonths: 24, team: [{ level: "M", salary: 120_000 }] });
    const years = fiscalPeriods(projection, { by: "year", fiscalYearStartMonth: 4 });
    // Today Nov 2026 is in FY2027 (Apr 2026 - Mar 2027): next is FY2028.
    const next = nextFiscalYear(years, { today: "2026-11", fiscalYearStartMonth: 4 });
    expect(next).toMatchObject({ fiscalYear: 2028, name: "FY2028", months: "Apr 2027 - Mar 2028" });
    expect(next.period?.coveredMonths).toBe(12);
    expect(nextFiscalYear(years, { today: "2029-05", fiscalYearStartMonth: 4 }).period).toBeNull();
  });
});

describe("periods of monthly rows", () => {
  // Default assumptions: raises, attrition, backfills with their fees, a hire: every figure moves.
  const fields: Partial<ScenarioInput> = {
    start: "2027-01",
    horizonMonths: 24,
    team: [
      { level: "L1", count: 4, salary: 104_000 },
      { level: "L3", count: 3, salary: 121_000 },
      { level: "L4", count: 2, salary: 133_000 },
    ],
    plan: [
      { type: "hire", level: "L2", count: 2, month: 5, salary: 112_000 },
      { type: "hire", level: "L4", count: 1, month: 14 },
    ],
  };
  const projection = projectScenario(makeScenario(fields));

  it("a fiscal year starting in April sums the monthly rows, with the first and last years partial", () => {
    const years = fiscalPeriods(projection, { by: "year", fiscalYearStartMonth: 4 });
    expect(years.map((p) => [p.name, p.months, p.coveredMonths])).toEqual([
      ["FY2027", "Apr 2026 - Mar 2027", 3],
      ["FY2028", "Apr 2027 - Mar 2028", 12],
      ["FY2029", "Apr 2028 - Mar 2029", 9],
    ]);
    for (const year of years) {
      const expected = sumOfMonths(projection.rows, year.firstMonth, year.lastMonth);
      expect(year.coveredMonths).toBe(expected.months);
      for (const key of ["payroll", "loadedCost", "recruitingCost", "totalCost"] as const)
        expect(year[key]).toBeCloseTo(expected[key], 6);
      expect(year.hires).toBeCloseTo(expected.hires, 9);
      expect(year.endHeadcount).toBe(expected.endHeadcount);
    }
    expect(years.reduce((sum, p) => sum + p.totalCost, 0)).toBeCloseTo(projection.summary.totalCost, 6);
    // The planned hires: 2 in Jun 2027 (FY2028), 1 in Mar 2028 (FY2028 too), besides backfills.
    expect(years[1]!.hires).toBeGreaterThanOrEqual(3);
  });

  it("quarters of an April year: Q1 is April to June; partial quarters say how many months", () => {
    const quarters = fiscalPeriods(projection, { by: "quarter", fiscalYearStartMonth: 4 });
    expect(quarters).toHaveLength(8);
    expect(quarters[0]).toMatchObject({ name: "FY2027 Q4", months: "Jan - Mar 2027", coveredMonths: 3 });
    expect(quarters[1]).toMatchObject({ name: "FY2028 Q1", months: "Apr - Jun 2027", firstMonth: "2027-04" });
    for (const quarter of quarters) {
      const expected = sumOfMonths(projection.rows, quarter.firstMonth, quarter.lastMonth);
      expect(quarter.totalCost).toBeCloseTo(expected.totalCost, 6);
      expect(quarter.payroll).toBeCloseTo(expected.payroll, 6);
      expect(quarter.hires).toBeCloseTo(expected.hires, 9);
      expect(quarter.endHeadcount).toBe(expected.endHeadcount);
      expect(partialNote(quarter)).toBeNull();
    }
    const years = fiscalPeriods(projection, { by: "year", fiscalYearStartMonth: 4 });
    expect(partialNote(years[0]!)).toBe("partial: 3 of 12 months (Jan - Mar 2027)");
    expect(partialNote(years[2]!)).toBe("partial: 9 of 12 months (Apr - Dec 2028)");
  });

  it("a quarter that the plan starts inside is partial", () => {
    const late = projectScenario(
      makeScenario({ ...fields, start: "2027-02", horizonMonths: 7, plan: [{ type: "hire", level: "L2", month: 5 }] }),
    );
    const quarters = fiscalPeriods(late, { by: "quarter", fiscalYearStartMonth: 1 });
    expect(quarters.map((q) => [q.name, q.coveredMonths, partialNote(q)])).toEqual([
      ["FY2027 Q1", 2, "partial: 2 of 3 months (Feb - Mar 2027)"],
      ["FY2027 Q2", 3, null],
      ["FY2027 Q3", 2, "partial: 2 of 3 months (Jul - Aug 2027)"],
    ]);
  });
});

describe("steps that straddle a period's boundary, by hand", () => {
  // One engineer at $120,000 a year, nothing else moving: $30,000 a quarter, $10,000 a month.
  const one = [{ level: "M", salary: 120_000 }];

  it("quarterly steps from February split each step's cost over its months; joiners count at the step's start", () => {
    // Steps: Feb-Apr, May-Jul, Aug-Oct, Nov 2027-Jan 2028. A hire at month 1 joins the first step (Feb),
    // one at month 3 the second (May), one at month 11 the last (Nov).
    const projection = project({
      start: "2027-02",
      horizonMonths: 12,
      step: "quarter",
      team: one,
      plan: [
        { type: "hire", level: "M", count: 1, month: 1, salary: 120_000 },
        { type: "hire", level: "M", count: 1, month: 3, salary: 120_000 },
        { type: "hire", level: "M", count: 1, month: 11, salary: 120_000 },
      ],
    });
    expect(projection.rows.map((r) => r.totalHeadcount)).toEqual([2, 3, 3, 4]);
    const quarters = fiscalPeriods(projection, { by: "quarter", fiscalYearStartMonth: 1 });
    expect(quarters.map((q) => [q.name, q.coveredMonths, Math.round(q.payroll), q.endHeadcount, q.hires])).toEqual([
      // Feb, Mar of step 0 (2 people at $10,000 a month each).
      ["FY2027 Q1", 2, 40_000, 2, 1],
      // Apr of step 0 (2 x $10,000), May and Jun of step 1 (3 x $10,000 each).
      ["FY2027 Q2", 3, 80_000, 3, 1],
      // Jul of step 1, Aug and Sep of step 2: 3 people.
      ["FY2027 Q3", 3, 90_000, 3, 0],
      // Oct of step 2 (3), Nov and Dec of step 3 (4).
      ["FY2027 Q4", 3, 110_000, 4, 1],
      // Jan 2028 of step 3.
      ["FY2028 Q1", 1, 40_000, 4, 0],
    ]);
    const years = fiscalPeriods(projection, { by: "year", fiscalYearStartMonth: 1 });
    expect(years.map((y) => [y.name, y.coveredMonths, Math.round(y.payroll), y.hires])).toEqual([
      ["FY2027", 11, 320_000, 3],
      ["FY2028", 1, 40_000, 0],
    ]);
  });

  it("yearly steps split over fiscal years starting in April; headcount at the end is the step holding March", () => {
    // Steps: 2027 and 2028. A hire at month 13 joins the second step, in Jan 2028.
    const projection = project({
      start: "2027-01",
      horizonMonths: 24,
      step: "year",
      team: one,
      plan: [{ type: "hire", level: "M", count: 1, month: 13, salary: 120_000 }],
    });
    const years = fiscalPeriods(projection, { by: "year", fiscalYearStartMonth: 4 });
    expect(years.map((y) => [y.name, y.coveredMonths, Math.round(y.payroll), y.endHeadcount, y.hires])).toEqual([
      // Jan-Mar 2027: 3 months of one person.
      ["FY2027", 3, 30_000, 1, 0],
      // Apr-Dec 2027 of one person, Jan-Mar 2028 of two.
      ["FY2028", 12, 90_000 + 60_000, 2, 1],
      // Apr-Dec 2028 of two.
      ["FY2029", 9, 180_000, 2, 0],
    ]);
    const quarters = fiscalPeriods(projection, { by: "quarter", fiscalYearStartMonth: 4 });
    expect(quarters.map((q) => Math.round(q.payroll))).toEqual([
      30_000, 30_000, 30_000, 30_000, 60_000, 60_000, 60_000, 60_000,
    ]);
  });
});

describe("each team's periods", () => {
  const scenario = makeScenario({
    start: "2027-01",
    horizonMonths: 18,
    teams: [
      { id: "pay", name: "Payments" },
      { id: "mob", name: "Mobile" },
    ],
    team: [
      { level: "L1", count: 3, salary: 104_000, team: "pay" },
      { level: "L4", count: 2, salary: 133_000, team: "pay" },
      { level: "L3", count: 4, salary: 121_000, team: "mob" },
    ],
    plan: [{ type: "hire", level: "L2", count: 2, month: 4, team: "mob" }],
  });
  const projection = projectScenario(scenario);

  it("sum their own monthly rows, hires included, and add up to the org's", () => {
    const org = fiscalPeriods(projection, { by: "quarter", fiscalYearStartMonth: 7 });
    const byTeam = projection.teamIds.map((id) => {
      const view = teamView(projection, id)!;
      const quarters = fiscalPeriods(view, { by: "quarter", fiscalYearStartMonth: 7 });
      for (const q of quarters) {
        const inside = view.rows.filter((r) => r.period >= q.firstMonth && r.period <= q.lastMonth);
        expect(q.totalCost).toBeCloseTo(
          inside.reduce((s, r) => s + r.totalCost, 0),
          6,
        );
        expect(q.hires).toBeCloseTo(
          inside.reduce((s, r) => s + r.joiners, 0),
          9,
        );
        expect(q.endHeadcount).toBe(inside.at(-1)!.totalHeadcount);
      }
      return quarters;
    });
    org.forEach((q, i) => {
      expect(byTeam[0]![i]!.name).toBe(q.name);
      expect(byTeam[0]![i]!.totalCost + byTeam[1]![i]!.totalCost).toBeCloseTo(q.totalCost, 6);
      expect(byTeam[0]![i]!.hires + byTeam[1]![i]!.hires).toBeCloseTo(q.hires, 9);
      expect(byTeam[0]![i]!.endHeadcount + byTeam[1]![i]!.endHeadcount).toBeCloseTo(q.endHeadcount, 9);
    });
    // The planned hires join Mobile in May 2027: FY2027 Q4 (Apr - Jun 2027) with a July start.
    const mobile = byTeam[1]!.find((q) => q.name === "FY2027 Q4")!;
    expect(mobile.months).toBe("Apr - Jun 2027");
    expect(mobile.hires).toBeGreaterThanOrEqual(2);
  });

  it("as a table: the org's periods, then each team's, named", () => {
    const table = periodsTable(projection, {
      by: "year",
      fiscalYearStartMonth: 1,
      teamName: (id) => scenario.teams!.find((t) => t.id === id)!.name,
    });
    expect(table.header.slice(0, 3)).toEqual(["Team", "Fiscal year", "Months"]);
    expect(table.rows.map((r) => `${r[0]} ${r[1]}`)).toEqual([
      "Whole org FY2027",
      "Whole org FY2028",
      "Payments FY2027",
      "Payments FY2028",
      "Mobile FY2027",
      "Mobile FY2028",
    ]);
  });
});

describe("periods, over random scenarios", () => {
  it("hold every month, every dollar and every joiner of the projection once, whatever the step and fiscal start", () => {
    fc.assert(
      fc.property(
        scenarioDocument({ events: true }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom("quarter" as const, "year" as const),
        (doc, fiscalYearStartMonth, by) => {
          const projection = projectScenario(mustParseScenario(doc));
          const periods = fiscalPeriods(projection, { by, fiscalYearStartMonth });
          const { summary } = projection;
          expect(periods.reduce((n, p) => n + p.coveredMonths, 0)).toBe(summary.steps * summary.stepMonths);
          const scale = Math.max(1, summary.totalCost);
          expect(Math.abs(periods.reduce((s, p) => s + p.totalCost, 0) - summary.totalCost) / scale).toBeLessThan(1e-9);
          expect(periods.reduce((s, p) => s + p.hires, 0)).toBeCloseTo(summary.totalJoiners, 6);
          expect(periods.at(-1)!.endHeadcount).toBe(projection.rows.at(-1)!.totalHeadcount);
          for (const p of periods) {
            expect(p.coveredMonths).toBeGreaterThan(0);
            expect(p.coveredMonths).toBeLessThanOrEqual(p.monthCount);
          }
        },
      ),
    );
  });
});
