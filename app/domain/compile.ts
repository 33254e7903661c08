/**
 * A validated scenario turned into flat arrays for the step loop: level parameters per level,
 * per-step probabilities, plan events per step, and the team (also pooled for the expected-value
 * run). Internal to the engine.
 */
import { OWNER_PROFICIENCY } from "./ladder";
import { stepMonths, type Scenario } from "./scenario";

export const HIRE = 0;
export const PROMOTE = 1;
export const DEPART = 2;
export const TRANSFER = 3;
/** Hours a week of mentoring every ramping engineer needs on top of their level's menteeHours. */
export const RAMP_MENTEE_HOURS = 4;

export interface CompiledEvent {
  kind: typeof HIRE | typeof PROMOTE | typeof DEPART | typeof TRANSFER;
  level: number;
  /** A hire's team, or the team a transfer moves its member to. */
  team: number;
  count: number;
  salary: number;
  skills: readonly number[] | null;
  /** The member's index in `team` (Monte Carlo) and in `pooledTeam` (expected value). */
  origin: number;
  pooledOrigin: number;
}

export interface CompiledTeamEntry {
  team: number;
  level: number;
  count: number;
  /** Mean salary, dollars a year. */
  salary: number;
  /** Skills owned (proficiency 3+) by some of the entry's people; null: the level's expectations. */
  skills: readonly number[] | null;
  /** For each of `skills`, how many of the entry's people own it; null: all of them. */
  skillOwners: Float64Array | null;
  /** The first step at which the entry's people are no longer in their first year (0: tenured). */
  firstYearUntil: number;
}

export interface CompiledScenario {
  scenario: Scenario;
  /** Teams (MODEL.md section 6): 1 when the scenario declares none, and then `hasTeams` is false. */
  teamCount: number;
  hasTeams: boolean;
  teamIds: string[];
  /** Each team's ratio band (the scenario's unless the team sets its own). */
  ratioLow: Float64Array;
  ratioHigh: Float64Array;
  crossTeamShare: number;
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
  levelOwnedSkills: (readonly number[])[];
  backfillTarget: Int32Array;
  /** Steps from a leaver to its backfill, by the leaver's level. */
  backfillDelaySteps: Int32Array;
  /** MODEL.md section 7: engineer hours of interviewing per hire, by level. */
  interviewHours: Float64Array;
  /** Planned hires' interview hours, per step (backfills' are added as the run makes them). */
  plannedInterviewHours: Float64Array;
  /** 1 for mid- and senior-class levels, whose settled people interview. */
  isInterviewer: Uint8Array;
  /** First-year attrition applies: the scenario has the hiring assumptions (MODEL.md section 7). */
  hasFirstYear: boolean;
  /** Annual attrition in the first year, by level: min(1 - annualPromotion, a x multiplier). */
  firstYearAnnualAttrition: Float64Array;
  firstYearAttritionPerStep: Float64Array;
  /** Steps an origin that joins during the plan stays in its first year: ceil(12 / step months). */
  firstYearSteps: number;
  /** The team entries, one origin each (Monte Carlo follows every person). */
  team: CompiledTeamEntry[];
  /** The same team for the expected-value run, alike entries pooled (see `poolTeam`). */
  pooledTeam: CompiledTeamEntry[];
  eventsByStep: CompiledEvent[][];
  maxOrigins: number;
  /** The longest ramp of any level: an origin past it can never be ramping again. */
  maxRampMonths: number;
  /** Upper bound of (origin, owned skill) pairs over a run. */
  maxOwnedPairs: number;
}

/** An annual probability as the probability over one step of `months`. */
export function perStep(annual: number, months: number): number {
  return months === 12 ? annual : 1 - Math.pow(1 - annual, months / 12);
}

/** Rounds halves up, as MODEL.md asks for backfill delays. */
export function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5);
}

/**
 * Pools team entries for the expected-value run. In expected values every group starting at the
 * same level at step 0 moves by the same fractions, so entries that start alike can be followed
 * as one: counts add, salary masses add, and each skill is owned by some of the pool's people. Salaries
 * stay exact as long as every promotion takes the raise branch of max(salary x (1 + raise), band
 * min): true for the whole horizon when it holds at the start, since band mins do not move while
 * salaries only rise. Entries that fail that test, or that plan events name, stay on their own.
 */
