import { describe, expect, it } from "vitest";
import {
  createRandom,
  mergeTrialOutcomes,
  projectScenario,
  quantile,
  Sfc32,
  simulateMonteCarlo,
  simulateTrials,
  splitTrials,
  TrialRunner,
} from "~/domain";
import { makeScenario, quietAssumptions, quietLevel } from "../factories/scenario";

/** sfc32 written independently with BigInt arithmetic, to check the 32-bit integer version. */
function referenceSfc32(a: number, b: number, c: number, d: number) {
  const mask = 0xffffffffn;
  let [A, B, C, D] = [a, b, c, d].map((x) => BigInt(x >>> 0));
  return () => {
    const t = (A! + B! + D!) & mask;
    D = (D! + 1n) & mask;
    A = B! ^ (B! >> 9n);
    B = (C! + (C! << 3n)) & mask;
    C = ((C! << 21n) | (C! >> 11n)) & mask;
    C = (C + t) & mask;
    return Number(t) / 2 ** 32;
  };
}

describe("the random number generator", () => {
  it("matches an independent implementation of sfc32 draw for draw", () => {
    const fast = new Sfc32(0x9e3779b9, 0x243f6a88, 0xb7e15162, 1);
    const reference = referenceSfc32(0x9e3779b9, 0x243f6a88, 0xb7e15162, 1);
    const mismatches = Array.from({ length: 10_000 }, () => fast.next() - reference()).filter((d) => d !== 0);
    expect(mismatches).toEqual([]);
  });

  it("spreads draws evenly over [0, 1)", () => {
    const random = createRandom(42);
    const buckets = new Array(10).fill(0);
    const n = 100_000;
    let [lowest, highest] = [1, 0];
    for (let i = 0; i < n; i++) {
      const u = random.next();
      lowest = Math.min(lowest, u);
      highest = Math.max(highest, u);
      buckets[Math.floor(u * 10)]++;
    }
    expect(lowest).toBeGreaterThanOrEqual(0);
    expect(highest).toBeLessThan(1);
    const chiSquare = buckets.reduce((sum, observed) => sum + (observed - n / 10) ** 2 / (n / 10), 0);
    expect(chiSquare).toBeLessThan(27.88); // the 99.9th percentile of chi-square with 9 degrees of freedom
  });

  it("gives each seed and each trial its own sequence", () => {
    const firstDraws = (seed: number, stream: number) => {
      const random = createRandom(seed, stream);
      return Array.from({ length: 4 }, () => random.next());
    };
    expect(firstDraws(1, 0)).toEqual(firstDraws(1, 0));
    expect(firstDraws(1, 0)).not.toEqual(firstDraws(2, 0));
    expect(firstDraws(1, 0)).not.toEqual(firstDraws(1, 1));
    expect(firstDraws(2 ** 40, 0)).not.toEqual(firstDraws(0, 0));
  });
});

describe("Monte Carlo", () => {
  const churn = quietLevel("A", { annualAttrition: 0.3, class: "junior" });
  const senior = quietLevel("S", { class: "senior", mentorHours: 8 });
  const team = makeScenario({
    horizonMonths: 24,
    levels: [churn, senior],
    team: [
      { level: "A", count: 20, salary: 100_000 },
      { level: "S", count: 10, salary: 150_000 },
    ],
    assumptions: quietAssumptions,
  });

  it("reports P10 <= P50 <= P90 for every step and measure", () => {
    const mc = simulateMonteCarlo(team, { trials: 300, seed: 3 });
    expect(mc.steps).toHaveLength(24);
    for (const step of mc.steps) {
      for (const d of [step.headcount, step.totalCost, step.capacity]) {
        expect(d.p10).toBeLessThanOrEqual(d.p50);
        expect(d.p50).toBeLessThanOrEqual(d.p90);
      }
    }
    // Without backfill the team only shrinks: the spread of outcomes widens over time.
    expect(mc.steps[23]!.headcount.p90 - mc.steps[23]!.headcount.p10).toBeGreaterThan(
      mc.steps[1]!.headcount.p90 - mc.steps[1]!.headcount.p10,
    );
  });

  it("moves whole people: every trial's headcount is a whole number", () => {
    const mc = simulateMonteCarlo(team, { trials: 1, seed: 11 });
    for (const step of mc.steps) expect(Number.isInteger(step.headcount.p50)).toBe(true);
  });

  it("matches the expected-value projection exactly when nothing is random", () => {
    const still = makeScenario({
      levels: [quietLevel("A")],
      team: [{ level: "A", count: 5, salary: 100_000 }],
      assumptions: quietAssumptions,
    });
    const mc = simulateMonteCarlo(still, { trials: 50, seed: 1 });
    const ev = projectScenario(still);
    mc.steps.forEach((step, i) => {
      expect(step.headcount).toMatchObject({ p10: 5, p50: 5, p90: 5, sd: 0 });
      expect(step.totalCost.p50).toBeCloseTo(ev.rows[i]!.totalCost, 6);
    });
    expect(mc.horizonCost.p50).toBeCloseTo(ev.summary.totalCost, 6);
  });

  it("gives the probability that the ratio stays in band and that coverage stays full", () => {
    // 20 juniors per 10 seniors = 2, at the top of the band [1, 2]; any senior leaving breaks it.
    const shaky = makeScenario({
      ...team,
      levels: [churn, { ...senior, annualAttrition: 0.2 }],
      assumptions: quietAssumptions,
    });
    const mc = simulateMonteCarlo(shaky, { trials: 500, seed: 5 });
    expect(mc.probabilityRatioInBand).toBeGreaterThan(0);
    expect(mc.probabilityRatioInBand).toBeLessThan(1);
    expect(mc.probabilityFullCoverage).toBe(1);

    const noMentors = makeScenario({
      ...team,
      levels: [
        { ...churn, menteeHours: 4 },
        { ...senior, mentorHours: 0 },
      ],
      assumptions: quietAssumptions,
    });
    expect(simulateMonteCarlo(noMentors, { trials: 20, seed: 5 }).probabilityFullCoverage).toBe(0);
  });

  it("changes with the seed and defaults to the scenario's own trials and seed", () => {
    const a = simulateMonteCarlo(team, { trials: 200, seed: 1 });
    const b = simulateMonteCarlo(team, { trials: 200, seed: 2 });
    expect(a.steps[23]!.headcount.mean).not.toBe(b.steps[23]!.headcount.mean);
    const own = makeScenario({ ...team, monteCarlo: { trials: 30, seed: 9 } });
    expect(simulateMonteCarlo(own)).toMatchObject({ trials: 30, seed: 9 });
    expect(simulateMonteCarlo(own)).toEqual(simulateMonteCarlo(own, { trials: 30, seed: 9 }));
  });

  it("reports progress as trials complete", () => {
    const seen: number[] = [];
    simulateMonteCarlo(team, { trials: 120, seed: 1, progressEvery: 50, onProgress: (done) => seen.push(done) });
    expect(seen).toEqual([50, 100, 120]);
  });

  it("refuses a trial count or seed that is not a whole number", () => {
    expect(() => simulateMonteCarlo(team, { trials: 0 })).toThrow(/trials/);
    expect(() => simulateMonteCarlo(team, { seed: -1 })).toThrow(/seed/);
  });
});

