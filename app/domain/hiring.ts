/**
 * What hiring asks of the team (MODEL.md section 7), read off a scenario and its projection: when
 * each search must open, joiners per plan quarter against the recruiters and the growth limit,
 * interview hours by month, and the checks a manager is warned about. The engine itself already
 * charges the interview hours to capacity; this only reads.
 */
import { addMonths } from "./months";
import type { Projection, ProjectionRow } from "./projection";
import { DEFAULT_MAX_GROWTH_PER_QUARTER, stepMonths, type Scenario } from "./scenario";

/** Weeks in a month, as section 7 counts them (52 / 12). */
export const WEEKS_PER_MONTH = 52 / 12;

/** One planned hire's search. */
export interface HiringSearch {
  /** The hire's index in the plan. */
  event: number;
  level: string;
  team?: string;
  count: number;
  /** Months from the plan's start. */
  startMonth: number;
  /** The month the search must open: startMonth - timeToFillMonths (negative: before the plan). */
  openMonth: number;
  startPeriod: string;
  openPeriod: string;
  beforePlan: boolean;
  /** count x the level's interviewHours. */
  interviewHours: number;
}

/** One quarter of the plan (months 0-2, 3-5, ...), not a fiscal quarter. */
export interface HiringQuarter {
  index: number;
  /** Its first month, from the plan's start, and as `YYYY-MM`; its last month as `YYYY-MM`. */
  firstMonth: number;
  from: string;
  to: string;
  hires: number;
  backfills: number;
  joiners: number;
  /** Headcount as the quarter starts (section 7's rule). */
  headcountAtStart: number;
  /** Joiners the recruiters can bring in, or null when the scenario names no recruiters. */
  recruiterCapacity: number | null;
  /** Joiners the growth limit allows, or null without `assumptions.hiring`. */
  growthLimit: number | null;
  overRecruiters: boolean;
  overGrowth: boolean;
  /** Interview hours in the quarter's months (a step longer than a month spreads evenly over its months). */
  interviewHours: number;
}

export interface HiringWarning {
  kind: "search-before-plan" | "recruiters" | "growth" | "interviews-unstaffed";
  message: string;
  /** The month it is about, from the plan's start. */
  month: number;
}

export interface HiringChecks {
  searches: HiringSearch[];
  quarters: HiringQuarter[];
  /** Interview hours per month of the plan (a step's hours spread evenly over its months). */
  monthlyInterviewHours: number[];
  warnings: HiringWarning[];
  quartersOverRecruiters: number;
  quartersOverGrowth: number;
}

/** Tolerance for expected (fractional) joiners against a limit. */
const EPSILON = 1e-9;
const round = (x: number, digits = 1) => Number(x.toFixed(digits)).toString();
const plural = (n: number, one: string, many = `${one}s`) => (n === 1 ? one : many);

/** "a third" for the default growth limit, else a percentage. */
export function growthLimitWords(maxGrowthPerQuarter: number): string {
  return Math.abs(maxGrowthPerQuarter - DEFAULT_MAX_GROWTH_PER_QUARTER) < 1e-9
    ? "a third"
    : `${round(maxGrowthPerQuarter * 100, 0)}%`;
}

/** Interview hours as a share of one engineer's working time over `months` months. */
export function engineersOfTime(hours: number, months: number, hoursPerWeek: number): number {
  return months > 0 ? hours / (months * WEEKS_PER_MONTH * hoursPerWeek) : 0;
}

/** What `hiringQuarters` reads of each step: a projection row, or the planner's record of a run. */
export type QuarterStep = Pick<ProjectionRow, "step" | "monthOffset" | "totalHeadcount" | "backfills">;

/**
 * The plan's quarters (months 0-2, 3-5, ...) that the rows cover, with their joiners against the
 * recruiters and the growth limit (section 7's rules); `interviewHours` is left at 0 for the caller.
 */
export function hiringQuarters(scenario: Scenario, rows: readonly QuarterStep[]): HiringQuarter[] {
  return quarterLoads(scenario, rows).map((quarter) => ({
    ...quarter,
    from: addMonths(scenario.start, quarter.firstMonth),
    to: addMonths(scenario.start, Math.min(quarter.firstMonth + 2, scenario.horizonMonths - 1)),
  }));
}

