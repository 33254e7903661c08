/**
 * The step loop of MODEL.md section 4, shared by the expected-value projection (fractional
 * counts, `random` null) and Monte Carlo (whole people, one seeded draw per person and step).
 * Internal to the engine: callers use `projectScenario` and `simulateMonteCarlo`.
 *
 * Groups are stored densely by origin and level: slot `origin * levelCount + level`. An origin is
 * a team entry, a planned hire or one step's backfills into one level; all groups of an origin
 * share its skills and its ramp progress (they started together), so those live per origin.
 */
import { OWNER_PROFICIENCY } from "./ladder";
import { findMembers, stepMonths, type Scenario } from "./scenario";
import type { Random } from "./random";

const HIRE = 0;
const PROMOTE = 1;
const DEPART = 2;
/** Hours a week of mentoring every ramping engineer needs on top of their level's menteeHours. */
export const RAMP_MENTEE_HOURS = 4;

interface CompiledEvent {
  kind: typeof HIRE | typeof PROMOTE | typeof DEPART;
  level: number;
  count: number;
  salary: number;
  skills: Int32Array | null;
  origin: number;
}

interface CompiledTeamEntry {
  level: number;
  count: number;
  salary: number;
  skills: Int32Array | null;
}

export interface CompiledScenario {
  scenario: Scenario;
  levelCount: number;
  stepMonths: number;
  stepCount: number;
  levelIds: string[];
  skillIds: string[];
  output: Float64Array;
  rampMonths: Float64Array;
  mentorHours: Float64Array;
  menteeHours: Float64Array;
  bandMid: Float64Array;
  bandMin: Float64Array;
  annualAttrition: Float64Array;
  attritionPerStep: Float64Array;
  promotionPerStep: Float64Array;
  isJunior: Uint8Array;
  isSenior: Uint8Array;
  levelOwnedSkills: Int32Array[];
  backfillTarget: Int32Array;
  backfillDelaySteps: number;
  team: CompiledTeamEntry[];
  eventsByStep: CompiledEvent[][];
  maxOrigins: number;
}

/** An annual probability as the probability over one step of `months`. */
export function perStep(annual: number, months: number): number {
  return months === 12 ? annual : 1 - Math.pow(1 - annual, months / 12);
}

/** Rounds halves up, as MODEL.md asks for backfill delays. */
export function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5);
}

export function compileScenario(scenario: Scenario): CompiledScenario {
  const L = stepMonths(scenario);
  const levels = scenario.levels;
  const K = levels.length;
  const stepCount = Math.ceil(scenario.horizonMonths / L);
  const levelIndex = new Map(levels.map((level, i) => [level.id, i]));

  const skillIndex = new Map<string, number>();
  const noteSkills = (map: Record<string, number> | undefined) => {
    for (const id of Object.keys(map ?? {})) if (!skillIndex.has(id)) skillIndex.set(id, skillIndex.size);
  };
  for (const level of levels) noteSkills(level.expectations);
  for (const entry of scenario.team) noteSkills(entry.skills);
  for (const event of scenario.plan) if (event.type === "hire") noteSkills(event.skills);
  const owned = (map: Record<string, number>) =>
    Int32Array.from(Object.entries(map).filter(([, p]) => p >= OWNER_PROFICIENCY).map(([id]) => skillIndex.get(id)!));
  const ownedOrNull = (map: Record<string, number> | undefined) => (map === undefined ? null : owned(map));

  const fill = (f: (level: Scenario["levels"][number]) => number) => Float64Array.from(levels, f);
  const { backfill } = scenario.assumptions;
  const backfillTarget = Int32Array.from(levels, (_, i) => {
    if (backfill.level === "same") return i;
    if (backfill.level === "below") return Math.max(0, i - 1);
    return levelIndex.get(backfill.level)!;
  });

  const team = scenario.team.map((entry) => ({
    level: levelIndex.get(entry.level)!,
    count: entry.count,
    salary: entry.salary,
    skills: ownedOrNull(entry.skills),
  }));
  const eventsByStep: CompiledEvent[][] = Array.from({ length: stepCount }, () => []);
  let hireCount = 0;
  for (const event of scenario.plan) {
    const step = Math.floor(event.month / L);
    if (event.type === "hire") {
      hireCount++;
      const level = levelIndex.get(event.level)!;
      eventsByStep[step]!.push({
        kind: HIRE,
        level,
        count: event.count,
        salary: event.salary ?? levels[level]!.band.mid,
        skills: ownedOrNull(event.skills),
        origin: -1,
      });
    } else {
      const origin = findMembers(scenario.team, event.member)[0]!;
      eventsByStep[step]!.push({ kind: event.type === "promote" ? PROMOTE : DEPART, level: -1, count: 0, salary: 0, skills: null, origin });
    }
  }

  return {
    scenario,
    levelCount: K,
    stepMonths: L,
    stepCount,
    levelIds: levels.map((level) => level.id),
    skillIds: [...skillIndex.keys()],
    output: fill((l) => l.output),
    rampMonths: fill((l) => l.rampMonths),
    mentorHours: fill((l) => l.mentorHours),
    menteeHours: fill((l) => l.menteeHours),
    bandMid: fill((l) => l.band.mid),
    bandMin: fill((l) => l.band.min),
    annualAttrition: fill((l) => l.annualAttrition),
    attritionPerStep: fill((l) => perStep(l.annualAttrition, L)),
    promotionPerStep: fill((l) => perStep(l.annualPromotion, L)),
    isJunior: Uint8Array.from(levels, (l) => (l.class === "junior" ? 1 : 0)),
    isSenior: Uint8Array.from(levels, (l) => (l.class === "senior" ? 1 : 0)),
    levelOwnedSkills: levels.map((l) => owned(l.expectations)),
    backfillTarget,
    backfillDelaySteps: roundHalfUp(backfill.delayMonths / L),
    team,
    eventsByStep,
    maxOrigins: team.length + hireCount + stepCount * K,
  };
}

