import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { addMonths, fiscalYearOf, projectScenario, teamView } from "~/domain";
import { loader as compareLoader } from "~/routes/compare";
import { loader as compareCsvLoader } from "~/routes/compare[.csv]";
import { loader as compareXlsxLoader } from "~/routes/compare[.xlsx]";
import { loader as compareReportLoader } from "~/routes/compare_.report";
import { loader as reportLoader } from "~/routes/scenarios.$scenarioId_.report";
import { loader as reportPdfLoader } from "~/routes/scenarios.$scenarioId_.report[.pdf]";
import { loadComparison } from "~/services/comparison.server";
import { createScenarioFromRoster, listScenarios, saveScenario, getScenario } from "~/services/scenarios.server";
import { getDb } from "~/utils/db.server";
import { getRequest, routeArgs, thrownResponse } from "../setup/requests";
import type { User } from "~/services/auth.server";

async function twoScenarios() {
  const db = await getDb();
  const [a, b] = await listScenarios(db);
  return { db, a: (await getScenario(db, { id: a!.id }))!, b: (await getScenario(db, { id: b!.id }))! };
}

describe("comparison downloads", () => {
  it("CSV: a column per scenario and the difference from the chosen baseline, per measure with units", async () => {
    const { a, b } = await twoScenarios();
    const response = await compareCsvLoader(
      routeArgs(getRequest(`/compare.csv?ids=${a.id}&ids=${b.id}&baseline=${b.id}`)),
    );
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /filename="teamshape-compare-[a-z0-9-]+-vs-[a-z0-9-]+-\d{4}-\d{2}\.csv"/,
    );
    const rows = parse<Record<string, string>>(await response.text(), { bom: true, columns: true });
    const cost = rows.find((r) => r.Measure === "Total cost ($)")!;
    const [costA, costB] = [a, b].map((s) => projectScenario(s.scenario).summary.totalCost);
    expect(Number(cost[a.scenario.name])).toBeCloseTo(costA!, 1);
    expect(Number(cost[b.scenario.name])).toBeCloseTo(costB!, 1);
    expect(Number(cost[`${a.scenario.name} minus ${b.scenario.name}`])).toBeCloseTo(costA! - costB!, 1);
  });

  it("XLSX: the comparison with money formats, then every scenario's projection, plan and ledger", async () => {
    const { a, b } = await twoScenarios();
    const response = await compareXlsxLoader(routeArgs(getRequest(`/compare.xlsx?ids=${a.id},${b.id}`)));
    expect(response.headers.get("Content-Type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "Comparison",
      "Projections",
      "By quarter",
      "By year",
      "Teams",
      "Plan events",
      "Levels",
      "Assumptions ledger",
    ]);
    const comparison = workbook.getWorksheet("Comparison")!;
    const costRow = comparison.getRows(2, comparison.rowCount)!.find((r) => r.getCell(1).value === "Total cost ($)")!;
    expect(typeof costRow.getCell(2).value).toBe("number");
    expect(costRow.getCell(2).numFmt).toContain("$");
    expect(costRow.getCell(4).numFmt).toContain("$"); // the difference too
    const projections = workbook.getWorksheet("Projections")!;
    expect(projections.getRow(1).getCell(1).value).toBe("Scenario");
    // Each scenario's whole org, then each of its teams, month by month.
    const rowsOf = (s: typeof a) => projectScenario(s.scenario).rows.length * (1 + (s.scenario.teams?.length ?? 0));
    expect(projections.rowCount).toBe(1 + rowsOf(a) + rowsOf(b));
    expect(comparison.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });

  it("refuses a comparison of fewer than two scenarios", async () => {
    const { a } = await twoScenarios();
    const refused = await thrownResponse(() => compareXlsxLoader(routeArgs(getRequest(`/compare.xlsx?ids=${a.id}`))));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toBe("Pick at least two scenarios to compare.");
  });
});

