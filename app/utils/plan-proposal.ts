/**
 * "Plan for me" (MODEL.md section 8) in a manager's words: the planner's answer checked by the
 * engine as any scenario is (projectScenario, evaluateGoals, hiringChecks) before anyone sees it,
 * then said as one sentence that leads with what to hire, and a line per goal, limit and hire.
 */
import {
  addMonths,
  evaluateGoals,
  hiringChecks,
  projectScenario,
  shortDollars,
  targetLabel,
  type GoalKind,
  type GoalResult,
  type HiringWarning,
  type PlanEvent,
  type PlannerResult,
  type Relaxation,
  type Scenario,
} from "~/domain";
import { formatMonth } from "./format";

/** One row of the proposal's hires: a month, a level and a team. */
export interface ProposalHire {
  month: number;
  /** "Apr 2027" */
  monthWords: string;
  level: string;
  levelTitle: string;
  team: string | null;
  teamName: string | null;
  count: number;
}

/** A goal under the current plan and under the proposal, each as evaluateGoals words it. */
export interface ProposalGoal {
  kind: GoalKind;
  label: string;
  now: Pick<GoalResult, "met" | "message">;
  proposed: GoalResult;
}

/** One of section 7's hiring limits, which the planner holds as constraints. */
export interface ProposalLimit {
  kind: "recruiters" | "growth";
  label: string;
  metNow: boolean;
  met: boolean;
}

/** The planner's answer, checked by the engine and put in words. Plain data: it crosses from the worker. */
export interface CheckedProposal {
  /** A plan meets every goal and limit: the planner found one and the engine agrees. */
  found: boolean;
  /** The engine's check agrees with the planner (false only for a planner bug). */
  verified: boolean;
  method: PlannerResult["method"];
  spaceSize: number;
  evaluations: number;
  choices: number;
  /** The hire events to add to the scenario's plan. */
  hires: PlanEvent[];
  rows: ProposalHire[];
  currentCost: number;
  proposedCost: number;
  goals: ProposalGoal[];
  limits: ProposalLimit[];
  /** Section 7's warnings for the plan with the proposal's hires. */
  warnings: HiringWarning[];
  /** When none fits: the goals and limits that cannot be met together, in words. */
  conflicting: string[];
  /** "Hire 2 Senior Engineers in Apr 2027 and 3 Engineers in Jul 2027: $1.2M, meets all 4 goals." */
  headline: string;
  /** "Best of all 7,776 plans" or "Best found in 6,000 plans tried". */
  searchWords: string;
}

const count = (n: number) => n.toLocaleString("en-US");
const plural = (n: number, one: string, many = `${one}s`) => (n === 1 ? one : many);

/** "A", "A and B", "A, B and C". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** The hires as table rows, in the planner's order (month, level, team). */
export function proposalRows(scenario: Scenario, hires: readonly PlanEvent[]): ProposalHire[] {
  const titles = new Map(scenario.levels.map((level) => [level.id, level.title]));
  const teams = new Map((scenario.teams ?? []).map((team) => [team.id, team.name]));
  return hires.flatMap((event) =>
    event.type === "hire"
      ? [
          {
            month: event.month,
            monthWords: formatMonth(addMonths(scenario.start, event.month)),
            level: event.level,
            levelTitle: titles.get(event.level) ?? event.level,
            team: event.team ?? null,
            teamName: event.team === undefined ? null : (teams.get(event.team) ?? event.team),
            count: event.count,
          },
        ]
      : [],
  );
}

/**
 * "2 Senior Engineers in Apr 2027, then 3 Engineers in Jul 2027", teams added up, one month's
 * levels together ("1 Engineer and 1 Senior Engineer in Sep 2027"); past `most` level-months,
 * how many more people and by when.
 */
export function hiresWords(rows: readonly ProposalHire[], most = 3): string {
  const months: { monthWords: string; levels: { title: string; count: number }[] }[] = [];
  for (const row of rows) {
    let month = months.find((m) => m.monthWords === row.monthWords);
    if (!month) months.push((month = { monthWords: row.monthWords, levels: [] }));
    const level = month.levels.find((l) => l.title === row.levelTitle);
    if (level) level.count += row.count;
    else month.levels.push({ title: row.levelTitle, count: row.count });
  }
  const chunks: string[] = [];
  let shown = 0;
  let rest = 0;
  for (const month of months) {
    const levels = month.levels.slice(0, Math.max(0, most - shown));
    shown += levels.length;
    rest += month.levels.slice(levels.length).reduce((sum, l) => sum + l.count, 0);
    if (levels.length > 0)
      chunks.push(
        `${listWords(levels.map((l) => `${l.count} ${l.title}${l.count === 1 ? "" : "s"}`))} in ${month.monthWords}`,
      );
  }
  const words = chunks.join(", then ");
  return rest === 0
    ? words
    : `${words}, and ${rest} more ${plural(rest, "person", "people")} by ${months[months.length - 1]!.monthWords}`;
}

/** The scenario with the proposal's hires added to its own plan. */
export function withHires(scenario: Scenario, hires: readonly PlanEvent[]): Scenario {
  return { ...scenario, plan: [...scenario.plan, ...hires] };
}

/**
 * Checks the planner's answer with the engine, on the scenario with the hires added, against
 * every goal and hiring limit, and says it in words. `verified` is false when the planner said
 * a plan fits and the engine finds one that does not: that plan must not be shown as an answer.
 */