describe("quantile", () => {
  it("interpolates between order statistics", () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([0, 10], 0.1)).toBeCloseTo(1, 12);
    expect(quantile([7], 0.9)).toBe(7);
  });
});

describe("Monte Carlo once everyone has left", () => {
  it("reports a cost of exactly 0, never a rounding residue", () => {
    const scenario = makeScenario({
      horizonMonths: 6,
      levels: [quietLevel("A", { annualAttrition: 1 }), quietLevel("B", { annualAttrition: 1 })],
      team: [
        { level: "A", count: 7, salary: 101_234.56 },
        { level: "B", count: 5, salary: 133_333.33 },
      ],
      assumptions: { ...quietAssumptions, overheadRate: 0.3 },
    });
    const mc = simulateMonteCarlo(scenario, { trials: 50, seed: 3 });
    for (const step of mc.steps.slice(1)) expect(step.totalCost).toMatchObject({ p10: 0, p50: 0, p90: 0 });
  });
});

describe("Monte Carlo split into chunks of trials", () => {
  // Churn, backfill, mentoring, two teams and goals: every figure of the result moves from trial to trial.
  const scenario = makeScenario({
    horizonMonths: 18,
    teams: [
      { id: "a", name: "A" },
      { id: "b", name: "B" },
    ],
    team: [
      { level: "L1", count: 6, salary: 100_000, team: "a" },
      { level: "L3", count: 4, salary: 120_000, team: "a" },
      { level: "L2", count: 5, salary: 110_000, team: "b" },
      { level: "L4", count: 3, salary: 135_000, team: "b" },
    ],
    plan: [{ type: "hire", level: "L1", count: 2, month: 3, team: "b" }],
    goals: { capacity: { atLeast: 15, fromMonth: 12 }, coverage: { atLeast: 0.8, fromMonth: 0 }, maxHeadcount: 20 },
  });
  const trials = 101;
  const seed = 17;
  const oneThread = simulateMonteCarlo(scenario, { trials, seed });

  it.each([1, 2, 3])("gives, merged from %i chunks, exactly the one-thread run's result", (chunks) => {
    const ranges = splitTrials(trials, chunks);
    expect(ranges).toHaveLength(chunks);
    // Chunks may finish in any order: merge them last-first.
    const outcomes = ranges.map((range) => simulateTrials(scenario, { ...range, seed })).reverse();
    expect(mergeTrialOutcomes(scenario, outcomes, seed)).toEqual(oneThread);
  });

  it("gives the same result from one runner that takes many chunks, as a thread does", () => {
    const runner = new TrialRunner(scenario);
    const outcomes = splitTrials(trials, 16).map((range) => runner.run({ ...range, seed }));
    expect(mergeTrialOutcomes(scenario, outcomes, seed)).toEqual(oneThread);
  });

  it("is a run in which the figures vary, so that the comparison can fail", () => {
    const last = oneThread.steps.at(-1)!;
    expect(last.headcount.p90).toBeGreaterThan(last.headcount.p10);
    expect(oneThread.goals.map((g) => g.probability).some((p) => p > 0 && p < 1)).toBe(true);
    const otherSeed = simulateMonteCarlo(scenario, { trials, seed: seed + 1 });
    expect(otherSeed.horizonCost).not.toEqual(oneThread.horizonCost);
  });

  it("splits trials into contiguous ranges in trial order, never more ranges than trials", () => {
    expect(splitTrials(10, 3)).toEqual([
      { from: 0, to: 3 },
      { from: 3, to: 6 },
      { from: 6, to: 10 },
    ]);
    expect(splitTrials(2, 4)).toEqual([
      { from: 0, to: 1 },
      { from: 1, to: 2 },
    ]);
  });

  it("refuses chunks that leave out or repeat trials", () => {
    const [first, second, third] = splitTrials(trials, 3).map((range) => simulateTrials(scenario, { ...range, seed }));
    expect(() => mergeTrialOutcomes(scenario, [first!, third!], seed)).toThrow(/do not cover/);
    expect(() => mergeTrialOutcomes(scenario, [first!, first!, second!, third!], seed)).toThrow(/do not cover/);
  });
});