/** What one step measures (MODEL.md section 4, item 6). Reused between steps: copy what you keep. */
export interface StepMeasures {
  step: number;
  headcount: Float64Array;
  totalHeadcount: number;
  joiners: number;
  leavers: number;
  promotions: number;
  payroll: number;
  loadedCost: number;
  recruitingCost: number;
  totalCost: number;
  mentorSupplyHours: number;
  mentorDemandHours: number;
  coverage: number;
  juniors: number;
  seniors: number;
  juniorsPerSenior: number | null;
  ratioInBand: boolean;
  capacity: number;
  /** Per skill (compiled order); only filled when `measureSkills` is on. */
  skillOwners: Float64Array;
}

/** Reusable working memory for runs of one compiled scenario (Monte Carlo reuses it per trial). */
export class SimulationState {
  readonly count: Float64Array;
  readonly salary: Float64Array;
  readonly progress: Float64Array;
  readonly low: Int32Array;
  readonly high: Int32Array;
  readonly skills: (Int32Array | null)[];
  readonly pending: Float64Array;
  readonly measures: StepMeasures;
  readonly attritionThisStep: Float64Array;
  readonly skillless: Float64Array;
  origins = 0;

  constructor(readonly compiled: CompiledScenario) {
    const { maxOrigins, levelCount: K, stepCount } = compiled;
    this.count = new Float64Array(maxOrigins * K);
    this.salary = new Float64Array(maxOrigins * K);
    this.progress = new Float64Array(maxOrigins);
    this.low = new Int32Array(maxOrigins);
    this.high = new Int32Array(maxOrigins);
    this.skills = new Array<Int32Array | null>(maxOrigins).fill(null);
    this.pending = new Float64Array(stepCount * K);
    this.attritionThisStep = new Float64Array(K);
    this.skillless = new Float64Array(K);
    this.measures = {
      step: 0,
      headcount: new Float64Array(K),
      totalHeadcount: 0,
      joiners: 0,
      leavers: 0,
      promotions: 0,
      payroll: 0,
      loadedCost: 0,
      recruitingCost: 0,
      totalCost: 0,
      mentorSupplyHours: 0,
      mentorDemandHours: 0,
      coverage: 1,
      juniors: 0,
      seniors: 0,
      juniorsPerSenior: null,
      ratioInBand: true,
      capacity: 0,
      skillOwners: new Float64Array(compiled.skillIds.length),
    };
  }

  reset(): void {
    this.count.fill(0);
    this.pending.fill(0);
    this.origins = 0;
    for (const entry of this.compiled.team) this.addOrigin(entry.level, entry.count, entry.salary, entry.skills, Infinity);
  }

  /** A new origin holding one group; returns its index. */
  addOrigin(level: number, n: number, salary: number, skills: Int32Array | null, progress: number): number {
    const o = this.origins++;
    const slot = o * this.compiled.levelCount + level;
    this.count[slot] = n;
    this.salary[slot] = salary;
    this.progress[o] = progress;
    this.skills[o] = skills;
    this.low[o] = level;
    this.high[o] = level;
    return o;
  }

