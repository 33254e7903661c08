/**
 * The step loop of MODEL.md section 4, shared by the expected-value projection (fractional
 * counts, `random` null) and Monte Carlo (whole people moved by seeded random draws).
 * Internal to the engine: callers use `projectScenario` and `simulateMonteCarlo`.
 *
 * Groups are stored densely by origin and level: slot `origin * levelCount + level`. An origin is
 * a team entry (or a pool of alike entries), a planned hire or one step's backfills into one team
 * (a group per level); all groups of an origin share its skills and its ramp progress (they
 * started together).
 *
 * A group holds its count and its salary mass: count x mean salary, in dollars of the plan's
 * start (divided by the raises so far, so a raise is one multiplication, not one per group).
 * Merging groups adds both, which is MODEL.md's count-weighted mean salary without a division.
 *
 * Every origin belongs to one team (MODEL.md section 6; a scenario without teams is one team), and
 * a transfer moves all its groups. Per team and level the state keeps the headcount as the step
 * begins; ramping people live only in "young" origins (hires and backfills still inside their
 * ramp), so each team's mentoring supply and demand and the capacity of its settled people follow
 * from per-(team, level) figures. The expected-value run then
 * visits every group once a step to move its fractions; Monte Carlo instead gives each person a
 * ticket for the next step at which they might leave or be promoted (a geometric draw at the
 * level's highest per-step probability, thinned to the step's actual one), so a step only touches
 * the people whose ticket falls due. That is the same law as one draw per person and step.
 */
import { DEPART, PROMOTE, RAMP_MENTEE_HOURS, TRANSFER, perStep, type CompiledScenario } from "./compile";
import type { Random } from "./random";
import { TicketQueue } from "./tickets";
import { mentoredAttrition } from "./mentoring";

/** What one step measures inside one team (MODEL.md section 6). */
export interface TeamStepMeasures {
  headcount: Float64Array;
  totalHeadcount: number;
  /** People who joined at the start of the step: planned hires and backfills. */
  joiners: number;
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
  skillOwners: Float64Array;
}

/** What one step measures (MODEL.md section 4, item 6). Reused between steps: copy what you keep. */
export interface StepMeasures extends TeamStepMeasures {
  step: number;
  /** Per team, when the scenario declares teams (filled by the expected-value run); else empty. */
  teams: TeamStepMeasures[];
  leavers: number;
  promotions: number;
  /** Of the joiners, backfills (the rest are planned hires). */
  backfills: number;
  /** Of the leavers, people in their first year (MODEL.md section 7). */
  firstYearLeavers: number;
  /** MODEL.md section 7: interview hours over the step (H_t), per week (h_t), the settled mid and
   * senior people who take them (N_t) and the share of their time it costs (q_t). */
  interviewHours: number;
  interviewHoursPerWeek: number;
  interviewers: number;
  interviewShare: number;
  /** Interview hours fall in the step, but nobody settled at mid or senior level is there to take them. */
  interviewsUnstaffed: boolean;
}

/** Measures at zero, for `levels` levels and `skills` skills. */
function emptyMeasures(levels: number, skills: number): TeamStepMeasures {
  return {
    headcount: new Float64Array(levels),
    totalHeadcount: 0,
    joiners: 0,
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
    skillOwners: new Float64Array(skills),
  };
}

