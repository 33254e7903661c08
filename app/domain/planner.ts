/**
 * MODEL.md section 8, the planner: the cheapest hires, added to a scenario's own plan, that meet
 * every goal and the hiring limits of section 7.
 *
 * The search space is a count of 0 .. maxPerSlot hires for every slot: an allowed level, team
 * and start month. Every plan is judged by the engine itself (the same compile and step loop as a
 * projection), and the goals by the same `GoalMeter` that `evaluateGoals` uses.
 *
 * What it guarantees:
 * - When the space holds at most `exactLimit` plans (4,096 by default), it tries every one: the
 *   answer is the optimum, with the model's tie-breaks, and "no plan" exactly when there is none.
 * - Otherwise it searches: a greedy build that adds, one at a time, the hire that closes the most
 *   shortfall per dollar, then a descent that drops, moves later, and swaps hires to cheaper
 *   levels and teams while the plan still meets every goal. It stops at `maxEvaluations` plans.
 *   That answer meets every goal (or says none was found), but is not proven the cheapest.
 * - Every answer is deterministic: no randomness, and the budget counts plans, not seconds.
 */
import { addSearchHours, compileScenario, type CompiledEvent, type CompiledScenario } from "./compile";
import { GoalMeter, goalLabel, relaxGoal, shortDollars, type GoalKind } from "./goals";
import { createRandom } from "./random";
import { quarterLoads, type QuarterStep } from "./hiring";
import { runSimulation, SimulationState } from "./simulation";
import type { PlanEvent, Scenario } from "./scenario";

export const DEFAULT_MAX_PER_SLOT = 5;
export const DEFAULT_EXACT_LIMIT = 4_096;
export const DEFAULT_MAX_EVALUATIONS = 5_000;
/** Limits on what a planner run may be asked, so that one request stays bounded. */
export const MAX_PLANNER_SLOTS = 2_000;
export const MAX_PER_SLOT = 50;
export const MAX_PLANNER_EVALUATIONS = 200_000;

/** A goal or one of section 7's hiring limits, which the planner holds as constraints. */
export type PlannerTargetKind = GoalKind | "recruiters" | "growth";

export interface PlanSlot {
  level: string;
  /** A team's id, when the scenario declares teams. */
  team?: string;
  month: number;
}

