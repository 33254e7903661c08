/**
 * The step loop of MODEL.md section 4, shared by the expected-value projection (fractional
 * counts, `random` null) and Monte Carlo (whole people moved by seeded random draws).
 * Internal to the engine: callers use `projectScenario` and `simulateMonteCarlo`.
 *
 * Groups are stored densely by origin and level: slot `origin * levelCount + level`. An origin is
 * a team entry (or a pool of alike entries), a planned hire or one step's backfills into one
 * level; all groups of an origin share its skills and its ramp progress (they started together).
 *
 * A group holds its count and its salary mass: count x mean salary, in dollars of the plan's
 * start (divided by the raises so far, so a raise is one multiplication, not one per group).
 * Merging groups adds both, which is MODEL.md's count-weighted mean salary without a division.
 *
 * Per level the state keeps the headcount as the step begins; ramping people live only in
 * "young" origins (hires and backfills still inside their ramp), so mentoring supply and demand
 * and the capacity of settled people follow from per-level figures. The expected-value run then
 * visits every group once a step to move its fractions; Monte Carlo instead gives each person a
 * ticket for the next step at which they might leave or be promoted (a geometric draw at the
 * level's highest per-step probability, thinned to the step's actual one), so a step only touches
 * the people whose ticket falls due. That is the same law as one draw per person and step.
 */
import { DEPART, PROMOTE, RAMP_MENTEE_HOURS, perStep, type CompiledScenario } from "./compile";
import type { Random } from "./random";
import { TicketQueue } from "./tickets";

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
  /** Per skill (compiled order); filled by the expected-value run when `measureSkills` is on. */
  skillOwners: Float64Array;
}

/**
 * Working memory for runs of one compiled scenario (Monte Carlo reuses it for every trial).
 * Counts change only through `addOrigin`, `moveUp`, `remove` and the transitions, which keep
 * `levelCount` (headcount per level) and `payrollBase` (the sum of salary masses) up to date.
 */
export class SimulationState {
  readonly count: Float64Array;
  /** count x mean salary per group, in dollars of the plan's start (see `raised`). */
  readonly mass: Float64Array;
  readonly progress: Float64Array;
  readonly low: Int32Array;
  readonly high: Int32Array;
  readonly hasSkills: Uint8Array;
  readonly epoch: Int32Array;
  /** Origin o's owned skills are pairs ownedFrom[o] .. ownedTo[o] - 1 of ownedSkill / ownedBy. */
  readonly ownedFrom: Int32Array;
  readonly ownedTo: Int32Array;
  readonly ownedSkill: Int32Array;
  /** How many of the origin's starting people own the skill. */
  readonly ownedBy: Float64Array;
  readonly startCount: Float64Array;
  readonly pending: Float64Array;
  /** People per level as the step begins, and of those, people still ramping. */
  readonly levelCount: Float64Array;
  readonly ramping: Float64Array;
  /** Band mins in dollars of the plan's start, for this step. */
  readonly bandMinBase: Float64Array;
  readonly measures: StepMeasures;
  /** Origins that may still hold people, in the order they were created. */
  readonly active: Int32Array;
  /** Origins that may still hold someone inside their ramp. */
  readonly young: Int32Array;
  activeCount = 0;
  youngCount = 0;
  origins = 0;
  ownedPairs = 0;
  /** The salary multiplier from annual raises so far: dollars = base x raised. */
  raised = 1;
  /** The sum of salary masses, kept by every change; Monte Carlo reads it, the expected-value run sums groups. */
  payrollBase = 0;
  /** Set when a planned event took people away: the expected-value run recounts levels. */
  recount = false;
  /** The step being run, for tickets filed by new people. */
  step = 0;
  tickets: TicketQueue | null = null;
  trackSkills = true;
  random: Random | null = null;
  private readonly levelCount_: number;
  private readonly promotionRaise: number;
  /** Each level's highest per-step chance of a move (leaving or promotion), and ln(1 - it). */
  private readonly moveChance: Float64Array;
  private readonly logNoMove: Float64Array;

