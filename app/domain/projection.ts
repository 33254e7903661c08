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
  /** People who joined at the start of the step: planned hires and backfills (into the team, for a team). */
  joiners: number;
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
  /** Planned departures and expected attrition during the step. */
  leavers: number;
  /** Planned and expected promotions during the step. */
  promotions: number;
  /** Of the joiners, backfills (the rest are planned hires). */
  backfills: number;
  /** Of the leavers, people in their first year (MODEL.md section 7). */
  firstYearLeavers: number;
  /** Engineer hours of interviewing in the step (MODEL.md section 7), and per week. */
  interviewHours: number;
  interviewHoursPerWeek: number;
  /** The share (0..1) of each settled mid or senior engineer's week the interviews take. */
  interviewShare: number;
  /** Interview hours fall in the step, but no settled mid or senior engineer is there to take them. */
  interviewsUnstaffed: boolean;
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
  /** MODEL.md section 7: leavers in their first year, interview hours, the highest share of an
   * interviewer's week they take in any step, and steps whose interviews nobody can take. */
  totalFirstYearLeavers: number;
  totalInterviewHours: number;
  peakInterviewShare: number;
  peakInterviewHoursPerWeek: number;
  stepsInterviewsUnstaffed: number;
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

/**
 * Makes records of `keys`, in their order, from arrays of values: the rows' headcount and skill
 * owners per step, and their teams.
 */
function recordsOf<T>(keys: readonly string[]): (values: ArrayLike<T>) => Record<string, T> {
  // Each record is a copy of one template holding every key: a spread copy takes the template's
  // shape in one go, where adding keys one by one grows the object, and its property store, key
  // by key (a projection of 10 teams makes some 1,300 records). fromEntries defines keys rather
  // than assigning them, so an id such as "__proto__" (refused now, but possible in an old stored
  // document) stays an ordinary key, and assigning to it then sets the copy's own property.
  const template: Record<string, T | undefined> = Object.fromEntries(keys.map((key) => [key, undefined]));
  return (values) => {
    const record = { ...template } as Record<string, T>;
    for (let i = 0; i < keys.length; i++) record[keys[i]!] = values[i]!;
    return record;
  };
}

/** What builds a projection's rows: one record maker per kind of record. */
interface RowMakers {
  headcount: (values: Float64Array) => Record<string, number>;
  skillOwners: (values: Float64Array) => Record<string, number>;
  /** Null when the scenario declares no teams. */
  teams: ((rows: TeamRow[]) => Record<string, TeamRow>) | null;
}

/**
 * Every field of a team's row and of a step's row, in order; never changed. Rows are made as
 * copies of these (`{ ...TEAM_ROW, headcount: ... }`) rather than as plain object literals: V8
 * may decide that the objects of an object literal which outlive a young-generation collection,
 * as a projection's rows do, are to be made straight in the old generation, and then the records
 * and numbers they point to stay alive until a full collection. Projections of 10 teams ran up to
 * twice as slow once that happened. A copy is not made at a literal's site, so it never is.
 */
const TEAM_ROW: TeamRow = {
  headcount: {},
  totalHeadcount: 0,
  joiners: 0,
  payroll: 0,
  loadedCost: 0,
  recruitingCost: 0,
  totalCost: 0,
  mentorSupplyHoursPerWeek: 0,
  mentorDemandHoursPerWeek: 0,
  coverage: 0,
  juniors: 0,
  seniors: 0,
  juniorsPerSenior: null,
  ratioInBand: false,
  capacity: 0,
  skillOwners: {},
};

const ROW: ProjectionRow = {
  step: 0,
  monthOffset: 0,
  period: "",
  headcount: {},
  totalHeadcount: 0,
  joiners: 0,
  leavers: 0,
  promotions: 0,
  backfills: 0,
  firstYearLeavers: 0,
  interviewHours: 0,
  interviewHoursPerWeek: 0,
  interviewShare: 0,
  interviewsUnstaffed: false,
  payroll: 0,
  loadedCost: 0,
  recruitingCost: 0,
  totalCost: 0,
  cumulativeCost: 0,
  mentorSupplyHoursPerWeek: 0,
  mentorDemandHoursPerWeek: 0,
  coverage: 0,
  juniors: 0,
  seniors: 0,
  juniorsPerSenior: null,
  ratioInBand: false,
  capacity: 0,
  skillOwners: {},
};

function toTeamRow(m: TeamStepMeasures, make: RowMakers): TeamRow {
  return {
    ...TEAM_ROW,
    headcount: make.headcount(m.headcount),
    totalHeadcount: m.totalHeadcount,
    joiners: m.joiners,
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
    skillOwners: make.skillOwners(m.skillOwners),
  };
}

