/**
 * Monte Carlo (MODEL.md section 5): the projection's steps with whole people, each leaving or
 * being promoted by a seeded random draw, repeated over many trials.
 */
import { addMonths } from "./months";
import { createRandom } from "./random";
import { stepMonths, type Scenario } from "./scenario";
import { compileScenario } from "./compile";
import { runSimulation, SimulationState } from "./simulation";
import { GoalMeter, goalKinds, type GoalKind } from "./goals";

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
 * What trials `from` .. `to` - 1 of a run gave, trial by trial: a chunk that can run in any
 * thread and be merged with the others by `mergeTrialOutcomes`. The per-step figures are laid out
 * step-major (`step * count + (trial - from)`), the same layout as the merged run's.
 */
export interface TrialOutcomes {
  from: number;
  to: number;
  steps: number;
  headcount: Float64Array;
  totalCost: Float64Array;
  capacity: Float64Array;
  /** Each trial's total cost over the horizon, dollars. */
  horizonCost: Float64Array;
  /** Trials of the chunk in which the ratio stayed in band at every step. */
  ratioAlwaysInBand: number;
  /** Trials of the chunk in which coverage never dropped below 1. */
  coverageAlwaysFull: number;
  /** Per goal of the scenario, in order, the trials of the chunk that met it. */
  goalsMet: Float64Array;
}

/** A chunk's arrays of samples, e.g. to move them to another thread instead of copying them. */
export const trialSamples = (outcomes: TrialOutcomes): Float64Array[] => [
  outcomes.headcount,
  outcomes.totalCost,
  outcomes.capacity,
  outcomes.horizonCost,
  outcomes.goalsMet,
];

export interface TrialRange {
  from: number;
  to: number;
}

