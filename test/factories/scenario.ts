import { expect } from "vitest";
import {
  defaultLevels,
  mustParseScenario,
  projectScenario,
  simulateMonteCarlo,
  SCENARIO_FORMAT,
  type Level,
  type Scenario,
  type ScenarioInput,
} from "~/domain";

/** A level with no churn, no ramp and no mentoring: tests switch on only what they measure. */
export function quietLevel(id: string, overrides: Partial<Level> = {}): Level {
  return {
    id,
    title: `Level ${id}`,
    class: "mid",
    years: "",
    band: { min: 100_000, mid: 100_000, max: 100_000 },
    output: 1,
    rampMonths: 0,
    annualAttrition: 0,
    annualPromotion: 0,
    mentorHours: 0,
    menteeHours: 0,
    expectations: {},
    ...overrides,
  };
}

/** Assumptions that switch every effect off, to be switched on one at a time. */
export const quietAssumptions = {
  overheadRate: 0,
  recruitingFeeRate: 0,
  annualRaiseRate: 0,
  promotionRaiseRate: 0,
  hoursPerWeek: 40,
  backfill: { enabled: false, delayMonths: 0, level: "same" },
  mentorship: { program: false, retentionEffect: 0 },
  ratioTarget: [1, 2] as [number, number],
};

/** A valid scenario on the default ladder; fields given replace the defaults. */
export function makeScenario(fields: Partial<ScenarioInput> = {}): Scenario {
  return mustParseScenario({
    format: SCENARIO_FORMAT,
    name: "Test scenario",
    start: "2027-01",
    horizonMonths: 24,
    step: "month",
    levels: defaultLevels(),
    team: [],
    plan: [],
    ...fields,
  });
}

/**
 * The plan from issue 11 that stopped the site: within every limit of the schema, and 1,000,000
 * people x 100,000 trials x 120 months of Monte Carlo.
 */
export const ISSUE_11_PLAN = {
  format: SCENARIO_FORMAT,
  name: "One plan stops the site",
  start: "2026-12",
  horizonMonths: 120,
  team: [{ id: "a", level: "L1", count: 1_000_000, salary: 100_000 }],
  monteCarlo: { trials: 100_000 },
};

/** Just under the Monte Carlo limit: 100,000 people x 120 trials x 24 steps, a second or two of work. */
export const HEAVY_PLAN = {
  ...ISSUE_11_PLAN,
  name: "Heavy",
  horizonMonths: 24,
  team: [{ id: "a", level: "L1", count: 100_000, salary: 100_000 }],
  monteCarlo: { trials: 120 },
};

/**
 * Expects Monte Carlo's mean headcount, half way and at the end, within 4 standard errors of the
 * expected-value projection (MODEL.md section 5: it converges with mentoring off).
 */
export function expectMonteCarloMeanNearExpected(scenario: Scenario, trials: number, seed: number): void {
  const expected = projectScenario(scenario).rows;
  const mc = simulateMonteCarlo(scenario, { trials, seed });
  const last = expected.length - 1;
  for (const step of new Set([Math.floor(last / 2), last])) {
    const { mean, sd } = mc.steps[step]!.headcount;
    // With rare events no trial may deviate at all, and the estimated sd is 0: count such a
    // run as if one trial had deviated by one person (a continuity correction).
    const standardError = Math.max(sd, 1 / Math.sqrt(trials)) / Math.sqrt(trials);
    expect(Math.abs(mean - expected[step]!.totalHeadcount)).toBeLessThanOrEqual(4 * standardError);
  }
}
