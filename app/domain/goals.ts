/**
 * MODEL.md section 8, goals: whether a projection meets each of its scenario's goals, the first
 * step at which it fails, and how far it falls short (scaled by the goal's target, so that goals
 * of different units add up for the planner's "closest plan"). With teams, the ratio and
 * coverage goals hold for the org and for every team.
 */
import type { Projection, ProjectionRow, TeamRow } from "./projection";
import { stepMonths, type Goals, type Scenario } from "./scenario";

export type GoalKind = "capacity" | "totalCost" | "yearlyCost" | "ratio" | "coverage" | "maxHeadcount";

export interface GoalResult {
  kind: GoalKind;
  met: boolean;
  /** The first step at which it fails (null when met), and that step's first month from the start. */
  firstFailingStep: number | null;
  firstFailingMonth: number | null;
  /** The worst shortfall as a share of the target (0 when met): 0.1 is 10% short of it. */
  shortfall: number;
  /** In words: "Capacity is below 30 from 2027-09 to 2027-11." or "Capacity reaches 30 from 2027-09." */
  message: string;
}

const round = (x: number, digits = 1) => Number(x.toFixed(digits)).toString();
const dollars = (x: number) => `$${Math.round(x).toLocaleString("en-US")}`;

/** Runs of failing rows, as "from 2027-09 to 2027-11" or "in 2027-09" (the first three runs). */
function spans(rows: readonly ProjectionRow[]): string {
  const runs: [ProjectionRow, ProjectionRow][] = [];
  for (const row of rows) {
    const last = runs[runs.length - 1];
    if (last && last[1].step === row.step - 1) last[1] = row;
    else runs.push([row, row]);
  }
  const words = runs.map(([from, to]) => (from === to ? `in ${from.period}` : `from ${from.period} to ${to.period}`));
  return words.length > 3 ? `${words.slice(0, 3).join(", ")} and ${words.length - 3} more times` : words.join(", ");
}

/**
 * Checks every step from `fromStep`: `shortOf(row)` is the row's shortfall as a share of the
 * target (0 or less: the row meets the goal).
 */
function stepGoal(
  kind: GoalKind,
  rows: readonly ProjectionRow[],
  fromStep: number,
  shortOf: (row: ProjectionRow) => number,
  words: { met: string; failing: string },
): GoalResult {
  const failing: ProjectionRow[] = [];
  let shortfall = 0;
  for (const row of rows) {
    if (row.step < fromStep) continue;
    const short = shortOf(row);
    if (short > 1e-12) {
      failing.push(row);
      shortfall = Math.max(shortfall, short);
    }
  }
  const first = failing[0];
  return {
    kind,
    met: first === undefined,
    firstFailingStep: first?.step ?? null,
    firstFailingMonth: first?.monthOffset ?? null,
    shortfall,
    message: first === undefined ? words.met : `${words.failing} ${spans(failing)}.`,
  };
}

/** How far a row's juniors per senior lies outside [low, high], as a share of the nearer end. */
function ratioShort(row: Pick<TeamRow, "juniorsPerSenior" | "juniors">, [low, high]: readonly [number, number]) {
  const r = row.juniorsPerSenior;
  if (r === null) return row.juniors > 0 ? 1 : 0;
  if (r > high) return (r - high) / Math.max(high, 1e-9);
  if (r < low) return (low - r) / Math.max(low, 1e-9);
  return 0;
}