/**
 * Working memory for runs of one compiled scenario (Monte Carlo reuses it for every trial).
 * Counts change only through `addOrigin`, `moveUp`, `remove` and the transitions, which keep
 * `levelCount` (headcount per level) and `payrollBase` (the sum of salary masses) up to date;
 * except that the expected-value run's transitions set `levelCount` from the step's figures and
 * leave `payrollBase`, which only Monte Carlo reads, behind.
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
  /** Each origin's team. */
  readonly originTeam: Int32Array;
  /**
   * The settled pool (within its team) an origin of backfills or planned hires may join once
   * settled (see `settle`), or -1 for team entries: pool 0 for backfills (unnamed, no skills of
   * their own) and hires with no skills recorded, another per set of skills hires own.
   */
  readonly poolOf: Int32Array;
  /** The first step at which the origin's people are past their first year (0: tenured). */
  readonly firstYearUntil: Int32Array;
  /** Interview hours per step: the planned hires', plus the backfills' as they are made. */
  readonly interviewHours: Float64Array;
  /** Per team and pool (slot team x pools + pool), the origin that settled origins join (see `settle`), or -1. */
  readonly settledPool: Int32Array;
  /** Backfills due, per step, team and level: slot (step x teams + team) x levels + level. */
  readonly pending: Float64Array;
  /** People per team and level (slot team x levels + level) as the step begins, and of those, people still ramping. */
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
  /** The sum of salary masses, kept by every change in Monte Carlo, which reads it; the expected-value run sums groups. */
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
    // Mentoring only ever lowers attrition, so the level's own rates (in the first year, the
    // first-year ones) bound every step's chance.
    this.moveChance = Float64Array.from(compiled.attritionPerStep, (leave, l) =>
      Math.min(
        1,
        (compiled.hasFirstYear ? Math.max(leave, compiled.firstYearAttritionPerStep[l]!) : leave) +
          (l === K - 1 ? 0 : compiled.promotionPerStep[l]!),
      ),
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
    this.originTeam = new Int32Array(maxOrigins);
    this.poolOf = new Int32Array(maxOrigins);
    this.firstYearUntil = new Int32Array(maxOrigins);
    this.interviewHours = new Float64Array(stepCount);
    this.settledPool = new Int32Array(compiled.teamCount * compiled.poolCount).fill(-1);
    const TK = compiled.teamCount * K;
    this.ownedSkill = new Int32Array(compiled.maxOwnedPairs);
    this.ownedBy = new Float64Array(compiled.maxOwnedPairs);
    this.pending = new Float64Array(stepCount * TK);
    this.levelCount = new Float64Array(TK);
    this.ramping = new Float64Array(TK);
    this.bandMinBase = Float64Array.from(compiled.bandMin);
    const skillCount = compiled.skillIds.length;
    this.measures = Object.assign(emptyMeasures(K, skillCount), {
      step: 0,
      teams: compiled.hasTeams ? Array.from({ length: compiled.teamCount }, () => emptyMeasures(K, skillCount)) : [],
      joiners: 0,
      leavers: 0,
      promotions: 0,
      backfills: 0,
      firstYearLeavers: 0,
      interviewHours: 0,
      interviewHoursPerWeek: 0,
      interviewers: 0,
      interviewShare: 0,
      interviewsUnstaffed: false,
    });
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
    this.poolOf.fill(-1);
    this.firstYearUntil.fill(0);
    this.interviewHours.set(this.compiled.plannedInterviewHours);
    this.settledPool.fill(-1);
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
      this.addOrigin(
        entry.team,
        entry.level,
        entry.count,
        entry.salary,
        entry.skills,
        entry.skillOwners,
        Infinity,
        entry.firstYearUntil,
      );
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
   * A new origin in `team` holding one group of `n` people at `salary` (dollars now), of whom
   * `owners[i]` own `skills[i]` (null: all of them), in their first year until step
   * `firstYearUntil`; returns its index.
   */
  addOrigin(
    team: number,
    level: number,
    n: number,
    salary: number,
    skills: readonly number[] | null,
    owners: Float64Array | null,
    progress: number,
    firstYearUntil: number,
  ): number {
    const o = this.origins++;
    this.active[this.activeCount++] = o;
    // Young origins are the ones the step loop visits: inside their ramp, or in their first year.
    if (progress < this.compiled.maxRampMonths || firstYearUntil > this.step) this.young[this.youngCount++] = o;
    this.firstYearUntil[o] = firstYearUntil;
    const slot = o * this.levelCount_ + level;
    const base = (n * salary) / this.raised;
    this.count[slot] = n;
    this.mass[slot] = base;
    this.payrollBase += base;
    this.levelCount[team * this.levelCount_ + level]! += n;
    this.originTeam[o] = team;
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

  /** Adds a group of `n` people at `level` and `salary` (dollars now) to origin `o`, which had nobody at that level. */
  addGroup(o: number, level: number, n: number, salary: number): void {
    const slot = o * this.levelCount_ + level;
    const base = (n * salary) / this.raised;
    this.count[slot] = n;
    this.mass[slot] = base;
    this.payrollBase += base;
    this.levelCount[this.originTeam[o]! * this.levelCount_ + level]! += n;
    if (level < this.low[o]!) this.low[o] = level;
    if (level > this.high[o]!) this.high[o] = level;
    this.startCount[o]! += n;
    if (this.tickets) this.fileTickets(slot, n, this.step);
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
    const at = this.originTeam[o]! * this.levelCount_ + level;
    this.levelCount[at]! -= moved;
    this.levelCount[at + 1]! += moved;
    if (this.high[o]! <= level) this.high[o] = level + 1;
  }

  /** Takes the whole group of origin `o` at `level` out, for a planned departure. */
  remove(o: number, level: number): void {
    const slot = o * this.levelCount_ + level;
    this.levelCount[this.originTeam[o]! * this.levelCount_ + level]! -= this.count[slot]!;
    this.payrollBase -= this.mass[slot]!;
    this.count[slot] = 0;
    this.mass[slot] = 0;
    this.recount = true;
  }

  /** Moves every group of origin `o` to `team`, keeping level, salary, skills and ramp progress. */
  transfer(o: number, team: number): void {
    const K = this.levelCount_;
    const from = this.originTeam[o]! * K;
    const to = team * K;
    for (let l = this.low[o]!; l <= this.high[o]!; l++) {
      const n = this.count[o * K + l]!;
      this.levelCount[from + l]! -= n;
      this.levelCount[to + l]! += n;
    }
    this.originTeam[o] = team;
    this.recount = true;
  }

  /**
   * Expected-value runs only. Once an origin of backfills or planned hires is past every ramp and
   * its first year, the model reads nothing of it but its team, its groups' counts and salaries
   * and the skills its people own; no plan event names it. So it behaves like every other such
   * origin of its team that owns the same skills (each skill owned by all of its people, or, for
   * pool 0, its level's expectations standing in), except through the promotion raise
   * max(salary x (1 + promotionRaiseRate), band min), which is not linear. When each of its groups
   * takes the raise branch at every level above it (then it always will: band mins in start
   * dollars only fall as raises come, and salaries only rise), it joins its team's settled pool
   * for those skills: counts and salary masses add, and the pool moves exactly as its parts would
   * (up to the order of floating-point sums). Without this, every step's backfills and every
   * planned hire would stay an origin of their own for the whole horizon, and a step's cost would
   * grow with the steps before it.
   */
  settle(o: number): void {
    const K = this.levelCount_;
    for (let l = this.low[o]!; l <= this.high[o]!; l++) {
      const n = this.count[o * K + l]!;
      if (n === 0) continue;
      let salary = this.mass[o * K + l]! / n;
      for (let h = l + 1; h < K; h++) {
        salary *= this.promotionRaise;
        if (salary < this.bandMinBase[h]!) return;
      }
    }
    const at = this.originTeam[o]! * this.compiled.poolCount + this.poolOf[o]!;
    const pool = this.settledPool[at]!;
    if (pool < 0) {
      this.settledPool[at] = o;
      return;
    }
    for (let l = this.low[o]!; l <= this.high[o]!; l++) {
      this.count[pool * K + l]! += this.count[o * K + l]!;
      this.mass[pool * K + l]! += this.mass[o * K + l]!;
      this.count[o * K + l] = 0;
      this.mass[o * K + l] = 0;
    }
    if (this.low[o]! < this.low[pool]!) this.low[pool] = this.low[o]!;
    if (this.high[o]! > this.high[pool]!) this.high[pool] = this.high[o]!;
    this.low[o] = K;
    this.high[o] = -1;
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

  /**
   * Expected-value runs only: headcount per team and level from the groups themselves (after
   * planned events). Not payroll: the expected-value run sums it from the groups every step.
   */
  recountLevels(): void {
    const K = this.levelCount_;
    this.levelCount.fill(0);
    for (let i = 0; i < this.activeCount; i++) {
      const o = this.active[i]!;
      const at = this.originTeam[o]! * K;
      for (let l = this.low[o]!; l <= this.high[o]!; l++) this.levelCount[at + l]! += this.count[o * K + l]!;
    }
    this.recount = false;
  }

  /**
   * Schedules `n` backfills into `team` for its leavers of `level`, made in step `made`, at the
   * step its level's delay gives (dropped after the horizon). Their interview hours (MODEL.md
   * section 7) spread evenly over the steps between, or all fall in the step they start.
   */
  backfill(team: number, level: number, n: number, made: number, due: number): void {
    const { scenario, stepCount, levelCount: K, teamCount: T, backfillTarget, interviewHours } = this.compiled;
    if (!scenario.assumptions.backfill.enabled || n <= 0 || due >= stepCount) return;
    const target = backfillTarget[level]!;
    this.pending[(due * T + team) * K + target]! += n;
    const hours = n * interviewHours[target]!;
    if (hours === 0) return;
    const between = due - made - 1;
    if (between <= 0) this.interviewHours[due]! += hours;
    else for (let s = made + 1; s < due; s++) this.interviewHours[s]! += hours / between;
  }

  /**
   * Monte Carlo transitions at the end of `step`: each person whose ticket is due leaves with
   * probability leaveP (leaveFirstYearP in their first year), is promoted with upP, or stays;
   * people still here get their next ticket. The probabilities, leavers and promoted are per team
   * and level (slot team x levels + level). Returns how many of the leavers were in their first year.
   */
  drawTransitions(
    step: number,
    leaveP: Float64Array,
    leaveFirstYearP: Float64Array,
    upP: Float64Array,
    leavers: Float64Array,
    promoted: Float64Array,
  ): number {
    const K = this.levelCount_;
    const random = this.random!;
    const { count, mass, epoch, firstYearUntil } = this;
    let firstYearLeavers = 0;
    this.tickets!.drain(step, (slot, ticketEpoch) => {
      const o = (slot / K) | 0;
      if (ticketEpoch !== epoch[o] || count[slot] === 0) return;
      const l = slot - o * K;
      const tl = this.originTeam[o]! * K + l;
      // A candidate moves with probability (this step's chance) / (the level's highest chance).
      const u = random.next() * this.moveChance[l]!;
      let at = slot;
      const firstYear = firstYearUntil[o]! > step;
      const leave = firstYear ? leaveFirstYearP[tl]! : leaveP[tl]!;
      if (u < leave) {
        if (firstYear) firstYearLeavers++;
        const n = count[slot]!;
        const mean = mass[slot]! / n;
        count[slot] = n - 1;
        mass[slot] = n === 1 ? 0 : mass[slot]! - mean;
        this.payrollBase -= mean;
        this.levelCount[tl]!--;
        leavers[tl]!++;
        return;
      }
      if (u < leave + upP[tl]!) {
        const n = count[slot]!;
        this.moveUp(o, l, 1, 1 / n, n, mass[slot]!);
        promoted[tl]!++;
        at = slot + 1;
      }
      this.fileTickets(at, 1, step + 1);
    });
    return firstYearLeavers;
  }
}

/**
 * Completes a step's measures of the org or one team from its headcount per level (in
 * `x.headcount`), its recruiting cost (in `x.recruitingCost`) and the step's sums (payroll in
 * start-of-plan dollars, as the state keeps it).
 */
function fillMeasures(
  x: TeamStepMeasures,
  c: CompiledScenario,
  payrollBase: number,
  raised: number,
  overheadRate: number,
  supply: number,
  demand: number,
  coverage: number,
  capacity: number,
  ratioLow: number,
  ratioHigh: number,
): void {
  let total = 0;
  let juniors = 0;
  let seniors = 0;
  for (let l = 0; l < c.levelCount; l++) {
    const n = x.headcount[l]!;
    total += n;
    if (c.isJunior[l]) juniors += n;
    if (c.isSenior[l]) seniors += n;
  }
  x.totalHeadcount = total;
  // Monte Carlo's running payroll can keep a rounding residue once everyone has left.
  x.payroll = total === 0 ? 0 : (Math.max(0, payrollBase) * raised * c.stepMonths) / 12;
  x.loadedCost = x.payroll * (1 + overheadRate);
  x.totalCost = x.loadedCost + x.recruitingCost;
  x.mentorSupplyHours = supply;
  x.mentorDemandHours = demand;
  x.coverage = coverage;
  x.juniors = juniors;
  x.seniors = seniors;
  x.juniorsPerSenior = seniors > 0 ? juniors / seniors : null;
  x.ratioInBand =
    x.juniorsPerSenior === null ? juniors === 0 : x.juniorsPerSenior >= ratioLow && x.juniorsPerSenior <= ratioHigh;
  x.capacity = capacity;
}

/**
 * Runs every step of the scenario on `state` and calls `onStep` with each step's measures.
 * With `random`, people are whole and move by random draws; without, counts are expected values.
 * Arrays indexed "tl" hold one value per team and level: team x levels + level. Per-team measures
 * are filled when the scenario declares teams and `measureTeams` (by default, in the
 * expected-value run only).
 */
export function runSimulation(
  state: SimulationState,
  random: Random | null,
  measureSkills: boolean,
  onStep: (m: StepMeasures) => void,
  measureTeams = random === null,
): void {
  const c = state.compiled;
  const { levelCount: K, teamCount: T, stepMonths: L, scenario, crossTeamShare } = c;
  const {
    output,
    rampMonths,
    mentorHours,
    menteeHours,
    bandMid,
    isJunior,
    isInterviewer,
    promotionPerStep,
    attritionPerStep,
    annualAttrition,
    firstYearAnnualAttrition,
    backfillDelaySteps,
    hasFirstYear,
    firstYearSteps,
  } = c;
  const { count, mass, progress, low, high, pending, levelCount, ramping, hasSkills, active, young } = state;
  const { ownedFrom, ownedTo, ownedSkill, ownedBy, startCount, originTeam, firstYearUntil, interviewHours } = state;
  const { bandMinBase, poolOf, settledPool } = state;
  const { poolCount } = c;
  const m = state.measures;
  const { headcount, skillOwners } = m;
  const perTeam = c.hasTeams && measureTeams;
  const skillCount = c.skillIds.length;
  const a = scenario.assumptions;
  const [ratioLow, ratioHigh] = a.ratioTarget;
  const raise = 1 + a.annualRaiseRate;
  const promotionRaise = 1 + a.promotionRaiseRate;
  const retention = a.mentorship.program ? a.mentorship.retentionEffect : 0;
  const top = K - 1;
  const TK = T * K;
  // Per team and level, for the current step.
  const leaveP = new Float64Array(TK);
  const upP = new Float64Array(TK);
  const stayP = new Float64Array(TK);
  // The same in the first year (MODEL.md section 7); promotion is unchanged.
  const leaveFirstYearP = hasFirstYear ? new Float64Array(TK) : leaveP;
  const stayFirstYearP = hasFirstYear ? new Float64Array(TK) : stayP;
  /** People in their first year, per team and level, as the step begins. */
  const firstYear = new Float64Array(TK);
  /** Hours a week of a step: interview hours per week are the step's over L x 52 / 12 weeks. */
  const weeksPerStep = (L * 52) / 12;
  /** The coverage each team's leaveP, upP and stayP were worked out for (NaN: not yet). */
  const probabilitiesAt = new Float64Array(T).fill(NaN);
  const leavers = new Float64Array(TK);
  const promoted = new Float64Array(TK);
  const skillless = new Float64Array(TK);
  /** Origins that leave the young ones this step: they join a settled pool once this step's transitions are done. */
  const settling = new Int32Array(random === null ? c.maxOrigins : 0);
  let settlingCount = 0;
  const settled = new Float64Array(TK);
  const teamHeadcount = new Float64Array(TK);
  // Per team, for the current step.
  const supplyOf = new Float64Array(T);
  const demandOf = new Float64Array(T);
  const coverageOf = new Float64Array(T);
  const coveredOf = new Float64Array(T);
  const mentorShareOf = new Float64Array(T);
  const rampGrowthOf = new Float64Array(T);
  const capacityOf = new Float64Array(T);
  const payrollOf = new Float64Array(T);
  const recruitingOf = new Float64Array(T);
  const joinersOf = new Float64Array(T);
  const teamSkillOwners = perTeam && measureSkills ? new Float64Array(T * skillCount) : null;
  state.reset(random, measureSkills);

  for (let t = 0; t < c.stepCount; t++) {
    state.step = t;
    m.step = t;
    m.joiners = 0;
    m.leavers = 0;
    m.promotions = 0;
    m.backfills = 0;
    m.firstYearLeavers = 0;
    m.recruitingCost = 0;
    recruitingOf.fill(0);
    joinersOf.fill(0);

    // 1. Raises at every 12-month mark.
    if (t > 0 && (t * L) % 12 === 0 && raise !== 1) state.raise(raise);

    // 2. Planned events, in plan order, 3. joiners (planned hires, then backfills due now).
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
            state.backfill(originTeam[o]!, l, n, t, t + backfillDelaySteps[l]!);
          }
        }
        low[o] = K;
        high[o] = -1;
        state.refile(o);
      } else if (event.kind === TRANSFER) {
        state.transfer(o, event.team);
      } else if (event.count > 0) {
        const until = hasFirstYear ? t + firstYearSteps : 0;
        const hired = state.addOrigin(event.team, event.level, event.count, event.salary, event.skills, null, 0, until);
        state.poolOf[hired] = event.pool;
        const fee = event.count * event.salary * a.recruitingFeeRate;
        m.joiners += event.count;
        joinersOf[event.team]! += event.count;
        m.recruitingCost += fee;
        recruitingOf[event.team]! += fee;
      }
    }
    // Expected counts are fractions: recount rather than trust a subtraction to reach 0 exactly.
    if (state.recount && random === null) state.recountLevels();
    for (let k = 0; k < T; k++) {
      // One origin for the team's backfills of this step: they ramp together.
      let joined = -1;
      for (let l = 0; l < K; l++) {
        const n = pending[(t * T + k) * K + l]!;
        if (n > 0) {
          if (joined < 0) {
            const until = hasFirstYear ? t + firstYearSteps : 0;
            joined = state.addOrigin(k, l, n, bandMid[l]!, null, null, 0, until);
            state.poolOf[joined] = 0;
          } else state.addGroup(joined, l, n, bandMid[l]!);
          const fee = n * bandMid[l]! * a.recruitingFeeRate;
          m.joiners += n;
          m.backfills += n;
          joinersOf[k]! += n;
          m.recruitingCost += fee;
          recruitingOf[k]! += fee;
        }
      }
    }

    // 4. Mentorship, per team: who is ramping (only young origins can be), then supply and demand.
    // Young origins also hold everyone in their first year.
    ramping.fill(0);
    if (hasFirstYear) firstYear.fill(0);
    for (let i = 0; i < state.youngCount; i++) {
      const o = young[i]!;
      const at = originTeam[o]! * K;
      const inFirstYear = firstYearUntil[o]! > t;
      for (let l = low[o]!; l <= high[o]!; l++) {
        if (progress[o]! < rampMonths[l]!) ramping[at + l]! += count[o * K + l]!;
        if (inFirstYear) firstYear[at + l]! += count[o * K + l]!;
      }
    }
    let spare = 0;
    let short = 0;
    for (let k = 0; k < T; k++) {
      let supply = 0;
      let demand = 0;
      for (let l = 0; l < K; l++) {
        const tl = k * K + l;
        teamHeadcount[tl] = levelCount[tl]!;
        // Expected counts come from two sums: a difference below 0 is a rounding residue.
        settled[tl] = Math.max(0, levelCount[tl]! - ramping[tl]!);
        supply += settled[tl] * mentorHours[l]!;
        demand += levelCount[tl]! * menteeHours[l]! + RAMP_MENTEE_HOURS * ramping[tl]!;
      }
      supplyOf[k] = supply;
      demandOf[k] = demand;
      if (supply > demand) spare += supply - demand;
      else short += demand - supply;
    }
    // Spare hours shared across teams: a pool P of crossTeamShare x the spare, given out to
    // the teams short of mentoring in proportion to their shortfall.
    const pool = crossTeamShare * spare;
    let supply = 0;
    let demand = 0;
    let covered = 0;
    for (let k = 0; k < T; k++) {
      const S = supplyOf[k]!;
      const D = demandOf[k]!;
      const received = pool > 0 && short > 0 && D > S ? (D - S) * Math.min(1, pool / short) : 0;
      const given = pool > 0 && short > 0 && S > D ? (S - D) * crossTeamShare * Math.min(1, short / pool) : 0;
      coverageOf[k] = D === 0 ? 1 : Math.min(1, (S + received) / D);
      coveredOf[k] = Math.min(D, S + received);
      mentorShareOf[k] = S > 0 ? (Math.min(S, D) + given) / S / a.hoursPerWeek : 0;
      rampGrowthOf[k] = (L * (1 + coverageOf[k]!)) / 2;
      supply += S;
      demand += D;
      covered += coveredOf[k]!;
    }
    const coverage = demand === 0 ? 1 : covered / demand;

    // Interviews (MODEL.md section 7): settled mid and senior people of every team take the
    // step's interview hours, each the same share q of their week.
    const stepInterviewHours = interviewHours[t]!;
    let interviewers = 0;
    if (stepInterviewHours > 0) {
      for (let tl = 0; tl < TK; tl++) if (isInterviewer[tl % K]) interviewers += settled[tl]!;
    }
    const hoursPerWeek = stepInterviewHours / weeksPerStep;
    const q = interviewers > 0 ? Math.min(1, hoursPerWeek / (interviewers * a.hoursPerWeek)) : 0;
    m.interviewHours = stepInterviewHours;
    m.interviewHoursPerWeek = hoursPerWeek;
    m.interviewers = interviewers;
    m.interviewShare = q;
    m.interviewsUnstaffed = stepInterviewHours > 0 && interviewers === 0;

    // 5. Ramp and 6. capacity: settled people give full output less their mentoring hours (and
    // for mid and senior people, their interviews); ramping people give their ramp factor's share
    // and mentor nobody.
    for (let k = 0; k < T; k++) {
      let teamCapacity = 0;
      const share = mentorShareOf[k]!;
      for (let l = 0; l < K; l++) {
        const free = 1 - mentorHours[l]! * share;
        teamCapacity += settled[k * K + l]! * output[l]! * (q > 0 && isInterviewer[l] ? Math.max(0, free - q) : free);
      }
      capacityOf[k] = teamCapacity;
    }
    let stillYoung = 0;
    for (let i = 0; i < state.youngCount; i++) {
      const o = young[i]!;
      const k = originTeam[o]!;
      const before = progress[o]!;
      const after = before + rampGrowthOf[k]!;
      for (let l = low[o]!; l <= high[o]!; l++) {
        const ramp = rampMonths[l]!;
        if (before < ramp) capacityOf[k]! += count[o * K + l]! * output[l]! * Math.min(1, after / ramp);
      }
      progress[o] = after;
      if (after < c.maxRampMonths || firstYearUntil[o]! > t + 1) young[stillYoung++] = o;
      else if (random === null && poolOf[o]! >= 0) settling[settlingCount++] = o;
    }
    state.youngCount = stillYoung;
    let capacity = 0;
    for (let k = 0; k < T; k++) capacity += capacityOf[k]!;

    // 7. Transitions, from this step's probabilities per team and level. They depend on the step
    // only through the team's coverage, so a team whose coverage is unchanged keeps last step's.
    for (let k = 0; k < T; k++) {
      const teamCoverage = coverageOf[k]!;
      if (teamCoverage === probabilitiesAt[k]) continue;
      probabilitiesAt[k] = teamCoverage;
      for (let l = 0; l < K; l++) {
        const tl = k * K + l;
        const annual = isJunior[l]
          ? mentoredAttrition(annualAttrition[l]!, retention, teamCoverage)
          : annualAttrition[l]!;
        leaveP[tl] = annual === annualAttrition[l] ? attritionPerStep[l]! : perStep(annual, L);
        upP[tl] = l === top ? 0 : promotionPerStep[l]!;
        stayP[tl] = Math.max(0, 1 - leaveP[tl] - upP[tl]);
        if (hasFirstYear) {
          // First-year attrition, then the mentoring effect (MODEL.md section 7).
          const early = firstYearAnnualAttrition[l]!;
          leaveFirstYearP[tl] = perStep(isJunior[l] ? mentoredAttrition(early, retention, teamCoverage) : early, L);
          stayFirstYearP[tl] = Math.max(0, 1 - leaveFirstYearP[tl] - upP[tl]);
        }
      }
    }
    leavers.fill(0);
    promoted.fill(0);
    let payrollBase: number;
    if (random !== null) {
      payrollBase = state.payrollBase;
      m.firstYearLeavers = state.drawTransitions(t, leaveP, leaveFirstYearP, upP, leavers, promoted);
    } else {
      // Every group moves its expected fractions; levels top-down so the promoted move once.
      if (measureSkills) {
        skillless.fill(0);
        skillOwners.fill(0);
        teamSkillOwners?.fill(0);
      }
      payrollOf.fill(0);
      payrollBase = 0;
      let kept = 0;
      for (let i = 0; i < state.activeCount; i++) {
        const o = active[i]!;
        const k = originTeam[o]!;
        const at = k * K;
        const skillless_ = measureSkills && hasSkills[o] === 0;
        const stayOf = firstYearUntil[o]! > t ? stayFirstYearP : stayP;
        let total = 0;
        // The team's payroll in a local while its groups add to it, in the same order.
        let teamPayroll = payrollOf[k]!;
        const highest = high[o]!;
        for (let l = highest; l >= low[o]!; l--) {
          const slot = o * K + l;
          const n = count[slot]!;
          if (n === 0) continue;
          const groupMass = mass[slot]!;
          payrollBase += groupMass;
          teamPayroll += groupMass;
          total += n;
          if (skillless_) skillless[at + l]! += n;
          // The promoted share joins the group above as in `moveUp`, which would also update this
          // group and the state's totals: the next two lines and the end of this step set those.
          const up = upP[at + l]!;
          if (l < top) {
            count[slot + 1]! += n * up;
            mass[slot + 1]! += up * Math.max(groupMass * promotionRaise, n * bandMinBase[l + 1]!);
            if (l === highest) high[o] = l + 1;
          }
          const stay = stayOf[at + l]!;
          count[slot] = n * stay;
          mass[slot] = groupMass * stay;
        }
        payrollOf[k] = teamPayroll;
        let lowest = low[o]!;
        while (lowest <= highest && count[o * K + lowest] === 0) lowest++;
        low[o] = lowest;
        if (lowest <= high[o]!) active[kept++] = o;
        else if (poolOf[o]! >= 0 && settledPool[k * poolCount + poolOf[o]!] === o)
          settledPool[k * poolCount + poolOf[o]!] = -1;
        if (measureSkills && ownedTo[o]! > ownedFrom[o]!) {
          // Everyone in an origin started together, so each skill keeps its share of the origin.
          const started = startCount[o]!;
          const teamSkills = k * skillCount;
          for (let j = ownedFrom[o]!; j < ownedTo[o]!; j++) {
            const owners = ownedBy[j]!;
            const owned = owners === started ? total : (total * owners) / started;
            const skill = ownedSkill[j]!;
            skillOwners[skill]! += owned;
            if (teamSkillOwners) teamSkillOwners[teamSkills + skill]! += owned;
          }
        }
      }
      state.activeCount = kept;
      for (let tl = TK - 1; tl >= 0; tl--) {
        const l = tl % K;
        const n = teamHeadcount[tl]!;
        promoted[tl] = n * upP[tl]!;
        const promotedIn = l > 0 ? teamHeadcount[tl - 1]! * upP[tl - 1]! : 0;
        if (hasFirstYear) {
          // Expected counts are fractions: a residue below 0 is rounding.
          const early = Math.min(n, firstYear[tl]!);
          const earlyLeavers = early * leaveFirstYearP[tl]!;
          leavers[tl] = (n - early) * leaveP[tl]! + earlyLeavers;
          m.firstYearLeavers += earlyLeavers;
          levelCount[tl] = (n - early) * stayP[tl]! + early * stayFirstYearP[tl]! + promotedIn;
        } else {
          leavers[tl] = n * leaveP[tl]!;
          levelCount[tl] = n * stayP[tl]! + promotedIn;
        }
      }
    }
    for (let k = 0; k < T; k++) {
      for (let l = 0; l < K; l++) {
        const tl = k * K + l;
        m.leavers += leavers[tl]!;
        m.promotions += promoted[tl]!;
        state.backfill(k, l, leavers[tl]!, t, t + 1 + backfillDelaySteps[l]!);
      }
    }

    if (measureSkills) {
      for (let k = 0; k < T; k++) {
        for (let l = 0; l < K; l++) {
          const owned = c.levelOwnedSkills[l]!;
          const n = skillless[k * K + l]!;
          for (let i = 0; i < owned.length; i++) {
            skillOwners[owned[i]!]! += n;
            if (teamSkillOwners) teamSkillOwners[k * skillCount + owned[i]!]! += n;
          }
        }
      }
    }

    headcount.fill(0);
    for (let tl = 0; tl < TK; tl++) headcount[tl % K]! += teamHeadcount[tl]!;
    const { raised } = state;
    const { overheadRate } = a;
    fillMeasures(m, c, payrollBase, raised, overheadRate, supply, demand, coverage, capacity, ratioLow, ratioHigh);
    if (perTeam) {
      for (let k = 0; k < T; k++) {
        const team = m.teams[k]!;
        for (let l = 0; l < K; l++) team.headcount[l] = teamHeadcount[k * K + l]!;
        team.recruitingCost = recruitingOf[k]!;
        team.joiners = joinersOf[k]!;
        fillMeasures(
          team,
          c,
          payrollOf[k]!,
          raised,
          overheadRate,
          supplyOf[k]!,
          demandOf[k]!,
          coverageOf[k]!,
          capacityOf[k]!,
          c.ratioLow[k]!,
          c.ratioHigh[k]!,
        );
        if (teamSkillOwners)
          for (let s = 0; s < skillCount; s++) team.skillOwners[s] = teamSkillOwners[k * skillCount + s]!;
      }
    }
    // Settle after the transitions: an origin whose first year ends with this step still moved by
    // first-year chances in it.
    for (let i = 0; i < settlingCount; i++) state.settle(settling[i]!);
    settlingCount = 0;
    onStep(m);
  }
}
