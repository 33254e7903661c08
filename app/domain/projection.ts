/**
 * The expected-value projection (MODEL.md section 4): one row per step, plus the summary.
 * Money is in dollars as floats, unrounded; rounding happens only where numbers are shown.
 */
import { addMonths } from "./months";
import type { Scenario } from "./scenario";
import { compileScenario } from "./compile";
import { runSimulation, SimulationState, type StepMeasures, type TeamStepMeasures } from "./simulation";

/** A step's measures of the org, or of one team (MODEL.md section 6). */
export interface TeamRow {
  /** Expected engineers per level id (fractional: an expectation, not a roster). */
  headcount: Record<string, number>;
  totalHeadcount: number;
  /** Salaries paid over the step, dollars. */
  payroll: number;
  /** payroll x (1 + overheadRate), dollars. */
  loadedCost: number;
  /** One-time fees for the step's joiners, dollars. */
  recruitingCost: number;
  /** loadedCost + recruitingCost, dollars. */
  totalCost: number;
  mentorSupplyHoursPerWeek: number;
  mentorDemandHoursPerWeek: number;
  /** Hours of mentoring covered over hours needed; 1 when nobody needs mentoring. */
  coverage: number;
  juniors: number;
  seniors: number;
  /** Junior-class per senior-class engineer; null when there are no seniors. */
  juniorsPerSenior: number | null;
  /** Against the scenario's band for the org, the team's own for a team. */
  ratioInBand: boolean;
  /** Work per month in mid-level-engineer equivalents. */
  capacity: number;
  /** Engineers at proficiency 3 or more, per skill id. */
  skillOwners: Record<string, number>;
}

/** A team's summary over the horizon (MODEL.md section 6). */
export interface TeamSummary {
  totalCost: number;
  meanCapacity: number;
  endHeadcount: Record<string, number>;
  endTotalHeadcount: number;
  lowestCoverage: number;
  stepsRatioOutOfBand: number;
  stepsCoverageBelowOne: number;
  skillsAtRisk: SkillRisk[];
}

/** One step of the projection: the org's measures (as a team's, summed) plus the step's flows. */
export interface ProjectionRow extends TeamRow {
  step: number;
  /** Months from the scenario's start to the first month of the step. */
  monthOffset: number;
  /** The step's first month, `YYYY-MM`. */
  period: string;
  /** People who joined at the start of the step: planned hires and backfills. */
  joiners: number;
  /** Planned departures and expected attrition during the step. */
  leavers: number;
  /** Planned and expected promotions during the step. */
  promotions: number;
  cumulativeCost: number;
  /** Per team id, when the scenario declares teams. The org figures are their sums (coverage and the ratio as MODEL.md section 6 says). */
  teams?: Record<string, TeamRow>;
}

export interface SkillRisk {
  skill: string;
  owners: number;
}

export interface ProjectionSummary {
  steps: number;
  stepMonths: number;
  totalCost: number;
  totalPayroll: number;
  totalRecruitingCost: number;
  totalJoiners: number;
  totalLeavers: number;
  totalPromotions: number;
  startHeadcount: number;
  endHeadcount: Record<string, number>;
  endTotalHeadcount: number;
  meanCapacity: number;
  /** Total cost / sum of capacity x step months; null when there is no capacity at all. */
  costPerCapacityMonth: number | null;
  lowestCoverage: number;
  stepsRatioOutOfBand: number;
  stepsCoverageBelowOne: number;
  /** Skills with fewer than two owners in the last step, fewest owners first. */
  skillsAtRisk: SkillRisk[];
  /** Per team id, when the scenario declares teams. */
  teams?: Record<string, TeamSummary>;
}

export interface Projection {
  levelIds: string[];
  skillIds: string[];
  /** The scenario's team ids, in its order (empty when it declares none). */
  teamIds: string[];
  rows: ProjectionRow[];
  summary: ProjectionSummary;
}

function toRecord(keys: readonly string[], values: Float64Array): Record<string, number> {
  // An id such as "__proto__" (refused now, but possible in an old stored document) must stay an
  // ordinary key: fromEntries defines keys rather than assigning them. Plain assignment is several
  // times faster, and safe for every other id.
  if (keys.includes("__proto__")) return Object.fromEntries(keys.map((key, i) => [key, values[i]!]));
  const record: Record<string, number> = {};
  for (let i = 0; i < keys.length; i++) record[keys[i]!] = values[i]!;
  return record;
}