describe("printable reports", () => {
  it("hold the summary, warnings, plan and ledger the page prints, and 404 for a missing scenario", async () => {
    const { db, a } = await twoScenarios();
    const report = await reportLoader(routeArgs(getRequest(`/scenarios/${a.id}/report`), { scenarioId: String(a.id) }));
    expect(report.projection.summary).toEqual(projectScenario(a.scenario).summary);
    expect(report.monteCarlo?.trials).toBe(a.scenario.monteCarlo.trials);
    expect(report.plan.rows).toHaveLength(a.scenario.plan.length);
    // A planner reads what each hire is paid: their own salary, or their level's band midpoint.
    const salary = report.plan.header.indexOf("Salary ($)");
    const hires = a.scenario.plan.filter((e) => e.type === "hire");
    expect(hires.length).toBeGreaterThan(0);
    expect(report.plan.rows.filter((r) => r[2] === "hire").map((r) => r[salary])).toEqual(
      [...hires]
        .sort((x, y) => x.month - y.month)
        .map((e) => e.salary ?? a.scenario.levels.find((l) => l.id === e.level)!.band.mid),
    );
    expect(report.ledger.assumptions.header).toEqual(["Assumption", "Value", "Where it came from"]);
    // The level parameters read across, a column per level, all defaults here.
    expect(report.ledger.levels.header).toEqual(["Per level", ...a.scenario.levels.map((l) => l.id)]);
    expect(report.ledger.levels.rows.find((r) => r[0] === "Salary band midpoint ($)")).toEqual([
      "Salary band midpoint ($)",
      ...a.scenario.levels.map((l) => l.band.mid),
    ]);
    expect(report.ledger.notDefault).toEqual([]);
    expect(report.team.rows.reduce((n, r) => n + (r[1] as number), 0)).toBe(
      a.scenario.team.reduce((n, t) => n + t.count, 0),
    );
    // A scenario override shows as such.
    const [first, ...rest] = a.scenario.levels;
    await saveScenario(db, {
      id: a.id,
      scenario: {
        ...a.scenario,
        assumptions: { ...a.scenario.assumptions, overheadRate: 0.41 },
        levels: [{ ...first!, annualAttrition: 0.31 }, ...rest],
      },
    });
    const changed = await reportLoader(
      routeArgs(getRequest(`/scenarios/${a.id}/report`), { scenarioId: String(a.id) }),
    );
    expect(changed.ledger.assumptions.rows.find((r) => r[0] === "Overhead on salary (0-1)")).toEqual([
      "Overhead on salary (0-1)",
      0.41,
      "scenario",
    ]);
    expect(changed.ledger.levels.rows.find((r) => r[0] === "Yearly attrition (0-1)")?.[1]).toBe(0.31);
    expect(changed.ledger.notDefault).toEqual([`${first!.id} ${first!.title}: yearly attrition (0-1) (this scenario)`]);
    expect(
      (
        await thrownResponse(() =>
          reportLoader(routeArgs(getRequest("/scenarios/999999/report"), { scenarioId: "999999" })),
        )
      ).status,
    ).toBe(404);
  });

  it("compares in a report with each scenario's warnings and plan", async () => {
    const { a, b } = await twoScenarios();
    const report = await compareReportLoader(routeArgs(getRequest(`/compare/report?ids=${a.id}&ids=${b.id}`)));
    expect(report.compared.map((c) => c.name)).toEqual([a.scenario.name, b.scenario.name]);
    expect(report.compared[0]!.plan.rows).toHaveLength(a.scenario.plan.length);
    expect(report.query).toBe(`?ids=${a.id}&ids=${b.id}`);
  });
});

describe("PDF download without Chromium", () => {
  it("sends the user to the printable report with a note on saving it as PDF", async () => {
    const { a } = await twoScenarios();
    process.env.TEAMSHAPE_CHROMIUM = "/nonexistent/chromium";
    try {
      const response = await reportPdfLoader(
        routeArgs(getRequest(`/scenarios/${a.id}/report.pdf`), { scenarioId: String(a.id) }),
      );
      expect(response.status).toBe(303);
      expect(response.headers.get("Location")).toBe(`/scenarios/${a.id}/report?pdf=unavailable`);
    } finally {
      delete process.env.TEAMSHAPE_CHROMIUM;
    }
  });
});

