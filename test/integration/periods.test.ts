/**
 * Fiscal quarters and years end to end on a real database: the admin's fiscal year setting, the
 * CSV's ?by=quarter and ?by=year, the workbook's By quarter and By year sheets and the report,
 * each checked against sums of the scenario's own monthly rows.
 */
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { atBandMidpoints, projectScenario, teamNamer, teamView, type FiscalPeriod, type ViewRow } from "~/domain";
import * as admin from "~/routes/admin._index";
import * as scenarioPage from "~/routes/scenarios.$scenarioId";
import * as scenarioCsv from "~/routes/scenarios.$scenarioId[.csv]";
import * as workbook from "~/routes/scenarios.$scenarioId[.xlsx]";
import * as report from "~/routes/scenarios.$scenarioId_.report";
import { listAudit } from "~/services/audit.server";
import { getScenario, listScenarios } from "~/services/scenarios.server";
import { getWorkspace } from "~/services/workspace.server";
import { getDb } from "~/utils/db.server";
import { dataOf, formRequest, getRequest, routeArgs, thrownResponse } from "../setup/requests";

type Result = { ok: boolean; message: string; errors?: Record<string, string>; values?: Record<string, string> };

async function setFiscalYear(value: string, as: "admin" | "planner" = "admin") {
  return dataOf<Result>(
    await admin.action(
      routeArgs(formRequest("/admin", { intent: "fiscal-year", fiscalYearStartMonth: value }, { as })),
    ),
  );
}

async function demoScenario(name = "Hire 4 juniors") {
  const db = await getDb();
  const { id } = (await listScenarios(db)).find((s) => s.name === name)!;
  return { id, scenario: (await getScenario(db, { id }))!.scenario };
}

/** The fiscal year (April start) and quarter of a `YYYY-MM` month, worked out here on their own. */
function aprilPeriod(month: string, by: "year" | "quarter"): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  const fy = m >= 4 ? year + 1 : year;
  return by === "year" ? `FY${fy}` : `FY${fy} Q${Math.floor(((m + 8) % 12) / 3) + 1}`;
}

/** Each period's sums straight from monthly rows (the demo's steps are months). */
function sumsByPeriod(rows: readonly ViewRow[], by: "year" | "quarter") {
  const sums = new Map<string, { months: number; total: number; payroll: number; hires: number; end: number }>();
  for (const row of rows) {
    const key = aprilPeriod(row.period, by);
    const s = sums.get(key) ?? { months: 0, total: 0, payroll: 0, hires: 0, end: 0 };
    s.months += 1;
    s.total += row.totalCost;
    s.payroll += row.payroll;
    s.hires += row.joiners;
    s.end = row.totalHeadcount;
    sums.set(key, s);
  }
  return sums;
}

describe("the fiscal year setting", () => {
  it("starts in January, and an admin moves it to April: saved, audited, and read through the cached workspace", async () => {
    const db = await getDb();
    expect((await getWorkspace(db)).fiscalYearStartMonth).toBe(1);
    const page = dataOf<{ fiscalYearStartMonth: number }>(await admin.loader(routeArgs(getRequest("/admin")))).data;
    expect(page.fiscalYearStartMonth).toBe(1);

    const saved = await setFiscalYear("4");
    expect(saved.status).toBe(200);
    expect(saved.data.message).toContain("now starts in April");
    expect((await getWorkspace(db)).fiscalYearStartMonth).toBe(4);
    const [entry] = await listAudit(db, { entity: "workspace" });
    expect(entry!.summary).toBe("The fiscal year now starts in April (it started in January)");
    expect(JSON.parse(entry!.before!)).toEqual({ fiscalYearStartMonth: 1 });
    expect(JSON.parse(entry!.after!)).toEqual({ fiscalYearStartMonth: 4 });
  });

  it.each(["13", "0", "4.5", "April", ""])(
    "refuses %j, naming the field and keeping what was sent; nothing changes",
    async (value) => {
      const before = (await listAudit(await getDb())).length;
      const refused = await setFiscalYear(value);
      expect(refused.status).toBe(400);
      expect(refused.data.ok).toBe(false);
      expect(refused.data.errors?.fiscalYearStartMonth).toBe(
        "Choose the month the fiscal year starts in, from January to December",
      );
      expect(refused.data.values?.fiscalYearStartMonth).toBe(value);
      expect((await getWorkspace(await getDb())).fiscalYearStartMonth).toBe(4);
      expect((await listAudit(await getDb())).length).toBe(before);
    },
  );

  it("is an admin's: a planner's post is refused", async () => {
    const refused = await thrownResponse(() => setFiscalYear("7", "planner"));
    expect(refused.status).toBe(403);
    expect((await getWorkspace(await getDb())).fiscalYearStartMonth).toBe(4);
  });

  it("reaches the scenario page, which recomputes periods in the browser", async () => {
    const { id } = await demoScenario();
    const page = dataOf<{ fiscalYearStartMonth: number; today: string }>(
      await scenarioPage.loader(routeArgs(getRequest(`/scenarios/${id}`, { as: "planner" }), { scenarioId: `${id}` })),
    ).data;
    expect(page.fiscalYearStartMonth).toBe(4);
    expect(page.today).toMatch(/^\d{4}-\d{2}$/);
  });
});