export interface PlannerOptions {
  /** Level ids hires may have (default: every level). */
  levels?: readonly string[];
  /** Team ids hires may join (default: every team). */
  teams?: readonly string[];
  /** Start months from the plan's start (default: the first month of each quarter). */
  months?: readonly number[];
  maxPerSlot?: number;
  /** Plans are all tried when the space holds at most this many. */
  exactLimit?: number;
  /** The most plans the search projects. */
  maxEvaluations?: number;
  /**
   * Allow hires whose search would have to open before the plan starts (month - the level's
   * timeToFillMonths < 0). Off by default: nobody can start a search in the past.
   */
  searchesBeforePlan?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** How one plan fares: its cost, hires, and each target met or not. */
export interface PlanFigures {
  /** Hires added per slot. */
  counts: number[];
  totalCost: number;
  hires: number;
  /** Sum of the added hires' start months: larger is later. */
  lateness: number;
  /** Per target, in `PlannerResult.targets` order. */
  met: boolean[];
  shortfall: number[];
  /** The sum of the targets' shortfalls (0: every target met). */
  totalShortfall: number;
}

export interface PlannerResult {
  slots: PlanSlot[];
  /** The goals, then the hiring limits the scenario sets. */
  targets: PlannerTargetKind[];
  method: "exhaustive" | "search";
  /** Plans in the space ((maxPerSlot + 1) ^ slots; Infinity when too large to count). */
  spaceSize: number;
  evaluations: number;
  /** A plan that meets every target was found. */
  found: boolean;
  /** The best plan, or the closest one when none was found. */
  best: PlanFigures;
  /** The added hires as plan events, by month, then level order, then team order. */
  hires: PlanEvent[];
  /** The scenario's own plan, with nothing added. */
  baseline: PlanFigures;
  /** When none was found: targets that cannot be met together (a smallest such set the planner found). */
  conflicting: PlannerTargetKind[];
}

/** Costs closer than a cent are a tie (float sums of the same plan differ in the last bits). */
const COST_TIE = 0.01;
const SHORT_TIE = 1e-12;
/** Plans the evaluator remembers (then it starts afresh): a bound on its memory. */
const MAX_REMEMBERED = 50_000;

/** The slots of the search space, in month, level, team order. */
export function planSlots(scenario: Scenario, options: PlannerOptions = {}): PlanSlot[] {
  const levels = scenario.levels.filter((l) => options.levels?.includes(l.id) ?? true);
  const teamIds = scenario.teams
    ? scenario.teams.map((t) => t.id).filter((id) => options.teams?.includes(id) ?? true)
    : [];
  const months =
    options.months !== undefined
      ? [...new Set(options.months)].sort((a, b) => a - b)
      : Array.from({ length: Math.ceil(scenario.horizonMonths / 3) }, (_, i) => i * 3);
  const slots: PlanSlot[] = [];
  for (const month of months) {
    if (!Number.isInteger(month) || month < 0 || month >= scenario.horizonMonths) continue;
    for (const level of levels) {
      if (!options.searchesBeforePlan && month < (level.timeToFillMonths ?? 0)) continue;
      if (scenario.teams) for (const team of teamIds) slots.push({ level: level.id, team, month });
      else slots.push({ level: level.id, month });
    }
  }
  return slots;
}

/** Plans in a space of `slots` slots of 0..max each, or Infinity past 2^53. */
function spaceSizeOf(slots: number, max: number): number {
  const size = Math.pow(max + 1, slots);
  return Number.isSafeInteger(size) ? size : Infinity;
}

/** The hire events of `counts` over `slots`. */
export function hiresOf(slots: readonly PlanSlot[], counts: readonly number[]): PlanEvent[] {
  const events: PlanEvent[] = [];
  slots.forEach((slot, i) => {
    const count = counts[i]!;
    if (count > 0)
      events.push({
        type: "hire",
        level: slot.level,
        count,
        month: slot.month,
        ...(slot.team === undefined ? {} : { team: slot.team }),
      });
  });
  return events;
}

/**
 * Projects plans of one scenario and search space: the scenario's plan plus the slots' counts,
 * run by the engine's step loop, read by the goal meter and section 7's quarter limits. The
 * scenario is compiled once with one hire event per slot; each plan only sets their counts (a
 * count of 0 adds nobody) and the interview hours they bring, so a plan costs one run.
 */
export class PlanEvaluator {
  readonly targets: PlannerTargetKind[];
  evaluations = 0;
  /** The goal meter, holding the last evaluated plan's figures. */
  readonly meter: GoalMeter;
  private readonly measureTeams: boolean;
  private readonly rows: QuarterStep[];
  private readonly compiled: CompiledScenario;
  private readonly state: SimulationState;
  private readonly slotEvents: CompiledEvent[];
  /** The scenario's own plan's interview hours per step, and each slot's per hire. */
  private readonly baseHours: Float64Array;
  private readonly slotHours: (Float64Array | null)[];

  constructor(
    readonly scenario: Scenario,
    readonly slots: readonly PlanSlot[],
  ) {
    this.meter = new GoalMeter(scenario);
    const hiring = scenario.assumptions.hiring;
    this.targets = [
      ...this.meter.kinds,
      ...(hiring?.recruiters !== undefined ? (["recruiters"] as const) : []),
      ...(hiring ? (["growth"] as const) : []),
    ];
    this.measureTeams = scenario.teams !== undefined && this.meter.kinds.some((k) => k === "ratio" || k === "coverage");
    const L = this.meter.stepMonths;
    this.compiled = compileScenario(this.scenarioWith(slots.map(() => 1)));
    const { eventsByStep, stepCount } = this.compiled;
    this.baseHours = compileScenario(scenario).plannedInterviewHours;
    // Each step's events are its plan events in plan order: the scenario's own, then the slots'.
    const next = Int32Array.from({ length: stepCount }, (_, t) => eventsByStep[t]!.length);
    for (const slot of slots) next[Math.floor(slot.month / L)]!--;
    this.slotEvents = slots.map(
      (slot) => eventsByStep[Math.floor(slot.month / L)]![next[Math.floor(slot.month / L)]!++]!,
    );
    const levels = new Map(scenario.levels.map((level) => [level.id, level]));
    this.slotHours = slots.map((slot) => {
      const level = levels.get(slot.level)!;
      if (!level.interviewHours) return null;
      const hours = new Float64Array(stepCount);
      addSearchHours(hours, level.interviewHours, slot.month, level.timeToFillMonths ?? 0, L);
      return hours;
    });
    this.state = new SimulationState(this.compiled);
    this.rows = Array.from({ length: stepCount }, (_, step) => ({
      step,
      monthOffset: step * L,
      totalHeadcount: 0,
      backfills: 0,
    }));
  }

