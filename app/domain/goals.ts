/**
 * MODEL.md section 8, goals: whether a plan meets each of its scenario's goals, the first step at
 * which it fails, and how far it falls short (scaled by the goal's target, so that goals of
 * different units add up for the planner's "closest plan"). With teams, the ratio and coverage
 * goals hold for the org and for every team.
 *
 * One `GoalMeter` reads the steps of any run as they come: the projection's rows
 * (`evaluateGoals`), each Monte Carlo trial, and each plan the planner tries.
 */
import { addMonths } from "./months";
import type { Projection, ProjectionRow } from "./projection";
import { stepMonths, type Goals, type Scenario } from "./scenario";

export type GoalKind = "capacity" | "totalCost" | "yearlyCost" | "ratio" | "coverage" | "maxHeadcount";

export interface GoalResult {
  kind: GoalKind;
  met: boolean;
  /** The first step at which it fails (null when met), and that step's first month from the start. */
  firstFailingStep: number | null;
  firstFailingMonth: number | null;
  /** The worst shortfall as a share of the target (0 when met): 0.1 is 10% short of it. */
  shortfall: number;
  /** In words: "Capacity is below 30 from 2027-09 to 2027-11." or "Capacity reaches 30 from 2027-09." */
  message: string;
}

/** What the goals read of one team in a step. */
export interface GoalTeamStep {
  juniors: number;
  juniorsPerSenior: number | null;
  coverage: number;
}

/** What the goals read of a step: a projection row, or a run's step measures. */
export interface GoalStep extends GoalTeamStep {
  step: number;
  capacity: number;
  totalCost: number;
  totalHeadcount: number;
}

/** The goals a scenario sets, in the order of MODEL.md's table. */
export function goalKinds(goals: Goals | undefined): GoalKind[] {
  if (!goals) return [];
  const kinds: GoalKind[] = [];
  if (goals.capacity) kinds.push("capacity");
  if (goals.budget?.maxTotalCost !== undefined) kinds.push("totalCost");
  if (goals.budget?.maxLoadedCostPerYear !== undefined) kinds.push("yearlyCost");
  if (goals.ratio) kinds.push("ratio");
  if (goals.coverage) kinds.push("coverage");
  if (goals.maxHeadcount !== undefined) kinds.push("maxHeadcount");
  return kinds;
}

/** Costs within this share of a budget count as within it (float sums of a plan's costs). */
const TOLERANCE = 1e-12;

/** How far juniors per senior lie outside [low, high], as a share of the nearer end. */
function ratioShort(row: GoalTeamStep, low: number, high: number) {
  const r = row.juniorsPerSenior;
  if (r === null) return row.juniors > 0 ? 1 : 0;
  if (r > high) return (r - high) / Math.max(high, 1e-9);
  if (r < low) return (low - r) / Math.max(low, 1e-9);
  return 0;
}

/**
 * Reads a run step by step (`observe`, with the teams in the scenario's order) and keeps, per
 * goal, whether it is met, where it first fails and its shortfall; `reset` starts a new run.
 * Besides the worst shortfall, `area` sums the shortfall over the failing steps (and years, and
 * for the ratio and coverage over the org and every team): how much falls short, which the
 * planner follows to see progress where the worst alone would not move.
 */
export class GoalMeter {
  readonly kinds: GoalKind[];
  readonly stepMonths: number;
  readonly shortfall: Float64Array;
  readonly area: Float64Array;
  readonly firstFailingStep: Int32Array;
  /** With `record`, the failing steps of each goal (for the words). */
  readonly failing: number[][] | null;
  private readonly goals: Goals;
  private readonly fromStep: Int32Array;
  private readonly bandLow: Float64Array;
  private readonly bandHigh: Float64Array;
  private cumulative = 0;
  private year = -1;
  private yearCost = 0;
  private yearStart = 0;

