import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultLevels, mustParseScenario, type ScenarioInput } from "~/domain";
import { compileScenario } from "~/domain/compile";
import { runSimulation, SimulationState } from "~/domain/simulation";
import { scenarioDocument, withHiring } from "../factories/arbitraries";

fc.configureGlobal({ seed: 20261203, numRuns: 100 });

/** The engine with settled origins never merged: every hire and every step's backfills followed on their own. */
class UnmergedState extends SimulationState {
  override settle(): void {}
}

/** Every measure of every step of an expected-value run, as plain numbers, and how many origins the last step still followed. */
function expectedRun(state: SimulationState) {
  const rows: number[][] = [];
  runSimulation(state, null, true, (m) => {
    rows.push([
      m.totalHeadcount,
      ...m.headcount,
      m.payroll,
      m.totalCost,
      m.recruitingCost,
      m.joiners,
      m.leavers,
      m.promotions,
      m.mentorSupplyHours,
      m.mentorDemandHours,
      m.coverage,
      m.capacity,
      m.interviewHours,
      m.firstYearLeavers,
      ...m.skillOwners,
      ...m.teams.flatMap((team) => [
        team.totalHeadcount,
        team.payroll,
        team.coverage,
        team.capacity,
        ...team.skillOwners,
      ]),
    ]);
  });
  return { rows, followed: state.activeCount };
}

function expectSameRuns(doc: ScenarioInput) {
  const compiled = compileScenario(mustParseScenario(doc));
  const merged = expectedRun(new SimulationState(compiled));
  const unmerged = expectedRun(new UnmergedState(compiled));
  expect(merged.rows).toHaveLength(unmerged.rows.length);
  // The largest difference, relative to the figure (at least 1): rounding of sums in another order.
  let worst = { difference: 0, step: -1, measure: -1 };
  merged.rows.forEach((row, step) =>
    row.forEach((value, measure) => {
      const difference = Math.abs(value - unmerged.rows[step]![measure]!) / Math.max(1, Math.abs(value));
      if (!(difference <= worst.difference)) worst = { difference, step, measure };
    }),
  );
  expect(worst.difference, `step ${worst.step}, measure ${worst.measure}`).toBeLessThanOrEqual(1e-12);
  return { merged, unmerged };
}

/**
 * Two teams of juniors and mids who leave often, backfilled after a month, and hires every month
 * for 10 years: with no skills recorded, with one of two sets of skills, or with none ({}).
 */
function backfillHeavy(): ScenarioInput {
  const levels = defaultLevels().map((level) => ({
    ...level,
    annualAttrition: Math.min(0.4, level.annualAttrition * 2.5),
  }));
  const skillSets: Record<string, number>[] = [{}, { testing: 3, "system-design": 4 }, { testing: 4 }, {}];
  return {
    format: "teamshape.scenario/v1",
    name: "Backfill-heavy",
    start: "2027-01",
    horizonMonths: 120,
    step: "month",
    levels,
    teams: [
      { id: "payments", name: "Payments" },
      { id: "mobile", name: "Mobile" },
    ],
    team: [
      { id: "juniors", level: "L1", count: 20, salary: 100_000, team: "payments" },
      { id: "mids", level: "L3", count: 12, salary: 124_000, team: "mobile", skills: { testing: 3 } },
      { id: "lead", level: "L5", salary: 160_000, team: "mobile", skills: { mentoring: 4 } },
    ],
    plan: Array.from({ length: 120 }, (_, month) => ({
      type: "hire" as const,
      level: levels[month % 4]!.id,
      count: 1 + (month % 3),
      month,
      team: month % 2 ? "payments" : "mobile",
      ...(month % 4 === 0 ? {} : { skills: skillSets[month % 4] }),
    })),
    assumptions: {
      backfill: { enabled: true, delayMonths: 1, level: "same" },
      mentorship: { program: true, retentionEffect: 0.4, crossTeamShare: 0.25 },
    },
  };
}

describe("merging settled hires and backfills", () => {
  it("gives the same figures as following each on its own, over 120 months of backfills", () => {
    const { merged, unmerged } = expectSameRuns(backfillHeavy());
    // Merging is what keeps the work per step flat: 120 hires and 120 steps of backfills become
    // a few pools per team (those still ramping aside).
    expect(unmerged.followed).toBeGreaterThan(200);
    expect(merged.followed).toBeLessThan(40);
  });

  it("gives the same figures with the hiring fields on (first-year attrition, time to fill)", () => {
    const doc = backfillHeavy();
    expectSameRuns({
      ...doc,
      levels: doc.levels!.map((level) => ({ ...level, timeToFillMonths: 2, interviewHours: 6 })),
      team: doc.team!.map((entry, i) => (i === 0 ? { ...entry, tenureMonths: 4 } : entry)),
      assumptions: {
        ...doc.assumptions,
        backfill: { enabled: true, delayMonths: 1, level: "below", useTimeToFill: true },
        hiring: { firstYearAttritionMultiplier: 1.5 },
      },
    });
  });

  it("gives the same figures on random scenarios run for 120 months", () => {
    const doc = fc.oneof(
      scenarioDocument({ events: true, backfill: true }),
      withHiring(scenarioDocument({ events: true, backfill: true })),
    );
    fc.assert(fc.property(doc, (d) => void expectSameRuns({ ...d, horizonMonths: 120, step: "month" })));
  });
});
