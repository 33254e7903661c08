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

type PlanInput = NonNullable<ScenarioInput["plan"]>;

/**
 * A plan made to fit a roster scenario's team, levels and teams: events for people no longer on
 * the team, hires at levels the ladder no longer has and transfers to teams that are gone are
 * dropped; with teams, a hire that names none (or one that is gone) joins the first team, and
 * without teams a hire names none.
 */
export function fitPlanToRoster(
  plan: PlanInput,
  {
    levelIds,
    isMember,
    teamIds,
  }: { levelIds: ReadonlySet<string>; isMember: (member: string) => boolean; teamIds: readonly string[] },
): { plan: PlanInput; dropped: number; placed: number } {
  const teams = new Set(teamIds);
  const first = teamIds[0];
  let placed = 0;
  const fitted = plan.flatMap((event): PlanInput => {
    if (event.type === "hire") {
      if (!levelIds.has(event.level)) return [];
      const { team, ...hire } = event;
      if (first === undefined) return [hire];
      if (team !== undefined && teams.has(team)) return [event];
      placed += 1;
      return [{ ...hire, team: first }];
    }
    if (!isMember(event.member)) return [];
    if (event.type === "transfer" && !teams.has(event.team)) return [];
    return [event];
  });
  return { plan: fitted, dropped: plan.length - fitted.length, placed };
}