function checkRun(trials: number, seed: number): void {
  if (!Number.isInteger(trials) || trials < 1)
    throw new RangeError(`trials must be a whole number >= 1, got ${trials}`);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a whole number >= 0, got ${seed}`);
}

/**
 * Splits trials 0 .. `trials` - 1 into at most `chunks` contiguous ranges, in trial order, of
 * sizes differing by at most one (fewer ranges than `chunks` when there are fewer trials).
 */
export function splitTrials(trials: number, chunks: number): TrialRange[] {
  const n = Math.max(1, Math.min(Math.floor(chunks), trials));
  return Array.from({ length: n }, (_, i) => ({
    from: Math.floor((i * trials) / n),
    to: Math.floor(((i + 1) * trials) / n),
  }));
}

/**
 * Runs chunks of trials of one scenario, compiling it once: a thread that runs several chunks of
 * a run keeps one runner. Trial i draws from its own stream (seed, i), so a trial gives the same
 * outcome in whichever chunk, runner or thread it runs.
 */
export class TrialRunner {
  private readonly compiled: ReturnType<typeof compileScenario>;
  private readonly state: SimulationState;
  private readonly meter: GoalMeter;
  private readonly measureTeams: boolean;

  constructor(private readonly scenario: Scenario) {
    this.compiled = compileScenario(scenario);
    this.state = new SimulationState(this.compiled);
    this.meter = new GoalMeter(scenario);
    // Per-team figures only when a goal holds in every team.
    this.measureTeams =
      this.compiled.hasTeams && this.meter.kinds.some((kind) => kind === "ratio" || kind === "coverage");
  }

  /** Trials `from` .. `to` - 1 from `seed` (default: the scenario's); `onProgress` counts the chunk's own trials. */
  run({
    from,
    to,
    seed = this.scenario.monteCarlo.seed,
    onProgress,
    progressEvery = 50,
  }: TrialRange & MonteCarloOptions): TrialOutcomes {
    checkRun(to - from, seed);
    if (!Number.isInteger(from) || from < 0) throw new RangeError(`from must be a whole number >= 0, got ${from}`);
    const { state, meter, measureTeams } = this;
    const count = to - from;
    const steps = this.compiled.stepCount;
    const headcount = new Float64Array(steps * count);
    const totalCost = new Float64Array(steps * count);
    const capacity = new Float64Array(steps * count);
    const horizonCost = new Float64Array(count);
    let ratioAlwaysInBand = 0;
    let coverageAlwaysFull = 0;
    const goalsMet = new Float64Array(meter.kinds.length);

    for (let k = 0; k < count; k++) {
      let inBand = true;
      let fullCoverage = true;
      let trialCost = 0;
      meter.reset();
      runSimulation(
        state,
        createRandom(seed, from + k),
        false,
        (m) => {
          const i = m.step * count + k;
          headcount[i] = m.totalHeadcount;
          totalCost[i] = m.totalCost;
          capacity[i] = m.capacity;
          trialCost += m.totalCost;
          inBand &&= m.ratioInBand;
          fullCoverage &&= m.coverage >= 1;
          meter.observe(m, m.teams);
        },
        measureTeams,
      );
      for (let i = 0; i < goalsMet.length; i++) if (meter.met(i)) goalsMet[i]!++;
      horizonCost[k] = trialCost;
      if (inBand) ratioAlwaysInBand++;
      if (fullCoverage) coverageAlwaysFull++;
      if (onProgress && ((k + 1) % progressEvery === 0 || k + 1 === count)) onProgress(k + 1, count);
    }
    return {
      from,
      to,
      steps,
      headcount,
      totalCost,
      capacity,
      horizonCost,
      ratioAlwaysInBand,
      coverageAlwaysFull,
      goalsMet,
    };
  }
}

/** Trials `from` .. `to` - 1 of the run from `seed` (default: the scenario's): `TrialRunner` for one chunk. */
export function simulateTrials(scenario: Scenario, options: TrialRange & MonteCarloOptions): TrialOutcomes {
  return new TrialRunner(scenario).run(options);
}

/**
 * The run's result from its chunks: they must cover trials 0 .. n - 1 exactly, in any order. The
 * trials' figures are put back in trial order before any percentile or mean is taken, so the
 * result is the same, to the last bit, however the trials were split.
 */
export function mergeTrialOutcomes(
  scenario: Scenario,
  chunks: readonly TrialOutcomes[],
  seed = scenario.monteCarlo.seed,
): MonteCarloResult {
  const ordered = [...chunks].sort((a, b) => a.from - b.from);
  if (ordered.length === 0) throw new RangeError("no trials to merge");
  const steps = ordered[0]!.steps;
  let trials = 0;
  for (const chunk of ordered) {
    if (chunk.from !== trials || chunk.to <= chunk.from || chunk.steps !== steps)
      throw new RangeError(`the chunks do not cover the trials in order: trials ${chunk.from} to ${chunk.to - 1}`);
    trials = chunk.to;
  }
  const headcount = new Float64Array(steps * trials);
  const cost = new Float64Array(steps * trials);
  const capacity = new Float64Array(steps * trials);
  const horizonCost = new Float64Array(trials);
  const kinds = goalKinds(scenario.goals);
  const goalsMet = new Float64Array(kinds.length);
  let ratioAlwaysInBand = 0;
  let coverageAlwaysFull = 0;
  for (const chunk of ordered) {
    const count = chunk.to - chunk.from;
    for (let step = 0; step < steps; step++) {
      const part = (samples: Float64Array) => samples.subarray(step * count, (step + 1) * count);
      headcount.set(part(chunk.headcount), step * trials + chunk.from);
      cost.set(part(chunk.totalCost), step * trials + chunk.from);
      capacity.set(part(chunk.capacity), step * trials + chunk.from);
    }
    horizonCost.set(chunk.horizonCost, chunk.from);
    ratioAlwaysInBand += chunk.ratioAlwaysInBand;
    coverageAlwaysFull += chunk.coverageAlwaysFull;
    for (let i = 0; i < goalsMet.length; i++) goalsMet[i]! += chunk.goalsMet[i]!;
  }

  const L = stepMonths(scenario);
  const slice = (samples: Float64Array, step: number) => samples.subarray(step * trials, (step + 1) * trials);
  return {
    trials,
    seed,
    steps: Array.from({ length: steps }, (_, step) => ({
      step,
      period: addMonths(scenario.start, step * L),
      headcount: distributionOf(slice(headcount, step)),
      totalCost: distributionOf(slice(cost, step)),
      capacity: distributionOf(slice(capacity, step)),
    })),
    horizonCost: distributionOf(horizonCost),
    probabilityRatioInBand: ratioAlwaysInBand / trials,
    probabilityFullCoverage: coverageAlwaysFull / trials,
    goals: kinds.map((kind, i) => ({ kind, probability: goalsMet[i]! / trials })),
  };
}

/**
 * Runs `trials` trials (default: the scenario's monteCarlo.trials) from `seed` (default: the
 * scenario's), in this thread: `simulateTrials` over all of them, merged. Trial i draws from its
 * own stream (seed, i), so results are the same on every machine and do not depend on how trials
 * are split up.
 */
export function simulateMonteCarlo(scenario: Scenario, options: MonteCarloOptions = {}): MonteCarloResult {
  const trials = options.trials ?? scenario.monteCarlo.trials;
  const seed = options.seed ?? scenario.monteCarlo.seed;
  checkRun(trials, seed);
  return mergeTrialOutcomes(scenario, [simulateTrials(scenario, { ...options, from: 0, to: trials, seed })], seed);
}
