/**
 * The scenario's goals (MODEL.md section 8) in a manager's words, for the scenario page and
 * anything else that lists them: how many are met, and how likely each is over the simulated futures.
 */
import { addMonths, shortDollars, type GoalKind, type GoalResult, type Scenario } from "~/domain";
import { formatMonth, formatNumber } from "./format";

/** "Meets 3 of 4 goals", "Meets every goal (2)", "Meets its goal". */
export function goalsSummary(results: readonly Pick<GoalResult, "met">[]): string {
  const met = results.filter((r) => r.met).length;
  const n = results.length;
  if (n === 0) return "No goals set";
  if (n === 1) return met === 1 ? "Meets its goal" : "Misses its goal";
  if (met === n) return `Meets all ${n} goals`;
  return `Meets ${met} of ${n} goals`;
}

/** A share of futures as a reader says it: "82%", and never a 0% or 100% that rounding made. */
export function likelihoodPercent(probability: number): string {
  if (probability > 0 && probability < 0.005) return "Under 1%";
  if (probability < 1 && probability >= 0.995) return "Over 99%";
  return `${Math.round(probability * 100)}%`;
}

/** What meeting a goal means, after "likely to": "reach a capacity of 30 from Sep 2027". */
export function goalAim(scenario: Pick<Scenario, "goals" | "start" | "teams">, kind: GoalKind): string {
  const goals = scenario.goals ?? {};
  const from = (month: number) => formatMonth(addMonths(scenario.start, month));
  const everyTeam = (scenario.teams?.length ?? 0) > 0 ? " in every team" : "";
  switch (kind) {
    case "capacity":
      return `reach a capacity of ${formatNumber(goals.capacity!.atLeast)} from ${from(goals.capacity!.fromMonth)}`;
    case "totalCost":
      return `stay within the total budget of ${shortDollars(goals.budget!.maxTotalCost!)}`;
    case "yearlyCost":
      return `stay within ${shortDollars(goals.budget!.maxLoadedCostPerYear!)} in every plan year`;
    case "ratio":
      return `keep juniors per senior in band${everyTeam} from ${from(goals.ratio!.fromMonth)}`;
    case "coverage":
      return `keep mentoring at ${Math.round(goals.coverage!.atLeast * 100)}% of the need or more${everyTeam} from ${from(goals.coverage!.fromMonth)}`;
    case "maxHeadcount":
      return `stay at or under ${formatNumber(goals.maxHeadcount!)} people`;
  }
}

/** "82% likely to reach a capacity of 30 from Sep 2027" */
export function goalLikelihood(
  scenario: Pick<Scenario, "goals" | "start" | "teams">,
  kind: GoalKind,
  probability: number,
): string {
  return `${likelihoodPercent(probability)} likely to ${goalAim(scenario, kind)}`;
}