  constructor(readonly compiled: CompiledScenario) {
    const { maxOrigins, levelCount: K, stepCount } = compiled;
    this.levelCount_ = K;
    this.promotionRaise = 1 + compiled.scenario.assumptions.promotionRaiseRate;
    // Mentoring only ever lowers attrition, so the level's own rates bound every step's chance.
    this.moveChance = Float64Array.from(compiled.attritionPerStep, (leave, l) =>
      Math.min(1, leave + (l === K - 1 ? 0 : compiled.promotionPerStep[l]!)),
    );
    this.logNoMove = this.moveChance.map((p) => Math.log(1 - p));
    this.count = new Float64Array(maxOrigins * K);
    this.mass = new Float64Array(maxOrigins * K);
    this.progress = new Float64Array(maxOrigins);
    this.low = new Int32Array(maxOrigins);
    this.high = new Int32Array(maxOrigins);
    this.hasSkills = new Uint8Array(maxOrigins);
    this.epoch = new Int32Array(maxOrigins);
    this.active = new Int32Array(maxOrigins);
    this.young = new Int32Array(maxOrigins);
    this.ownedFrom = new Int32Array(maxOrigins);
    this.ownedTo = new Int32Array(maxOrigins);
    this.startCount = new Float64Array(maxOrigins);
    this.ownedSkill = new Int32Array(compiled.maxOwnedPairs);
    this.ownedBy = new Float64Array(compiled.maxOwnedPairs);
    this.pending = new Float64Array(stepCount * K);
    this.levelCount = new Float64Array(K);
    this.ramping = new Float64Array(K);
    this.bandMinBase = Float64Array.from(compiled.bandMin);
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

  /**
   * Empties the state, then adds the team; with `random`, people move by random draws. Skills
   * are tracked only when `trackSkills` (Monte Carlo does not measure them).
   */
  reset(random: Random | null, trackSkills: boolean): void {
    this.trackSkills = trackSkills;
    this.count.fill(0);
    this.mass.fill(0);
    this.epoch.fill(0);
    this.pending.fill(0);
    this.levelCount.fill(0);
    this.bandMinBase.set(this.compiled.bandMin);
    this.origins = 0;
    this.activeCount = 0;
    this.youngCount = 0;
    this.ownedPairs = 0;
    this.raised = 1;
    this.payrollBase = 0;
    this.recount = false;
    this.step = 0;
    this.random = random;
    if (random) {
      this.tickets ??= new TicketQueue(this.compiled.stepCount);
      this.tickets.clear();
    }
    for (const entry of random ? this.compiled.team : this.compiled.pooledTeam) {
      this.addOrigin(entry.level, entry.count, entry.salary, entry.skills, entry.skillOwners, Infinity);
    }
  }

  /** Applies an annual raise to every salary. */
  raise(factor: number): void {
    this.raised *= factor;
    for (let l = 0; l < this.levelCount_; l++) this.bandMinBase[l] = this.compiled.bandMin[l]! / this.raised;
  }

  /** Files a ticket for each of `n` people at `slot`, at their first candidate step from `firstStep`. */
  private fileTickets(slot: number, n: number, firstStep: number): void {
    const tickets = this.tickets!;
    const random = this.random!;
    const logNoMove = this.logNoMove[slot % this.levelCount_]!;
    if (logNoMove === 0) return; // nobody at this level ever leaves or is promoted
    const epoch = this.epoch[(slot / this.levelCount_) | 0]!;
    for (let i = 0; i < n; i++) {
      // Steps to wait: geometric, P(wait = k) = (1 - p)^k p, with p the level's highest chance.
      const wait = logNoMove === -Infinity ? 0 : Math.floor(Math.log(1 - random.next()) / logNoMove);
      tickets.file(slot, epoch, firstStep + wait);
    }
  }

  /**
   * A new origin holding one group of `n` people at `salary` (dollars now), of whom `owners[i]`
   * own `skills[i]` (null: all of them); returns its index.
   */
  addOrigin(
    level: number,
    n: number,
    salary: number,
    skills: readonly number[] | null,
    owners: Float64Array | null,
    progress: number,
  ): number {
    const o = this.origins++;
    this.active[this.activeCount++] = o;
    if (progress < this.compiled.maxRampMonths) this.young[this.youngCount++] = o;
    const slot = o * this.levelCount_ + level;
    const base = (n * salary) / this.raised;
    this.count[slot] = n;
    this.mass[slot] = base;
    this.payrollBase += base;
    this.levelCount[level]! += n;
    this.progress[o] = progress;
    this.low[o] = level;
    this.high[o] = level;
    this.hasSkills[o] = skills ? 1 : 0;
    this.startCount[o] = n;
    this.ownedFrom[o] = this.ownedPairs;
    if (skills && this.trackSkills) {
      for (let i = 0; i < skills.length; i++) {
        this.ownedBy[this.ownedPairs] = owners ? owners[i]! : n;
        this.ownedSkill[this.ownedPairs++] = skills[i]!;
      }
    }
    this.ownedTo[o] = this.ownedPairs;
    if (this.tickets) this.fileTickets(slot, n, this.step);
    return o;
  }

  /**
   * Moves `moved` people, the share `share` of origin `o`'s group at `level` (which holds `n`
   * people and salary mass `mass`), to its group one level up, each at max(mean salary x (1 +
   * promotionRaiseRate), the band min), and takes them out of `level`.
   */
  moveUp(o: number, level: number, moved: number, share: number, n: number, mass: number): void {
    const slot = o * this.levelCount_ + level;
    const before = share * mass;
    const after = share * Math.max(mass * this.promotionRaise, n * this.bandMinBase[level + 1]!);
    const left = n - moved;
    this.count[slot] = left;
    this.mass[slot] = left === 0 ? 0 : mass - before;
    this.count[slot + 1]! += moved;
    this.mass[slot + 1]! += after;
    this.payrollBase += after - before;
    this.levelCount[level]! -= moved;
    this.levelCount[level + 1]! += moved;
    if (this.high[o]! <= level) this.high[o] = level + 1;
  }

  /** Takes the whole group of origin `o` at `level` out, for a planned departure. */
  remove(o: number, level: number): void {
    const slot = o * this.levelCount_ + level;
    this.levelCount[level]! -= this.count[slot]!;
    this.payrollBase -= this.mass[slot]!;
    this.count[slot] = 0;
    this.mass[slot] = 0;
    this.recount = true;
  }

  /** After a planned event moved origin `o`'s people: new tickets for all of them. */
  refile(o: number): void {
    this.recount = true;
    if (!this.tickets) return;
    this.epoch[o]!++;
    const K = this.levelCount_;
    for (let l = this.low[o]!; l <= this.high[o]!; l++) {
      const n = this.count[o * K + l]!;
      if (n > 0) this.fileTickets(o * K + l, n, this.step);
    }
  }

  /** Headcount per level and payroll from the groups themselves (after planned events). */
  recountLevels(): void {
    const K = this.levelCount_;
    this.levelCount.fill(0);
    this.payrollBase = 0;
    for (let i = 0; i < this.activeCount; i++) {
      const o = this.active[i]!;
      for (let l = this.low[o]!; l <= this.high[o]!; l++) {
        this.levelCount[l]! += this.count[o * K + l]!;
        this.payrollBase += this.mass[o * K + l]!;
      }
    }
    this.recount = false;
  }

  /** Schedules `n` backfills for leavers of `level` at step `due` (dropped after the horizon). */
  backfill(level: number, n: number, due: number): void {
    const { scenario, stepCount, levelCount: K, backfillTarget } = this.compiled;
    if (!scenario.assumptions.backfill.enabled || n <= 0 || due >= stepCount) return;
    this.pending[due * K + backfillTarget[level]!]! += n;
  }

  /**
   * Monte Carlo transitions at the end of `step`: each person whose ticket is due leaves with
   * probability leaveP, is promoted with upP, or stays; people still here get their next ticket.
   */
  drawTransitions(
    step: number,
    leaveP: Float64Array,
    upP: Float64Array,
    leavers: Float64Array,
    promoted: Float64Array,
  ): void {
    const K = this.levelCount_;
    const random = this.random!;
    const { count, mass, epoch } = this;
    this.tickets!.drain(step, (slot, ticketEpoch) => {
      const o = (slot / K) | 0;
      if (ticketEpoch !== epoch[o] || count[slot] === 0) return;
      const l = slot - o * K;
      // A candidate moves with probability (this step's chance) / (the level's highest chance).
      const u = random.next() * this.moveChance[l]!;
      let at = slot;
      if (u < leaveP[l]!) {
        const n = count[slot]!;
        const mean = mass[slot]! / n;
        count[slot] = n - 1;
        mass[slot] = n === 1 ? 0 : mass[slot]! - mean;
        this.payrollBase -= mean;
        this.levelCount[l]!--;
        leavers[l]!++;
        return;
      }
      if (u < leaveP[l]! + upP[l]!) {
        const n = count[slot]!;
        this.moveUp(o, l, 1, 1 / n, n, mass[slot]!);
        promoted[l]!++;
        at = slot + 1;
      }
      this.fileTickets(at, 1, step + 1);
    });
  }
}

/**
 * Runs every step of the scenario on `state` and calls `onStep` with each step's measures.
 * With `random`, people are whole and move by random draws; without, counts are expected values.
 */
export function runSimulation(
  state: SimulationState,
  random: Random | null,
  measureSkills: boolean,
  onStep: (m: StepMeasures) => void,
): void {
  const c = state.compiled;
  const { levelCount: K, stepMonths: L, scenario } = c;
  const {
    output,
    rampMonths,
    mentorHours,
    menteeHours,
    bandMid,
    isJunior,
    isSenior,
    promotionPerStep,
    attritionPerStep,
    annualAttrition,
  } = c;
  const { count, mass, progress, low, high, pending, levelCount, ramping, hasSkills, active, young } = state;
  const { ownedFrom, ownedTo, ownedSkill, ownedBy, startCount } = state;
  const m = state.measures;
  const { headcount, skillOwners } = m;
  const a = scenario.assumptions;
  const [ratioLow, ratioHigh] = a.ratioTarget;
  const raise = 1 + a.annualRaiseRate;
  const retention = a.mentorship.program ? a.mentorship.retentionEffect : 0;
  const top = K - 1;
  // Per level, for the current step.
  const leaveP = new Float64Array(K);
  const upP = new Float64Array(K);
  const stayP = new Float64Array(K);
  const leavers = new Float64Array(K);
  const promoted = new Float64Array(K);
  const skillless = new Float64Array(K);
  const settled = new Float64Array(K);
  state.reset(random, measureSkills);

  for (let t = 0; t < c.stepCount; t++) {
    state.step = t;
    m.step = t;
    m.joiners = 0;
    m.leavers = 0;
    m.promotions = 0;
    m.recruitingCost = 0;

    // 1. Raises at every 12-month mark.
    if (t > 0 && (t * L) % 12 === 0 && raise !== 1) state.raise(raise);

    // 2. Planned events, 3. joiners (planned hires, then backfills due now).
    for (const event of c.eventsByStep[t]!) {
      const o = random ? event.origin : event.pooledOrigin;
      if (event.kind === PROMOTE) {
        for (let l = Math.min(high[o]!, top - 1); l >= low[o]!; l--) {
          const n = count[o * K + l]!;
          if (n > 0) {
            state.moveUp(o, l, n, 1, n, mass[o * K + l]!);
            m.promotions += n;
          }
        }
        state.refile(o);
      } else if (event.kind === DEPART) {
        for (let l = low[o]!; l <= high[o]!; l++) {
          const n = count[o * K + l]!;
          if (n > 0) {
            state.remove(o, l);
            m.leavers += n;
            state.backfill(l, n, t + c.backfillDelaySteps);
          }
        }
        low[o] = K;
        high[o] = -1;
        state.refile(o);
      } else if (event.count > 0) {
        state.addOrigin(event.level, event.count, event.salary, event.skills, null, 0);
        m.joiners += event.count;
        m.recruitingCost += event.count * event.salary * a.recruitingFeeRate;
      }
    }
    // Expected counts are fractions: recount rather than trust a subtraction to reach 0 exactly.
    if (state.recount && random === null) state.recountLevels();
    for (let l = 0; l < K; l++) {
      const n = pending[t * K + l]!;
      if (n > 0) {
        state.addOrigin(l, n, bandMid[l]!, null, null, 0);
        m.joiners += n;
        m.recruitingCost += n * bandMid[l]! * a.recruitingFeeRate;
      }
    }

    // 4. Mentorship: who is ramping (only young origins can be), then supply and demand.
    ramping.fill(0);
    for (let i = 0; i < state.youngCount; i++) {
      const o = young[i]!;
      for (let l = low[o]!; l <= high[o]!; l++) {
        if (progress[o]! < rampMonths[l]!) ramping[l]! += count[o * K + l]!;
      }
    }
    let supply = 0;
    let demand = 0;
    for (let l = 0; l < K; l++) {
      headcount[l] = levelCount[l]!;
      // Expected counts come from two sums: a difference within rounding of 0 is nobody.
      const settledNow = levelCount[l]! - ramping[l]!;
      settled[l] = settledNow > 1e-9 * levelCount[l]! ? settledNow : 0;
      supply += settled[l]! * mentorHours[l]!;
      demand += levelCount[l]! * menteeHours[l]! + RAMP_MENTEE_HOURS * ramping[l]!;
    }
    const coverage = demand === 0 ? 1 : Math.min(1, supply / demand);
    const mentorShare = supply > 0 ? Math.min(1, demand / supply) / a.hoursPerWeek : 0;
    const rampGrowth = (L * (1 + coverage)) / 2;

    // 5. Ramp and 6. capacity: settled people give full output less their mentoring hours;
    // ramping people give their ramp factor's share and mentor nobody.
    let capacity = 0;
    for (let l = 0; l < K; l++) {
      capacity += settled[l]! * output[l]! * (1 - mentorHours[l]! * mentorShare);
    }
    let stillYoung = 0;
    for (let i = 0; i < state.youngCount; i++) {
      const o = young[i]!;
      const before = progress[o]!;
      const after = before + rampGrowth;
      for (let l = low[o]!; l <= high[o]!; l++) {
        const ramp = rampMonths[l]!;
        if (before < ramp) capacity += count[o * K + l]! * output[l]! * Math.min(1, after / ramp);
      }
      progress[o] = after;
      if (after < c.maxRampMonths) young[stillYoung++] = o;
    }
    state.youngCount = stillYoung;

    // 7. Transitions, from this step's per-level probabilities.
    for (let l = 0; l < K; l++) {
      const annual = isJunior[l] ? annualAttrition[l]! * (1 - retention * coverage) : annualAttrition[l]!;
      leaveP[l] = annual === annualAttrition[l] ? attritionPerStep[l]! : perStep(annual, L);
      upP[l] = l === top ? 0 : promotionPerStep[l]!;
      stayP[l] = Math.max(0, 1 - leaveP[l]! - upP[l]!);
    }
    leavers.fill(0);
    promoted.fill(0);
    let payrollBase: number;
    if (random !== null) {
      payrollBase = state.payrollBase;
      state.drawTransitions(t, leaveP, upP, leavers, promoted);
    } else {
      // Every group moves its expected fractions; levels top-down so the promoted move once.
      if (measureSkills) {
        skillless.fill(0);
        skillOwners.fill(0);
      }
      payrollBase = 0;
      let kept = 0;
      for (let i = 0; i < state.activeCount; i++) {
        const o = active[i]!;
        let total = 0;
        const highest = high[o]!;
        for (let l = highest; l >= low[o]!; l--) {
          const slot = o * K + l;
          const n = count[slot]!;
          if (n === 0) continue;
          const groupMass = mass[slot]!;
          payrollBase += groupMass;
          if (measureSkills) {
            total += n;
            if (hasSkills[o] === 0) skillless[l]! += n;
          }
          if (l < top) state.moveUp(o, l, n * upP[l]!, upP[l]!, n, groupMass);
          count[slot] = n * stayP[l]!;
          mass[slot] = groupMass * stayP[l]!;
        }
        let lowest = low[o]!;
        while (lowest <= highest && count[o * K + lowest] === 0) lowest++;
        low[o] = lowest;
        if (lowest <= high[o]!) active[kept++] = o;
        if (measureSkills) {
          // Everyone in an origin started together, so each skill keeps its share of the origin.
          for (let k = ownedFrom[o]!; k < ownedTo[o]!; k++) {
            const owners = ownedBy[k]!;
            skillOwners[ownedSkill[k]!]! += owners === startCount[o] ? total : (total * owners) / startCount[o]!;
          }
        }
      }
      state.activeCount = kept;
      for (let l = top; l >= 0; l--) {
        leavers[l] = headcount[l]! * leaveP[l]!;
        promoted[l] = headcount[l]! * upP[l]!;
        levelCount[l] = headcount[l]! * stayP[l]! + (l > 0 ? headcount[l - 1]! * upP[l - 1]! : 0);
      }
    }
    for (let l = 0; l < K; l++) {
      m.leavers += leavers[l]!;
      m.promotions += promoted[l]!;
      state.backfill(l, leavers[l]!, t + 1 + c.backfillDelaySteps);
    }

    if (measureSkills) {
      for (let l = 0; l < K; l++) {
        const owned = c.levelOwnedSkills[l]!;
        for (let i = 0; i < owned.length; i++) skillOwners[owned[i]!]! += skillless[l]!;
      }
    }

    let total = 0;
    let juniors = 0;
    let seniors = 0;
    for (let l = 0; l < K; l++) {
      const n = headcount[l]!;
      total += n;
      if (isJunior[l]) juniors += n;
      if (isSenior[l]) seniors += n;
    }
    m.totalHeadcount = total;
    // Monte Carlo's running payroll can keep a rounding residue once everyone has left.
    m.payroll = total === 0 ? 0 : (Math.max(0, payrollBase) * state.raised * L) / 12;
    m.loadedCost = m.payroll * (1 + a.overheadRate);
    m.totalCost = m.loadedCost + m.recruitingCost;
    m.mentorSupplyHours = supply;
    m.mentorDemandHours = demand;
    m.coverage = coverage;
    m.juniors = juniors;
    m.seniors = seniors;
    m.juniorsPerSenior = seniors > 0 ? juniors / seniors : null;
    m.ratioInBand =
      m.juniorsPerSenior === null ? juniors === 0 : m.juniorsPerSenior >= ratioLow && m.juniorsPerSenior <= ratioHigh;
    m.capacity = capacity;
    onStep(m);
  }
}
