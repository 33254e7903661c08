/**
 * Monte Carlo (MODEL.md section 5): the projection's steps with whole people, each leaving or
 * being promoted by a seeded random draw, repeated over many trials.
 */
import { addMonths } from "./months";
import { createRandom } from "./random";
import type { Scenario } from "./scenario";
import { compileScenario } from "./compile";
import { runSimulation, SimulationState } from "./simulation";
import { GoalMeter, type GoalKind } from "./goals";

export interface Distribution {
  p10: number;
  p50: number;
  p90: number;
  mean: number;
  /** Standard deviation over trials (n - 1 denominator; 0 for a single trial). */
  sd: number;
}

export interface MonteCarloStep {
  step: number;
  period: string;
  headcount: Distribution;
  totalCost: Distribution;
  capacity: Distribution;
}

export interface MonteCarloResult {
  trials: number;
  seed: number;
  steps: MonteCarloStep[];
  /** Total cost over the whole horizon, dollars. */
  horizonCost: Distribution;
  /** Share of trials in which juniors per senior stays inside the target band at every step. */
  probabilityRatioInBand: number;
  /** Share of trials in which mentoring coverage never drops below 1. */
  probabilityFullCoverage: number;
  /** MODEL.md section 8: for each of the scenario's goals, in order, the share of trials that meet it. */
  goals: { kind: GoalKind; probability: number }[];
}

export interface MonteCarloOptions {
  trials?: number;
  seed?: number;
  /** Called after every `progressEvery` trials and at the end, e.g. to move a progress bar. */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

/** The p-quantile (0..1) of sorted values, interpolating linearly between order statistics. */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const low = Math.floor(h);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (h - low) * (sorted[high]! - sorted[low]!);
}

/** Percentiles, mean and standard deviation of samples (the array is sorted in place). */
export function distributionOf(values: Float64Array): Distribution {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i]! - mean) ** 2;
  values.sort();
  return {
    p10: quantile(values, 0.1),
    p50: quantile(values, 0.5),
    p90: quantile(values, 0.9),
    mean,
    sd: n > 1 ? Math.sqrt(squares / (n - 1)) : 0,
  };
}

/**
 * Runs `trials` trials (default: the scenario's monteCarlo.trials) from `seed` (default: the
 * scenario's). Trial i draws from its own stream (seed, i), so results are the same on every
 * machine and do not depend on how trials are split up.
 */
export function simulateMonteCarlo(scenario: Scenario, options: MonteCarloOptions = {}): MonteCarloResult {
  const trials = options.trials ?? scenario.monteCarlo.trials;
  const seed = options.seed ?? scenario.monteCarlo.seed;
  if (!Number.isInteger(trials) || trials < 1)
    throw new RangeError(`trials must be a whole number >= 1, got ${trials}`);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a whole number >= 0, got ${seed}`);
  const progressEvery = options.progressEvery ?? 50;

  const compiled = compileScenario(scenario);
  const steps = compiled.stepCount;
  const state = new SimulationState(compiled);
  // Samples laid out step-major, so each step's trials are one contiguous run.
  const headcount = new Float64Array(steps * trials);
  const cost = new Float64Array(steps * trials);
  const capacity = new Float64Array(steps * trials);
  const horizonCost = new Float64Array(trials);
  let ratioAlwaysInBand = 0;
  let coverageAlwaysFull = 0;
  const meter = new GoalMeter(scenario);
  const goalsMet = new Float64Array(meter.kinds.length);
  // Per-team figures only when a goal holds in every team.
  const measureTeams = compiled.hasTeams && meter.kinds.some((kind) => kind === "ratio" || kind === "coverage");

  for (let trial = 0; trial < trials; trial++) {
    let inBand = true;
    let fullCoverage = true;
    let trialCost = 0;
    meter.reset();
    runSimulation(
      state,
      createRandom(seed, trial),
      false,
      (m) => {
        const i = m.step * trials + trial;
        headcount[i] = m.totalHeadcount;
        cost[i] = m.totalCost;
        capacity[i] = m.capacity;
        trialCost += m.totalCost;
        inBand &&= m.ratioInBand;
        fullCoverage &&= m.coverage >= 1;
        meter.observe(m, m.teams);
      },
      measureTeams,
    );
    for (let i = 0; i < goalsMet.length; i++) if (meter.met(i)) goalsMet[i]!++;
    horizonCost[trial] = trialCost;
    if (inBand) ratioAlwaysInBand++;
    if (fullCoverage) coverageAlwaysFull++;
    if (options.onProgress && ((trial + 1) % progressEvery === 0 || trial + 1 === trials))
      options.onProgress(trial + 1, trials);
  }

  const slice = (samples: Float64Array, step: number) => samples.subarray(step * trials, (step + 1) * trials);
  return {
    trials,
    seed,
    steps: Array.from({ length: steps }, (_, step) => ({
      step,
      period: addMonths(scenario.start, step * compiled.stepMonths),
      headcount: distributionOf(slice(headcount, step)),
      totalCost: distributionOf(slice(cost, step)),
      capacity: distributionOf(slice(capacity, step)),
    })),
    horizonCost: distributionOf(horizonCost),
    probabilityRatioInBand: ratioAlwaysInBand / trials,
    probabilityFullCoverage: coverageAlwaysFull / trials,
    goals: meter.kinds.map((kind, i) => ({ kind, probability: goalsMet[i]! / trials })),
  };
}