  constructor(scenario: Scenario, record = false) {
    this.goals = scenario.goals ?? {};
    this.kinds = goalKinds(scenario.goals);
    const L = (this.stepMonths = stepMonths(scenario));
    const n = this.kinds.length;
    this.shortfall = new Float64Array(n);
    this.area = new Float64Array(n);
    this.firstFailingStep = new Int32Array(n);
    this.failing = record ? this.kinds.map(() => []) : null;
    const from = (month: number | undefined) => Math.floor((month ?? 0) / L);
    this.fromStep = Int32Array.from(this.kinds, (kind) =>
      kind === "capacity" || kind === "ratio" || kind === "coverage" ? from(this.goals[kind]!.fromMonth) : 0,
    );
    const teams = scenario.teams ?? [];
    const [low, high] = scenario.assumptions.ratioTarget;
    // Index 0 is the org, then the teams.
    this.bandLow = Float64Array.from([low, ...teams.map((t) => t.ratioTarget?.[0] ?? low)]);
    this.bandHigh = Float64Array.from([high, ...teams.map((t) => t.ratioTarget?.[1] ?? high)]);
    this.reset();
  }

  reset(): void {
    this.shortfall.fill(0);
    this.area.fill(0);
    this.firstFailingStep.fill(-1);
    if (this.failing) for (const steps of this.failing) steps.length = 0;
    this.cumulative = 0;
    this.year = -1;
    this.yearCost = 0;
    this.yearStart = 0;
  }

  /** A step's shortfall of goal i: its worst over the org and teams, and their sum for the area. */
  private note(i: number, step: number, short: number, sum = short): void {
    if (short <= TOLERANCE) return;
    if (this.firstFailingStep[i] === -1) this.firstFailingStep[i] = step;
    if (short > this.shortfall[i]!) this.shortfall[i] = short;
    this.area[i]! += sum;
    this.failing?.[i]!.push(step);
  }

  observe(row: GoalStep, teams: readonly GoalTeamStep[]): void {
    const goals = this.goals;
    const { step } = row;
    this.cumulative += row.totalCost;
    for (let i = 0; i < this.kinds.length; i++) {
      const kind = this.kinds[i]!;
      if (step < this.fromStep[i]!) continue;
      if (kind === "capacity") {
        const { atLeast } = goals.capacity!;
        this.note(i, step, atLeast > 0 ? (atLeast - row.capacity) / atLeast : 0);
      } else if (kind === "totalCost") {
        const max = goals.budget!.maxTotalCost!;
        // The first failing step is the one where the running total passes the budget; the
        // shortfall is the horizon's, as `finishTotal` sets it.
        if (this.firstFailingStep[i] === -1 && this.cumulative > max * (1 + TOLERANCE)) this.firstFailingStep[i] = step;
        const short = Math.max(0, (this.cumulative - max) / max);
        this.shortfall[i] = short;
        this.area[i] = short;
      } else if (kind === "yearlyCost") {
        const max = goals.budget!.maxLoadedCostPerYear!;
        // Plan years: months 0-11, 12-23, ... (a step never straddles one: steps are 1, 3 or 12 months).
        const year = Math.floor((step * this.stepMonths) / 12);
        if (year !== this.year) {
          this.year = year;
          this.yearCost = 0;
          this.yearStart = step;
        }
        const before = this.yearCost;
        this.yearCost += row.totalCost;
        if (this.yearCost > max * (1 + TOLERANCE)) {
          // Count the year once, as it goes over (at its first step), and then only what it adds.
          const short = (this.yearCost - max) / max;
          const already = before > max * (1 + TOLERANCE) ? (before - max) / max : 0;
          if (already === 0) {
            if (this.firstFailingStep[i] === -1) this.firstFailingStep[i] = this.yearStart;
            this.failing?.[i]!.push(this.yearStart);
          }
          this.area[i]! += short - already;
          if (short > this.shortfall[i]!) this.shortfall[i] = short;
        }
      } else if (kind === "ratio") {
        let short = ratioShort(row, this.bandLow[0]!, this.bandHigh[0]!);
        let sum = short;
        for (let k = 0; k < teams.length; k++) {
          const team = ratioShort(teams[k]!, this.bandLow[k + 1]!, this.bandHigh[k + 1]!);
          short = Math.max(short, team);
          sum += team;
        }
        this.note(i, step, short, sum);
      } else if (kind === "coverage") {
        const { atLeast } = goals.coverage!;
        if (atLeast <= 0) continue;
        let short = Math.max(0, (atLeast - row.coverage) / atLeast);
        let sum = short;
        for (let k = 0; k < teams.length; k++) {
          const team = Math.max(0, (atLeast - teams[k]!.coverage) / atLeast);
          short = Math.max(short, team);
          sum += team;
        }
        this.note(i, step, short, sum);
      } else {
        const max = goals.maxHeadcount!;
        this.note(i, step, (row.totalHeadcount - max) / Math.max(max, 1));
      }
    }
  }

