/**
 * What a viewer's figures are priced at. Every salary in the scenario (the team's and the planned
 * hires') is replaced by its level's band midpoint, which the ladder publishes. A viewer's figures
 * are then a function of what a viewer may already see (levels, head counts, the plan, the ladder
 * and the assumptions), so no sum, difference, ratio or percentile of them, and no comparison of
 * two scenarios or two days, can tell anyone's salary. Salaries touch only the money measures
 * (MODEL.md section 4), so head counts, capacity, mentoring, ratio and skills are unchanged.
 * `poolBelow` (share links) prices the levels with fewer people than that at the start together.
 */
import type { Scenario } from "./scenario";

/**
 * The teams and levels a share link does not break out: those with fewer than `below` people at
 * the plan's start, and, when that is only one, the next smallest with it, so that no group can
 * be worked out as the whole less the rest.
 */
export function pooledGroups(scenario: Scenario, below: number): { levels: Set<string>; teams: Set<string> } {
  const byLevel = new Map<string, number>();
  const byTeam = new Map<string, number>();
  for (const entry of scenario.team) {
    byLevel.set(entry.level, (byLevel.get(entry.level) ?? 0) + entry.count);
    if (entry.team !== undefined) byTeam.set(entry.team, (byTeam.get(entry.team) ?? 0) + entry.count);
  }
  const pool = (ids: string[], count: Map<string, number>) => {
    const small = ids.filter((id) => (count.get(id) ?? 0) < below);
    if (small.length === 1) {
      const next = ids.filter((id) => !small.includes(id)).sort((a, b) => (count.get(a) ?? 0) - (count.get(b) ?? 0))[0];
      if (next !== undefined) small.push(next);
    }
    return new Set(small);
  };
  return {
    levels: pool(
      scenario.levels.map((l) => l.id),
      byLevel,
    ),
    teams: pool(
      (scenario.teams ?? []).map((t) => t.id),
      byTeam,
    ),
  };
}

export function atBandMidpoints(scenario: Scenario, { poolBelow = 0 }: { poolBelow?: number } = {}): Scenario {
  const mid = new Map(scenario.levels.map((l) => [l.id, l.band.mid]));
  // The levels a share link pools (`pooledGroups`) are priced together, at the plain mean of their
  // midpoints: a total then says how many people those levels hold, not which has whom.
  const pooled = poolBelow > 0 ? scenario.levels.filter((l) => pooledGroups(scenario, poolBelow).levels.has(l.id)) : [];
  if (pooled.length > 1) {
    const mean = pooled.reduce((sum, l) => sum + l.band.mid, 0) / pooled.length;
    for (const level of pooled) mid.set(level.id, mean);
  }
  const levels =
    pooled.length > 1
      ? scenario.levels.map((l) =>
          mid.get(l.id) === l.band.mid ? l : { ...l, band: { ...l.band, mid: mid.get(l.id)! } },
        )
      : scenario.levels;
  return {
    ...scenario,
    levels,
    team: scenario.team.map((entry) => ({ ...entry, salary: mid.get(entry.level)! })),
    plan: scenario.plan.map((event) => {
      if (event.type !== "hire" || event.salary === undefined) return event;
      const { salary: _salary, ...withoutSalary } = event;
      return withoutSalary;
    }),
  };
}
