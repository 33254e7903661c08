/**
 * Comparing scenarios over the months they all cover (app/domain/comparison.ts): the window for
 * different starts, horizons and step lengths, the figures over it summed from the rows here, and
 * the verdict's words on small hand-made plans.
 */
import { describe, expect, it } from "vitest";
import {
  commonWindow,
  comparisonVerdicts,
  projectionOver,
  projectScenario,
  summaryOver,
  windowSentence,
  type CommonWindow,
  type Projection,
  type ScenarioInput,
} from "~/domain";
import { formatMoneyShort } from "~/utils/format";
import { makeScenario } from "../factories/scenario";

/** A small team that churns, hires and ramps: every month's row differs from the next. */
const TEAM: ScenarioInput["team"] = [
  { level: "L1", count: 3, salary: 104_000 },
  { level: "L3", count: 2, salary: 121_000 },
  { level: "L4", count: 1, salary: 133_000 },
];

function plan(name: string, fields: Partial<ScenarioInput>) {
  const scenario = makeScenario({ name, team: TEAM, ...fields });
  return { name, scenario, projection: projectScenario(scenario) };
}

function windowOf(...plans: { name: string; projection: Projection }[]): CommonWindow {
  const answer = commonWindow(plans);
  if (!answer.ok) throw new Error(answer.reason);
  return answer.window;
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describe("the common window", () => {
  it("runs from the latest start to the earliest end, and says so", () => {
    const a = plan("Two years", { start: "2027-01", horizonMonths: 24 });
    const b = plan("A year from April", { start: "2027-04", horizonMonths: 12 });
    const c = plan("Eighteen months", { start: "2027-01", horizonMonths: 18 });
    const window = windowOf(a, b, c);
    expect(window).toMatchObject({ first: "2027-04", last: "2028-03", months: 12, cut: true });
    expect(window.own.map((o) => `${o.first} to ${o.last}`)).toEqual([
      "2027-01 to 2028-12",
      "2027-04 to 2028-03",
      "2027-01 to 2028-06",
    ]);
    expect(windowSentence(window)).toBe("Compared over 2027-04 to 2028-03, the 12 months all three scenarios cover.");
  });

  it("is every scenario's whole horizon when they share their months, and says that instead", () => {
    const window = windowOf(
      plan("A", { start: "2027-01", horizonMonths: 24 }),
      plan("B", { start: "2027-01", horizonMonths: 24 }),
    );
    expect(window).toMatchObject({ first: "2027-01", last: "2028-12", months: 24, cut: false });
    expect(windowSentence(window)).toBe("Compared over 2027-01 to 2028-12, the same 24 months in every scenario.");
  });

  it("compares a quarterly plan with a monthly one over whole quarters, each figure summed from the rows inside", () => {
    const monthly = plan("Monthly from February", { start: "2027-02", horizonMonths: 24 });
    const quarterly = plan("Quarterly", { start: "2027-01", horizonMonths: 12, step: "quarter" });
    // They share 2027-02 to 2027-12 (11 months); the first quarter (January to March) is only
    // partly in the monthly plan, so the window is the quarters from April: 9 months.
    const window = windowOf(monthly, quarterly);
    expect(window).toMatchObject({ first: "2027-04", last: "2027-12", months: 9, trimmedToWholeSteps: true });
    expect(windowSentence(window)).toBe(
      "Compared over 2027-04 to 2027-12, the 9 months both scenarios cover, in whole quarters.",
    );

    const q = projectionOver(quarterly.projection, window);
    expect(q.rows.map((r) => r.period)).toEqual(["2027-04", "2027-07", "2027-10"]);
    const quarters = quarterly.projection.rows.slice(1, 4);
    expect(q.summary.totalCost).toBeCloseTo(sum(quarters.map((r) => r.totalCost)), 6);
    expect(q.summary.meanCapacity).toBeCloseTo(sum(quarters.map((r) => r.capacity)) / 3, 9);

    const m = projectionOver(monthly.projection, window);
    // April is month 2 of the monthly plan; December is month 10.
    const months = monthly.projection.rows.slice(2, 11);
    expect(m.rows.map((r) => r.period)).toEqual(months.map((r) => r.period));
    expect(m.summary.totalCost).toBeCloseTo(sum(months.map((r) => r.totalCost)), 6);
    expect(m.summary.endTotalHeadcount).toBe(months[8]!.totalHeadcount);
    expect(m.summary.startHeadcount).toBe(months[0]!.totalHeadcount);
    // The cost so far starts again at the window's first month.
    expect(m.rows[0]!.cumulativeCost).toBeCloseTo(months[0]!.totalCost, 6);
    expect(m.rows[8]!.cumulativeCost).toBeCloseTo(m.summary.totalCost, 6);
  });

  it("compares a 12-month plan with a 24-month one over the 12 months, never over each one's own horizon", () => {
    const short = plan("One year", { start: "2027-01", horizonMonths: 12 });
    const long = plan("Two years", {
      start: "2027-01",
      horizonMonths: 24,
      plan: [{ type: "hire", level: "L4", count: 2, month: 14 }],
    });
    const window = windowOf(short, long);
    expect(window.months).toBe(12);
    const firstYear = long.projection.rows.slice(0, 12);
    const expected = sum(firstYear.map((r) => r.totalCost));
    // Compared whole, the longer plan would carry a second year of cost (and the hires of month 14).
    expect(long.projection.summary.totalCost).toBeGreaterThan(expected * 1.5);
    expect(summaryOver(long.projection, window).totalCost).toBeCloseTo(expected, 6);
    expect(summaryOver(long.projection, window).endTotalHeadcount).toBe(firstYear[11]!.totalHeadcount);
    expect(summaryOver(short.projection, window)).toEqual(short.projection.summary);
  });

  it("refuses scenarios that share no month, naming each and its months", () => {
    const answer = commonWindow([
      plan("This year", { start: "2027-01", horizonMonths: 12 }),
      plan("Next year", { start: "2028-01", horizonMonths: 12 }),
    ]);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.reason).toContain('"This year" covers 2027-01 to 2027-12');
    expect(answer.reason).toContain('"Next year" covers 2028-01 to 2028-12');
  });

  it("refuses a yearly plan beside a quarterly one that share months but no whole period", () => {
    const answer = commonWindow([
      plan("By year", { start: "2027-01", horizonMonths: 24, step: "year" }),
      plan("By quarter", { start: "2027-02", horizonMonths: 12, step: "quarter" }),
    ]);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.reason).toContain("2027-02 to 2028-01");
    expect(answer.reason).toContain('"By year" is counted by the year from 2027-01');
    expect(answer.reason).toContain('"By quarter" is counted by the quarter from 2027-02');
  });
});

