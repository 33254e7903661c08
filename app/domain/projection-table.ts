/**
 * A projection as flat tables with headers that carry units: what CSV, spreadsheets and the
 * command line print. Numbers are rounded here, once: money to cents, everything else to six
 * decimals, so an expected count such as 189.27500000000003 reads 189.275.
 */
import type { GoalsInWords } from "./goals";
import type { MonteCarloResult } from "./monte-carlo";
import { teamView, type Projection, type ProjectionRow, type ViewRow } from "./projection";
import type { Scenario } from "./scenario";

export type Cell = string | number | boolean | null;

export interface Table {
  header: string[];
  rows: Cell[][];
}

export function roundMoney(dollars: number): number {
  return Math.round(dollars * 100) / 100;
}

export function roundMeasure(x: number): number {
  return Number(x.toFixed(6));
}

const nullable = (x: number | null) => (x === null ? null : roundMeasure(x));

/**
 * A row of the org (with the step's flows) or of one team (its joiners, but no leavers, promotions
 * or interviews: MODEL.md sections 6 and 7).
 */
type AnyRow = ViewRow &
  Partial<
    Pick<
      ProjectionRow,
      | "leavers"
      | "promotions"
      | "backfills"
      | "firstYearLeavers"
      | "interviewHours"
      | "interviewHoursPerWeek"
      | "interviewShare"
      | "interviewsUnstaffed"
    >
  >;

interface Column {
  header: string;
  value: (row: AnyRow) => Cell;
}

function projectionColumns(projection: Projection): Column[] {
  const money = (header: string, f: (r: AnyRow) => number): Column => ({
    header: `${header} ($)`,
    value: (r) => roundMoney(f(r)),
  });
  const measure = (header: string, f: (r: AnyRow) => number | undefined): Column => ({
    header,
    value: (r) => {
      const x = f(r);
      return x === undefined ? null : roundMeasure(x);
    },
  });
  return [
    { header: "Step", value: (r) => r.step },
    { header: "Period (YYYY-MM)", value: (r) => r.period },
    { header: "Month offset", value: (r) => r.monthOffset },
    ...projection.levelIds.map((id) => measure(`Headcount ${id}`, (r) => r.headcount[id]!)),
    measure("Headcount total", (r) => r.totalHeadcount),
    measure("Joiners", (r) => r.joiners),
    measure("Backfill hires", (r) => r.backfills),
    measure("Leavers", (r) => r.leavers),
    measure("First-year leavers", (r) => r.firstYearLeavers),
    measure("Promotions", (r) => r.promotions),
    money("Payroll", (r) => r.payroll),
    money("Loaded cost", (r) => r.loadedCost),
    money("Recruiting cost", (r) => r.recruitingCost),
    money("Total cost", (r) => r.totalCost),
    money("Cumulative cost", (r) => r.cumulativeCost),
    measure("Mentor supply (hours/week)", (r) => r.mentorSupplyHoursPerWeek),
    measure("Mentor demand (hours/week)", (r) => r.mentorDemandHoursPerWeek),
    measure("Mentoring coverage (0-1)", (r) => r.coverage),
    measure("Juniors", (r) => r.juniors),
    measure("Seniors", (r) => r.seniors),
    { header: "Juniors per senior", value: (r) => nullable(r.juniorsPerSenior) },
    { header: "Ratio in target band", value: (r) => r.ratioInBand },
    measure("Capacity (mid-level engineer equivalents)", (r) => r.capacity),
    // Interviews are the whole org's (MODEL.md section 7): a team's row leaves them empty.
    measure("Interviewing (engineer hours)", (r) => r.interviewHours),
    measure("Interviewing (hours/week)", (r) => r.interviewHoursPerWeek),
    measure("Interviewing, share of each interviewer's week (0-1)", (r) => r.interviewShare),
    { header: "Interviews nobody can take", value: (r) => r.interviewsUnstaffed ?? null },
    ...projection.skillIds.map((id) => measure(`Owners ${id} (engineers at 3+)`, (r) => r.skillOwners[id]!)),
  ];
}

/**
 * One row per step with every measure; with a Monte Carlo result, its percentiles too. With teams,
 * a Team column comes first: the whole org's rows, then each team's (`teamName` names them), where
 * leavers, promotions, backfills, interviewing and the simulated range are the org's alone.
 */
export function projectionTable(
  projection: Projection,
  monteCarlo?: MonteCarloResult,
  { teamName = (id: string) => id }: { teamName?: (id: string) => string } = {},
): Table {
  const columns = projectionColumns(projection);
  const header = columns.map((c) => c.header);
  const rows = projection.rows.map((row) => columns.map((c) => c.value(row)));
  if (monteCarlo) {
    for (const [name, unit] of [
      ["Headcount", ""],
      ["Total cost", " ($)"],
      ["Capacity", ""],
    ] as const) {
      for (const p of ["p10", "p50", "p90"] as const) header.push(`${name} ${p.toUpperCase()}${unit}`);
    }
    rows.forEach((cells, i) => {
      const step = monteCarlo.steps[i]!;
      for (const [d, round] of [
        [step.headcount, roundMeasure],
        [step.totalCost, roundMoney],
        [step.capacity, roundMeasure],
      ] as const) {
        cells.push(round(d.p10), round(d.p50), round(d.p90));
      }
    });
  }
  if (projection.teamIds.length === 0) return { header, rows };
  const simulated = monteCarlo ? 9 : 0;
  return {
    header: ["Team", ...header],
    rows: [
      ...rows.map((cells) => [WHOLE_ORG, ...cells]),
      ...projection.teamIds.flatMap((id) =>
        teamView(projection, id)!.rows.map((row) => [
          teamName(id),
          ...columns.map((c) => c.value(row)),
          ...Array<Cell>(simulated).fill(null),
        ]),
      ),
    ],
  };
}

