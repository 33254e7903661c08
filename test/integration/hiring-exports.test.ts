/**
 * What hiring asks of the team (MODEL.md section 7) in every download and on compare, worked by
 * hand on one small plan: four settled mid-level engineers who never leave, one Senior Engineer
 * starting in month 3 and two more in month 15, each search 2 months and 100 interview hours, one
 * recruiter who can hire half a person a quarter, first-year attrition 1.5 times the usual.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultLevels, mustParseScenario, SCENARIO_FORMAT, type Scenario } from "~/domain";
import { loader as compareLoader } from "~/routes/compare";
import { loader as compareCsvLoader } from "~/routes/compare[.csv]";
import { loader as compareXlsxLoader } from "~/routes/compare[.xlsx]";
import { loader as projectionCsvLoader } from "~/routes/scenarios.$scenarioId[.csv]";
import { loader as workbookLoader } from "~/routes/scenarios.$scenarioId[.xlsx]";
import { loader as reportLoader } from "~/routes/scenarios.$scenarioId_.report";
import { getScenario, createScenario, listScenarios } from "~/services/scenarios.server";
import { NOT_CHECKED, NOT_COUNTED, RECRUITER_ROW } from "~/services/exports.server";
import { getDb } from "~/utils/db.server";
import { readWorkbook } from "../setup/files";
import { getRequest, routeArgs } from "../setup/requests";

const WEEKS_A_MONTH = 52 / 12;
/** The hire's attrition in their first year: 0.18 x 1.5 a year. */
const FIRST_YEAR = 0.18 * 1.5;

function plan(name: string, horizonMonths: number, hiring: Scenario["assumptions"]["hiring"] | undefined): Scenario {
  return mustParseScenario({
    format: SCENARIO_FORMAT,
    name,
    start: "2027-01",
    horizonMonths,
    levels: defaultLevels().map((l) => ({
      ...l,
      annualAttrition: l.id === "L4" ? 0.18 : 0,
      annualPromotion: 0,
      ...(l.id === "L4" ? { timeToFillMonths: 2, interviewHours: 100 } : {}),
    })),
    team: [{ level: "L3", count: 4, salary: 120_000 }],
    plan: [
      { type: "hire", level: "L4", count: 1, month: 3 },
      ...(horizonMonths > 15 ? [{ type: "hire", level: "L4", count: 2, month: 15 }] : []),
    ],
    assumptions: { backfill: { enabled: false, useTimeToFill: true }, ...(hiring ? { hiring } : {}) },
  });
}