/** `hiringQuarters` without the months in words (the planner reads thousands of plans' quarters). */
export function quarterLoads(scenario: Scenario, rows: readonly QuarterStep[]): Omit<HiringQuarter, "from" | "to">[] {
  const L = stepMonths(scenario);
  const hiring = scenario.assumptions.hiring;
  // A projection may be a window of the plan (compare cuts plans to their common months): the
  // quarters are the ones whose first month the rows cover.
  const byStep = new Map(rows.map((row) => [row.step, row]));
  const first = rows[0];
  const last = rows[rows.length - 1];
  const windowStart = first?.monthOffset ?? 0;
  const windowEnd = last ? Math.min(scenario.horizonMonths, last.monthOffset + L) : 0;
  const startingTeam = scenario.team.reduce((sum, entry) => sum + entry.count, 0);
  type Quarter = Omit<HiringQuarter, "from" | "to">;
  const quarters: Quarter[] = [];
  const quarterOf = new Map<number, Quarter>();
  for (let firstMonth = Math.ceil(windowStart / 3) * 3; firstMonth < windowEnd; firstMonth += 3) {
    const step = Math.floor(firstMonth / L);
    const before = step === 0 ? undefined : (byStep.get(step - 1) ?? byStep.get(step));
    const headcountAtStart = before?.totalHeadcount ?? startingTeam;
    const recruiterCapacity =
      hiring?.recruiters === undefined ? null : hiring.recruiters * hiring.hiresPerRecruiterPerQuarter;
    const growthLimit = hiring ? hiring.maxGrowthPerQuarter * headcountAtStart : null;
    const quarter: Quarter = {
      index: firstMonth / 3,
      firstMonth,
      hires: 0,
      backfills: 0,
      joiners: 0,
      headcountAtStart,
      recruiterCapacity,
      growthLimit,
      overRecruiters: false,
      overGrowth: false,
      interviewHours: 0,
    };
    quarters.push(quarter);
    quarterOf.set(quarter.index, quarter);
  }
  // Planned hires count in the quarter of their start month, backfills in the quarter of their step's first month.
  for (const event of scenario.plan) {
    if (event.type !== "hire") continue;
    const quarter = quarterOf.get(Math.floor(event.month / 3));
    if (quarter) quarter.hires += event.count;
  }
  for (const row of rows) {
    const quarter = quarterOf.get(Math.floor(row.monthOffset / 3));
    if (quarter) quarter.backfills += row.backfills;
  }
  for (const quarter of quarters) {
    quarter.joiners = quarter.hires + quarter.backfills;
    quarter.overRecruiters =
      quarter.recruiterCapacity !== null && quarter.joiners > quarter.recruiterCapacity + EPSILON;
    quarter.overGrowth = quarter.growthLimit !== null && quarter.joiners > quarter.growthLimit + EPSILON;
  }

  return quarters;
}

/**
 * The hiring figures and checks of a scenario's projection. Checks follow section 7: with no
 * `assumptions.hiring`, neither recruiters nor growth are checked; with no `recruiters`, the
 * recruiters are not.
 */
export function hiringChecks(scenario: Scenario, projection: Projection): HiringChecks {
  const L = stepMonths(scenario);
  const levels = new Map(scenario.levels.map((level) => [level.id, level]));
  const hiring = scenario.assumptions.hiring;
  const title = (id: string) => levels.get(id)?.title ?? id;

  const searches: HiringSearch[] = [];
  scenario.plan.forEach((event, i) => {
    if (event.type !== "hire" || event.count === 0) return;
    const level = levels.get(event.level);
    const openMonth = event.month - (level?.timeToFillMonths ?? 0);
    searches.push({
      event: i,
      level: event.level,
      ...(event.team === undefined ? {} : { team: event.team }),
      count: event.count,
      startMonth: event.month,
      openMonth,
      startPeriod: addMonths(scenario.start, event.month),
      openPeriod: addMonths(scenario.start, openMonth),
      beforePlan: openMonth < 0,
      interviewHours: event.count * (level?.interviewHours ?? 0),
    });
  });

  const monthlyInterviewHours = new Array<number>(scenario.horizonMonths).fill(0);
  for (const row of projection.rows) {
    const months = Math.min(L, scenario.horizonMonths - row.monthOffset);
    for (let i = 0; i < months; i++) monthlyInterviewHours[row.monthOffset + i]! += row.interviewHours / months;
  }

  const quarters = hiringQuarters(scenario, projection.rows);
  for (const quarter of quarters) {
    const lastMonth = Math.min(quarter.firstMonth + 2, scenario.horizonMonths - 1);
    for (let month = quarter.firstMonth; month <= lastMonth; month++)
      quarter.interviewHours += monthlyInterviewHours[month]!;
  }

  const warnings: HiringWarning[] = [];
  for (const search of searches.filter((s) => s.beforePlan)) {
    warnings.push({
      kind: "search-before-plan",
      month: search.startMonth,
      message: `To start ${search.count} ${title(search.level)}${search.count === 1 ? "" : "s"} in ${search.startPeriod}, open the ${plural(search.count, "search", "searches")} by ${search.openPeriod}, before the plan begins.`,
    });
  }
  const joinWords = (joiners: number) => (round(joiners) === "1" ? "1 person joins" : `${round(joiners)} people join`);
  const span = (quarter: HiringQuarter) => `from ${quarter.from} to ${quarter.to}`;
  for (const quarter of quarters) {
    if (quarter.overRecruiters) {
      const recruiters = hiring!.recruiters!;
      warnings.push({
        kind: "recruiters",
        month: quarter.firstMonth,
        message: `${joinWords(quarter.joiners)} ${span(quarter)}, more than ${recruiters} ${plural(recruiters, "recruiter")} can hire (${round(quarter.recruiterCapacity!)} a quarter).`,
      });
    }
    if (quarter.overGrowth) {
      warnings.push({
        kind: "growth",
        month: quarter.firstMonth,
        message: `${joinWords(quarter.joiners)} ${span(quarter)}, more than ${growthLimitWords(hiring!.maxGrowthPerQuarter)} of the ${round(quarter.headcountAtStart)} at its start: a team rarely absorbs that.`,
      });
    }
  }
  for (const row of projection.rows.filter((r) => r.interviewsUnstaffed)) {
    warnings.push({
      kind: "interviews-unstaffed",
      month: row.monthOffset,
      message: `Nobody can take the ${round(row.interviewHours, 0)} interview hours in ${row.period}: no settled mid-level or senior engineer is there.`,
    });
  }
  warnings.sort((x, y) => x.month - y.month);

  return {
    searches,
    quarters,
    monthlyInterviewHours,
    warnings,
    quartersOverRecruiters: quarters.filter((q) => q.overRecruiters).length,
    quartersOverGrowth: quarters.filter((q) => q.overGrowth).length,
  };
}
