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
  /** A hire's settled pool within its team (see `SimulationState.settle`): hires with the same skills share one. */
  pool: number;
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
  /**
   * Settled pools per team (see `SimulationState.settle`): pool 0 for backfills and hires with no
   * skills recorded (their level's expectations stand in), one for each set of skills hires own.
   */
  poolCount: number;
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
 * What compiling makes of the team: its entries as the step loop reads them and the skill ids the
 * ladder and the team name (in order of first appearance), never changed once made; and, filled
 * in as plans ask, the members plan events named and the last pooling. Shared by every compiled
 * scenario with the same inputs (see `compiledTeamOf`).
 */
interface CompiledTeam {
  team: CompiledTeamEntry[];
  skillIndex: ReadonlyMap<string, number>;
  levelOwnedSkills: (readonly number[])[];
  ownedPairs: number;
  /** The entry index of each member plan events have named so far (by id, else by name). */
  members: Map<string, number>;
  /** The last pooling made, for the entries named by plan events (`key`: their indices) and a promotion raise. */
  pooling: {
    key: string;
    promotionRaise: number;
    pooledTeam: CompiledTeamEntry[];
    pooledIndex: Map<number, number>;
  } | null;
}

/**
 * Everything `compileTeam` reads, copied as plain values: the step length, first-year attrition
 * on or off, the teams' ids, per level its id, band min and expectations, and per team entry every
 * field. Copies rather than references, so a scenario changed in place is seen as changed.
 */
interface TeamInputs {
  stepMonths: number;
  hasFirstYear: boolean;
  teamIds: string[] | null;
  levelIds: string[];
  bandMin: number[];
  /**
   * Per level, then per team entry, its skills map: entries `skillFrom[i]` to `skillFrom[i + 1]`
   * of `skill` (the skill's index in `skillIds`) and `proficiency`, in for-in order; an entry with
   * no skills map is stored as -1 - its start. Typed arrays: a copy a tenth the cost of arrays of
   * strings, which the garbage collector would have to trace.
   */
  skillFrom: Int32Array;
  skill: Int32Array;
  proficiency: Float64Array;
  skillIds: string[];
  level: string[];
  count: Float64Array;
  salary: Float64Array;
  team: (string | undefined)[];
  tenure: (number | undefined)[];
  id: (string | undefined)[];
  name: (string | undefined)[];
}

/** The compiled teams of the last few scenarios, newest first, with what each was compiled from. */
const compiledTeams: { inputs: TeamInputs; compiled: CompiledTeam }[] = [];
/** How many compiled teams are kept: a page may project a few scenarios of one team in turn. */
const KEPT_TEAMS = 4;

/** Whether `map` holds exactly the skills copied at `at`, in the same order. */
function sameSkills(inputs: TeamInputs, map: Record<string, number> | undefined, at: number): boolean {
  const from = inputs.skillFrom[at]!;
  if (map === undefined) return from < 0;
  if (from < 0) return false;
  const next = inputs.skillFrom[at + 1]!;
  const to = next < 0 ? -1 - next : next;
  const { skill, proficiency, skillIds } = inputs;
  let j = from;
  for (const id in map) {
    if (j === to || skillIds[skill[j]!] !== id || proficiency[j] !== map[id]) return false;
    j++;
  }
  return j === to;
}

/** Whether `scenario` gives `compileTeam` exactly the inputs it was given for `inputs`. */
function sameTeamInputs(inputs: TeamInputs, scenario: Scenario, stepMonths: number, hasFirstYear: boolean): boolean {
  const { levels, team, teams } = scenario;
  const K = levels.length;
  const n = team.length;
  if (inputs.stepMonths !== stepMonths || inputs.hasFirstYear !== hasFirstYear) return false;
  if (inputs.levelIds.length !== K || inputs.count.length !== n) return false;
  if ((teams === undefined) !== (inputs.teamIds === null)) return false;
  if (teams) {
    if (teams.length !== inputs.teamIds!.length) return false;
    for (let k = 0; k < teams.length; k++) if (teams[k]!.id !== inputs.teamIds![k]) return false;
  }
  for (let l = 0; l < K; l++) {
    const level = levels[l]!;
    if (level.id !== inputs.levelIds[l] || level.band.min !== inputs.bandMin[l]) return false;
    if (!sameSkills(inputs, level.expectations, l)) return false;
  }
  for (let i = 0; i < n; i++) {
    const entry = team[i]!;
    if (
      entry.level !== inputs.level[i] ||
      entry.count !== inputs.count[i] ||
      entry.salary !== inputs.salary[i] ||
      entry.team !== inputs.team[i] ||
      entry.tenureMonths !== inputs.tenure[i] ||
      entry.id !== inputs.id[i] ||
      entry.name !== inputs.name[i] ||
      !sameSkills(inputs, entry.skills, K + i)
    )
      return false;
  }
  return true;
}

