/** MODEL.md section 8's goals on hand-computed plans: met or not, where they first fail, by how much. */
import { describe, expect, it } from "vitest";
import { evaluateGoals, parseScenario, projectScenario, type ScenarioInput } from "~/domain";
import { makeScenario, quietAssumptions, quietLevel } from "../factories/scenario";

/** Two levels at $100k and output 1, nothing moving: 10 seniors, 5 more from month 6. */
function plan(fields: Partial<ScenarioInput>) {
  const scenario = makeScenario({
    horizonMonths: 12,
    levels: [
      quietLevel("J", { class: "junior", menteeHours: 4 }),
      quietLevel("S", { class: "senior", mentorHours: 2 }),
    ],
    team: [{ level: "S", count: 10, salary: 100_000 }],
    plan: [{ type: "hire", level: "S", count: 5, month: 6 }],
    assumptions: quietAssumptions,
    ...fields,
  });
  return evaluateGoals(scenario, projectScenario(scenario));
}

describe("goals", () => {
  it("finds where capacity falls short, and by how much", () => {
    const [capacity] = plan({ goals: { capacity: { atLeast: 12, fromMonth: 3 } } });
    // 10 until the hires start in month 6, then 15.
    expect(capacity).toMatchObject({ kind: "capacity", met: false, firstFailingStep: 3, firstFailingMonth: 3 });
    expect(capacity!.shortfall).toBeCloseTo(2 / 12, 12);
    expect(capacity!.message).toBe("Capacity is below 12 from 2027-04 to 2027-06.");
    const [late] = plan({ goals: { capacity: { atLeast: 12, fromMonth: 6 } } });
    expect(late).toMatchObject({ met: true, firstFailingStep: null, shortfall: 0 });
  });

  it("holds the total and each plan year's cost to the budget", () => {
    // $1M a year for the 10, and $250k for the 5 over months 6-11: $1.25M in year one, $1.5M in year two.
    const [total] = plan({ goals: { budget: { maxTotalCost: 1_200_000 } } });
    // The running total passes $1.2M in month 11 ($1.125M after month 10).
    expect(total).toMatchObject({ kind: "totalCost", met: false, firstFailingStep: 11 });
    expect(total!.shortfall).toBeCloseTo(50_000 / 1_200_000, 12);
    const [yearly] = plan({ horizonMonths: 24, goals: { budget: { maxLoadedCostPerYear: 1_300_000 } } });
    expect(yearly).toMatchObject({ kind: "yearlyCost", met: false, firstFailingStep: 12 });
    expect(yearly!.shortfall).toBeCloseTo(200_000 / 1_300_000, 12);
    expect(yearly!.message).toBe("1 plan year costs more than $1,300,000, the first from 2028-01 ($1,500,000).");
    expect(plan({ goals: { budget: { maxTotalCost: 1_250_001 } } })[0]!.met).toBe(true);
  });

  it("holds the ratio and mentoring in every team, not only across the org", () => {
    const withTeams: Partial<ScenarioInput> = {
      teams: [
        { id: "a", name: "A" },
        { id: "b", name: "B" },
      ],
      // A: 2 seniors and 2 juniors (in band); B: 2 juniors and no senior. The org: 4 juniors per 2 seniors, in band.
      team: [
        { level: "S", count: 2, salary: 100_000, team: "a" },
        { level: "J", count: 2, salary: 100_000, team: "a" },
        { level: "J", count: 2, salary: 100_000, team: "b" },
      ],
      plan: [],
      goals: { ratio: { fromMonth: 0 }, coverage: { atLeast: 1, fromMonth: 0 } },
    };
    const [ratio, coverage] = plan(withTeams);
    expect(ratio).toMatchObject({ kind: "ratio", met: false, firstFailingStep: 0, shortfall: 1 });
    // B's juniors need 8 hours a week and have none: coverage 0 there, a shortfall of all of it.
    expect(coverage).toMatchObject({ kind: "coverage", met: false, firstFailingStep: 0 });
    expect(coverage!.shortfall).toBeCloseTo(1, 12);
    const [orgOnly] = plan({ ...withTeams, teams: undefined, team: withTeams.team!.map(({ team: _, ...e }) => e) });
    expect(orgOnly!.met).toBe(true);
  });

  it("caps headcount at every step", () => {
    const [cap] = plan({ goals: { maxHeadcount: 12 } });
    expect(cap).toMatchObject({ kind: "maxHeadcount", met: false, firstFailingStep: 6 });
    expect(cap!.shortfall).toBeCloseTo(3 / 12, 12);
  });

  it("refuses a goal month outside the horizon and an empty budget, naming the field", () => {
    const result = parseScenario({
      ...makeScenario({ horizonMonths: 12 }),
      goals: { capacity: { atLeast: 5, fromMonth: 12 }, budget: {} },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => `${i.path}: ${i.message}`)).toEqual(
      expect.arrayContaining([
        "goals.capacity.fromMonth: must be inside the horizon (0 to 11), got 12",
        "goals.budget: must set maxTotalCost or maxLoadedCostPerYear (or leave the budget out)",
      ]),
    );
  });
});
