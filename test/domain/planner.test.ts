/**
 * The planner (MODEL.md section 8) against every plan of small random instances, enumerated here
 * through the engine's public path (projectScenario, evaluateGoals, hiringChecks): it must find
 * the optimum's cost with its tie-breaks, or say "no plan" exactly when there is none.
 */
import { describe, expect, it } from "vitest";
import {
  evaluateGoals,
  hiringChecks,
  planHires,
  relaxations,
  simulateMonteCarlo,
  targetLabel,
  planSlots,
  projectScenario,
  type PlanEvent,
  type Scenario,
} from "~/domain";
import { largePlannerInstance, plannerInstance } from "../factories/planner";
import { makeScenario, quietAssumptions, quietLevel } from "../factories/scenario";

/** The instance's scenario with the planner's hires, judged by the engine as any scenario is. */
function judged(scenario: Scenario, hires: readonly PlanEvent[]) {
  const withHires = { ...scenario, plan: [...scenario.plan, ...hires] };
  const projection = projectScenario(withHires);
  const checks = hiringChecks(withHires, projection);
  return {
    projection,
    goals: evaluateGoals(withHires, projection),
    limitsMet: checks.quartersOverRecruiters === 0 && checks.quartersOverGrowth === 0,
  };
}

interface Enumerated {
  cost: number;
  hires: number;
  lateness: number;
}

/** Every plan of the instance's space, judged as a user's scenario would be. */
function enumerate(scenario: Scenario, options: Parameters<typeof planSlots>[1]) {
  const slots = planSlots(scenario, options);
  const max = options!.maxPerSlot!;
  const counts = new Array<number>(slots.length).fill(0);
  let best: Enumerated | null = null;
  let plans = 0;
  for (;;) {
    plans++;
    const hires: PlanEvent[] = [];
    slots.forEach((slot, i) => {
      if (counts[i]! > 0)
        hires.push({
          type: "hire",
          level: slot.level,
          count: counts[i]!,
          month: slot.month,
          ...(slot.team ? { team: slot.team } : {}),
        });
    });
    const { projection, goals, limitsMet } = judged(scenario, hires);
    if (limitsMet && goals.every((g) => g.met)) {
      const plan = {
        cost: projection.summary.totalCost,
        hires: hires.reduce((sum, h) => sum + (h.type === "hire" ? h.count : 0), 0),
        lateness: hires.reduce((sum, h) => sum + (h.type === "hire" ? h.count * h.month : 0), 0),
      };
      const better =
        best === null ||
        plan.cost < best.cost - 0.01 ||
        (Math.abs(plan.cost - best.cost) <= 0.01 &&
          (plan.hires < best.hires || (plan.hires === best.hires && plan.lateness > best.lateness)));
      if (better) best = plan;
    }
    let i = 0;
    while (i < counts.length && counts[i] === max) counts[i++] = 0;
    if (i === counts.length) break;
    counts[i]!++;
  }
  return { best, plans };
}