/**
 * The team compiled, from the last few scenarios' when one had exactly the same inputs (a what-if
 * edit rarely changes the team): compiling 10,000 engineers' skills, levels and teams costs more
 * than the step loop, and comparing what it reads costs a fraction of that. The comparison reads
 * every field compile reads, so a change to any team entry, level or team id compiles afresh.
 */
function compiledTeamOf(scenario: Scenario, stepMonths: number, hasFirstYear: boolean): CompiledTeam {
  for (let i = 0; i < compiledTeams.length; i++) {
    const kept = compiledTeams[i]!;
    if (sameTeamInputs(kept.inputs, scenario, stepMonths, hasFirstYear)) {
      if (i > 0) compiledTeams.unshift(...compiledTeams.splice(i, 1));
      return kept.compiled;
    }
  }
  const { compiled, inputs } = compileTeam(scenario, stepMonths, hasFirstYear);
  compiledTeams.unshift({ inputs, compiled });
  if (compiledTeams.length > KEPT_TEAMS) compiledTeams.pop();
  return compiled;
}

/** Forgets every compiled team kept (for tests and benchmarks that time compiling). */
export function forgetCompiledTeams(): void {
  compiledTeams.length = 0;
}

/**
 * The team entries as the step loop reads them, and the skills of the ladder, then the team's,
 * indexed; with a copy of every input read (for `sameTeamInputs`), made in the same pass.
 */
function compileTeam(scenario: Scenario, L: number, hasFirstYear: boolean) {
  const { levels, team: entries } = scenario;
  const K = levels.length;
  const n = entries.length;
  const inputs: TeamInputs = {
    stepMonths: L,
    hasFirstYear,
    teamIds: scenario.teams ? Array.from(scenario.teams, (t) => t.id) : null,
    levelIds: Array.from(levels, (l) => l.id),
    bandMin: Array.from(levels, (l) => l.band.min),
    skillFrom: new Int32Array(K + n + 1),
    skill: new Int32Array(4 * n + 64),
    proficiency: new Float64Array(4 * n + 64),
    skillIds: [],
    level: [],
    count: new Float64Array(n),
    salary: new Float64Array(n),
    team: [],
    tenure: [],
    id: [],
    name: [],
  };
  const { skillFrom } = inputs;
  let copied = 0;
  const skillIndex = new Map<string, number>();
  /** Notes (and copies) every skill of `map`, the skills of input `at`, and returns the ones held at owner proficiency (3+). */
  const owned = (map: Record<string, number> | undefined, at: number): number[] | null => {
    if (map === undefined) {
      skillFrom[at] = -1 - copied;
      return null;
    }
    skillFrom[at] = copied;
    const out: number[] = [];
    for (const id in map) {
      const value = map[id]!;
      let index = skillIndex.get(id);
      if (index === undefined) skillIndex.set(id, (index = skillIndex.size));
      if (copied === inputs.skill.length) {
        const skill = new Int32Array(2 * copied);
        skill.set(inputs.skill);
        inputs.skill = skill;
        const proficiency = new Float64Array(2 * copied);
        proficiency.set(inputs.proficiency);
        inputs.proficiency = proficiency;
      }
      inputs.skill[copied] = index;
      inputs.proficiency[copied++] = value;
      if (value >= OWNER_PROFICIENCY) out.push(index);
    }
    return out;
  };
  const levelOwnedSkills: number[][] = [];
  for (let l = 0; l < K; l++) levelOwnedSkills.push(owned(levels[l]!.expectations, l)!);
  const levelIndex = new Map(levels.map((level, i) => [level.id, i]));
  const teamIndex = new Map(scenario.teams?.map((team, i) => [team.id, i]));
  const team: CompiledTeamEntry[] = [];
  let ownedPairs = 0;
  for (let i = 0; i < n; i++) {
    const entry = entries[i]!;
    const tenure = entry.tenureMonths;
    inputs.level.push(entry.level);
    inputs.count[i] = entry.count;
    inputs.salary[i] = entry.salary;
    inputs.team.push(entry.team);
    inputs.tenure.push(tenure);
    inputs.id.push(entry.id);
    inputs.name.push(entry.name);
    const skills = owned(entry.skills, K + i);
    ownedPairs += skills?.length ?? 0;
    team.push({
      team: entry.team === undefined ? 0 : teamIndex.get(entry.team)!,
      level: levelIndex.get(entry.level)!,
      count: entry.count,
      salary: entry.salary,
      skills,
      skillOwners: null,
      // First-year while tenure + t x L < 12. With the hiring assumptions, the run follows who is
      // in their first year even at a multiplier of 1; without them, none of section 7 applies.
      firstYearUntil: hasFirstYear && tenure !== undefined && tenure < 12 ? Math.ceil((12 - tenure) / L) : 0,
    });
  }
  skillFrom[K + n] = copied;
  inputs.skillIds = [...skillIndex.keys()];
  const compiled: CompiledTeam = { team, skillIndex, levelOwnedSkills, ownedPairs, members: new Map(), pooling: null };
  return { compiled, inputs };
}