function toRow(
  m: StepMeasures,
  scenario: Scenario,
  make: RowMakers,
  stepMonths: number,
  cumulativeCost: number,
): ProjectionRow {
  const monthOffset = m.step * stepMonths;
  const row: ProjectionRow = {
    ...ROW,
    step: m.step,
    monthOffset,
    period: addMonths(scenario.start, monthOffset),
    headcount: make.headcount(m.headcount),
    totalHeadcount: m.totalHeadcount,
    joiners: m.joiners,
    leavers: m.leavers,
    promotions: m.promotions,
    backfills: m.backfills,
    firstYearLeavers: m.firstYearLeavers,
    interviewHours: m.interviewHours,
    interviewHoursPerWeek: m.interviewHoursPerWeek,
    interviewShare: m.interviewShare,
    interviewsUnstaffed: m.interviewsUnstaffed,
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
    skillOwners: make.skillOwners(m.skillOwners),
  };
  if (make.teams) {
    // A loop rather than map(), whose array would change shape as V8 optimises this (see compileScenario).
    const teams: TeamRow[] = [];
    for (const team of m.teams) teams.push(toTeamRow(team, make));
    row.teams = make.teams(teams);
  }
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
  // One pass over the rows: a projection of 10 teams summarises 11 sets of rows.
  let totalCost = 0;
  let capacity = 0;
  let lowestCoverage = Infinity;
  let stepsRatioOutOfBand = 0;
  let stepsCoverageBelowOne = 0;
  for (const row of rows) {
    totalCost += row.totalCost;
    capacity += row.capacity;
    lowestCoverage = Math.min(lowestCoverage, row.coverage);
    if (!row.ratioInBand) stepsRatioOutOfBand++;
    if (row.coverage < 1) stepsCoverageBelowOne++;
  }
  const last = rows[rows.length - 1]!;
  return {
    totalCost,
    meanCapacity: capacity / rows.length,
    endHeadcount: { ...last.headcount },
    endTotalHeadcount: last.totalHeadcount,
    lowestCoverage,
    stepsRatioOutOfBand,
    stepsCoverageBelowOne,
    skillsAtRisk: skillsAtRisk(skillIds, last.skillOwners),
  };
}

/** Summary figures of a projection's rows (MODEL.md section 4, "The summary"). */
export function summarizeProjection(
  rows: readonly ProjectionRow[],
  stepMonths: number,
  skillIds: readonly string[],
): ProjectionSummary {
  const org = summarizeTeam(rows, skillIds);
  let totalPayroll = 0;
  let totalRecruitingCost = 0;
  let totalJoiners = 0;
  let totalLeavers = 0;
  let totalPromotions = 0;
  let capacityMonths = 0;
  let totalFirstYearLeavers = 0;
  let totalInterviewHours = 0;
  let peakInterviewShare = 0;
  let peakInterviewHoursPerWeek = 0;
  let stepsInterviewsUnstaffed = 0;
  for (const row of rows) {
    totalFirstYearLeavers += row.firstYearLeavers;
    totalInterviewHours += row.interviewHours;
    peakInterviewShare = Math.max(peakInterviewShare, row.interviewShare);
    peakInterviewHoursPerWeek = Math.max(peakInterviewHoursPerWeek, row.interviewHoursPerWeek);
    if (row.interviewsUnstaffed) stepsInterviewsUnstaffed++;
    totalPayroll += row.payroll;
    totalRecruitingCost += row.recruitingCost;
    totalJoiners += row.joiners;
    totalLeavers += row.leavers;
    totalPromotions += row.promotions;
    capacityMonths += row.capacity * stepMonths;
  }
  const summary: ProjectionSummary = {
    steps: rows.length,
    stepMonths,
    totalCost: org.totalCost,
    totalPayroll,
    totalRecruitingCost,
    totalJoiners,
    totalLeavers,
    totalPromotions,
    totalFirstYearLeavers,
    totalInterviewHours,
    peakInterviewShare,
    peakInterviewHoursPerWeek,
    stepsInterviewsUnstaffed,
    startHeadcount: rows[0]!.totalHeadcount,
    endHeadcount: org.endHeadcount,
    endTotalHeadcount: org.endTotalHeadcount,
    meanCapacity: org.meanCapacity,
    costPerCapacityMonth: capacityMonths > 0 ? org.totalCost / capacityMonths : null,
    lowestCoverage: org.lowestCoverage,
    stepsRatioOutOfBand: org.stepsRatioOutOfBand,
    stepsCoverageBelowOne: org.stepsCoverageBelowOne,
    skillsAtRisk: org.skillsAtRisk,
  };
  const last = rows[rows.length - 1]!;
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
  const make: RowMakers = {
    headcount: recordsOf(compiled.levelIds),
    skillOwners: recordsOf(compiled.skillIds),
    teams: compiled.hasTeams ? recordsOf(teamIds) : null,
  };
  runSimulation(new SimulationState(compiled), null, true, (m) => {
    cumulativeCost += m.totalCost;
    rows.push(toRow(m, scenario, make, compiled.stepMonths, cumulativeCost));
  });
  return {
    levelIds: compiled.levelIds,
    skillIds: compiled.skillIds,
    teamIds,
    rows,
    summary: summarizeProjection(rows, compiled.stepMonths, compiled.skillIds),
  };
}