function poolTeam(
  team: CompiledTeamEntry[],
  named: Set<number>,
  bandMin: Float64Array,
  promotionRaise: number,
  skillCount: number,
  teamCount: number,
) {
  const pooledTeam: CompiledTeamEntry[] = [];
  const pooledIndex = new Map<number, number>();
  /** Per pool, its skills in order of first appearance and how many own each (by skill index). */
  const pools = new Map<
    number,
    {
      team: number;
      level: number;
      count: number;
      mass: number;
      skills: number[] | null;
      owners: Float64Array;
      firstYearUntil: number;
    }
  >();
  const raiseAlwaysWins = (entry: CompiledTeamEntry) => {
    let salary = entry.salary;
    for (let l = entry.level + 1; l < bandMin.length; l++) {
      salary *= promotionRaise;
      if (salary < bandMin[l]!) return false;
    }
    return true;
  };
  team.forEach((entry, i) => {
    if (named.has(i) || !raiseAlwaysWins(entry)) {
      pooledIndex.set(i, pooledTeam.length);
      pooledTeam.push(entry);
      return;
    }
    if (entry.count === 0) return;
    const key =
      ((entry.firstYearUntil * (teamCount + 1) + entry.team) * bandMin.length + entry.level) * 2 +
      (entry.skills ? 1 : 0);
    let pool = pools.get(key);
    if (!pool) {
      const skills = entry.skills ? [] : null;
      pools.set(
        key,
        (pool = {
          team: entry.team,
          level: entry.level,
          count: 0,
          mass: 0,
          skills,
          owners: new Float64Array(skillCount),
          firstYearUntil: entry.firstYearUntil,
        }),
      );
    }
    pool.count += entry.count;
    pool.mass += entry.count * entry.salary;
    if (pool.skills && entry.skills) {
      for (const skill of entry.skills) {
        if (pool.owners[skill] === 0) pool.skills.push(skill); // counts are above 0, so 0 is "not yet"
        pool.owners[skill]! += entry.count;
      }
    }
  });
  for (const pool of pools.values()) {
    const { skills, owners } = pool;
    let skillOwners: Float64Array | null = null;
    if (skills) {
      skillOwners = new Float64Array(skills.length);
      for (let i = 0; i < skills.length; i++) skillOwners[i] = owners[skills[i]!]!;
    }
    pooledTeam.push({
      team: pool.team,
      level: pool.level,
      count: pool.count,
      salary: pool.mass / pool.count,
      skills,
      skillOwners,
      firstYearUntil: pool.firstYearUntil,
    });
  }
  return { pooledTeam, pooledIndex };
}

/**
 * Adds a planned hire's interview hours (MODEL.md section 7) to `perStep`: spread over the
 * search's months before the start (all in the start month when the search takes none); months
 * before 0 are outside the plan and not counted.
 */
export function addSearchHours(perStep: Float64Array, hours: number, month: number, search: number, L: number): void {
  if (hours <= 0) return;
  if (search === 0) perStep[Math.floor(month / L)]! += hours;
  else for (let m = Math.max(0, month - search); m < month; m++) perStep[Math.floor(m / L)]! += hours / search;
}

/**
 * The arrays the step loop and the rows read are made with push or Array.from (for a handful of
 * items; it is slower), not map: V8's optimised map() makes holey arrays where the unoptimised one
 * makes packed ones, so their shape would change as compileScenario is optimised, and the code
 * reading them be deoptimised each time.
 */
