/**
 * How much work a scenario asks of the engine, and the most the server will do for one. Every
 * limit is named in the message that refuses it, so a planner knows what to change.
 */
import { STEP_MONTHS, type Scenario, type ScenarioIssue } from "./scenario";

/** Groups x steps of an expected-value projection (team entries and plan events, each a possible group). */
export const MAX_PROJECTION_WORK = 15_000_000;
/** People x trials x steps of a Monte Carlo run: about 1-2 s of one core here. */
export const MAX_MONTE_CARLO_WORK = 300_000_000;
/** Trials x steps of a Monte Carlo run: the samples it keeps, 32 bytes each (about 100 MB at the limit). */
export const MAX_MONTE_CARLO_SAMPLES = 3_000_000;
/** The longest scenario document accepted, in characters of JSON. */
export const MAX_DOCUMENT_CHARS = 5_000_000;

export interface Work {
  steps: number;
  groups: number;
  people: number;
  trials: number;
  projection: number;
  monteCarlo: number;
}

export function workOf(scenario: Scenario, trials = scenario.monteCarlo.trials): Work {
  const steps = Math.ceil(scenario.horizonMonths / STEP_MONTHS[scenario.step]);
  const groups = scenario.team.length + scenario.plan.length;
  const hired = scenario.plan.reduce((n, e) => n + (e.type === "hire" ? e.count : 0), 0);
  const people = scenario.team.reduce((n, t) => n + t.count, 0) + hired;
  return { steps, groups, people, trials, projection: groups * steps, monteCarlo: people * trials * steps };
}

const n = (x: number) => x.toLocaleString("en-US");

/** Why the server will not project this scenario, or null. */
export function projectionOverBudget(scenario: Scenario): string | null {
  const w = workOf(scenario);
  return w.projection <= MAX_PROJECTION_WORK
    ? null
    : `This plan is too large to project: ${n(w.groups)} groups and events x ${n(w.steps)} steps is ${n(w.projection)}, over the limit of ${n(MAX_PROJECTION_WORK)}. Use cohorts instead of single engineers, or a shorter horizon.`;
}

/** Why the server will not simulate this scenario's futures (people x trials x steps over the limit), or null. */
export function monteCarloOverBudget(scenario: Scenario, trials = scenario.monteCarlo.trials): string | null {
  const w = workOf(scenario, trials);
  if (w.trials * w.steps > MAX_MONTE_CARLO_SAMPLES) {
    return `Simulating ${n(w.trials)} futures of this plan keeps too many figures: ${n(w.trials)} trials x ${n(w.steps)} steps is ${n(w.trials * w.steps)}, over the limit of ${n(MAX_MONTE_CARLO_SAMPLES)}. Use fewer trials (monteCarlo.trials) or a shorter horizon.`;
  }
  return w.monteCarlo <= MAX_MONTE_CARLO_WORK
    ? null
    : `Simulating ${n(w.trials)} futures of this plan is too much work: ${n(w.people)} people x ${n(w.trials)} trials x ${n(w.steps)} steps is ${n(w.monteCarlo)}, over the limit of ${n(MAX_MONTE_CARLO_WORK)}. Use fewer trials (monteCarlo.trials), a shorter horizon or a smaller team.`;
}

/** The work limits as validation issues, for saving and importing a document. */
export function budgetIssues(scenario: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const projection = projectionOverBudget(scenario);
  if (projection) issues.push({ path: "team", message: projection });
  const monteCarlo = monteCarloOverBudget(scenario);
  if (monteCarlo) issues.push({ path: "monteCarlo.trials", message: monteCarlo });
  return issues;
}