  met(i: number): boolean {
    return this.firstFailingStep[i] === -1;
  }

  /** The sum of the goals' worst shortfalls: 0 when every goal is met. */
  totalShortfall(): number {
    let sum = 0;
    for (let i = 0; i < this.kinds.length; i++) sum += this.shortfall[i]!;
    return sum;
  }
}

const round = (x: number, digits = 1) => Number(x.toFixed(digits)).toString();
const dollars = (x: number) => `$${Math.round(x).toLocaleString("en-US")}`;

/** Runs of failing steps, as "from 2027-09 to 2027-11" or "in 2027-09" (the first three runs). */
function spans(steps: readonly number[], periodOf: (step: number) => string): string {
  const runs: [number, number][] = [];
  for (const step of steps) {
    const last = runs[runs.length - 1];
    if (last && last[1] === step - 1) last[1] = step;
    else runs.push([step, step]);
  }
  const words = runs.map(([from, to]) =>
    from === to ? `in ${periodOf(from)}` : `from ${periodOf(from)} to ${periodOf(to)}`,
  );
  return words.length > 3 ? `${words.slice(0, 3).join(", ")} and ${words.length - 3} more times` : words.join(", ");
}

/** The goal met or not, in words, from a meter that has read a whole run. */
function goalWords(scenario: Scenario, meter: GoalMeter, i: number, totalCost: number, yearCosts: number[]): string {
  const goals = scenario.goals!;
  const kind = meter.kinds[i]!;
  const periodOf = (step: number) => addMonths(scenario.start, step * meter.stepMonths);
  const failing = meter.failing![i]!;
  const first = meter.firstFailingStep[i]!;
  const met = first === -1;
  const hasTeams = (scenario.teams?.length ?? 0) > 0;
  const from = (month: number) => periodOf(Math.floor(month / meter.stepMonths));
  switch (kind) {
    case "capacity": {
      const { atLeast, fromMonth } = goals.capacity!;
      return met
        ? `Capacity is at least ${round(atLeast)} from ${from(fromMonth)} on.`
        : `Capacity is below ${round(atLeast)} ${spans(failing, periodOf)}.`;
    }
    case "totalCost": {
      const max = goals.budget!.maxTotalCost!;
      return met
        ? `The plan costs ${dollars(totalCost)}, within the budget of ${dollars(max)}.`
        : `The plan costs ${dollars(totalCost)}, over the budget of ${dollars(max)} from ${periodOf(first)}.`;
    }
    case "yearlyCost": {
      const max = goals.budget!.maxLoadedCostPerYear!;
      const over = failing.length;
      const firstYear = Math.floor((first * meter.stepMonths) / 12);
      return met
        ? `Every plan year costs at most ${dollars(max)}.`
        : `${over} plan year${over === 1 ? " costs" : "s cost"} more than ${dollars(max)}, the first from ${periodOf((firstYear * 12) / meter.stepMonths)} (${dollars(yearCosts[firstYear]!)}).`;
    }
    case "ratio":
      return met
        ? `Juniors per senior stay in band${hasTeams ? ", in every team," : ""} from ${from(goals.ratio!.fromMonth)} on.`
        : `Juniors per senior are out of band${hasTeams ? " (in the org or a team)" : ""} ${spans(failing, periodOf)}.`;
    case "coverage": {
      const { atLeast, fromMonth } = goals.coverage!;
      const share = `${Math.round(atLeast * 100)}% of the need`;
      return met
        ? `Mentoring covers at least ${share}${hasTeams ? " in every team" : ""} from ${from(fromMonth)} on.`
        : `Mentoring covers less than ${share}${hasTeams ? " (in the org or a team)" : ""} ${spans(failing, periodOf)}.`;
    }
    case "maxHeadcount":
      return met
        ? `Headcount stays at or below ${round(goals.maxHeadcount!)}.`
        : `Headcount is above ${round(goals.maxHeadcount!)} ${spans(failing, periodOf)}.`;
  }
}

