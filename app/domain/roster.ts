/**
 * A team roster as a scenario document: named engineers become team entries of count 1, the
 * ladder becomes the scenario's levels. The document is a snapshot: editing the roster later does
 * not change it.
 */
import type { Level, SkillMap } from "./ladder";
import { SCENARIO_FORMAT, type ScenarioInput } from "./scenario";

export interface RosterEngineer {
  id: number;
  name: string;
  levelId: string;
  salary: number;
  skills: SkillMap;
  teamId?: number;
}

/** A team of the workspace, for a roster scenario's `teams`. */
export interface RosterTeam {
  id: number;
  name: string;
  ratioTarget: [number, number] | null;
}

/** The scenario member id of a roster engineer. */
export const memberId = (engineerId: number) => `e${engineerId}`;

/** The scenario team id of a workspace team. */
export const teamKey = (teamId: number) => `t${teamId}`;

/** The month an instant falls in, `YYYY-MM` (UTC). */
export function monthOf(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** Only the fields the scenario format knows, from a richer level record. */
export function levelForScenario(level: Level): Level {
  const {
    id,
    title,
    class: levelClass,
    years,
    band,
    output,
    rampMonths,
    annualAttrition,
    annualPromotion,
    mentorHours,
    menteeHours,
    expectations,
  } = level;
  return {
    id,
    title,
    class: levelClass,
    years,
    band: { ...band },
    output,
    rampMonths,
    annualAttrition,
    annualPromotion,
    mentorHours,
    menteeHours,
    expectations: { ...expectations },
  };
}

export function rosterTeam(
  engineers: readonly RosterEngineer[],
  withTeams = false,
): NonNullable<ScenarioInput["team"]> {
  return engineers.map((e) => ({
    id: memberId(e.id),
    name: e.name,
    ...(withTeams && e.teamId !== undefined ? { team: teamKey(e.teamId) } : {}),
    level: e.levelId,
    count: 1,
    salary: e.salary,
    // An engineer with no skills recorded stands in with the level's expectations (MODEL.md section 4).
    ...(Object.keys(e.skills).length > 0 ? { skills: { ...e.skills } } : {}),
  }));
}

/**
 * The roster as a scenario document. With `teams` (the workspace's, every one an engineer is in),
 * the document declares them and each engineer names theirs (MODEL.md section 6).
 */
export function rosterScenarioInput({
  levels,
  engineers,
  teams = [],
  ...frame
}: { levels: readonly Level[]; engineers: readonly RosterEngineer[]; teams?: readonly RosterTeam[] } & Pick<
  ScenarioInput,
  "name" | "start" | "horizonMonths"
> &
  Partial<Pick<ScenarioInput, "description" | "step" | "plan" | "assumptions" | "monteCarlo">>): ScenarioInput {
  return {
    format: SCENARIO_FORMAT,
    step: "month",
    plan: [],
    ...frame,
    levels: levels.map(levelForScenario),
    ...(teams.length > 0
      ? {
          teams: teams.map((t) => ({
            id: teamKey(t.id),
            name: t.name,
            ...(t.ratioTarget ? { ratioTarget: [...t.ratioTarget] as [number, number] } : {}),
          })),
        }
      : {}),
    team: rosterTeam(engineers, teams.length > 0),
  };
}