describe("the verdict", () => {
  const words = { money: formatMoneyShort };

  it("reads two identical plans as the same cost and capacity, in band, against the baseline", () => {
    const a = plan("A", {});
    const b = plan("B", {});
    const verdicts = comparisonVerdicts(
      [a, b].map((p) => ({ name: p.name, view: p.projection, ratioTarget: p.scenario.assumptions.ratioTarget })),
      0,
      words,
    );
    expect(verdicts[1]).toMatch(/^B: about the same cost and capacity; /);
    expect(verdicts[0]).toMatch(/^A \(the baseline\): /);
  });

  it("counts months, not quarters, and the cost difference over the window only", () => {
    // Three juniors and no senior: with no senior in a quarter, all three of its months count.
    const juniors = [{ level: "L1", count: 3, salary: 104_000 }];
    const quarterly = plan("Quarterly juniors", { team: juniors, step: "quarter", horizonMonths: 12 });
    const monthly = plan("Monthly juniors, then a senior", {
      team: juniors,
      horizonMonths: 24,
      plan: [{ type: "hire", level: "L4", count: 1, month: 0 }],
    });
    const window = windowOf(quarterly, monthly);
    const over = [quarterly, monthly].map((p) => ({
      name: p.name,
      view: projectionOver(p.projection, window),
      ratioTarget: p.scenario.assumptions.ratioTarget,
    }));
    const [baseline, other] = comparisonVerdicts(over, 0, words);
    const noSenior = quarterly.projection.rows.filter((r) => r.juniorsPerSenior === null && r.juniors > 0).length;
    expect(noSenior).toBeGreaterThan(0);
    expect(noSenior).toBeLessThan(4); // promotions bring a fraction of a senior by the last quarter
    expect(baseline).toContain(`juniors with no senior for ${noSenior * 3} of 12 months`);
    const difference =
      sum(monthly.projection.rows.slice(0, 12).map((r) => r.totalCost)) -
      sum(quarterly.projection.rows.map((r) => r.totalCost));
    expect(difference).toBeGreaterThan(0);
    expect(other).toContain(`Monthly juniors, then a senior: ${formatMoneyShort(difference)} more expensive`);
    const above = monthly.projection.rows.slice(0, 12).filter((r) => r.juniorsPerSenior! > 2).length;
    expect(above).toBeGreaterThan(0);
    expect(other).toContain(`above the target for ${above === 12 ? "all 12 months" : `${above} of 12 months`}`);
  });
});