/** The teams of a projection row in the scenario's order (empty without teams). */
export function rowTeams(row: ProjectionRow, teamIds: readonly string[]): GoalTeamStep[] {
  return row.teams ? teamIds.map((id) => row.teams![id]!) : [];
}

/** Every goal the scenario sets, in the order of MODEL.md's table, as its projection meets it. */
export function evaluateGoals(scenario: Scenario, projection: Projection): GoalResult[] {
  const meter = new GoalMeter(scenario, true);
  if (meter.kinds.length === 0) return [];
  const teamIds = (scenario.teams ?? []).map((t) => t.id);
  const yearCosts: number[] = [];
  for (const row of projection.rows) {
    meter.observe(row, rowTeams(row, teamIds));
    const year = Math.floor(row.monthOffset / 12);
    yearCosts[year] = (yearCosts[year] ?? 0) + row.totalCost;
  }
  return meter.kinds.map((kind, i) => {
    const first = meter.firstFailingStep[i]!;
    return {
      kind,
      met: first === -1,
      firstFailingStep: first === -1 ? null : first,
      firstFailingMonth: first === -1 ? null : first * meter.stepMonths,
      shortfall: meter.shortfall[i]!,
      message: goalWords(scenario, meter, i, projection.summary.totalCost, yearCosts),
    };
  });
}

/** Dollars the way a manager says them: $310k, $1.25M. */
export function shortDollars(x: number): string {
  const abs = Math.abs(x);
  const sign = x < 0 ? "-" : "";
  if (abs >= 1e6) return `${sign}$${Number((abs / 1e6).toFixed(abs >= 1e7 ? 1 : 2))}M`;
  if (abs >= 1e3) return `${sign}$${Math.round(abs / 1e3)}k`;
  return `${sign}$${Math.round(abs)}`;
}

/** A goal as a manager would name it: "capacity of at least 30 from 2027-09". */
export function goalLabel(scenario: Scenario, kind: GoalKind): string {
  const goals = scenario.goals ?? {};
  const from = (month: number) => addMonths(scenario.start, month);
  const [low, high] = scenario.assumptions.ratioTarget;
  switch (kind) {
    case "capacity":
      return `capacity of at least ${round(goals.capacity!.atLeast)} from ${from(goals.capacity!.fromMonth)}`;
    case "totalCost":
      return `a total cost of at most ${shortDollars(goals.budget!.maxTotalCost!)}`;
    case "yearlyCost":
      return `at most ${shortDollars(goals.budget!.maxLoadedCostPerYear!)} a plan year`;
    case "ratio":
      return `${round(low)}-${round(high)} juniors per senior${(scenario.teams?.length ?? 0) > 0 ? " in every team" : ""} from ${from(goals.ratio!.fromMonth)}`;
    case "coverage":
      return `mentoring for at least ${Math.round(goals.coverage!.atLeast * 100)}% of the need from ${from(goals.coverage!.fromMonth)}`;
    case "maxHeadcount":
      return `at most ${round(goals.maxHeadcount!)} people`;
  }
}

/**
 * The scenario with one goal relaxed by `by` (10% by default): capacity and coverage targets
 * lowered, budgets raised, the headcount cap raised to the nearest whole number (at least one), and the juniors-per-senior band (the org's and
 * every team's) widened at both ends.
 */