  /** The scenario with `counts`' hires added to its plan. */
  scenarioWith(counts: readonly number[]): Scenario {
    return { ...this.scenario, plan: [...this.scenario.plan, ...hiresOf(this.slots, counts)] };
  }

  /**
   * The figures of a plan. A plan seen before is answered from memory (the search comes back to
   * plans often); `evaluations` counts the engine runs. `lastArea` holds the plan's goal areas
   * (the greedy's distance reads them), whether run or remembered.
   */
  evaluate(counts: readonly number[]): PlanFigures {
    const key = counts.join(",");
    const known = this.seen.get(key);
    if (known) {
      this.lastArea = known.area;
      return known.plan;
    }
    const plan = this.run(counts);
    this.lastArea = Float64Array.from(this.meter.area);
    if (this.seen.size >= MAX_REMEMBERED) this.seen.clear();
    this.seen.set(key, { plan, area: this.lastArea });
    return plan;
  }

  /** The last evaluated plan's per-goal area (see GoalMeter). */
  lastArea: Float64Array = new Float64Array(0);
  private readonly seen = new Map<string, { plan: PlanFigures; area: Float64Array }>();

  private run(counts: readonly number[]): PlanFigures {
    this.evaluations++;
    const { meter, rows, compiled } = this;
    const hours = compiled.plannedInterviewHours;
    hours.set(this.baseHours);
    for (let i = 0; i < counts.length; i++) {
      this.slotEvents[i]!.count = counts[i]!;
      const unit = this.slotHours[i];
      if (unit && counts[i]! > 0) for (let t = 0; t < unit.length; t++) hours[t]! += counts[i]! * unit[t]!;
    }
    meter.reset();
    let totalCost = 0;
    runSimulation(
      this.state,
      null,
      false,
      (m) => {
        totalCost += m.totalCost;
        meter.observe(m, m.teams);
        const row = rows[m.step]!;
        row.totalHeadcount = m.totalHeadcount;
        row.backfills = m.backfills;
      },
      this.measureTeams,
    );
    const met: boolean[] = [];
    const shortfall: number[] = [];
    for (let i = 0; i < meter.kinds.length; i++) {
      met.push(meter.met(i));
      shortfall.push(meter.shortfall[i]!);
    }
    if (this.targets.length > meter.kinds.length) {
      let recruiters = 0;
      let growth = 0;
      const plan = { ...this.scenario, plan: [...this.scenario.plan, ...hiresOf(this.slots, counts)] };
      for (const q of quarterLoads(plan, rows)) {
        if (q.overRecruiters)
          recruiters = Math.max(recruiters, (q.joiners - q.recruiterCapacity!) / Math.max(q.recruiterCapacity!, 1));
        if (q.overGrowth) growth = Math.max(growth, (q.joiners - q.growthLimit!) / Math.max(q.growthLimit!, 1));
      }
      for (const kind of this.targets.slice(meter.kinds.length)) {
        const short = kind === "recruiters" ? recruiters : growth;
        met.push(short === 0);
        shortfall.push(short);
      }
    }
    let hires = 0;
    let lateness = 0;
    for (let i = 0; i < counts.length; i++) {
      hires += counts[i]!;
      lateness += counts[i]! * this.slots[i]!.month;
    }
    return {
      counts: [...counts],
      totalCost,
      hires,
      lateness,
      met,
      shortfall,
      totalShortfall: shortfall.reduce((a, b) => a + b, 0),
    };
  }
}

/** A mask of targets: bit i for target i. */
type Mask = number;
const allOf = (n: number): Mask => (1 << n) - 1;

function meets(plan: PlanFigures, mask: Mask): boolean {
  for (let i = 0; i < plan.met.length; i++) if (mask & (1 << i) && !plan.met[i]) return false;
  return true;
}

function shortOf(plan: PlanFigures, mask: Mask): number {
  let sum = 0;
  for (let i = 0; i < plan.shortfall.length; i++) if (mask & (1 << i)) sum += plan.shortfall[i]!;
  return sum;
}

/**
 * The model's order among plans that meet the targets: lower cost, then fewer hires, then later
 * hires; then, so that the answer is one plan, fewer hires in the earlier slots. Negative: a first.
 */
export function comparePlans(a: PlanFigures, b: PlanFigures): number {
  if (Math.abs(a.totalCost - b.totalCost) > COST_TIE) return a.totalCost - b.totalCost;
  if (a.hires !== b.hires) return a.hires - b.hires;
  if (a.lateness !== b.lateness) return b.lateness - a.lateness;
  for (let i = 0; i < a.counts.length; i++) if (a.counts[i] !== b.counts[i]) return a.counts[i]! - b.counts[i]!;
  return 0;
}

/** Among plans that miss: the least total shortfall, then the order above. */
function compareClosest(a: PlanFigures, b: PlanFigures, mask: Mask): number {
  const d = shortOf(a, mask) - shortOf(b, mask);
  if (Math.abs(d) > SHORT_TIE) return d;
  return comparePlans(a, b);
}

/** Keeps the best plan meeting `mask` and the closest one. */
class Best {
  feasible: PlanFigures | null = null;
  closest: PlanFigures | null = null;
  constructor(readonly mask: Mask) {}
  offer(plan: PlanFigures): void {
    if (meets(plan, this.mask)) {
      if (!this.feasible || comparePlans(plan, this.feasible) < 0) this.feasible = plan;
    } else if (!this.closest || compareClosest(plan, this.closest, this.mask) < 0) this.closest = plan;
  }
  get answer(): PlanFigures {
    return (this.feasible ?? this.closest)!;
  }
}

interface Search {
  evaluator: PlanEvaluator;
  max: number;
  budget: number;
  progress: (done: number) => void;
  /** What one hire costs in each slot, on the scenario's own plan. */
  unitCost?: Float64Array;
  /** The first greedy build's last scores, which later builds start from. */
  scores?: Float64Array;
}

/** Tries every plan; returns the best per mask of interest and every mask of targets met. */
function exhaustive(search: Search, mask: Mask): { best: Best; metMasks: Set<Mask> } {
  const { evaluator, max } = search;
  const n = evaluator.slots.length;
  const counts = new Array<number>(n).fill(0);
  const best = new Best(mask);
  const metMasks = new Set<Mask>();
  for (;;) {
    const plan = evaluator.evaluate(counts);
    best.offer(plan);
    let m = 0;
    plan.met.forEach((ok, i) => (m |= ok ? 1 << i : 0));
    metMasks.add(m);
    search.progress(evaluator.evaluations);
    let i = 0;
    while (i < n && counts[i] === max) counts[i++] = 0;
    if (i === n) break;
    counts[i]!++;
  }
  return { best, metMasks };
}

/**
 * How far a plan is from meeting `mask`, as the greedy build follows it: each target's worst
 * shortfall plus how much of the horizon falls short (the meter's area), so that a hire which
 * fixes later months counts even while an earlier month is still short. Read it right after the
 * plan's evaluation: the meter is reused.
 */
function distance(evaluator: PlanEvaluator, plan: PlanFigures, mask: Mask): number {
  const area = evaluator.lastArea;
  let sum = 0;
  for (let i = 0; i < plan.shortfall.length; i++)
    if (mask & (1 << i)) sum += plan.shortfall[i]! + (i < area.length ? area[i]! : 0);
  return sum;
}

/**
 * The greedy build: from `start`, adds the hire that closes the most distance per dollar until the
 * plan meets `mask`, nothing helps, or the budget runs out. Lazy: a slot's last score stands for
 * its next until it is the best, then it is tried again; when nothing seems to help, every slot is
 * tried afresh once (a junior can start to help once seniors are there).
 */
function greedy(search: Search, mask: Mask, start: readonly number[], best: Best): void {
  const { evaluator, max } = search;
  const n = evaluator.slots.length;
  const counts = [...start];
  let current = evaluator.evaluate(counts);
  let here = distance(evaluator, current, mask);
  best.offer(current);
  // Lazy scores: the last build's, when there was one (they are re-tried before use).
  const score = search.scores ? Float64Array.from(search.scores) : new Float64Array(n).fill(Infinity);
  // From the scenario's own plan, the first round's tries are each slot's cost of one hire.
  const unit = start.every((c) => c === 0) && !search.unitCost ? new Float64Array(n).fill(NaN) : null;
  while (!meets(current, mask) && evaluator.evaluations < search.budget) {
    const fresh = new Map<number, { plan: PlanFigures; distance: number }>();
    let chosen = -1;
    for (let rescored = false; chosen === -1; rescored = true) {
      for (;;) {
        let top = -1;
        for (let s = 0; s < n; s++) if (counts[s]! < max && (top === -1 || score[s]! > score[top]!)) top = s;
        if (top === -1 || score[top]! <= 0) break;
        if (fresh.has(top)) {
          chosen = top;
          break;
        }
        if (evaluator.evaluations >= search.budget) break;
        counts[top]!++;
        const plan = evaluator.evaluate(counts);
        const after = distance(evaluator, plan, mask);
        counts[top]!--;
        best.offer(plan);
        search.progress(evaluator.evaluations);
        const gain = here - after;
        if (unit && Number.isNaN(unit[top]!)) unit[top] = plan.totalCost - current.totalCost;
        score[top] = gain > SHORT_TIE ? gain / Math.max(plan.totalCost - current.totalCost, 1) : 0;
        fresh.set(top, { plan, distance: after });
      }
      if (chosen !== -1 || rescored || evaluator.evaluations >= search.budget) break;
      // Nothing seems to help: try every slot not tried this round again.
      let stale = false;
      for (let s = 0; s < n; s++)
        if (!fresh.has(s) && counts[s]! < max) {
          score[s] = Infinity;
          stale = true;
        }
      if (!stale) break;
    }
    if (unit && !unit.some(Number.isNaN)) search.unitCost = unit;
    if (chosen === -1) break;
    counts[chosen]!++;
    ({ plan: current, distance: here } = fresh.get(chosen)!);
  }
  search.scores ??= score;
}

/**
 * The descent: from a plan that meets `mask`, takes any move to a better plan that still meets
 * it: one hire fewer, one hire a slot later (same level and team), or one hire moved to another
 * level or team in the same month; once those stop helping, one hire (or two) of a slot for one
 * of any other slot. Stops when no move helps or the budget runs out.
 */
function descend(search: Search, mask: Mask, start: PlanFigures, best: Best): PlanFigures {
  const { evaluator, max } = search;
  const slots = evaluator.slots;
  const n = slots.length;
  const unit = unitCosts(search);
  let current = start;
  const key = (s: PlanSlot) => `${s.level}\u0000${s.team ?? ""}`;
  // The next slot of the same level and team, later in time.
  const later = new Int32Array(n).fill(-1);
  const lastOf = new Map<string, number>();
  for (let s = n - 1; s >= 0; s--) {
    const k = key(slots[s]!);
    const next = lastOf.get(k);
    if (next !== undefined) later[s] = next;
    lastOf.set(k, s);
  }
  // Slots by what one hire costs there, cheapest first: a move only goes to a cheaper slot.
  const byCost = Array.from({ length: n }, (_, t) => t).sort((x, y) => unit[x]! - unit[y]! || x - y);
  const attempt = (counts: number[]): boolean => {
    if (evaluator.evaluations >= search.budget) return false;
    const plan = evaluator.evaluate(counts);
    best.offer(plan);
    search.progress(evaluator.evaluations);
    if (meets(plan, mask) && comparePlans(plan, current) < 0) {
      current = plan;
      return true;
    }
    return false;
  };
  /** One move from slot s, the first that helps: narrow, then (wide) to any cheaper slot. */
  const improve = (s: number, wide: boolean): boolean => {
    const base = current.counts;
    const moved = (to: number, from = 1) => {
      const counts = [...base];
      counts[s]! -= from;
      if (to >= 0) counts[to]!++;
      return counts;
    };
    if (attempt(moved(-1))) return true;
    if (later[s]! >= 0 && base[later[s]!]! < max && attempt(moved(later[s]!))) return true;
    for (const t of byCost) {
      if (unit[t]! >= unit[s]! * (base[s]! >= 2 && wide ? 2 : 1)) break;
      if (t === s || base[t]! >= max || (!wide && slots[t]!.month !== slots[s]!.month)) continue;
      if (unit[t]! < unit[s]! && attempt(moved(t))) return true;
      // Wide: also two hires of one slot for one of another (two juniors for a senior).
      if (wide && base[s]! >= 2 && attempt(moved(t, 2))) return true;
    }
    return false;
  };
  // Visit the slots in turn; stop after a whole round of wide moves finds nothing.
  let wide = false;
  let quiet = 0;
  for (let s = 0; evaluator.evaluations < search.budget; s = (s + 1) % n) {
    if (current.counts[s]! > 0 && improve(s, wide)) {
      quiet = 0;
      wide = false;
      s = (s + n - 1) % n; // the same slot again
      continue;
    }
    if (++quiet >= n) {
      if (wide) break;
      wide = true;
      quiet = 0;
    }
  }
  return current;
}

/** What one hire costs in each slot, added to the scenario's own plan (the greedy's first round fills it). */
function unitCosts(search: Search): Float64Array {
  if (search.unitCost) return search.unitCost;
  const { evaluator } = search;
  const n = evaluator.slots.length;
  const counts = new Array<number>(n).fill(0);
  const base = evaluator.evaluate(counts).totalCost;
  const unit = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    counts[t] = 1;
    unit[t] = evaluator.evaluate(counts).totalCost - base;
    counts[t] = 0;
  }
  return (search.unitCost = unit);
}