describe("the planner", () => {
  it("finds the enumerated optimum, with its tie-breaks, in 200 random small instances", () => {
    let withPlan = 0;
    let spaces = 0;
    for (let i = 0; i < 200; i++) {
      const { scenario, options } = plannerInstance(17, i);
      const { best, plans } = enumerate(scenario, options);
      const result = planHires(scenario, options);
      spaces += plans;
      expect(result.method).toBe("exhaustive");
      expect(result.spaceSize).toBe(plans);
      expect(plans).toBeLessThanOrEqual(4_096);
      const where = `instance ${i}`;
      expect(result.found, where).toBe(best !== null);
      if (best === null) {
        expect(result.conflicting.length, where).toBeGreaterThan(0);
        continue;
      }
      withPlan++;
      expect(result.best.totalCost, where).toBeCloseTo(best.cost, 2);
      expect(result.best.hires, where).toBe(best.hires);
      expect(result.best.lateness, where).toBe(best.lateness);
    }
    // Both outcomes are exercised, over spaces of real size.
    expect(withPlan).toBeGreaterThan(40);
    expect(withPlan).toBeLessThan(190);
    expect(spaces).toBeGreaterThan(200 * 50);
  }, 180_000);

  it("returns only plans that meet every goal, on larger instances it searches, and the same plan every time", () => {
    let found = 0;
    for (let i = 0; i < 16; i++) {
      const { scenario, options } =
        i < 12 ? plannerInstance(29, i, { maxPlans: 1e12, slots: 12 + i, team: [6, 16] }) : largePlannerInstance(3, i);
      const budget = { ...options, maxEvaluations: i < 12 ? 1_500 : 2_500, exactLimit: 0 };
      const result = planHires(scenario, budget);
      expect(result.method).toBe("search");
      expect(result.evaluations).toBeLessThanOrEqual(budget.maxEvaluations + 1);
      if (!result.found) {
        expect(result.conflicting.length).toBeGreaterThan(0);
        continue;
      }
      found++;
      const { goals, limitsMet, projection } = judged(scenario, result.hires);
      expect(
        goals.filter((g) => !g.met).map((g) => g.message),
        `instance ${i}`,
      ).toEqual([]);
      expect(limitsMet, `instance ${i}`).toBe(true);
      // The figures it reports are the engine's.
      expect(result.best.totalCost).toBeCloseTo(projection.summary.totalCost, 2);
      if (i % 4 === 0) expect(planHires(scenario, budget).hires).toEqual(result.hires);
    }
    expect(found).toBeGreaterThan(5);
  }, 120_000);

  /** Seniors output 2, juniors 1, $250k and $100k; 4 seniors and 2 juniors, nothing moving. */
  const small = (goals: Scenario["goals"], horizonMonths = 6) =>
    makeScenario({
      horizonMonths,
      levels: [
        quietLevel("J", { class: "junior", band: { min: 100_000, mid: 100_000, max: 100_000 } }),
        quietLevel("S", { class: "senior", output: 2, band: { min: 250_000, mid: 250_000, max: 250_000 } }),
      ],
      team: [
        { level: "S", count: 4, salary: 250_000 },
        { level: "J", count: 2, salary: 100_000 },
      ],
      assumptions: quietAssumptions,
      goals,
    });

  it("hires juniors when they are the cheapest capacity, as late as the goal allows", () => {
    // Capacity 10 now; 13 from month 3. Three juniors at month 3 cost $75k, a senior and a junior
    // $87.5k, two seniors $125k; at month 0 each costs twice as much.
    const scenario = small({ capacity: { atLeast: 13, fromMonth: 3 } });
    const result = planHires(scenario, { months: [0, 3] });
    expect(result.found).toBe(true);
    expect(result.hires).toEqual([{ type: "hire", level: "J", count: 3, month: 3 }]);
    expect(result.best.totalCost - result.baseline.totalCost).toBeCloseTo(3 * 100_000 * (3 / 12), 6);
  });

  it("names the goals that cannot be met together, and returns the closest plan", () => {
    // Capacity 16 needs 6 more juniors (or 3 seniors); at most 8 people allows 2 more.
    const scenario = small({ capacity: { atLeast: 16, fromMonth: 3 }, maxHeadcount: 8, ratio: { fromMonth: 0 } });
    const result = planHires(scenario, { months: [0, 3], maxPerSlot: 5 });
    expect(result.found).toBe(false);
    expect(result.conflicting).toEqual(["capacity", "maxHeadcount"]);
    expect(result.conflicting.map((k) => targetLabel(scenario, k))).toEqual([
      "capacity of at least 16 from 2027-04",
      "at most 8 people",
    ]);
    // Closest: 2 seniors (capacity 14, 2/16 short), which keeps 2 juniors per 6 seniors... out of
    // band (1-2), so the closest trades: it is the least total shortfall over all plans.
    const judgedClosest = judged(scenario, result.hires);
    expect(judgedClosest.goals.reduce((sum, g) => sum + g.shortfall, 0)).toBeCloseTo(result.best.totalShortfall, 9);
    // Every other plan in this 36-plan space is at least as far.
    for (const j of [0, 1, 2])
      for (const s of [0, 1, 2]) {
        const other = judged(scenario, [
          ...(j ? [{ type: "hire" as const, level: "J", count: j, month: 3 }] : []),
          ...(s ? [{ type: "hire" as const, level: "S", count: s, month: 3 }] : []),
        ]);
        expect(other.goals.reduce((sum, g) => sum + g.shortfall, 0)).toBeGreaterThanOrEqual(
          result.best.totalShortfall - 1e-9,
        );
      }
  });

  it("says what relaxing each goal by 10% would save", () => {
    // 13 from month 3 needs 3 juniors; 11.7 needs 2 ($25k less). A 10-person cap does not bind.
    const scenario = small({ capacity: { atLeast: 13, fromMonth: 3 }, maxHeadcount: 10 });
    const options = { months: [0, 3] };
    const result = planHires(scenario, options);
    const [capacity, cap] = relaxations(scenario, options, result);
    expect(capacity).toMatchObject({ kind: "capacity", found: true });
    expect(capacity!.saving).toBeCloseTo(100_000 * (3 / 12), 6);
    expect(capacity!.message).toBe("Allowing capacity of at least 11.7 from 2027-04 would save $25k.");
    expect(cap).toMatchObject({ kind: "maxHeadcount", saving: 0 });
  });

  it("gives each goal's likelihood under Monte Carlo", () => {
    // 10 people, half of whom leave in a year, nobody replaced: capacity 8 at month 11 needs 8 of
    // them to stay, each with the chance the expected run keeps (a binomial).
    const scenario = makeScenario({
      horizonMonths: 12,
      levels: [quietLevel("M", { annualAttrition: 0.5 })],
      team: [{ level: "M", count: 10, salary: 100_000 }],
      assumptions: quietAssumptions,
      goals: { capacity: { atLeast: 8, fromMonth: 11 }, maxHeadcount: 10 },
      monteCarlo: { trials: 4_000, seed: 3 },
    });
    const p = projectScenario(scenario).rows[11]!.totalHeadcount / 10;
    const choose = (n: number, k: number): number => (k === 0 ? 1 : (choose(n, k - 1) * (n - k + 1)) / k);
    const atLeast8 = [8, 9, 10].reduce((sum, k) => sum + choose(10, k) * p ** k * (1 - p) ** (10 - k), 0);
    const [capacity, headcount] = simulateMonteCarlo(scenario).goals;
    expect(capacity!.kind).toBe("capacity");
    const se = Math.sqrt((atLeast8 * (1 - atLeast8)) / 4_000);
    expect(Math.abs(capacity!.probability - atLeast8)).toBeLessThan(4 * se);
    expect(headcount).toEqual({ kind: "maxHeadcount", probability: 1 });
  });
});