// The fiscal year starts in April from here on (set by the first describe).
describe("periods in the downloads and the report, against the scenario's own rows", () => {
  async function csv(id: number, query: string, as: "planner" | "viewer" = "planner") {
    const response = await scenarioCsv.loader(
      routeArgs(getRequest(`/scenarios/${id}.csv${query}`, { as }), { scenarioId: String(id) }),
    );
    return { response, rows: parse<Record<string, string>>(await response.text(), { bom: true, columns: true }) };
  }

  it.each(["quarter", "year"] as const)("the CSV ?by=%s: one row per period for the org and each team", async (by) => {
    const { id, scenario } = await demoScenario();
    const { response, rows } = await csv(id, `?by=${by}`);
    expect(response.headers.get("Content-Disposition")).toContain(`-by-${by}.csv`);
    const projection = projectScenario(scenario);
    const teamName = teamNamer(scenario);
    const views: [string, readonly ViewRow[]][] = [
      ["Whole org", projection.rows],
      ...projection.teamIds.map((t): [string, ViewRow[]] => [teamName(t), teamView(projection, t)!.rows]),
    ];
    for (const [team, viewRows] of views) {
      const expected = sumsByPeriod(viewRows, by);
      const got = rows.filter((r) => r.Team === team);
      const label = by === "year" ? "Fiscal year" : "Fiscal quarter";
      expect(got.map((r) => r[label])).toEqual([...expected.keys()]);
      for (const row of got) {
        const e = expected.get(row[label]!)!;
        expect(Number(row["Months in the plan"])).toBe(e.months);
        expect(Number(row["Months in the period"])).toBe(by === "year" ? 12 : 3);
        expect(Number(row["Total cost ($)"])).toBeCloseTo(e.total, 1);
        expect(Number(row["Payroll ($)"])).toBeCloseTo(e.payroll, 1);
        expect(Number(row.Hires)).toBeCloseTo(e.hires, 5);
        expect(Number(row["Headcount at the end"])).toBeCloseTo(e.end, 5);
      }
    }
    // Every month of the plan lands in one period.
    const org = rows.filter((r) => r.Team === "Whole org");
    expect(org.reduce((n, r) => n + Number(r["Months in the plan"]), 0)).toBe(scenario.horizonMonths);
  });

  it("the CSV refuses an unknown ?by, naming it", async () => {
    const { id } = await demoScenario();
    const refused = await thrownResponse(() =>
      scenarioCsv.loader(routeArgs(getRequest(`/scenarios/${id}.csv?by=week`), { scenarioId: String(id) })),
    );
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('by: must be "quarter" or "year"');
  });

  it("the workbook's By quarter and By year sheets: numbers as money, summing the scenario's rows", async () => {
    const { id, scenario } = await demoScenario();
    const response = await workbook.loader(
      routeArgs(getRequest(`/scenarios/${id}.xlsx`, { as: "planner" }), { scenarioId: String(id) }),
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    const names = book.worksheets.map((s) => s.name);
    expect(names.slice(names.indexOf("Projection"), names.indexOf("Projection") + 3)).toEqual([
      "Projection",
      "By quarter",
      "By year",
    ]);
    const projection = projectScenario(scenario);
    for (const [sheetName, by] of [
      ["By quarter", "quarter"],
      ["By year", "year"],
    ] as const) {
      const sheet = book.getWorksheet(sheetName)!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
      const col = (name: string) => header.indexOf(name) + 1;
      const expected = sumsByPeriod(projection.rows, by);
      const org = sheet.getRows(2, sheet.rowCount - 1)!.filter((r) => r.getCell(1).value === "Whole org");
      expect(org.map((r) => r.getCell(2).value)).toEqual([...expected.keys()]);
      for (const row of org) {
        const e = expected.get(row.getCell(2).text)!;
        const total = row.getCell(col("Total cost ($)"));
        expect(typeof total.value).toBe("number");
        expect(total.value as number).toBeCloseTo(e.total, 1);
        expect(total.numFmt).toContain("$");
        expect(row.getCell(col("Hires")).value as number).toBeCloseTo(e.hires, 5);
        expect(row.getCell(col("Headcount at the end")).value as number).toBeCloseTo(e.end, 5);
        expect(row.getCell(col("Months in the plan")).value).toBe(e.months);
      }
    }
  });

  it("the report's years and quarters: a viewer's are the sums of what a viewer's rows say, priced at band midpoints", async () => {
    const { id, scenario } = await demoScenario();
    type Page = { periods: { years: FiscalPeriod[]; quarters: FiscalPeriod[]; fiscalYearStartMonth: number } };
    const load = async (as: "planner" | "viewer") =>
      JSON.parse(
        JSON.stringify(
          await report.loader(routeArgs(getRequest(`/scenarios/${id}/report`, { as }), { scenarioId: String(id) })),
        ),
      ) as Page;
    const [planner, viewer] = [await load("planner"), await load("viewer")];
    expect(viewer.periods.fiscalYearStartMonth).toBe(4);
    for (const [page, rows] of [
      [planner, projectScenario(scenario).rows],
      [viewer, projectScenario(atBandMidpoints(scenario)).rows],
    ] as const) {
      const years = sumsByPeriod(rows, "year");
      expect(page.periods.years.map((p) => p.name)).toEqual([...years.keys()]);
      for (const p of page.periods.years) expect(p.payroll).toBeCloseTo(years.get(p.name)!.payroll, 6);
      expect(page.periods.quarters.map((p) => p.name)).toEqual([...sumsByPeriod(rows, "quarter").keys()]);
    }
    // The demo's salaries are not its bands' midpoints: the viewer's figures are not the planner's.
    expect(viewer.periods.years[1]!.payroll).not.toBeCloseTo(planner.periods.years[1]!.payroll, 0);
  });
});