/**
 * The repair: from a plan that misses `mask`, takes any move that brings it closer (the greedy's
 * distance): one hire more or fewer, or one hire moved to another slot (a senior for a junior,
 * which adding alone cannot do when a headcount cap binds). Stops when it meets `mask`, no move
 * helps, or the budget runs out.
 */
function repair(search: Search, mask: Mask, start: readonly number[], best: Best): void {
  const { evaluator, max } = search;
  const n = evaluator.slots.length;
  let counts = [...start];
  let plan = evaluator.evaluate(counts);
  let here = distance(evaluator, plan, mask);
  best.offer(plan);
  const attempt = (next: number[]): boolean => {
    if (evaluator.evaluations >= search.budget) return false;
    const tried = evaluator.evaluate(next);
    const d = distance(evaluator, tried, mask);
    best.offer(tried);
    search.progress(evaluator.evaluations);
    if (d < here - SHORT_TIE) {
      counts = next;
      plan = tried;
      here = d;
      return true;
    }
    return false;
  };
  const changed = (s: number, ds: number, t = -1) => {
    const next = [...counts];
    next[s]! += ds;
    if (t >= 0) next[t]!++;
    return next;
  };
  let quiet = 0;
  for (let s = 0; !meets(plan, mask) && evaluator.evaluations < search.budget && quiet < n; s = (s + 1) % n) {
    let moved = counts[s]! < max && attempt(changed(s, 1));
    if (!moved && counts[s]! > 0) {
      moved = attempt(changed(s, -1));
      for (let t = 0; t < n && !moved; t++) if (t !== s && counts[t]! < max) moved = attempt(changed(s, -1, t));
    }
    quiet = moved ? 0 : quiet + 1;
  }
}

