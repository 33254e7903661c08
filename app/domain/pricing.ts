/**
 * What a viewer's figures are priced at. Every salary in the scenario (the team's and the planned
 * hires') is replaced by its level's band midpoint, which the ladder publishes. A viewer's figures
 * are then a function of what a viewer may already see (levels, head counts, the plan, the ladder
 * and the assumptions), so no sum, difference, ratio or percentile of them, and no comparison of
 * two scenarios or two days, can tell anyone's salary. Salaries touch only the money measures
 * (MODEL.md section 4), so head counts, capacity, mentoring, ratio and skills are unchanged.
 */
import type { Scenario } from "./scenario";

export function atBandMidpoints(scenario: Scenario): Scenario {
  const mid = new Map(scenario.levels.map((l) => [l.id, l.band.mid]));
  return {
    ...scenario,
    team: scenario.team.map((entry) => ({ ...entry, salary: mid.get(entry.level)! })),
    plan: scenario.plan.map((event) => {
      if (event.type !== "hire" || event.salary === undefined) return event;
      const { salary: _salary, ...withoutSalary } = event;
      return withoutSalary;
    }),
  };
}