export function compileScenario(scenario: Scenario): CompiledScenario {
  const L = stepMonths(scenario);
  const levels = scenario.levels;
  const K = levels.length;
  const stepCount = Math.ceil(scenario.horizonMonths / L);
  const levelIndex = new Map(levels.map((level, i) => [level.id, i]));

  // Skill ids in order of first appearance: the ladder's expectations, the team's, the hires'.
  const skillIndex = new Map<string, number>();
  /** Notes every skill of `map` and returns the ones held at owner proficiency (3+). */
  const owned = (map: Record<string, number>) => {
    const out: number[] = [];
    for (const id in map) {
      let index = skillIndex.get(id);
      if (index === undefined) skillIndex.set(id, (index = skillIndex.size));
      if (map[id]! >= OWNER_PROFICIENCY) out.push(index);
    }
    return out;
  };
  const ownedOrNull = (map: Record<string, number> | undefined) => (map === undefined ? null : owned(map));
  const levelOwnedSkills = Array.from(levels, (l) => owned(l.expectations));

  const fill = (f: (level: Scenario["levels"][number]) => number) => Float64Array.from(levels, f);
  const { backfill } = scenario.assumptions;
  const backfillTarget = Int32Array.from(levels, (_, i) => {
    if (backfill.level === "same") return i;
    if (backfill.level === "below") return Math.max(0, i - 1);
    return levelIndex.get(backfill.level)!;
  });

  const teamIds = scenario.teams ? Array.from(scenario.teams, (team) => team.id) : [""];
  const teamIndex = new Map(teamIds.map((id, i) => [id, i]));
  const teamOf = (id: string | undefined) => (id === undefined ? 0 : teamIndex.get(id)!);
  const T = teamIds.length;
  const [ratioLow, ratioHigh] = scenario.assumptions.ratioTarget;
  const teamRatio = (end: 0 | 1, fallback: number) =>
    Float64Array.from({ length: T }, (_, i) => scenario.teams?.[i]?.ratioTarget?.[end] ?? fallback);

  const team: CompiledTeamEntry[] = [];
  // With the hiring assumptions, the run follows who is in their first year (and counts their
  // leavers) even at a multiplier of 1; without them, nothing of section 7's attrition applies.
  const multiplier = scenario.assumptions.hiring?.firstYearAttritionMultiplier ?? 1;
  const hasFirstYear = scenario.assumptions.hiring !== undefined;
  for (const entry of scenario.team) {
    const tenure = entry.tenureMonths;
    team.push({
      team: teamOf(entry.team),
      level: levelIndex.get(entry.level)!,
      count: entry.count,
      salary: entry.salary,
      skills: ownedOrNull(entry.skills),
      skillOwners: null,
      // First-year while tenure + t x L < 12.
      firstYearUntil: hasFirstYear && tenure !== undefined && tenure < 12 ? Math.ceil((12 - tenure) / L) : 0,
    });
  }
  // The team entry each plan event names (validation made every reference match one entry).
  const memberOf = new Map<string, number>();
  for (const event of scenario.plan) if (event.type !== "hire") memberOf.set(event.member, -1);
  let unresolved = memberOf.size;
  if (unresolved > 0) {
    scenario.team.forEach((entry, i) => {
      if (entry.id !== undefined && memberOf.get(entry.id) === -1) {
        memberOf.set(entry.id, i);
        unresolved--;
      }
    });
  }
  if (unresolved > 0) {
    scenario.team.forEach((entry, i) => {
      if (entry.name !== undefined && memberOf.get(entry.name) === -1) memberOf.set(entry.name, i);
    });
  }
  const named = new Set(memberOf.values());
  const { pooledTeam, pooledIndex } = poolTeam(
    team,
    named,
    fill((l) => l.band.min),
    1 + scenario.assumptions.promotionRaiseRate,
    skillIndex.size,
    T,
  );
  const eventsByStep: CompiledEvent[][] = Array.from({ length: stepCount }, () => []);
  const interviewHours = fill((l) => l.interviewHours ?? 0);
  const timeToFill = fill((l) => l.timeToFillMonths ?? 0);
  const plannedInterviewHours = new Float64Array(stepCount);
  let hireCount = 0;
  let ownedPairs = team.reduce((sum, entry) => sum + (entry.skills?.length ?? 0), 0);
  for (const event of scenario.plan) {
    const step = Math.floor(event.month / L);
    if (event.type === "hire") {
      hireCount++;
      const level = levelIndex.get(event.level)!;
      const skills = ownedOrNull(event.skills);
      ownedPairs += skills?.length ?? 0;
      const salary = event.salary ?? levels[level]!.band.mid;
      addSearchHours(plannedInterviewHours, event.count * interviewHours[level]!, event.month, timeToFill[level]!, L);
      eventsByStep[step]!.push({
        kind: HIRE,
        level,
        team: teamOf(event.team),
        count: event.count,
        salary,
        skills,
        origin: -1,
        pooledOrigin: -1,
      });
    } else {
      const origin = memberOf.get(event.member)!;
      const kind = event.type === "promote" ? PROMOTE : event.type === "depart" ? DEPART : TRANSFER;
      eventsByStep[step]!.push({
        kind,
        level: -1,
        team: event.type === "transfer" ? teamOf(event.team) : -1,
        count: 0,
        salary: 0,
        skills: null,
        origin,
        pooledOrigin: pooledIndex.get(origin)!,
      });
    }
  }

  return {
    scenario,
    teamCount: T,
    hasTeams: scenario.teams !== undefined,
    teamIds,
    ratioLow: teamRatio(0, ratioLow),
    ratioHigh: teamRatio(1, ratioHigh),
    crossTeamShare: T > 1 ? (scenario.assumptions.mentorship.crossTeamShare ?? 0) : 0,
    levelCount: K,
    stepMonths: L,
    stepCount,
    levelIds: Array.from(levels, (level) => level.id),
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
    levelOwnedSkills,
    backfillTarget,
    backfillDelaySteps: Int32Array.from(levels, (_, i) =>
      roundHalfUp((backfill.useTimeToFill ? timeToFill[backfillTarget[i]!]! : backfill.delayMonths) / L),
    ),
    interviewHours,
    plannedInterviewHours,
    isInterviewer: Uint8Array.from(levels, (l) => (l.class === "junior" ? 0 : 1)),
    hasFirstYear,
    firstYearAnnualAttrition: fill((l) => Math.min(1 - l.annualPromotion, l.annualAttrition * multiplier)),
    firstYearAttritionPerStep: fill((l) => perStep(Math.min(1 - l.annualPromotion, l.annualAttrition * multiplier), L)),
    firstYearSteps: Math.ceil(12 / L),
    team,
    pooledTeam,
    eventsByStep,
    // Team entries, hires, and per step one origin of backfills per team.
    maxOrigins: team.length + hireCount + stepCount * T,
    maxRampMonths: Math.max(0, ...levels.map((l) => l.rampMonths)),
    maxOwnedPairs: ownedPairs,
  };
}