/** Builds a plan for `mask` from `start`: greedily, repaired if that falls short, then cheapened. */
function build(search: Search, mask: Mask, start: readonly number[], best: Best): void {
  const local = new Best(mask);
  greedy(search, mask, start, local);
  if (!local.feasible) repair(search, mask, local.closest!.counts, local);
  if (local.feasible) descend(search, mask, local.feasible, local);
  if (local.feasible) best.offer(local.feasible);
  else if (local.closest) best.offer(local.closest);
}

/**
 * The search for `mask`: a build from the scenario's own plan; then, while the budget lasts,
 * kicks: take 1 to 3 hires out of the best plan (or the closest) and sometimes put one in
 * elsewhere, at seeded random, and build again from there, keeping what is better.
 */
function searchFor(search: Search, mask: Mask, best: Best): void {
  const { evaluator } = search;
  const n = evaluator.slots.length;
  build(search, mask, new Array<number>(n).fill(0), best);
  const random = createRandom(KICK_SEED, n);
  let kicks = 0;
  while (evaluator.evaluations < search.budget && kicks++ < MAX_KICKS) {
    const counts: number[] = [...best.answer.counts];
    const occupied: number[] = [];
    counts.forEach((c, s) => c > 0 && occupied.push(s));
    const out = occupied.length === 0 ? 0 : 1 + Math.floor(random.next() * Math.min(3, occupied.length));
    for (let i = 0; i < out; i++) {
      const s = occupied[Math.floor(random.next() * occupied.length)]!;
      if (counts[s]! > 0) counts[s]!--;
    }
    if (out === 0 || random.next() < 0.5) {
      const t = Math.floor(random.next() * n);
      if (counts[t]! < search.max) counts[t]!++;
    }
    build(search, mask, counts, best);
  }
}