function toTeamRow(m: TeamStepMeasures, levelIds: string[], skillIds: string[]): TeamRow {
  return {
    headcount: toRecord(levelIds, m.headcount),
    totalHeadcount: m.totalHeadcount,
    payroll: m.payroll,
    loadedCost: m.loadedCost,
    recruitingCost: m.recruitingCost,
    totalCost: m.totalCost,
    mentorSupplyHoursPerWeek: m.mentorSupplyHours,
    mentorDemandHoursPerWeek: m.mentorDemandHours,
    coverage: m.coverage,
    juniors: m.juniors,
    seniors: m.seniors,
    juniorsPerSenior: m.juniorsPerSenior,
    ratioInBand: m.ratioInBand,
    capacity: m.capacity,
    skillOwners: toRecord(skillIds, m.skillOwners),
  };
}

function toRow(
  m: StepMeasures,
  scenario: Scenario,
  levelIds: string[],
  skillIds: string[],
  teamIds: string[],
  stepMonths: number,
  cumulativeCost: number,
): ProjectionRow {
  const monthOffset = m.step * stepMonths;
  const row: ProjectionRow = {
    step: m.step,
    monthOffset,
    period: addMonths(scenario.start, monthOffset),
    headcount: toRecord(levelIds, m.headcount),
    totalHeadcount: m.totalHeadcount,
    joiners: m.joiners,
    leavers: m.leavers,
    promotions: m.promotions,
    payroll: m.payroll,
    loadedCost: m.loadedCost,
    recruitingCost: m.recruitingCost,
    totalCost: m.totalCost,
    cumulativeCost,
    mentorSupplyHoursPerWeek: m.mentorSupplyHours,
    mentorDemandHoursPerWeek: m.mentorDemandHours,
    coverage: m.coverage,
    juniors: m.juniors,
    seniors: m.seniors,
    juniorsPerSenior: m.juniorsPerSenior,
    ratioInBand: m.ratioInBand,
    capacity: m.capacity,
    skillOwners: toRecord(skillIds, m.skillOwners),
  };
  if (m.teams.length > 0)
    row.teams = Object.fromEntries(teamIds.map((id, k) => [id, toTeamRow(m.teams[k]!, levelIds, skillIds)]));
  return row;
}

/** "Fewer than two owners" (MODEL.md section 4): owners < 2 - 1e-9, so a sum landing on 1.9999999999999998 is two. */
const AT_RISK_BELOW = 2 - 1e-9;

function skillsAtRisk(skillIds: readonly string[], owners: Record<string, number>): SkillRisk[] {
  return skillIds
    .map((skill) => ({ skill, owners: owners[skill] ?? 0 }))
    .filter((risk) => risk.owners < AT_RISK_BELOW)
    .sort((x, y) => x.owners - y.owners || x.skill.localeCompare(y.skill));
}

function summarizeTeam(rows: readonly TeamRow[], skillIds: readonly string[]): TeamSummary {
  const last = rows[rows.length - 1]!;
  return {
    totalCost: rows.reduce((total, row) => total + row.totalCost, 0),
    meanCapacity: rows.reduce((total, row) => total + row.capacity, 0) / rows.length,
    endHeadcount: { ...last.headcount },
    endTotalHeadcount: last.totalHeadcount,
    lowestCoverage: Math.min(...rows.map((r) => r.coverage)),
    stepsRatioOutOfBand: rows.filter((r) => !r.ratioInBand).length,
    stepsCoverageBelowOne: rows.filter((r) => r.coverage < 1).length,
    skillsAtRisk: skillsAtRisk(skillIds, last.skillOwners),
  };
}

