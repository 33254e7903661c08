/**
 * The team as it stands, through the engine: the roster becomes a teamshape.scenario/v1 document
 * and the dashboard reads the first step of its projection.
 */
import type { NeedsAttention } from "~/utils/needs-attention";
import {
  teamKey,
  atBandMidpoints,
  bandPosition,
  NO_COUNTS,
  monthOf,
  mustParseScenario,
  readinessForNextLevel,
  rosterScenarioInput,
  type BandCounts,
  type PromotionReadiness,
  type ProjectionRow,
  type Scenario,
  type Skill,
} from "~/domain";
import { readThrough, type DB } from "~/utils/db.server";
import { projectionOf } from "./compute.server";
import { listEngineers, type Engineer } from "./engineers.server";
import { listLevels, listSkills, type LadderLevel } from "./ladder.server";
import { rosterTeams, type Team } from "./teams.server";
import { formatNumber } from "~/utils/format";

/** A scenario of the current roster and ladder (the engineers as a snapshot), with no plan. */
export function rosterScenario({
  levels,
  engineers,
  teams,
  name,
  start,
  horizonMonths,
}: {
  levels: LadderLevel[];
  engineers: Engineer[];
  /** The workspace's teams, to plan per team (MODEL.md section 6); none for one team. */
  teams?: Team[];
  name: string;
  start: string;
  horizonMonths: number;
}): Scenario {
  return mustParseScenario(rosterScenarioInput({ levels, engineers, teams, name, start, horizonMonths }));
}

