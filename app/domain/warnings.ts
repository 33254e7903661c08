/**
 * Where a plan breaks a target, in words a manager reads at a glance: runs of months with
 * mentoring short, the ratio out of band, skills left with fewer than two owners.
 */
import { teamView, type Projection, type ProjectionView, type ViewRow } from "./projection";
import type { Scenario } from "./scenario";
import { hiringChecks, type HiringWarning } from "./hiring";

export interface PlanWarning {
  kind: "mentoring" | "ratio-high" | "ratio-low" | "no-seniors" | "skills" | "shrinking" | HiringWarning["kind"];
  message: string;
  /** The month it is about (from the plan's start), when it is about one: a run's first month. */
  month?: number;
  /** The team it is about (its id), when the scenario has teams; none for the org. */
  team?: string;
}

interface Run {
  from: ViewRow;
  to: ViewRow;
  rows: ViewRow[];
}

/** Maximal runs of consecutive rows that satisfy `test`. */
export function runsWhere(rows: readonly ViewRow[], test: (row: ViewRow) => boolean): Run[] {
  const runs: Run[] = [];
  let current: ViewRow[] = [];
  for (const row of [...rows, null]) {
    if (row && test(row)) current.push(row);
    else if (current.length > 0) {
      runs.push({ from: current[0]!, to: current[current.length - 1]!, rows: current });
      current = [];
    }
  }
  return runs;
}

const span = (run: Run) =>
  run.from === run.to ? `in ${run.from.period}` : `from ${run.from.period} to ${run.to.period}`;
const round = (x: number, digits = 1) => Number(x.toFixed(digits)).toString();

/**
 * The plan's broken targets, most pressing first. With teams, the org's come first, then each
 * team's, named ("Mobile: no seniors from ..."); skills per team only for one team (`teamId`), where
 * a small team's thin skills are the point rather than noise.
 */
export function planWarnings(
  scenario: Scenario,
  projection: Projection,
  skillName: (id: string) => string = (id) => id,
  teamId?: string,
): PlanWarning[] {
  const orgBand = scenario.assumptions.ratioTarget;
  const ofTeam = (id: string, withSkills: boolean): PlanWarning[] => {
    const team = scenario.teams?.find((t) => t.id === id);
    const view = teamView(projection, id);
    if (!team || !view) return [];
    return viewWarnings(view, team.ratioTarget ?? orgBand, skillName, withSkills).map((w) => ({
      ...w,
      team: id,
      message: `${team.name}: ${w.message.charAt(0).toLowerCase()}${w.message.slice(1)}`,
    }));
  };
  if (teamId !== undefined) return ofTeam(teamId, true);
  // Hiring (MODEL.md section 7) is the org's: recruiters and interviewers serve every team.
  return [
    ...viewWarnings(projection, orgBand, skillName, true),
    ...hiringChecks(scenario, projection).warnings,
    ...(scenario.teams ?? []).flatMap((team) => ofTeam(team.id, false)),
  ];
}

/** The broken targets of the org's or one team's rows, against `band`. */
function viewWarnings(
  { rows, summary }: Pick<ProjectionView, "rows" | "summary">,
  [low, high]: readonly [number, number],
  skillName: (id: string) => string,
  withSkills: boolean,
): PlanWarning[] {
  const warnings: PlanWarning[] = [];

  for (const run of runsWhere(rows, (r) => r.coverage < 1)) {
    const lowest = Math.min(...run.rows.map((r) => r.coverage));
    const slower = Math.round(((1 - lowest) / 2) * 100);
    warnings.push({
      kind: "mentoring",
      month: run.from.monthOffset,
      message: `Mentoring demand exceeds supply ${span(run)} (coverage down to ${Math.round(lowest * 100)}%); new hires ramp up to ${slower}% slower.`,
    });
  }
  for (const run of runsWhere(rows, (r) => r.juniorsPerSenior !== null && r.juniorsPerSenior > high)) {
    const worst = Math.max(...run.rows.map((r) => r.juniorsPerSenior!));
    warnings.push({
      kind: "ratio-high",
      month: run.from.monthOffset,
      message:
        worst > 10 * high
          ? `More than ${high} juniors per senior ${span(run)} (over ${round(10 * high, 2)} at worst: hardly any senior is left): seniors are stretched.`
          : `More than ${high} juniors per senior ${span(run)} (up to ${round(worst, 2)}): seniors are stretched.`,
    });
  }
  for (const run of runsWhere(rows, (r) => r.juniorsPerSenior !== null && r.juniorsPerSenior < low)) {
    const worst = Math.min(...run.rows.map((r) => r.juniorsPerSenior!));
    warnings.push({
      kind: "ratio-low",
      month: run.from.monthOffset,
      message: `Fewer than ${low} junior${low === 1 ? "" : "s"} per senior ${span(run)} (down to ${round(worst, 2)}): below the target band, a senior-heavy team.`,
    });
  }
  for (const run of runsWhere(rows, (r) => r.juniorsPerSenior === null && r.juniors > 0)) {
    warnings.push({
      kind: "no-seniors",
      month: run.from.monthOffset,
      message: `No seniors ${span(run)}: juniors have nobody senior to learn from.`,
    });
  }
  if (withSkills && summary.skillsAtRisk.length > 0) {
    const names = summary.skillsAtRisk.map((r) => skillName(r.skill));
    const shown = names.length > 5 ? `${names.slice(0, 5).join(", ")} and ${names.length - 5} more` : names.join(", ");
    warnings.push({
      kind: "skills",
      message: `At the end, ${names.length} skill${names.length === 1 ? " has" : "s have"} fewer than two owners: ${shown}.`,
    });
  }
  if (summary.startHeadcount > 0 && summary.endTotalHeadcount < summary.startHeadcount * 0.9) {
    warnings.push({
      kind: "shrinking",
      message: `Headcount falls from ${round(summary.startHeadcount)} to ${round(summary.endTotalHeadcount)} by the end: leavers outpace hires and backfills.`,
    });
  }
  return warnings;
}