/** Summary figures of a projection's rows (MODEL.md section 4, "The summary"). */
export function summarizeProjection(
  rows: readonly ProjectionRow[],
  stepMonths: number,
  skillIds: readonly string[],
): ProjectionSummary {
  const sum = (f: (row: ProjectionRow) => number) => rows.reduce((total, row) => total + f(row), 0);
  const last = rows[rows.length - 1]!;
  const totalCost = sum((r) => r.totalCost);
  const capacityMonths = sum((r) => r.capacity * stepMonths);
  const summary: ProjectionSummary = {
    steps: rows.length,
    stepMonths,
    totalCost,
    totalPayroll: sum((r) => r.payroll),
    totalRecruitingCost: sum((r) => r.recruitingCost),
    totalJoiners: sum((r) => r.joiners),
    totalLeavers: sum((r) => r.leavers),
    totalPromotions: sum((r) => r.promotions),
    startHeadcount: rows[0]!.totalHeadcount,
    endHeadcount: { ...last.headcount },
    endTotalHeadcount: last.totalHeadcount,
    meanCapacity: sum((r) => r.capacity) / rows.length,
    costPerCapacityMonth: capacityMonths > 0 ? totalCost / capacityMonths : null,
    lowestCoverage: Math.min(...rows.map((r) => r.coverage)),
    stepsRatioOutOfBand: rows.filter((r) => !r.ratioInBand).length,
    stepsCoverageBelowOne: rows.filter((r) => r.coverage < 1).length,
    skillsAtRisk: skillsAtRisk(skillIds, last.skillOwners),
  };
  if (last.teams) {
    summary.teams = Object.fromEntries(
      Object.keys(last.teams).map((id) => [
        id,
        summarizeTeam(
          rows.map((row) => row.teams![id]!),
          skillIds,
        ),
      ]),
    );
  }
  return summary;
}

/** A step as a page shows it, for the org or one team: the measures, with the step's place in time. */
export type ViewRow = TeamRow & Pick<ProjectionRow, "step" | "monthOffset" | "period" | "cumulativeCost">;

/** The summary a page shows, for the org or one team. */
export interface ViewSummary extends TeamSummary {
  steps: number;
  stepMonths: number;
  totalRecruitingCost: number;
  startHeadcount: number;
  /** Total cost / sum of capacity x step months; null when there is no capacity at all. */
  costPerCapacityMonth: number | null;
}

/** What a page shows of a projection: the org's (the projection itself) or one team's. */
export interface ProjectionView {
  levelIds: string[];
  skillIds: string[];
  rows: ViewRow[];
  summary: ViewSummary;
}

/**
 * One team's part of a projection, shaped as the org's is, so the same cards, charts and warnings
 * read it; undefined when the projection has no such team.
 */
export function teamView(projection: Projection, teamId: string): ProjectionView | undefined {
  const teamSummary = projection.summary.teams?.[teamId];
  if (!teamSummary) return undefined;
  const { steps, stepMonths } = projection.summary;
  let cumulativeCost = 0;
  let capacityMonths = 0;
  let totalRecruitingCost = 0;
  const rows = projection.rows.map(({ step, monthOffset, period, teams }): ViewRow => {
    const team = teams![teamId]!;
    cumulativeCost += team.totalCost;
    capacityMonths += team.capacity * stepMonths;
    totalRecruitingCost += team.recruitingCost;
    return { ...team, step, monthOffset, period, cumulativeCost };
  });
  return {
    levelIds: projection.levelIds,
    skillIds: projection.skillIds,
    rows,
    summary: {
      ...teamSummary,
      steps,
      stepMonths,
      totalRecruitingCost,
      startHeadcount: rows[0]!.totalHeadcount,
      costPerCapacityMonth: capacityMonths > 0 ? teamSummary.totalCost / capacityMonths : null,
    },
  };
}

/**
 * The expected-value projection of a validated scenario: one row per step (ceil(horizonMonths /
 * step months) rows) and the summary. Pure: the same scenario always gives the same numbers.
 */
export function projectScenario(scenario: Scenario): Projection {
  const compiled = compileScenario(scenario);
  const teamIds = compiled.hasTeams ? compiled.teamIds : [];
  const rows: ProjectionRow[] = [];
  let cumulativeCost = 0;
  runSimulation(new SimulationState(compiled), null, true, (m) => {
    cumulativeCost += m.totalCost;
    rows.push(toRow(m, scenario, compiled.levelIds, compiled.skillIds, teamIds, compiled.stepMonths, cumulativeCost));
  });
  return {
    levelIds: compiled.levelIds,
    skillIds: compiled.skillIds,
    teamIds,
    rows,
    summary: summarizeProjection(rows, compiled.stepMonths, compiled.skillIds),
  };
}