const dir = mkdtempSync(join(tmpdir(), "teamshape-hiring-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let hiring: number;
let unchecked: number;
beforeAll(async () => {
  const db = await getDb();
  hiring = await createScenario(db, {
    scenario: plan("Seniors with one recruiter", 24, {
      firstYearAttritionMultiplier: 1.5,
      recruiters: 1,
      hiresPerRecruiterPerQuarter: 0.5,
      maxGrowthPerQuarter: 1 / 3,
    }),
    source: "roster",
  });
  unchecked = await createScenario(db, {
    scenario: plan("A year, no recruiters set", 12, undefined),
    source: "roster",
  });
});

const csvOf = async (response: Response) =>
  parse<Record<string, string>>(await response.text(), { bom: true, columns: true });

describe("the scenario CSV", () => {
  it("carries each month's interview hours, their share of an interviewer's week and first-year leavers", async () => {
    const rows = await csvOf(
      await projectionCsvLoader(routeArgs(getRequest(`/scenarios/${hiring}.csv`), { scenarioId: String(hiring) })),
    );
    const hours = rows.map((r) => Number(r["Interviewing (engineer hours)"]));
    // 100 hours over the two months before month 3; 2 x 100 over the two before month 15.
    expect(hours).toEqual(hours.map((_, m) => (m === 1 || m === 2 ? 50 : m === 13 || m === 14 ? 100 : 0)));
    expect(Number(rows[1]!["Interviewing (hours/week)"])).toBeCloseTo(50 / WEEKS_A_MONTH, 5);
    // Four interviewers in month 1, each 40 hours a week.
    expect(Number(rows[1]!["Interviewing, share of each interviewer's week (0-1)"])).toBeCloseTo(
      50 / WEEKS_A_MONTH / (4 * 40),
      5,
    );
    // The first hire's first year is months 3 to 14; the second pair's, months 15 to 23.
    const firstYear = rows.reduce((sum, r) => sum + Number(r["First-year leavers"]), 0);
    expect(firstYear).toBeCloseTo(1 - (1 - FIRST_YEAR) + 2 * (1 - (1 - FIRST_YEAR) ** (9 / 12)), 5);
    expect(rows.every((r) => r["Interviews nobody can take"] === "no")).toBe(true);
  });

  it("on the demo, backfills and planned hires add up to the joiners, and a team's row leaves interviews to the org", async () => {
    const db = await getDb();
    const { id } = (await listScenarios(db)).find((s) => s.name === "Hire 2 seniors")!;
    const { scenario } = (await getScenario(db, { id }))!;
    const all = await csvOf(
      await projectionCsvLoader(routeArgs(getRequest(`/scenarios/${id}.csv`), { scenarioId: String(id) })),
    );
    const org = all.filter((r) => r.Team === "Whole org");
    const sum = (field: string) => org.reduce((s, r) => s + Number(r[field]), 0);
    const hires = scenario.plan.reduce((n, e) => n + (e.type === "hire" ? e.count : 0), 0);
    expect(sum("Backfill hires")).toBeGreaterThan(0);
    expect(sum("Backfill hires") + hires).toBeCloseTo(sum("Joiners"), 5);
    const team = all.find((r) => r.Team !== "Whole org")!;
    expect(team["Interviewing (engineer hours)"]).toBe("");
    expect(team["Backfill hires"]).toBe("");
  });
});

describe("the workbook", () => {
  it("has interview hours and share per month on the Projection sheet, and the hiring assumptions in the ledger in words", async () => {
    const response = await workbookLoader(
      routeArgs(getRequest(`/scenarios/${hiring}.xlsx`), { scenarioId: String(hiring) }),
    );
    const path = join(dir, "hiring.xlsx");
    writeFileSync(path, new Uint8Array(await response.arrayBuffer()));
    const workbook = await readWorkbook(path);

    const projection = workbook.getWorksheet("Projection")!;
    const header = (projection.getRow(1).values as unknown[]).slice(1);
    const column = (name: string) => header.indexOf(name) + 1;
    const hours = column("Interviewing (engineer hours)");
    const share = column("Interviewing, share of each interviewer's week (%)");
    expect(hours).toBeGreaterThan(0);
    expect(share).toBeGreaterThan(0);
    expect(projection.getRow(3).getCell(hours).value).toBe(50); // 2027-02
    expect(projection.getRow(15).getCell(hours).value).toBe(100); // 2028-02
    expect(projection.getRow(3).getCell(share).value as number).toBeCloseTo(50 / WEEKS_A_MONTH / 160, 6);
    expect(projection.getRow(3).getCell(share).numFmt).toContain("%");

    const summary = workbook.getWorksheet("Summary")!;
    const figure = (label: string) =>
      summary
        .getRows(2, summary.rowCount)!
        .find((r) => r.getCell(1).value === label)
        ?.getCell(2).value;
    expect(figure("Interviewing (engineer hours)")).toBe(300);

    const ledger = workbook.getWorksheet("Assumptions ledger")!;
    const entries = new Map<string, [unknown, unknown, unknown]>();
    ledger.eachRow(
      (row, n) =>
        n > 1 && entries.set(row.getCell(4).text, [row.getCell(1).value, row.getCell(2).value, row.getCell(3).value]),
    );
    expect(entries.get("levels.L4.timeToFillMonths")).toEqual([
      "L4 Senior Engineer: time to fill (months)",
      2,
      "scenario",
    ]);
    // 100 hours is the recommended figure of the default ladder's L4.
    expect(entries.get("levels.L4.interviewHours")).toEqual([
      "L4 Senior Engineer: interview hours per hire",
      100,
      "default",
    ]);
    // Left out, a level's hiring figures are 0.
    expect(entries.get("levels.L1.timeToFillMonths")).toEqual([
      "L1 Junior Engineer: time to fill (months)",
      0,
      "default",
    ]);
    expect(entries.get("assumptions.backfill.useTimeToFill")).toEqual([
      "Backfill delay is the level's time to fill",
      true,
      "scenario",
    ]);
    expect(entries.get("assumptions.hiring.firstYearAttritionMultiplier")).toEqual([
      "First-year attrition, times the usual rate",
      1.5,
      "scenario",
    ]);
    expect(entries.get("assumptions.hiring.recruiters")).toEqual(["Recruiters", 1, "scenario"]);
    expect(entries.get("assumptions.hiring.hiresPerRecruiterPerQuarter")).toEqual([
      "Hires a recruiter can make a quarter",
      0.5,
      "scenario",
    ]);
    const growth = ledger
      .getRows(2, ledger.rowCount)!
      .find((r) => r.getCell(4).text === "assumptions.hiring.maxGrowthPerQuarter")!;
    expect(growth.getCell(1).value).toBe("Most growth a quarter, share of the headcount at its start (%)");
    expect(growth.getCell(2).value as number).toBeCloseTo(1 / 3, 9);
    expect(growth.getCell(3).value).toBe("default");
    expect(growth.getCell(2).numFmt).toContain("%");
  });

  it("says a scenario without hiring checks has none set, and none of its figures are the scenario's own", async () => {
    const response = await workbookLoader(
      routeArgs(getRequest(`/scenarios/${unchecked}.xlsx`), { scenarioId: String(unchecked) }),
    );
    const path = join(dir, "unchecked.xlsx");
    writeFileSync(path, new Uint8Array(await response.arrayBuffer()));
    const ledger = (await readWorkbook(path)).getWorksheet("Assumptions ledger")!;
    const rows = ledger
      .getRows(2, ledger.rowCount - 1)!
      .map((r) => [r.getCell(4).text, r.getCell(2).value, r.getCell(3).value] as const);
    expect(rows).toContainEqual(["assumptions.hiring", "not set", "default"]);
    expect(rows.filter(([field]) => field.startsWith("assumptions.hiring."))).toEqual([]);
  });
});

describe("comparing plans that hire", () => {
  // The 24-month plan over the 12 months both cover: only its first hire and its first four quarters.
  const peakShare = 50 / WEEKS_A_MONTH / (4 * 40);
  const firstYearInWindow = 1 - (1 - FIRST_YEAR) ** (9 / 12);

  it("the page: peak interview load, first-year leavers and quarters over the recruiters, over the window only", async () => {
    const response = await compareLoader(
      routeArgs(getRequest(`/compare?ids=${hiring},${unchecked}&baseline=${unchecked}`)),
    );
    const data = response;
    const [withRecruiter, without] = data.compared;
    expect(withRecruiter!.hiring).toMatchObject({
      interviewHours: 100,
      quartersOverRecruiters: 1,
      quarters: 4,
    });
    expect(withRecruiter!.hiring.peakInterviewShare).toBeCloseTo(peakShare, 9);
    expect(withRecruiter!.hiring.peakInterviewHoursPerWeek).toBeCloseTo(50 / WEEKS_A_MONTH, 9);
    expect(withRecruiter!.hiring.firstYearLeavers).toBeCloseTo(firstYearInWindow, 9);
    // No recruiters set: not checked; no first-year multiplier: first-year leavers are not counted apart.
    expect(without!.hiring.quartersOverRecruiters).toBeNull();
    expect(without!.hiring.firstYearLeavers).toBeNull();
    expect(data.verdicts[0]).toMatch(/; more joiners than the recruiters can hire in 1 of 4 quarters\.$/);
    expect(data.verdicts[1]).not.toContain("more joiners");
  });

  it("the CSV and the workbook: the same rows, and the recruiter check reads 'not checked' where no recruiters are set", async () => {
    const query = `ids=${hiring},${unchecked}&baseline=${unchecked}`;
    const rows = await csvOf(await compareCsvLoader(routeArgs(getRequest(`/compare.csv?${query}`))));
    const row = (measure: string) => rows.find((r) => r.Measure === measure)!;
    const [a, b] = ["Seniors with one recruiter", "A year, no recruiters set"];
    expect(row(RECRUITER_ROW)[a]).toBe("1");
    expect(row(RECRUITER_ROW)[b]).toBe(NOT_CHECKED);
    expect(row(RECRUITER_ROW)[`${a} minus ${b}`]).toBe("");
    expect(Number(row("Interviewing (engineer hours)")[a])).toBe(100);
    expect(Number(row("Peak interviewing, share of each interviewer's week (0-1)")[a])).toBeCloseTo(peakShare, 5);
    expect(Number(row("First-year leavers")[a])).toBeCloseTo(firstYearInWindow, 5);
    expect(row("First-year leavers")[b]).toBe(NOT_COUNTED);
    expect(Number(row("Months whose interviews nobody can take")[a])).toBe(0);

    const response = await compareXlsxLoader(routeArgs(getRequest(`/compare.xlsx?${query}`)));
    const path = join(dir, "compare.xlsx");
    writeFileSync(path, new Uint8Array(await response.arrayBuffer()));
    const sheet = (await readWorkbook(path)).getWorksheet("Comparison")!;
    const find = (label: string) => sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === label)!;
    expect(find(RECRUITER_ROW).getCell(2).value).toBe(1);
    expect(find(RECRUITER_ROW).getCell(3).value).toBe(NOT_CHECKED);
    expect(find("Peak interviewing, share of each interviewer's week (%)").getCell(2).numFmt).toContain("%");
  });
});

describe("the report's Hiring section", () => {
  it("says when each search opens, the busiest quarter's interviews, joiners against the limits, and first-year leavers", async () => {
    const data = await reportLoader(
      routeArgs(getRequest(`/scenarios/${hiring}/report`), { scenarioId: String(hiring) }),
    );
    expect(data.hiring.searches).toEqual([
      "To start 1 Senior Engineer in Apr 2027, open the search by Feb 2027.",
      "To start 2 Senior Engineers in Apr 2028, open both searches by Feb 2028.",
    ]);
    // Jan to Mar 2028 holds 200 hours: 200 / (3 months x 52/12 weeks x 40 hours) = 0.38 of an engineer.
    expect(data.hiring.busiestQuarter).toBe(
      "Interviews from Jan 2028 to Mar 2028 take about 200 hours: 0.4 of an engineer's time for the quarter.",
    );
    expect(data.hiring.firstYearLeavers).toBeCloseTo(FIRST_YEAR + 2 * firstYearIn(9), 9);
    expect(data.hiring.joiners).toBe(
      "Apr 2028 to Jun 2028 has the most joiners: 2; 2 quarters go past what 1 recruiter can hire or a third of the team:",
    );
    const { header, rows } = data.hiring.overLimits;
    expect(header).toEqual([
      "Quarter",
      "People joining",
      "People the recruiters can hire",
      "Most joiners a third of the team allows",
    ]);
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ["Apr 2027 to Jun 2027", 1, 0.5],
      ["Apr 2028 to Jun 2028", 2, 0.5],
    ]);
    // A third of the four at the start of Apr 2027.
    expect(rows[0]![3] as number).toBeCloseTo(4 / 3, 5);
  });
});

function firstYearIn(months: number): number {
  return 1 - (1 - FIRST_YEAR) ** (months / 12);
}
