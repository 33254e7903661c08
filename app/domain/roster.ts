/**
 * A team roster as a scenario document: named engineers become team entries of count 1, the
 * ladder becomes the scenario's levels. The document is a snapshot: editing the roster later does
 * not change it.
 */
import type { Level, SkillMap } from "./ladder";
import { MAX_TENURE_MONTHS, SCENARIO_FORMAT, type ScenarioInput } from "./scenario";

export interface RosterEngineer {
  id: number;
  name: string;
  levelId: string;
  salary: number;
  skills: SkillMap;
  teamId?: number;
  /** YYYY-MM-DD, the day they joined; unknown when left out. */
  startDate?: string;
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
    timeToFillMonths,
    interviewHours,
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
    ...(timeToFillMonths !== undefined ? { timeToFillMonths } : {}),
    ...(interviewHours !== undefined ? { interviewHours } : {}),
  };
}

/**
 * Whole months in the company from a start date (YYYY-MM-DD) to a plan's start (YYYY-MM, its first
 * day): 2026-01-15 to 2026-03 is 1 (the second month is not complete until 15 March). Someone who
 * joins on or after the plan's start counts 0, a new joiner from month 0; at most
 * MAX_TENURE_MONTHS. Undefined when the date cannot be read, so the entry stays tenured.
 */
export function tenureMonthsAt(startDate: string, planStart: string): number | undefined {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(startDate);
  const plan = /^(\d{4})-(\d{2})$/.exec(planStart);
  if (!date || !plan) return undefined;
  const months =
    (Number(plan[1]) - Number(date[1])) * 12 + (Number(plan[2]) - Number(date[2])) - (Number(date[3]) > 1 ? 1 : 0);
  return Math.min(MAX_TENURE_MONTHS, Math.max(0, months));
}

/**
 * The roster's team entries. With `start` (the plan's, YYYY-MM) each engineer whose start date is
 * known carries `tenureMonths` (MODEL.md section 7: under 12, first-year attrition applies).
 */
export function rosterTeam(
  engineers: readonly RosterEngineer[],
  withTeams = false,
  start?: string,
): NonNullable<ScenarioInput["team"]> {
  return engineers.map((e) => {
    const tenureMonths = start !== undefined && e.startDate ? tenureMonthsAt(e.startDate, start) : undefined;
    return {
      id: memberId(e.id),
      name: e.name,
      ...(withTeams && e.teamId !== undefined ? { team: teamKey(e.teamId) } : {}),
      level: e.levelId,
      count: 1,
      salary: e.salary,
      // An engineer with no skills recorded stands in with the level's expectations (MODEL.md section 4).
      ...(Object.keys(e.skills).length > 0 ? { skills: { ...e.skills } } : {}),
      ...(tenureMonths !== undefined ? { tenureMonths } : {}),
    };
  });
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
    team: rosterTeam(engineers, teams.length > 0, frame.start),
  };
}

/** The workspace's hiring settings, as the Ladder page sets them (MODEL.md section 7). */
export interface WorkspaceHiring {
  /** null: not set, so the recruiters' capacity is not checked. */
  recruiters: number | null;
  hiresPerRecruiterPerQuarter: number;
  firstYearAttritionMultiplier: number;
}

/**
 * The assumptions of a scenario the app creates (MODEL.md section 3): backfills wait for their
 * level's time to fill, and `hiring` carries the workspace's recruiters and first-year attrition.
 * What `assumptions` sets itself wins.
 */
export function createdScenarioAssumptions(
  assumptions: ScenarioInput["assumptions"] | undefined,
  hiring: WorkspaceHiring,
): NonNullable<ScenarioInput["assumptions"]> {
  return {
    ...assumptions,
    backfill: { useTimeToFill: true, ...assumptions?.backfill },
    hiring: {
      firstYearAttritionMultiplier: hiring.firstYearAttritionMultiplier,
      ...(hiring.recruiters !== null ? { recruiters: hiring.recruiters } : {}),
      hiresPerRecruiterPerQuarter: hiring.hiresPerRecruiterPerQuarter,
      ...assumptions?.hiring,
    },
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