describe("comparing plans of different horizons: over the months they all cover", () => {
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

  async function named(name: string) {
    const db = await getDb();
    const listed = (await listScenarios(db)).find((s) => s.name === name);
    return listed ? (await getScenario(db, { id: listed.id }))! : undefined;
  }

  /** A demo plan (24 months) and a 12-month plan of the same team from the same month. */
  async function longAndShort() {
    const db = await getDb();
    const a = (await named("Hire 4 juniors"))!;
    const shortId =
      (await named("Next twelve months"))?.id ??
      (await createScenarioFromRoster(db, {
        frame: { name: "Next twelve months", start: a.scenario.start, horizonMonths: 12 },
      }));
    const short = (await getScenario(db, { id: shortId }))!;
    const whole = projectScenario(a.scenario);
    return { db, long: a, short, whole, firstYear: whole.rows.slice(0, 12) };
  }

  it("the service: every figure over the 12 months both cover, the org's and a team's, with the window in words", async () => {
    const { db, long, short, firstYear } = await longAndShort();
    const url = new URL(`http://localhost/compare?ids=${long.id},${short.id}&team=Mobile`);
    const planner: User = { id: 0, email: "p@example.com", name: "P", role: "planner", mustChangePassword: false };
    const comparison = await loadComparison(db, url, planner);
    expect(comparison.window).toMatchObject({ first: long.scenario.start, months: 12, cut: true });
    expect(comparison.windowWords).toBe(
      `Compared over ${long.scenario.start} to ${addMonths(long.scenario.start, 11)}, the 12 months both scenarios cover.`,
    );
    const [l] = comparison.compared;
    expect(l!.projection.summary.totalCost).toBeCloseTo(sum(firstYear.map((r) => r.totalCost)), 4);
    expect(l!.projection.summary.endTotalHeadcount).toBe(firstYear[11]!.totalHeadcount);
    // The team shown is Mobile: its cost over the same 12 months, summed from its own rows.
    const mobile = long.scenario.teams!.find((t) => t.name === "Mobile")!.id;
    expect(l!.view.summary.totalCost).toBeCloseTo(sum(firstYear.map((r) => r.teams![mobile]!.totalCost)), 4);
    expect(l!.view.summary.totalCost).toBeCloseTo(teamView(l!.projection, mobile)!.summary.totalCost, 6);
    expect(comparison.verdicts).toHaveLength(2);
    expect(comparison.verdicts[1]).toMatch(/^Next twelve months: /);
  });

  it("cost by fiscal year: both plans over the same fiscal years of the window, each summed from its own months", async () => {
    const { db, long, short, firstYear } = await longAndShort();
    const url = new URL(`http://localhost/compare?ids=${long.id},${short.id}`);
    const planner: User = { id: 0, email: "p@example.com", name: "P", role: "planner", mustChangePassword: false };
    const comparison = await loadComparison(db, url, planner);
    const start = comparison.fiscalYearStartMonth;
    const [longYears, shortYears] = comparison.fiscalYears;
    expect(longYears!.map((y) => y.name)).toEqual(shortYears!.map((y) => y.name));
    // The 24-month plan's fiscal years stop where the window stops: its second year is not counted.
    expect(sum(longYears!.map((y) => y.coveredMonths))).toBe(12);
    for (const year of longYears!) {
      const own = firstYear.filter((r) => fiscalYearOf(r.period, start) === year.fiscalYear);
      expect(year.totalCost).toBeCloseTo(sum(own.map((r) => r.totalCost)), 4);
      expect(year.endHeadcount).toBe(own.at(-1)!.totalHeadcount);
    }
    const shortRows = projectScenario(short.scenario).rows;
    expect(sum(shortYears!.map((y) => y.totalCost))).toBeCloseTo(sum(shortRows.map((r) => r.totalCost)), 4);
  });

  it("CSV: the window in its first rows, and each total over it", async () => {
    const { long, short, firstYear } = await longAndShort();
    const response = await compareCsvLoader(routeArgs(getRequest(`/compare.csv?ids=${long.id},${short.id}`)));
    const rows = parse<Record<string, string>>(await response.text(), { bom: true, columns: true });
    const name = long.scenario.name;
    expect(rows[0]!.Measure).toBe("Compared over");
    expect(rows[0]![name]).toContain("the 12 months both scenarios cover");
    expect(rows.find((r) => r.Measure === `Verdict against ${name}`)![short.scenario.name]).toMatch(
      /^Next twelve months: /,
    );
    const row = (measure: string) => rows.find((r) => r.Measure === measure)!;
    expect(row("Months compared")[name]).toBe("12");
    expect(row("First month compared (YYYY-MM)")[name]).toBe(long.scenario.start);
    expect(row("Last month compared (YYYY-MM)")[name]).toBe(addMonths(long.scenario.start, 11));
    expect(row("Scenario's own months (YYYY-MM)")[name]).toBe(
      `${long.scenario.start} to ${addMonths(long.scenario.start, 23)}`,
    );
    expect(Number(row("Total cost ($)")[name])).toBeCloseTo(sum(firstYear.map((r) => r.totalCost)), 1);
    expect(Number(row("Months with mentoring coverage below 1")[name])).toBe(
      firstYear.filter((r) => r.coverage < 1).length,
    );
    expect(rows.some((r) => r.Measure!.startsWith("Steps"))).toBe(false);
  });

  it("XLSX: the Comparison sheet says the window; its totals and the Projections sheet hold its months only", async () => {
    const { long, short, firstYear } = await longAndShort();
    const response = await compareXlsxLoader(routeArgs(getRequest(`/compare.xlsx?ids=${long.id},${short.id}`)));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet("Comparison")!;
    const find = (label: string) => sheet.getRows(2, sheet.rowCount)!.find((r) => r.getCell(1).value === label)!;
    expect(find("Compared over").getCell(2).text).toContain("the 12 months both scenarios cover");
    expect(find("Months compared").getCell(2).value).toBe(12);
    expect(find("Total cost ($)").getCell(2).value as number).toBeCloseTo(sum(firstYear.map((r) => r.totalCost)), 1);
    const rowsOf = (s: typeof long) => 12 * (1 + (s.scenario.teams?.length ?? 0));
    expect(workbook.getWorksheet("Projections")!.rowCount).toBe(1 + rowsOf(long) + rowsOf(short));
  });

  it("CSV and XLSX: each fiscal year of the window, its cost, people and hires summed from each plan's own months", async () => {
    const { db, long, short, firstYear } = await longAndShort();
    const planner: User = { id: 0, email: "p@example.com", name: "P", role: "planner", mustChangePassword: false };
    const url = new URL(`http://localhost/compare?ids=${long.id},${short.id}`);
    const start = (await loadComparison(db, url, planner)).fiscalYearStartMonth;
    const shortRows = projectScenario(short.scenario).rows;
    // The fiscal years the first 12 months touch, each with the months of it that fall in the window.
    const years = [...new Set(firstYear.map((r) => fiscalYearOf(r.period, start)))];
    expect(years.length).toBeGreaterThanOrEqual(1);
    const ownMonths = (rows: typeof firstYear, year: number) =>
      rows.filter((r) => fiscalYearOf(r.period, start) === year);

    const csv = parse<Record<string, string>>(
      await (await compareCsvLoader(routeArgs(getRequest(`/compare.csv?ids=${long.id},${short.id}`)))).text(),
      { bom: true, columns: true },
    );
    const xlsx = new ExcelJS.Workbook();
    await xlsx.xlsx.load(
      await (await compareXlsxLoader(routeArgs(getRequest(`/compare.xlsx?ids=${long.id},${short.id}`)))).arrayBuffer(),
    );
    const sheet = xlsx.getWorksheet("Comparison")!;
    const difference = `${short.scenario.name} minus ${long.scenario.name}`;
    for (const year of years) {
      const row = (what: string) => csv.find((r) => r.Measure!.startsWith(`FY${year} (`) && r.Measure!.endsWith(what));
      const [longOwn, shortOwn] = [ownMonths(firstYear, year), ownMonths(shortRows, year)];
      const cost = row(": total cost ($)")!;
      expect(Number(cost[long.scenario.name])).toBeCloseTo(sum(longOwn.map((r) => r.totalCost)), 0);
      expect(Number(cost[short.scenario.name])).toBeCloseTo(sum(shortOwn.map((r) => r.totalCost)), 0);
      expect(Number(cost[difference])).toBeCloseTo(
        sum(shortOwn.map((r) => r.totalCost)) - sum(longOwn.map((r) => r.totalCost)),
        0,
      );
      expect(Number(row(": people at its end")![long.scenario.name])).toBeCloseTo(longOwn.at(-1)!.totalHeadcount, 1);
      expect(Number(row(": hires")![short.scenario.name])).toBeCloseTo(sum(shortOwn.map((r) => r.joiners)), 1);
      // A year the window covers only in part says so in its name.
      expect(cost.Measure!.includes("partial")).toBe(longOwn.length < 12);
      const inSheet = sheet.getRows(2, sheet.rowCount)!.find((r) => r.getCell(1).value === cost.Measure)!;
      expect(inSheet.getCell(2).value as number).toBeCloseTo(Number(cost[long.scenario.name]), 0);
      expect(inSheet.getCell(2).numFmt).toContain("$");
    }
    // The By year sheet: each plan's years over the window, its whole org's rows first, then each team's.
    const byYear = xlsx.getWorksheet("By year")!;
    const header = (byYear.getRow(1).values as unknown[]).slice(1);
    const column = (h: string) => header.indexOf(h) + 1;
    expect(header.slice(0, 3)).toEqual(["Scenario", "Team", "Fiscal year"]);
    const shortOrg = byYear
      .getRows(2, byYear.rowCount - 1)!
      .filter((r) => r.getCell(1).value === short.scenario.name && r.getCell(column("Team")).value === "Whole org");
    expect(shortOrg.map((r) => r.getCell(column("Fiscal year")).value)).toEqual(years.map((y) => `FY${y}`));
    const shortTotal = sum(shortOrg.map((r) => r.getCell(column("Total cost ($)")).value as number));
    expect(shortTotal).toBeCloseTo(sum(shortRows.map((r) => r.totalCost)), 0);
  });

  it("refuses plans with no month in common, on the page and in every download, naming each and its months", async () => {
    const db = await getDb();
    const long = (await named("Hire 4 juniors"))!;
    const later = addMonths(long.scenario.start, 36);
    const laterId = await createScenarioFromRoster(db, {
      frame: { name: "In three years", start: later, horizonMonths: 12 },
    });
    const query = `?ids=${long.id},${laterId}`;
    const page = await compareLoader(routeArgs(getRequest(`/compare${query}`)));
    expect(page.refused).toContain(
      `"${long.scenario.name}" covers ${long.scenario.start} to ${addMonths(long.scenario.start, 23)}`,
    );
    expect(page.refused).toContain(`"In three years" covers ${later} to ${addMonths(later, 11)}`);
    expect(page.verdicts).toEqual([]);
    for (const run of [compareCsvLoader, compareXlsxLoader, compareReportLoader]) {
      const refused = await thrownResponse(() => run(routeArgs(getRequest(`/compare.csv${query}`))));
      expect(refused.status).toBe(400);
      expect(await refused.text()).toBe(page.refused);
    }
  });
});