export function checkProposal(scenario: Scenario, result: PlannerResult): CheckedProposal {
  const proposed = withHires(scenario, result.hires);
  const nowProjection = projectScenario(scenario);
  const projection = projectScenario(proposed);
  const nowGoals = evaluateGoals(scenario, nowProjection);
  const goalResults = evaluateGoals(proposed, projection);
  const nowChecks = hiringChecks(scenario, nowProjection);
  const checks = hiringChecks(proposed, projection);
  const goals: ProposalGoal[] = goalResults.map((goal, i) => ({
    kind: goal.kind,
    label: targetLabel(scenario, goal.kind),
    now: { met: nowGoals[i]!.met, message: nowGoals[i]!.message },
    proposed: goal,
  }));
  const limits: ProposalLimit[] = result.targets.flatMap((kind) =>
    kind === "recruiters" || kind === "growth"
      ? [
          {
            kind,
            label: targetLabel(scenario, kind),
            metNow: (kind === "recruiters" ? nowChecks.quartersOverRecruiters : nowChecks.quartersOverGrowth) === 0,
            met: (kind === "recruiters" ? checks.quartersOverRecruiters : checks.quartersOverGrowth) === 0,
          },
        ]
      : [],
  );
  const allMet = goals.every((g) => g.proposed.met) && limits.every((l) => l.met);
  const verified = !result.found || allMet;
  const found = result.found && allMet;
  const rows = proposalRows(scenario, result.hires);
  const currentCost = nowProjection.summary.totalCost;
  const proposedCost = projection.summary.totalCost;
  const conflicting = result.conflicting.map((kind) => targetLabel(scenario, kind));
  // A cap (headcount, budget) the plan already breaks with no hire added: adding never helps.
  const only = result.conflicting.length === 1 ? result.conflicting[0] : undefined;
  const onlyAt = only === undefined ? -1 : result.targets.indexOf(only);
  const overBeforeAnyHire =
    (only === "maxHeadcount" || only === "totalCost" || only === "yearlyCost") && !result.baseline.met[onlyAt];
  const goalCount = goals.length;
  const allGoals = goalCount === 1 ? "the goal" : `all ${goalCount} goals`;
  const limitWords = limits.length > 0 ? " within the hiring limits" : "";
  const difference = proposedCost - currentCost;
  const costWords = `${shortDollars(proposedCost)} over the plan${rows.length > 0 && Math.abs(difference) >= 1 ? ` (${shortDollars(Math.abs(difference))} ${difference > 0 ? "more" : "less"} than now)` : ""}`;

  let headline: string;
  if (found)
    headline =
      rows.length === 0
        ? `The plan as it stands already meets ${allGoals}${limitWords}: no hires to add. It costs ${shortDollars(currentCost)} over the plan.`
        : `Hire ${hiresWords(rows)}: ${costWords}, and it meets ${allGoals}${limitWords}.`;
  else {
    const why =
      conflicting.length === 0
        ? ""
        : conflicting.length === 1
          ? `: ${conflicting[0]} cannot be met${overBeforeAnyHire ? ", since the plan is over it before any hire" : ""}`
          : `: ${listWords(conflicting)} cannot be met together`;
    const missedGoals = goals.filter((g) => !g.proposed.met).length;
    const missedLimits = limits.filter((l) => !l.met).length;
    const misses =
      missedGoals === 0
        ? "meets every goal but not the hiring limits"
        : `still misses ${
            missedGoals === goalCount
              ? goalCount === 1
                ? "the goal"
                : goalCount === 2
                  ? "both goals"
                  : `all ${goalCount} goals`
              : `${missedGoals} of ${goalCount} goals`
          }${missedLimits > 0 ? " and a hiring limit" : ""}`;
    const closest =
      rows.length === 0
        ? `The closest is the plan as it stands (${shortDollars(currentCost)}), which`
        : `The closest plan hires ${hiresWords(rows)} (${shortDollars(proposedCost)}) and`;
    headline = `No plan in this search meets every goal${why}. ${closest} ${misses}.`;
  }
  const searchWords =
    result.method === "exhaustive"
      ? found
        ? `Best of all ${count(result.spaceSize)} plans`
        : `None of all ${count(result.spaceSize)} plans meets every goal`
      : found
        ? `Best found in ${count(result.evaluations)} plans tried`
        : `None of ${count(result.evaluations)} plans tried meets every goal`;
  return {
    found,
    verified,
    method: result.method,
    spaceSize: result.spaceSize,
    evaluations: result.evaluations,
    choices: result.slots.length,
    hires: result.hires,
    rows,
    currentCost,
    proposedCost,
    goals,
    limits,
    warnings: checks.warnings,
    conflicting,
    headline,
    searchWords,
  };
}

/**
 * The relaxation lines in the order a manager wants them: the goals that bind first (the biggest
 * saving first), or, when no plan fits, the goals whose relaxing lets one fit (the cheapest first).
 */
export function relaxationLines(relaxations: readonly Relaxation[], found: boolean): string[] {
  const binds = (r: Relaxation) => (found ? r.saving >= 1 : r.found);
  const binding = relaxations.filter(binds).sort((a, b) => (found ? b.saving - a.saving : a.totalCost - b.totalCost));
  return [...binding, ...relaxations.filter((r) => !binds(r))].map((r) => r.message);
}