/** How a table names the org's own rows beside its teams'. */
export const WHOLE_ORG = "Whole org";

/** Each team's summary (MODEL.md section 6), one row per team; empty without teams. */
export function teamsTable(scenario: Scenario, projection: Projection): Table {
  const header = [
    "Team",
    "Juniors per senior target",
    "Start headcount",
    "End headcount",
    "Total cost ($)",
    "Mean capacity (mid-level engineer equivalents)",
    "Lowest mentoring coverage (0-1)",
    "Steps with juniors per senior out of band",
    "Steps with mentoring coverage below 1",
    "Skills with fewer than two owners at the end (count)",
  ];
  const rows = (scenario.teams ?? []).flatMap((team): Cell[][] => {
    const view = teamView(projection, team.id);
    if (!view) return [];
    const { summary } = view;
    const [low, high] = team.ratioTarget ?? scenario.assumptions.ratioTarget;
    return [
      [
        team.name,
        `${low} to ${high}`,
        roundMeasure(summary.startHeadcount),
        roundMeasure(summary.endTotalHeadcount),
        roundMoney(summary.totalCost),
        roundMeasure(summary.meanCapacity),
        roundMeasure(summary.lowestCoverage),
        summary.stepsRatioOutOfBand,
        summary.stepsCoverageBelowOne,
        summary.skillsAtRisk.length,
      ],
    ];
  });
  return { header, rows };
}

/** The summary as label/value pairs, units in the labels. */
export function summaryTable(projection: Projection, monteCarlo?: MonteCarloResult): Table {
  const s = projection.summary;
  const rows: Cell[][] = [
    ["Steps", s.steps],
    ["Months per step", s.stepMonths],
    ["Total cost ($)", roundMoney(s.totalCost)],
    ["Total payroll ($)", roundMoney(s.totalPayroll)],
    ["Total recruiting cost ($)", roundMoney(s.totalRecruitingCost)],
    ["Joiners", roundMeasure(s.totalJoiners)],
    ["Leavers", roundMeasure(s.totalLeavers)],
    ["Promotions", roundMeasure(s.totalPromotions)],
    ["First-year leavers", roundMeasure(s.totalFirstYearLeavers)],
    ["Interviewing (engineer hours)", roundMeasure(s.totalInterviewHours)],
    ["Peak interviewing (hours/week)", roundMeasure(s.peakInterviewHoursPerWeek)],
    ["Peak interviewing, share of each interviewer's week (0-1)", roundMeasure(s.peakInterviewShare)],
    ["Steps whose interviews nobody can take", s.stepsInterviewsUnstaffed],
    ["Start headcount", roundMeasure(s.startHeadcount)],
    ...projection.levelIds.map((id) => [`End headcount ${id}`, roundMeasure(s.endHeadcount[id]!)]),
    ["End headcount total", roundMeasure(s.endTotalHeadcount)],
    ["Mean capacity (mid-level engineer equivalents)", roundMeasure(s.meanCapacity)],
    ["Cost per capacity-month ($)", s.costPerCapacityMonth === null ? null : roundMoney(s.costPerCapacityMonth)],
    ["Lowest mentoring coverage (0-1)", roundMeasure(s.lowestCoverage)],
    ["Steps with juniors per senior out of band", s.stepsRatioOutOfBand],
    ["Steps with mentoring coverage below 1", s.stepsCoverageBelowOne],
    [
      "Skills with fewer than two owners",
      // Text, so no display format can round it: the expected owners to a tenth.
      s.skillsAtRisk
        .map((r) => `${r.skill} (${Number(r.owners.toFixed(1))} expected owner${r.owners === 1 ? "" : "s"})`)
        .join("; "),
    ],
  ];
  if (monteCarlo) {
    rows.push(
      ["Monte Carlo trials", monteCarlo.trials],
      ["Monte Carlo seed", monteCarlo.seed],
      ["Total cost P10 ($)", roundMoney(monteCarlo.horizonCost.p10)],
      ["Total cost P50 ($)", roundMoney(monteCarlo.horizonCost.p50)],
      ["Total cost P90 ($)", roundMoney(monteCarlo.horizonCost.p90)],
      ["Probability juniors per senior stays in band", roundMeasure(monteCarlo.probabilityRatioInBand)],
      ["Probability mentoring coverage never drops below 1", roundMeasure(monteCarlo.probabilityFullCoverage)],
    );
  }
  return { header: ["Measure", "Value"], rows };
}

/**
 * A scenario's goals (MODEL.md section 8, from `goalsInWords`), one row each: the goal as
 * `goalLabel` names it, met or not, `evaluateGoals`'s words (where it falls short), the first
 * month it fails and, when simulated, the share of simulated futures that meet it. No rows when
 * the scenario sets none.
 */
export function goalsTable({ goals }: GoalsInWords, monteCarlo?: Pick<MonteCarloResult, "goals">): Table {
  return {
    header: [
      "Goal",
      "Met",
      "In words",
      "First month it fails (YYYY-MM)",
      ...(monteCarlo ? ["Share of simulated futures meeting it (0-1)"] : []),
    ],
    rows: goals.map((g, i) => [
      g.label,
      g.met ? "yes" : "no",
      g.message,
      g.firstFails ?? "",
      ...(monteCarlo ? [monteCarlo.goals[i]?.probability ?? null] : []),
    ]),
  };
}