/** One team at a glance on the dashboard: its shape this month, and what to look at, in words. */
export interface TeamGlance {
  id: number;
  name: string;
  headcount: number;
  juniors: number;
  seniors: number;
  juniorsPerSenior: number | null;
  band: [number, number];
  ratioInBand: boolean;
  /** Mentoring coverage inside the team (0-1). */
  coverage: number;
  /** Skills of the catalog the team has fewer than two owners of. */
  thinSkills: number;
  /** The team's problem in plain words, or null when none. */
  problem: string | null;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "Mobile: 3 juniors and no senior; no one in the team to mentor them." */
function teamProblem(team: Omit<TeamGlance, "problem">): string | null {
  const [low, high] = team.band;
  if (team.seniors === 0 && team.juniors > 0)
    return `${plural(team.juniors, "junior")} and no senior: no one in the team to mentor them`;
  if (team.juniorsPerSenior !== null && team.juniorsPerSenior > high)
    return `${formatNumber(team.juniorsPerSenior, 2)} juniors per senior, above its ${low}-${high} target`;
  if (team.coverage < 1) return `mentoring covers ${Math.round(team.coverage * 100)}% of what its people need`;
  if (team.juniorsPerSenior !== null && team.juniorsPerSenior < low)
    return `${formatNumber(team.juniorsPerSenior, 2)} juniors per senior, below its ${low}-${high} target`;
  return null;
}

export interface ReadyEngineer {
  engineer: Pick<Engineer, "id" | "name" | "levelId" | "teamId">;
  readiness: PromotionReadiness;
}

export interface TeamVitals {
  levels: LadderLevel[];
  skills: Skill[];
  engineerCount: number;
  /** The engine's first step for the team as it stands (this month). */
  now: ProjectionRow;
  ratioTarget: [number, number];
  /** Dollars a year at today's salaries. */
  annualPayroll: number;
  annualLoadedCost: number;
  /** Skills of the catalog with fewer than two owners (proficiency 3+), fewest first. */
  thinSkills: { skill: Skill; owners: number }[];
  readyForPromotion: ReadyEngineer[];
  /** Every team with people in it, those with a problem first. */
  teams: TeamGlance[];
  /** The team these vital signs are of, or null for the whole org. */
  team: TeamGlance | null;
  /** People below, in and above their level's band; null when priced at band midpoints (viewers). */
  bandCounts: BandCounts | null;
  /** The same for each team, by team id; null for viewers. */
  bandCountsByTeam: Record<number, BandCounts> | null;
  attention: NeedsAttention;
}

/**
 * The "Needs attention" panel's items for these vital signs (the org's, or one team's); the
 * ladder's items are the org's in either.
 */
function needsAttention(
  vitals: Omit<TeamVitals, "attention">,
  levelsOnDefaultBands: NeedsAttention["levelsOnDefaultBands"],
): NeedsAttention {
  const teams = vitals.team ? [vitals.team] : vitals.teams;
  const named = ({ id, name }: TeamGlance) => ({ id, name });
  return {
    outOfBand: vitals.bandCounts ? { below: vitals.bandCounts.below, above: vitals.bandCounts.above } : null,
    teamsShortOfMentoring: teams.filter((t) => t.coverage < 1).map(named),
    teamsWithoutSenior: teams.filter((t) => t.seniors === 0).map(named),
    thinSkills: vitals.thinSkills.length,
    readyForPromotion: vitals.readyForPromotion.length,
    levelsOnDefaultBands,
  };
}

/**
 * The team's vital signs this month. With `atBandMidpoints` (for viewers) the money is priced at
 * each level's band midpoint instead of today's salaries, as every figure a viewer gets is.
 */
export async function getTeamVitals(
  db: DB,
  {
    today = new Date(),
    atBandMidpoints: priced = false,
    teamId,
  }: {
    today?: Date;
    atBandMidpoints?: boolean;
    /** One team's vital signs (a workspace team id); the whole org's without, or for a team with nobody in it. */
    teamId?: number;
  } = {},
): Promise<TeamVitals> {
  const month = monthOf(today);
  const org = await readThrough(db, `vitals ${month} ${priced ? "band midpoints" : "salaries"}`, () =>
    readTeamVitals(db, month, priced),
  );
  const team = org.teams.find((t) => t.id === teamId);
  return team ? vitalsOfTeam(org, team) : org;
}

/** The org's vital signs narrowed to one team: its row of the same first step (MODEL.md section 6). */
function vitalsOfTeam(org: TeamVitals, team: TeamGlance): TeamVitals {
  const row = org.now.teams![teamKey(team.id)]!;
  const vitals = {
    ...org,
    engineerCount: team.headcount,
    now: { ...org.now, ...row, teams: undefined },
    ratioTarget: team.band,
    annualPayroll: row.payroll * 12,
    annualLoadedCost: row.loadedCost * 12,
    thinSkills: thinSkillsOf(org.skills, row.skillOwners),
    readyForPromotion: org.readyForPromotion.filter((r) => r.engineer.teamId === team.id),
    team,
    bandCounts: org.bandCountsByTeam ? (org.bandCountsByTeam[team.id] ?? NO_COUNTS) : null,
  };
  return { ...vitals, attention: needsAttention(vitals, org.attention.levelsOnDefaultBands) };
}

function thinSkillsOf(skills: Skill[], owners: Record<string, number>): TeamVitals["thinSkills"] {
  return skills
    .map((skill) => ({ skill, owners: owners[skill.id] ?? 0 }))
    .filter((s) => s.owners < 2 - 1e-9)
    .sort((a, b) => a.owners - b.owners);
}

async function readTeamVitals(db: DB, month: string, priced: boolean): Promise<TeamVitals> {
  const [levels, skills, engineers, teams] = await Promise.all([
    listLevels(db),
    listSkills(db),
    listEngineers(db),
    rosterTeams(db),
  ]);
  const roster = rosterScenario({
    levels,
    engineers,
    teams,
    name: "The team today",
    start: month,
    horizonMonths: 1,
  });
  const scenario = priced ? atBandMidpoints(roster) : roster;
  const { rows } = await projectionOf(scenario);
  const now = rows[0]!;
  const thinSkills = thinSkillsOf(skills, now.skillOwners);
  const readyForPromotion = engineers.flatMap((engineer) => {
    const readiness = readinessForNextLevel(levels, engineer.levelId, engineer.skills);
    return readiness?.ready
      ? [
          {
            engineer: { id: engineer.id, name: engineer.name, levelId: engineer.levelId, teamId: engineer.teamId },
            readiness,
          },
        ]
      : [];
  });
  const vitals = {
    levels,
    skills,
    engineerCount: engineers.length,
    now,
    ratioTarget: scenario.assumptions.ratioTarget,
    annualPayroll: now.payroll * 12,
    annualLoadedCost: now.loadedCost * 12,
    thinSkills,
    readyForPromotion,
    teams: teamsAtAGlance(teams, now, skills),
    team: null,
    ...(priced ? { bandCounts: null, bandCountsByTeam: null } : bandCountsOf(levels, engineers)),
  };
  const people = new Map<string, number>();
  for (const e of engineers) people.set(e.levelId, (people.get(e.levelId) ?? 0) + 1);
  const onDefaultBands = levels
    .filter((l) => l.bandSource === "default")
    .map(({ id, title }) => ({ id, title, people: people.get(id) ?? 0 }));
  return { ...vitals, attention: needsAttention(vitals, onDefaultBands) };
}

/** Where each engineer's salary sits against their level's band, counted for the org and per team. */
function bandCountsOf(
  levels: LadderLevel[],
  engineers: Engineer[],
): Pick<TeamVitals, "bandCounts" | "bandCountsByTeam"> {
  const bands = new Map(levels.map((l) => [l.id, l.band]));
  const org = { ...NO_COUNTS };
  const byTeam: Record<number, BandCounts> = {};
  for (const e of engineers) {
    const band = bands.get(e.levelId);
    if (!band) continue;
    const position = bandPosition(e.salary, band);
    org[position] += 1;
    (byTeam[e.teamId] ??= { ...NO_COUNTS })[position] += 1;
  }
  return { bandCounts: org, bandCountsByTeam: byTeam };
}

function teamsAtAGlance(teams: Team[], now: ProjectionRow, skills: Skill[]): TeamGlance[] {
  const glances = teams.flatMap((team) => {
    const row = now.teams?.[teamKey(team.id)];
    if (!row || row.totalHeadcount === 0) return [];
    const glance = {
      id: team.id,
      name: team.name,
      headcount: row.totalHeadcount,
      juniors: row.juniors,
      seniors: row.seniors,
      juniorsPerSenior: row.juniorsPerSenior,
      band: team.band,
      ratioInBand: row.ratioInBand,
      coverage: row.coverage,
      thinSkills: skills.filter((s) => (row.skillOwners[s.id] ?? 0) < 2 - 1e-9).length,
    };
    return [{ ...glance, problem: teamProblem(glance) }];
  });
  return glances.sort(
    (a, b) => Number(b.problem !== null) - Number(a.problem !== null) || a.name.localeCompare(b.name),
  );
}