/** The kicks' seed (any fixed number: the search is the same on every run), and their most. */
const KICK_SEED = 0x7e4a5;
const MAX_KICKS = 1_000;

/** Checks and fills the options, naming the one out of bounds. */
export function plannerOptionErrors(scenario: Scenario, options: PlannerOptions): string[] {
  const errors: string[] = [];
  const max = options.maxPerSlot ?? DEFAULT_MAX_PER_SLOT;
  if (!Number.isInteger(max) || max < 1 || max > MAX_PER_SLOT)
    errors.push(`Most hires per slot must be a whole number from 1 to ${MAX_PER_SLOT}, got ${max}.`);
  const levelIds = new Set(scenario.levels.map((l) => l.id));
  for (const id of options.levels ?? []) if (!levelIds.has(id)) errors.push(`Unknown level "${id}".`);
  const teamIds = new Set((scenario.teams ?? []).map((t) => t.id));
  for (const id of options.teams ?? []) if (!teamIds.has(id)) errors.push(`Unknown team "${id}".`);
  for (const month of options.months ?? [])
    if (!Number.isInteger(month) || month < 0 || month >= scenario.horizonMonths)
      errors.push(`Start month ${month} is outside the plan (0 to ${scenario.horizonMonths - 1}).`);
  const evaluations = options.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS;
  if (!Number.isInteger(evaluations) || evaluations < 1 || evaluations > MAX_PLANNER_EVALUATIONS)
    errors.push(
      `The search budget must be 1 to ${MAX_PLANNER_EVALUATIONS.toLocaleString("en-US")} plans, got ${evaluations}.`,
    );
  if (errors.length === 0) {
    const slots = planSlots(scenario, options).length;
    if (slots === 0) errors.push("No slot to hire into: choose at least one level, team and month.");
    if (slots > MAX_PLANNER_SLOTS)
      errors.push(`The search has ${slots} slots (levels x teams x months); at most ${MAX_PLANNER_SLOTS} are allowed.`);
  }
  if (!scenario.goals || goalCount(scenario) === 0) errors.push("Set at least one goal for the planner to meet.");
  return errors;
}