export function relaxGoal(scenario: Scenario, kind: GoalKind, by = 0.1): Scenario {
  const goals = { ...scenario.goals };
  const widen = ([low, high]: readonly [number, number]): [number, number] => [low * (1 - by), high * (1 + by)];
  switch (kind) {
    case "capacity":
      goals.capacity = { ...goals.capacity!, atLeast: goals.capacity!.atLeast * (1 - by) };
      break;
    case "coverage":
      goals.coverage = { ...goals.coverage!, atLeast: goals.coverage!.atLeast * (1 - by) };
      break;
    case "totalCost":
      goals.budget = { ...goals.budget, maxTotalCost: goals.budget!.maxTotalCost! * (1 + by) };
      break;
    case "yearlyCost":
      goals.budget = { ...goals.budget, maxLoadedCostPerYear: goals.budget!.maxLoadedCostPerYear! * (1 + by) };
      break;
    case "maxHeadcount":
      // People are whole: at least one more.
      goals.maxHeadcount = Math.max(goals.maxHeadcount! + 1, Math.round(goals.maxHeadcount! * (1 + by)));
      break;
    case "ratio":
      return {
        ...scenario,
        assumptions: { ...scenario.assumptions, ratioTarget: widen(scenario.assumptions.ratioTarget) },
        ...(scenario.teams
          ? { teams: scenario.teams.map((t) => (t.ratioTarget ? { ...t, ratioTarget: widen(t.ratioTarget) } : t)) }
          : {}),
      };
  }
  return { ...scenario, goals };
}

/**
 * Whether each step meets each goal, for a table with a row per step (the projection CSV): the
 * meter's own failing steps for the goals held at every step, the running total against a total
 * budget, and the step's plan year against a yearly one. Null before a goal's `fromMonth` (not yet
 * asked). One array per goal in `goalKinds` order, one entry per row of the projection.
 */
export function goalStepsMet(scenario: Scenario, projection: Projection): (boolean | null)[][] {
  const meter = new GoalMeter(scenario, true);
  const teamIds = (scenario.teams ?? []).map((t) => t.id);
  const totalOver: boolean[] = [];
  const i = meter.kinds.indexOf("totalCost");
  for (const row of projection.rows) {
    meter.observe(row, rowTeams(row, teamIds));
    if (i >= 0) totalOver.push(meter.shortfall[i]! > TOLERANCE);
  }
  const goals = scenario.goals ?? {};
  const yearOf = (step: number) => Math.floor((step * meter.stepMonths) / 12);
  return meter.kinds.map((kind, k) => {
    const failing = new Set(meter.failing![k]);
    const failingYears = new Set([...failing].map(yearOf));
    const fromMonth = kind === "capacity" || kind === "ratio" || kind === "coverage" ? goals[kind]!.fromMonth : 0;
    return projection.rows.map((row, s) => {
      if (row.step < Math.floor(fromMonth / meter.stepMonths)) return null;
      if (kind === "totalCost") return !totalOver[s];
      if (kind === "yearlyCost") return !failingYears.has(yearOf(row.step));
      return !failing.has(row.step);
    });
  });
}

/** A plan's goals (MODEL.md section 8) in words, from `goalsInWords`. */
export interface GoalsInWords {
  /** How many goals the plan sets, and how many it meets. */
  total: number;
  met: number;
  /** Each goal as `goalLabel` names it, whether it is met, `evaluateGoals`'s words for it and the first month it fails (YYYY-MM). */
  goals: { label: string; met: boolean; message: string; firstFails: string | null }[];
}

/**
 * A plan's goals as `evaluateGoals` meets them on `projection`, named by `goalLabel`. A compared
 * plan's are judged on its whole projection (its own months), not on the common window the
 * other figures share. A goal is the plan's own promise, counted from its start over
 * its horizon ("a total cost of at most $6M", "capacity of at least 30 from 2027-09") and measured
 * against its own target, not against the other plans, so there is nothing to line up; cut to the
 * window, a total budget would be judged on part of the plan's cost, a plan year could be split,
 * and a goal from a month past the window would not be judged at all.
 */
export function goalsInWords(scenario: Scenario, projection: Projection): GoalsInWords {
  const results = evaluateGoals(scenario, projection);
  return {
    total: results.length,
    met: results.filter((r) => r.met).length,
    goals: results.map((r) => ({
      label: goalLabel(scenario, r.kind),
      met: r.met,
      message: r.message,
      firstFails: r.firstFailingMonth === null ? null : addMonths(scenario.start, r.firstFailingMonth),
    })),
  };
}

/** "3 of 4" goals met, or "No goals set". */
export function goalsMetWords({ total, met }: Pick<GoalsInWords, "total" | "met">): string {
  return total === 0 ? "No goals set" : `${met} of ${total}`;
}