/** Every goal the scenario sets, in the order of MODEL.md's table. */
export function evaluateGoals(scenario: Scenario, projection: Projection): GoalResult[] {
  const goals: Goals | undefined = scenario.goals;
  if (!goals) return [];
  const L = stepMonths(scenario);
  const { rows } = projection;
  const stepOf = (month: number) => Math.floor(month / L);
  const teams = scenario.teams ?? [];
  const bandOf = (teamId: string) =>
    teams.find((t) => t.id === teamId)?.ratioTarget ?? scenario.assumptions.ratioTarget;
  const results: GoalResult[] = [];

  if (goals.capacity) {
    const { atLeast, fromMonth } = goals.capacity;
    results.push(
      stepGoal("capacity", rows, stepOf(fromMonth), (row) => (atLeast > 0 ? (atLeast - row.capacity) / atLeast : 0), {
        met: `Capacity is at least ${round(atLeast)} from ${rows[stepOf(fromMonth)]!.period} on.`,
        failing: `Capacity is below ${round(atLeast)}`,
      }),
    );
  }
  if (goals.budget?.maxTotalCost !== undefined) {
    const max = goals.budget.maxTotalCost;
    const total = projection.summary.totalCost;
    // The first step at which the running total passes the budget.
    const over = rows.find((row) => row.cumulativeCost > max * (1 + 1e-12));
    results.push({
      kind: "totalCost",
      met: over === undefined,
      firstFailingStep: over?.step ?? null,
      firstFailingMonth: over?.monthOffset ?? null,
      shortfall: Math.max(0, (total - max) / max),
      message:
        over === undefined
          ? `The plan costs ${dollars(total)}, within the budget of ${dollars(max)}.`
          : `The plan costs ${dollars(total)}, over the budget of ${dollars(max)} from ${over.period}.`,
    });
  }
  if (goals.budget?.maxLoadedCostPerYear !== undefined) {
    const max = goals.budget.maxLoadedCostPerYear;
    // Plan years: months 0-11, 12-23, ... (a step never straddles one: steps are 1, 3 or 12 months).
    const years = new Map<number, { cost: number; first: ProjectionRow }>();
    for (const row of rows) {
      const year = Math.floor(row.monthOffset / 12);
      const entry = years.get(year);
      if (entry) entry.cost += row.totalCost;
      else years.set(year, { cost: row.totalCost, first: row });
    }
    const overYears = [...years.values()].filter((y) => y.cost > max * (1 + 1e-12));
    const first = overYears[0];
    results.push({
      kind: "yearlyCost",
      met: first === undefined,
      firstFailingStep: first?.first.step ?? null,
      firstFailingMonth: first?.first.monthOffset ?? null,
      shortfall: Math.max(0, ...overYears.map((y) => (y.cost - max) / max)),
      message:
        first === undefined
          ? `Every plan year costs at most ${dollars(max)}.`
          : `${overYears.length} plan year${overYears.length === 1 ? " costs" : "s cost"} more than ${dollars(max)}, the first from ${first.first.period} (${dollars(first.cost)}).`,
    });
  }
  if (goals.ratio) {
    const orgBand = scenario.assumptions.ratioTarget;
    results.push(
      stepGoal(
        "ratio",
        rows,
        stepOf(goals.ratio.fromMonth),
        (row) => {
          let short = ratioShort(row, orgBand);
          for (const team of teams) short = Math.max(short, ratioShort(row.teams![team.id]!, bandOf(team.id)));
          return short;
        },
        {
          met: `Juniors per senior stay in band${teams.length > 0 ? ", in every team," : ""} from ${rows[stepOf(goals.ratio.fromMonth)]!.period} on.`,
          failing: `Juniors per senior are out of band${teams.length > 0 ? " (in the org or a team)" : ""}`,
        },
      ),
    );
  }
  if (goals.coverage) {
    const { atLeast, fromMonth } = goals.coverage;
    const shortOf = (coverage: number) => (atLeast > 0 ? (atLeast - coverage) / atLeast : 0);
    results.push(
      stepGoal(
        "coverage",
        rows,
        stepOf(fromMonth),
        (row) => {
          let short = shortOf(row.coverage);
          for (const team of teams) short = Math.max(short, shortOf(row.teams![team.id]!.coverage));
          return short;
        },
        {
          met: `Mentoring covers at least ${Math.round(atLeast * 100)}% of the need${teams.length > 0 ? " in every team" : ""} from ${rows[stepOf(fromMonth)]!.period} on.`,
          failing: `Mentoring covers less than ${Math.round(atLeast * 100)}% of the need${teams.length > 0 ? " (in the org or a team)" : ""}`,
        },
      ),
    );
  }
  if (goals.maxHeadcount !== undefined) {
    const max = goals.maxHeadcount;
    results.push(
      stepGoal("maxHeadcount", rows, 0, (row) => (row.totalHeadcount - max) / Math.max(max, 1), {
        met: `Headcount stays at or below ${round(max)}.`,
        failing: `Headcount is above ${round(max)}`,
      }),
    );
  }
  return results;
}