  /** Adds `n` people at `salary` to a group: counts add, salary becomes the count-weighted mean. */
  merge(slot: number, n: number, salary: number): void {
    const before = this.count[slot]!;
    const total = before + n;
    this.salary[slot] = before === 0 ? salary : (before * this.salary[slot]! + n * salary) / total;
    this.count[slot] = total;
  }

  /**
   * Adds `n` people promoted out of origin `o`'s group at `level` to its group one level up,
   * at max(salary x (1 + promotionRaiseRate), band min); the caller takes them out of `level`.
   */
  promoteFrom(o: number, level: number, n: number): void {
    const { levelCount: K, bandMin, scenario } = this.compiled;
    const slot = o * K + level;
    const raised = Math.max(this.salary[slot]! * (1 + scenario.assumptions.promotionRaiseRate), bandMin[level + 1]!);
    this.merge(slot + 1, n, raised);
    if (this.high[o]! < level + 1) this.high[o] = level + 1;
  }

  /** Schedules `n` backfills for leavers of `level` at step `due` (dropped after the horizon). */
  backfill(level: number, n: number, due: number): void {
    const { scenario, stepCount, levelCount: K, backfillTarget } = this.compiled;
    if (!scenario.assumptions.backfill.enabled || n <= 0 || due >= stepCount) return;
    this.pending[due * K + backfillTarget[level]!] += n;
  }
}

/** Draws how many of `n` people leave and how many are promoted, one uniform draw each. */
function drawTransitions(random: Random, n: number, leave: number, promote: number, out: Float64Array): void {
  let leavers = 0;
  let promoted = 0;
  const either = leave + promote;
  for (let i = 0; i < n; i++) {
    const u = random();
    if (u < leave) leavers++;
    else if (u < either) promoted++;
  }
  out[0] = leavers;
  out[1] = promoted;
}

/**
 * Runs every step of the scenario on `state` (reset first) and calls `onStep` with each step's
 * measures. With `random`, people are whole and move by random draws; without, counts are
 * expected values.
 */