/** A function noting every skill of a map in `skillIndex` and returning the ones held at owner proficiency (3+). */
function ownedIn(skillIndex: Map<string, number>) {
  return (map: Record<string, number>) => {
    const out: number[] = [];
    for (const id in map) {
      let index = skillIndex.get(id);
      if (index === undefined) skillIndex.set(id, (index = skillIndex.size));
      if (map[id]! >= OWNER_PROFICIENCY) out.push(index);
    }
    return out;
  };
}

/**
 * The team entry each of `members` names, by id, else by name (validation made every plan
 * reference match one entry). Found in one pass over the team for the names not seen before, and
 * kept: the next edit of the plan mostly names the same people.
 */
function resolveMembers(compiledTeam: CompiledTeam, scenario: Scenario, members: Set<string>): Map<string, number> {
  const known = compiledTeam.members;
  const unresolved = new Map<string, number>();
  for (const member of members) if (!known.has(member)) unresolved.set(member, -1);
  if (unresolved.size > 0) {
    let left = unresolved.size;
    const team = scenario.team;
    for (let i = 0; i < team.length && left > 0; i++) {
      const id = team[i]!.id;
      if (id !== undefined && unresolved.get(id) === -1) {
        unresolved.set(id, i);
        left--;
      }
    }
    for (let i = 0; i < team.length && left > 0; i++) {
      const name = team[i]!.name;
      if (name !== undefined && unresolved.get(name) === -1) {
        unresolved.set(name, i);
        left--;
      }
    }
    for (const [member, i] of unresolved) known.set(member, i);
  }
  return known;
}

/** The team pooled for the expected-value run with the entries of `named` kept on their own; the last pooling is kept. */
function pooledOf(
  compiledTeam: CompiledTeam,
  named: Set<number>,
  bandMin: Float64Array,
  promotionRaise: number,
  T: number,
) {
  const key = [...named].sort((x, y) => x - y).join(",");
  const kept = compiledTeam.pooling;
  if (kept && kept.key === key && kept.promotionRaise === promotionRaise) return kept;
  const pooling = {
    key,
    promotionRaise,
    ...poolTeam(compiledTeam.team, named, bandMin, promotionRaise, compiledTeam.skillIndex.size, T),
  };
  compiledTeam.pooling = pooling;
  return pooling;
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
  const multiplier = scenario.assumptions.hiring?.firstYearAttritionMultiplier ?? 1;
  const hasFirstYear = scenario.assumptions.hiring !== undefined;
  const compiledTeam = compiledTeamOf(scenario, L, hasFirstYear);
  const { team, levelOwnedSkills } = compiledTeam;

  // Skill ids in order of first appearance: the ladder's expectations, the team's, the hires'.
  const skillIndex = new Map(compiledTeam.skillIndex);
  const owned = ownedIn(skillIndex);
  const ownedOrNull = (map: Record<string, number> | undefined) => (map === undefined ? null : owned(map));

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

  // The team entry each plan event names.
  const members = new Set<string>();
  for (const event of scenario.plan) if (event.type !== "hire") members.add(event.member);
  const memberOf = resolveMembers(compiledTeam, scenario, members);
  const named = new Set<number>();
  for (const member of members) named.add(memberOf.get(member)!);
  const { pooledTeam, pooledIndex } = pooledOf(
    compiledTeam,
    named,
    fill((l) => l.band.min),
    1 + scenario.assumptions.promotionRaiseRate,
    T,
  );
  const eventsByStep: CompiledEvent[][] = Array.from({ length: stepCount }, () => []);
  const interviewHours = fill((l) => l.interviewHours ?? 0);
  const timeToFill = fill((l) => l.timeToFillMonths ?? 0);
  const plannedInterviewHours = new Float64Array(stepCount);
  let hireCount = 0;
  let ownedPairs = compiledTeam.ownedPairs;
  /** Pools by the skills they own (the indices in order, joined); pool 0 has no skills of its own. */
  const pools = new Map<string, number>();
  for (const event of scenario.plan) {
    const step = Math.floor(event.month / L);
    if (event.type === "hire") {
      hireCount++;
      const level = levelIndex.get(event.level)!;
      const skills = ownedOrNull(event.skills);
      ownedPairs += skills?.length ?? 0;
      let pool = 0;
      if (skills) {
        const key = `${[...skills].sort((x, y) => x - y).join(",")}`;
        pool = pools.get(key) ?? pools.size + 1;
        pools.set(key, pool);
      }
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
        pool,
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
        pool: -1,
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
    poolCount: pools.size + 1,
    // Team entries, hires, and per step one origin of backfills per team.
    maxOrigins: team.length + hireCount + stepCount * T,
    maxRampMonths: Math.max(0, ...levels.map((l) => l.rampMonths)),
    maxOwnedPairs: ownedPairs,
  };
}
