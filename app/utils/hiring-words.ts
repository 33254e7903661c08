/**
 * What hiring asks of the team (MODEL.md section 7) in a manager's words, for the scenario page,
 * the report and the exports alike: when searches must open, what interviews cost a quarter.
 */
import { engineersOfTime, type HiringChecks, type HiringQuarter, type Scenario } from "~/domain";
import { formatMonth, formatNumber } from "./format";

/** "Apr 2027" for a month `offset` months from the plan's start. */
const monthOf = (period: string) => formatMonth(period);

/** One line per group of planned hires of one level (and team) starting in one month. */
export interface SearchLine {
  /** The plan events it stands for. */
  events: number[];
  startMonth: number;
  openMonth: number;
  beforePlan: boolean;
  text: string;
}

/**
 * "To start 2 Senior Engineers in Apr 2027, open both searches by Jan 2027." A search that would
 * have to open before the plan says so: "..., by Oct 2026: 2 months before the plan starts."
 */
export function searchLines(scenario: Pick<Scenario, "levels" | "teams">, checks: HiringChecks): SearchLine[] {
  const titles = new Map(scenario.levels.map((level) => [level.id, level.title]));
  const teams = new Map((scenario.teams ?? []).map((team) => [team.id, team.name]));
  const groups = new Map<
    string,
    SearchLine & { count: number; level: string; team?: string; startPeriod: string; openPeriod: string }
  >();
  for (const search of checks.searches) {
    const key = `${search.level}\u0000${search.team ?? ""}\u0000${search.startMonth}`;
    const group = groups.get(key);
    if (group) {
      group.count += search.count;
      group.events.push(search.event);
    } else {
      groups.set(key, {
        events: [search.event],
        startMonth: search.startMonth,
        openMonth: search.openMonth,
        beforePlan: search.beforePlan,
        text: "",
        count: search.count,
        level: search.level,
        startPeriod: search.startPeriod,
        openPeriod: search.openPeriod,
        ...(search.team === undefined ? {} : { team: search.team }),
      });
    }
  }
  const lines = [...groups.values()].sort((x, y) => x.openMonth - y.openMonth || x.startMonth - y.startMonth);
  return lines.map(({ count, level, team, startPeriod, openPeriod, ...line }) => {
    const who = `${count} ${titles.get(level) ?? level}${count === 1 ? "" : "s"}${team === undefined ? "" : ` on ${teams.get(team) ?? team}`}`;
    const which = count === 1 ? "the search" : count === 2 ? "both searches" : `all ${count} searches`;
    const when =
      line.openMonth === line.startMonth
        ? `${which} can open that month (no time to fill set)`
        : `open ${which} by ${monthOf(openPeriod)}`;
    const early = line.beforePlan
      ? `: ${-line.openMonth} month${line.openMonth === -1 ? "" : "s"} before the plan starts`
      : "";
    return { ...line, text: `To start ${who} in ${monthOf(startPeriod)}, ${when}${early}.` };
  });
}

/** A quarter's interview hours as a share of one engineer's time: "0.9". */
export function quarterEngineers(quarter: HiringQuarter, hoursPerWeek: number): number {
  const months = monthsIn(quarter);
  return engineersOfTime(quarter.interviewHours, months, hoursPerWeek);
}

function monthsIn(quarter: HiringQuarter): number {
  const [y1, m1] = quarter.from.split("-").map(Number) as [number, number];
  const [y2, m2] = quarter.to.split("-").map(Number) as [number, number];
  return (y2 - y1) * 12 + (m2 - m1) + 1;
}

/** "Jan 2027 to Mar 2027" */
export function quarterName(quarter: Pick<HiringQuarter, "from" | "to">): string {
  return quarter.from === quarter.to ? monthOf(quarter.from) : `${monthOf(quarter.from)} to ${monthOf(quarter.to)}`;
}

/**
 * "Interviews from Jan 2027 to Mar 2027 take about 480 hours: 0.9 of an engineer's time for the
 * quarter." Null for a quarter without interviews.
 */
export function quarterInterviewSentence(quarter: HiringQuarter, hoursPerWeek: number): string | null {
  if (quarter.interviewHours <= 0) return null;
  const hours = Math.round(quarter.interviewHours);
  const engineers = quarterEngineers(quarter, hoursPerWeek);
  const share = engineers < 0.05 ? "under 0.1" : formatNumber(engineers, 1);
  return `Interviews from ${quarterName(quarter)} take about ${hours.toLocaleString("en-US")} hours: ${share} of an engineer's time for the quarter.`;
}
