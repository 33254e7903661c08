/**
 * The team as it stands, through the engine: the roster becomes a teamshape.scenario/v1 document
 * and the dashboard reads the first step of its projection.
 */
import {
  atBandMidpoints,
  monthOf,
  mustParseScenario,
  readinessForNextLevel,
  rosterScenarioInput,
  type PromotionReadiness,
  type ProjectionRow,
  type Scenario,
  type Skill,
} from "~/domain";
import { readThrough, type DB } from "~/utils/db.server";
import { projectionOf } from "./compute.server";
import { listEngineers, type Engineer } from "./engineers.server";
import { listLevels, listSkills, type LadderLevel } from "./ladder.server";

/** A scenario of the current roster and ladder (the engineers as a snapshot), with no plan. */
export function rosterScenario({
  levels,
  engineers,
  name,
  start,
  horizonMonths,
}: {
  levels: LadderLevel[];
  engineers: Engineer[];
  name: string;
  start: string;
  horizonMonths: number;
}): Scenario {
  return mustParseScenario(rosterScenarioInput({ levels, engineers, name, start, horizonMonths }));
}

export interface ReadyEngineer {
  engineer: Pick<Engineer, "id" | "name" | "levelId">;
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
}

/**
 * The team's vital signs this month. With `atBandMidpoints` (for viewers) the money is priced at
 * each level's band midpoint instead of today's salaries, as every figure a viewer gets is.
 */
export function getTeamVitals(
  db: DB,
  { today = new Date(), atBandMidpoints: priced = false }: { today?: Date; atBandMidpoints?: boolean } = {},
): Promise<TeamVitals> {
  const month = monthOf(today);
  return readThrough(db, `vitals ${month} ${priced ? "band midpoints" : "salaries"}`, () =>
    readTeamVitals(db, month, priced),
  );
}

async function readTeamVitals(db: DB, month: string, priced: boolean): Promise<TeamVitals> {
  const [levels, skills, engineers] = await Promise.all([listLevels(db), listSkills(db), listEngineers(db)]);
  const roster = rosterScenario({ levels, engineers, name: "The team today", start: month, horizonMonths: 1 });
  const scenario = priced ? atBandMidpoints(roster) : roster;
  const { rows } = await projectionOf(scenario);
  const now = rows[0]!;
  const thinSkills = skills
    .map((skill) => ({ skill, owners: now.skillOwners[skill.id] ?? 0 }))
    .filter((s) => s.owners < 2)
    .sort((a, b) => a.owners - b.owners);
  const readyForPromotion = engineers.flatMap((engineer) => {
    const readiness = readinessForNextLevel(levels, engineer.levelId, engineer.skills);
    return readiness?.ready
      ? [{ engineer: { id: engineer.id, name: engineer.name, levelId: engineer.levelId }, readiness }]
      : [];
  });
  return {
    levels,
    skills,
    engineerCount: engineers.length,
    now,
    ratioTarget: scenario.assumptions.ratioTarget,
    annualPayroll: now.payroll * 12,
    annualLoadedCost: now.loadedCost * 12,
    thinSkills,
    readyForPromotion,
  };
}