function goalCount(scenario: Scenario): number {
  return new GoalMeter(scenario).kinds.length;
}

/**
 * The best hires to add to the scenario's plan (MODEL.md section 8). Throws a RangeError naming
 * the problem when the options are out of bounds (see `plannerOptionErrors`).
 */
export function planHires(scenario: Scenario, options: PlannerOptions = {}): PlannerResult {
  const errors = plannerOptionErrors(scenario, options);
  if (errors.length > 0) throw new RangeError(errors.join(" "));
  const slots = planSlots(scenario, options);
  const max = options.maxPerSlot ?? DEFAULT_MAX_PER_SLOT;
  const exactLimit = options.exactLimit ?? DEFAULT_EXACT_LIMIT;
  const spaceSize = spaceSizeOf(slots.length, max);
  const method = spaceSize <= exactLimit ? "exhaustive" : "search";
  const budget = method === "exhaustive" ? spaceSize : (options.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS);
  const evaluator = new PlanEvaluator(scenario, slots);
  const every = Math.max(1, Math.floor(budget / 100));
  let reported = 0;
  const search: Search = {
    evaluator,
    max,
    budget,
    progress: (done) => {
      if (options.onProgress && done - reported >= every) {
        reported = done;
        options.onProgress(Math.min(done, budget), budget);
      }
    },
  };
  const full = allOf(evaluator.targets.length);
  const baseline = evaluator.evaluate(new Array<number>(slots.length).fill(0));

  let best: Best;
  let feasibleUnder: (mask: Mask) => boolean;
  if (method === "exhaustive") {
    const run = exhaustive(search, full);
    best = run.best;
    feasibleUnder = (mask) => [...run.metMasks].some((m) => (m & mask) === mask);
  } else {
    best = new Best(full);
    searchFor(search, full, best);
    feasibleUnder = (mask) => {
      const trial = new Best(mask);
      // A fresh budget for each check, a tenth of the search's.
      const check: Search = { ...search, budget: evaluator.evaluations + Math.max(1, Math.floor(budget / 10)) };
      const start = new Array<number>(slots.length).fill(0);
      greedy(check, mask, start, trial);
      if (!trial.feasible) repair(check, mask, trial.closest!.counts, trial);
      return trial.feasible !== null;
    };
  }

  const found = best.feasible !== null;
  const answer = best.answer;
  const conflicting: PlannerTargetKind[] = [];
  if (!found) {
    // A deletion filter: drop each target whose absence still leaves the rest unmeetable.
    let mask = full;
    for (let i = 0; i < evaluator.targets.length; i++) {
      const without = mask & ~(1 << i);
      if (!feasibleUnder(without)) mask = without;
    }
    evaluator.targets.forEach((kind, i) => {
      if (mask & (1 << i)) conflicting.push(kind);
    });
  }
  options.onProgress?.(budget, budget);
  return {
    slots,
    targets: evaluator.targets,
    method,
    spaceSize,
    evaluations: evaluator.evaluations,
    found,
    best: answer,
    hires: hiresOf(slots, answer.counts),
    baseline,
    conflicting,
  };
}

