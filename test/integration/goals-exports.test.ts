/**
 * Goals (MODEL.md section 8) everywhere but the scenario page, worked by hand on small plans:
 * four settled mid-level engineers at $120,000 who never leave or get promoted, no raises, 25%
 * overhead, no plan. Each month costs 4 x 120,000 x 1.25 / 12 = $50,000: $600,000 a plan year;
 * capacity is 4 and headcount 4 throughout.
 *
 * "Four goals" sets: capacity of at least 2 from month 3 (met), a total cost of at most $2M over
 * its 12 months ($600k: met), at most $100k a plan year (not met) and at most 3 people (not met).
 * "Two years" (24 months) sets capacity of at least 2 (met) and a total cost of at most $1M: its
 * own 24 months cost $1.2M (not met, from the month the running total passes $1M: month 20,
 * 2028-09), while the 12 months it shares with "Four goals" cost $600k (it would be met there).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultLevels, mustParseScenario, SCENARIO_FORMAT, type Goals, type Scenario } from "~/domain";
import { loader as compareLoader } from "~/routes/compare";
import { loader as compareReportLoader } from "~/routes/compare_.report";
import { loader as compareCsvLoader } from "~/routes/compare[.csv]";
import { loader as compareXlsxLoader } from "~/routes/compare[.xlsx]";
import { loader as projectionCsvLoader } from "~/routes/scenarios.$scenarioId[.csv]";
import { loader as workbookLoader } from "~/routes/scenarios.$scenarioId[.xlsx]";
import { loader as reportLoader } from "~/routes/scenarios.$scenarioId_.report";
import { createScenario } from "~/services/scenarios.server";
import { GOALS_ROW } from "~/services/exports.server";
import { getDb } from "~/utils/db.server";
import { readWorkbook } from "../setup/files";
import { getRequest, routeArgs } from "../setup/requests";

function plan(name: string, horizonMonths: number, goals?: Goals): Scenario {
  return mustParseScenario({
    format: SCENARIO_FORMAT,
    name,
    start: "2027-01",
    horizonMonths,
    levels: defaultLevels().map((l) => ({ ...l, annualAttrition: 0, annualPromotion: 0 })),
    team: [{ level: "L3", count: 4, salary: 120_000 }],
    plan: [],
    assumptions: { overheadRate: 0.25, annualRaiseRate: 0, backfill: { enabled: false } },
    ...(goals ? { goals } : {}),
  });
}

const FOUR_GOALS: Goals = {
  capacity: { atLeast: 2, fromMonth: 3 },
  budget: { maxTotalCost: 2_000_000, maxLoadedCostPerYear: 100_000 },
  maxHeadcount: 3,
};
const TWO_YEARS: Goals = { capacity: { atLeast: 2, fromMonth: 0 }, budget: { maxTotalCost: 1_000_000 } };
const LABELS = {
  capacity: "capacity of at least 2 from 2027-04",
  totalCost: "a total cost of at most $2M",
  yearlyCost: "at most $100k a plan year",
  headcount: "at most 3 people",
};

const dir = mkdtempSync(join(tmpdir(), "teamshape-goals-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let four: number;
let twoYears: number;
let none: number;
beforeAll(async () => {
  const db = await getDb();
  four = await createScenario(db, { scenario: plan("Four goals", 12, FOUR_GOALS), source: "roster" });
  twoYears = await createScenario(db, { scenario: plan("Two years", 24, TWO_YEARS), source: "roster" });
  none = await createScenario(db, { scenario: plan("No goals", 12), source: "roster" });
});

async function saved(response: Response, name: string) {
  const path = join(dir, name);
  writeFileSync(path, new Uint8Array(await response.arrayBuffer()));
  return readWorkbook(path);
}

const csvOf = async (response: Response) =>
  parse<Record<string, string>>(await response.text(), { bom: true, columns: true });

describe("the scenario workbook's Goals sheet", () => {
  it("lists each goal in words, met or not, where it fails, and how often simulated futures meet it", async () => {
    const workbook = await saved(
      await workbookLoader(routeArgs(getRequest(`/scenarios/${four}.xlsx`), { scenarioId: String(four) })),
      "four.xlsx",
    );
    const sheet = workbook.getWorksheet("Goals")!;
    expect(sheet).toBeDefined();
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      "Goal",
      "Met",
      "In words",
      "First month it fails (YYYY-MM)",
      "Share of simulated futures meeting it (%)",
    ]);
    const rows = sheet.getRows(2, sheet.rowCount - 1)!.map((r) => (r.values as unknown[]).slice(1));
    // Nobody leaves, is promoted or is hired: every simulated future is the projection, so a goal
    // met is met in all of them and one missed in none.
    expect(rows.map((r) => [r[0], r[1], r[3] ?? "", r[4]])).toEqual([
      [LABELS.capacity, "yes", "", 1],
      [LABELS.totalCost, "yes", "", 1],
      [LABELS.yearlyCost, "no", "2027-01", 0],
      [LABELS.headcount, "no", "2027-01", 0],
    ]);
    expect(rows[1]![2]).toBe("The plan costs $600,000, within the budget of $2,000,000.");
    expect(rows[2]![2]).toBe("1 plan year costs more than $100,000, the first from 2027-01 ($600,000).");
    expect(rows[3]![2]).toBe("Headcount is above 3 from 2027-01 to 2027-12.");
    expect(sheet.getRow(2).getCell(5).numFmt).toContain("%");
  });

  it("has no Goals sheet for a plan that sets none", async () => {
    const workbook = await saved(
      await workbookLoader(routeArgs(getRequest(`/scenarios/${none}.xlsx`), { scenarioId: String(none) })),
      "none.xlsx",
    );
    expect(workbook.getWorksheet("Goals")).toBeUndefined();
  });
});

describe("the projection CSV", () => {
  it("has a column per goal: whether each month meets it, blank before the month it is asked from", async () => {
    const rows = await csvOf(
      await projectionCsvLoader(routeArgs(getRequest(`/scenarios/${four}.csv`), { scenarioId: String(four) })),
    );
    expect(rows).toHaveLength(12);
    const column = (label: string) => rows.map((r) => r[`Goal met: ${label}`]);
    expect(column(LABELS.capacity)).toEqual([...Array(3).fill(""), ...Array(9).fill("yes")]);
    expect(column(LABELS.totalCost)).toEqual(Array(12).fill("yes"));
    expect(column(LABELS.yearlyCost)).toEqual(Array(12).fill("no"));
    expect(column(LABELS.headcount)).toEqual(Array(12).fill("no"));
  });

  it("marks a total budget missed from the month the running total passes it", async () => {
    const rows = await csvOf(
      await projectionCsvLoader(routeArgs(getRequest(`/scenarios/${twoYears}.csv`), { scenarioId: String(twoYears) })),
    );
    // $50,000 a month: 20 months make $1,000,000 (within), the 21st passes it.
    expect(rows.map((r) => r["Goal met: a total cost of at most $1M"])).toEqual([
      ...Array(20).fill("yes"),
      ...Array(4).fill("no"),
    ]);
  });
});

describe("the scenario report", () => {
  it("lists the goals with their likelihood", async () => {
    const data = await reportLoader(routeArgs(getRequest(`/scenarios/${four}/report`), { scenarioId: String(four) }));
    expect(data.goals).toMatchObject({ total: 4, met: 2 });
    expect(data.goals.goals.map((g) => [g.label, g.met])).toEqual([
      [LABELS.capacity, true],
      [LABELS.totalCost, true],
      [LABELS.yearlyCost, false],
      [LABELS.headcount, false],
    ]);
    expect(data.monteCarlo?.goals.map((g) => g.probability)).toEqual([1, 1, 0, 0]);
  });
});

describe("comparing plans with goals", () => {
  const query = () => `ids=${four},${twoYears},${none}&baseline=${four}`;

  it("the page: each plan's goals met, judged over its own months, and the verdict names a miss", async () => {
    const data = await compareLoader(routeArgs(getRequest(`/compare?${query()}`)));
    expect(data.windowCut).toBe(true);
    const [a, b, c] = data.compared.map((x) => x.goals);
    expect([a!.met, a!.total, b!.met, b!.total, c!.total]).toEqual([2, 4, 1, 2, 0]);
    // Judged over its own 24 months ($1.2M), not the 12 compared ($600k, within $1M).
    expect(b!.goals.find((g) => !g.met)!.message).toBe(
      "The plan costs $1,200,000, over the budget of $1,000,000 from 2028-09.",
    );
    expect(data.verdicts[0]).toMatch(/^Four goals \(the baseline\): misses 2 of 4 goals; /);
    expect(data.verdicts[1]).toMatch(/^Two years: about the same cost and capacity; misses 1 of 2 goals; /);
    // The same team and no goals: nothing said of goals.
    expect(data.verdicts[2]).toBe("No goals: about the same cost and capacity; juniors per senior in band throughout.");
  });

  it("the CSV and the workbook: a goals row and each plan's goals", async () => {
    const rows = await csvOf(await compareCsvLoader(routeArgs(getRequest(`/compare.csv?${query()}`))));
    const goals = rows.find((r) => r.Measure === GOALS_ROW)!;
    expect(goals["Four goals"]).toBe(
      "2 of 4: 1 plan year costs more than $100,000, the first from 2027-01 ($600,000). Headcount is above 3 from 2027-01 to 2027-12.",
    );
    expect(goals["Two years"]).toBe("1 of 2: The plan costs $1,200,000, over the budget of $1,000,000 from 2028-09.");
    expect(goals["No goals"]).toBe("No goals set");
    expect(goals["Two years minus Four goals"]).toBe("");

    const workbook = await saved(await compareXlsxLoader(routeArgs(getRequest(`/compare.xlsx?${query()}`))), "c.xlsx");
    const comparison = workbook.getWorksheet("Comparison")!;
    const row = comparison.getRows(2, comparison.rowCount - 1)!.find((r) => r.getCell(1).value === GOALS_ROW)!;
    expect(row.getCell(3).value).toBe(goals["Two years"]);
    const sheet = workbook.getWorksheet("Goals")!;
    const listed = sheet
      .getRows(2, sheet.rowCount - 1)!
      .map((r) => [r.getCell(1).value, r.getCell(2).value, r.getCell(3).value]);
    expect(listed).toEqual([
      ["Four goals", LABELS.capacity, "yes"],
      ["Four goals", LABELS.totalCost, "yes"],
      ["Four goals", LABELS.yearlyCost, "no"],
      ["Four goals", LABELS.headcount, "no"],
      ["Two years", "capacity of at least 2 from 2027-01", "yes"],
      ["Two years", "a total cost of at most $1M", "no"],
    ]);
  });

  it("the report: the goals row and each plan's goals", async () => {
    const data = await compareReportLoader(routeArgs(getRequest(`/compare/report?${query()}`)));
    expect(data.goalsOwnMonths).toBe(true);
    expect(data.compared.map((c) => `${c.goals.met} of ${c.goals.total}`)).toEqual(["2 of 4", "1 of 2", "0 of 0"]);
  });
});