export function runSimulation(
  state: SimulationState,
  random: Random | null,
  measureSkills: boolean,
  onStep: (m: StepMeasures) => void,
): void {
  const c = state.compiled;
  const { levelCount: K, stepMonths: L, scenario } = c;
  const a = scenario.assumptions;
  const { count, salary, progress, low, high, pending, attritionThisStep, skillless } = state;
  const m = state.measures;
  const drawn = new Float64Array(2);
  const [ratioLow, ratioHigh] = a.ratioTarget;
  const raise = 1 + a.annualRaiseRate;
  const retention = a.mentorship.program ? a.mentorship.retentionEffect : 0;
  state.reset();

  for (let t = 0; t < c.stepCount; t++) {
    m.step = t;
    m.joiners = 0;
    m.leavers = 0;
    m.promotions = 0;
    m.recruitingCost = 0;

    // 1. Raises at every 12-month mark.
    if (t > 0 && (t * L) % 12 === 0 && raise !== 1) {
      for (let o = 0; o < state.origins; o++) {
        for (let l = low[o]!; l <= high[o]!; l++) salary[o * K + l] *= raise;
      }
    }

    // 2. Planned events, 3. joiners (planned hires, then backfills due now).
    for (const event of c.eventsByStep[t]!) {
      const o = event.origin;
      if (event.kind === PROMOTE) {
        for (let l = Math.min(high[o]!, K - 2); l >= low[o]!; l--) {
          const n = count[o * K + l]!;
          if (n > 0) {
            count[o * K + l] = 0;
            state.promoteFrom(o, l, n);
            m.promotions += n;
          }
        }
      } else if (event.kind === DEPART) {
        for (let l = low[o]!; l <= high[o]!; l++) {
          const n = count[o * K + l]!;
          if (n > 0) {
            count[o * K + l] = 0;
            m.leavers += n;
            state.backfill(l, n, t + c.backfillDelaySteps);
          }
        }
        low[o] = K;
        high[o] = -1;
      } else if (event.count > 0) {
        state.addOrigin(event.level, event.count, event.salary, event.skills, 0);
        m.joiners += event.count;
        m.recruitingCost += event.count * event.salary * a.recruitingFeeRate;
      }
    }
    for (let l = 0; l < K; l++) {
      const n = pending[t * K + l]!;
      if (n > 0) {
        state.addOrigin(l, n, c.bandMid[l]!, null, 0);
        m.joiners += n;
        m.recruitingCost += n * c.bandMid[l]! * a.recruitingFeeRate;
      }
    }

    // 4. Mentorship supply and demand.
    let supply = 0;
    let demand = 0;
    for (let o = 0; o < state.origins; o++) {
      const p = progress[o]!;
      for (let l = low[o]!; l <= high[o]!; l++) {
        const n = count[o * K + l]!;
        if (n === 0) continue;
        if (p < c.rampMonths[l]!) demand += RAMP_MENTEE_HOURS * n;
        else supply += n * c.mentorHours[l]!;
        demand += n * c.menteeHours[l]!;
      }
    }
    const coverage = demand === 0 ? 1 : Math.min(1, supply / demand);
    const mentorShare = supply > 0 ? Math.min(1, demand / supply) / a.hoursPerWeek : 0;
    const rampGrowth = (L * (1 + coverage)) / 2;
    for (let l = 0; l < K; l++) {
      const annual = c.isJunior[l] ? c.annualAttrition[l]! * (1 - retention * coverage) : c.annualAttrition[l]!;
      attritionThisStep[l] = annual === c.annualAttrition[l] ? c.attritionPerStep[l]! : perStep(annual, L);
    }

    // 5. Ramp, 6. measure, 7. transitions: levels top-down, so the promoted are not counted twice.
    m.headcount.fill(0);
    if (measureSkills) {
      m.skillOwners.fill(0);
      skillless.fill(0);
    }
    let payroll = 0;
    let capacity = 0;
    const delay = t + 1 + c.backfillDelaySteps;
    for (let o = 0; o < state.origins; o++) {
      const before = progress[o]!;
      const after = before + rampGrowth;
      progress[o] = after;
      let originTotal = 0;
      const top = high[o]!;
      for (let l = top; l >= low[o]!; l--) {
        const slot = o * K + l;
        const n = count[slot]!;
        if (n === 0) continue;
        const ramp = c.rampMonths[l]!;
        const ramping = before < ramp;
        const factor = ramp === 0 ? 1 : Math.min(1, after / ramp);
        m.headcount[l] += n;
        originTotal += n;
        payroll += n * salary[slot]!;
        capacity += n * c.output[l]! * factor * (ramping ? 1 : 1 - c.mentorHours[l]! * mentorShare);

        const leave = attritionThisStep[l]!;
        const up = l === K - 1 ? 0 : c.promotionPerStep[l]!;
        let leavers: number;
        let promoted: number;
        if (random === null) {
          leavers = n * leave;
          promoted = n * up;
          count[slot] = n * Math.max(0, 1 - leave - up);
        } else {
          drawTransitions(random, n, leave, up, drawn);
          leavers = drawn[0]!;
          promoted = drawn[1]!;
          count[slot] = n - leavers - promoted;
        }
        if (promoted > 0) {
          state.promoteFrom(o, l, promoted);
          m.promotions += promoted;
        }
        if (leavers > 0) {
          m.leavers += leavers;
          state.backfill(l, leavers, delay);
        }
        if (measureSkills && state.skills[o] === null) skillless[l] += n;
      }
      if (measureSkills && originTotal > 0) {
        const owned = state.skills[o];
        if (owned) for (let i = 0; i < owned.length; i++) m.skillOwners[owned[i]!] += originTotal;
      }
      while (low[o]! <= high[o]! && count[o * K + low[o]!] === 0) low[o]!++;
    }
    if (measureSkills) {
      for (let l = 0; l < K; l++) {
        const owned = c.levelOwnedSkills[l]!;
        for (let i = 0; i < owned.length; i++) m.skillOwners[owned[i]!] += skillless[l]!;
      }
    }

    let total = 0;
    let juniors = 0;
    let seniors = 0;
    for (let l = 0; l < K; l++) {
      const n = m.headcount[l]!;
      total += n;
      if (c.isJunior[l]) juniors += n;
      if (c.isSenior[l]) seniors += n;
    }
    m.totalHeadcount = total;
    m.payroll = (payroll * L) / 12;
    m.loadedCost = m.payroll * (1 + a.overheadRate);
    m.totalCost = m.loadedCost + m.recruitingCost;
    m.mentorSupplyHours = supply;
    m.mentorDemandHours = demand;
    m.coverage = coverage;
    m.juniors = juniors;
    m.seniors = seniors;
    m.juniorsPerSenior = seniors > 0 ? juniors / seniors : null;
    m.ratioInBand = m.juniorsPerSenior === null ? juniors === 0 : m.juniorsPerSenior >= ratioLow && m.juniorsPerSenior <= ratioHigh;
    m.capacity = capacity;
    onStep(m);
  }
}