/** What relaxing one goal by 10% does to the best plan (MODEL.md section 8's "which goals bind"). */
export interface Relaxation {
  kind: GoalKind;
  /** The relaxed goal in words: "capacity of at least 27 from 2027-09". */
  relaxed: string;
  /** A plan meets every goal once this one is relaxed. */
  found: boolean;
  /** The best plan's cost with it relaxed (or the closest plan's). */
  totalCost: number;
  /** Dollars saved against the best plan (0 when none was found before or the goal does not bind). */
  saving: number;
  /** "Allowing capacity of at least 27 from 2027-09 would save $310k." */
  message: string;
}

/**
 * Re-runs the planner with each goal in turn relaxed by 10%: the goals that bind are those whose
 * relaxing saves money; when no plan fits, those whose relaxing lets one fit. In the goals' order.
 */
export function relaxations(
  scenario: Scenario,
  options: PlannerOptions,
  result: PlannerResult,
  onProgress?: (done: number, total: number) => void,
): Relaxation[] {
  const kinds = result.targets.filter((kind): kind is GoalKind => kind !== "recruiters" && kind !== "growth");
  const original = new PlanEvaluator(scenario, result.slots);
  const out: Relaxation[] = [];
  kinds.forEach((kind, i) => {
    const relaxedScenario = relaxGoal(scenario, kind);
    const run = planHires(relaxedScenario, { ...options, onProgress: undefined });
    const relaxed = goalLabel(relaxedScenario, kind);
    // A cheaper plan that meets the goals as they are is the search's luck, not the relaxing's
    // saving (a budget, say, can only ever rule plans out): it does not count.
    const meetsAsSet = run.found && original.evaluate(run.best.counts).met.every(Boolean);
    const saving =
      result.found && run.found && !meetsAsSet ? Math.max(0, result.best.totalCost - run.best.totalCost) : 0;
    const allowing = `Allowing ${relaxed}`;
    const message = result.found
      ? saving >= 1
        ? `${allowing} would save ${shortDollars(saving)}.`
        : `${allowing} would save nothing: this goal does not bind.`
      : run.found
        ? `${allowing} would let a plan meet every goal, at ${shortDollars(run.best.totalCost)}.`
        : `${allowing} would still leave no plan that meets every goal.`;
    out.push({ kind, relaxed, found: run.found, totalCost: run.best.totalCost, saving, message });
    onProgress?.(i + 1, kinds.length);
  });
  return out;
}

/** A target in words, for "these goals cannot be met together". */
export function targetLabel(scenario: Scenario, kind: PlannerTargetKind): string {
  const hiring = scenario.assumptions.hiring;
  if (kind === "recruiters")
    return `what ${hiring!.recruiters} recruiter${hiring!.recruiters === 1 ? "" : "s"} can hire (${hiring!.recruiters! * hiring!.hiresPerRecruiterPerQuarter} people a quarter)`;
  if (kind === "growth") return `growth of at most ${Math.round(hiring!.maxGrowthPerQuarter * 100)}% a quarter`;
  return goalLabel(scenario, kind);
}
