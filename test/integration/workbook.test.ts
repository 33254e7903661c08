import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { projectScenario } from "~/domain";
import { loader as compareWorkbookLoader } from "~/routes/compare[.xlsx]";
import { loader as workbookLoader } from "~/routes/scenarios.$scenarioId[.xlsx]";
import { loader as rosterWorkbookLoader } from "~/routes/team[.xlsx]";
import { getScenario, listScenarios, saveScenario } from "~/services/scenarios.server";
import { getDb } from "~/utils/db.server";
import { getRequest, routeArgs } from "../setup/requests";

describe("the XLSX staffing workbook", () => {
  it("holds the sheets, numbers stored as numbers with formats, and an assumptions ledger", async () => {
    const db = await getDb();
    const { id } = (await listScenarios(db)).find((s) => s.name === "Hire 4 juniors")!;
    const stored = (await getScenario(db, { id }))!;
    // A name that would run as a formula, and one changed level parameter.
    const levels = stored.scenario.levels.map((l) => (l.id === "L1" ? { ...l, rampMonths: 9 } : l));
    await saveScenario(db, { id, scenario: { ...stored.scenario, name: "=Hire 4 juniors", levels } });

    const response = await workbookLoader(routeArgs(getRequest(`/scenarios/${id}.xlsx`), { scenarioId: String(id) }));
    expect(response.headers.get("Content-Type")).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(response.headers.get("Content-Disposition")).toMatch(
      /filename="teamshape-hire-4-juniors-\d{4}-\d{2}-plan\.xlsx"/,
    );

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "Summary",
      "Teams",
      "Projection",
      "By quarter",
      "By year",
      "Monte Carlo percentiles",
      "Plan events",
      "People",
      "Levels",
      "Assumptions ledger",
    ]);

    const summary = workbook.getWorksheet("Summary")!;
    expect(summary.getCell("B2").value).toBe("'=Hire 4 juniors");
    const projection = workbook.getWorksheet("Projection")!;
    expect(projection.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const header = (projection.getRow(1).values as unknown[]).slice(1);
    const costColumn = header.indexOf("Total cost ($)") + 1;
    const cost = projection.getRow(2).getCell(costColumn);
    const expected = projectScenario((await getScenario(db, { id }))!.scenario).rows[0]!.totalCost;
    expect(typeof cost.value).toBe("number");
    expect(cost.value as number).toBeCloseTo(expected, 2);
    expect(cost.numFmt).toContain("$");
    // The whole org's 24 months, then each of the demo's three teams'.
    expect(projection.rowCount).toBe(1 + 24 * 4);

    const { scenario } = (await getScenario(db, { id }))!;
    const byTeam = projectScenario(scenario).summary.teams!;
    const teams = workbook.getWorksheet("Teams")!;
    const teamHeader = (teams.getRow(1).values as unknown[]).slice(1);
    const teamCost = teamHeader.indexOf("Total cost ($)") + 1;
    const teamRows = teams.getRows(2, teams.rowCount - 1)!;
    expect(teamRows.map((r) => r.getCell(1).value)).toEqual(scenario.teams!.map((t) => t.name));
    teamRows.forEach((row, i) => {
      expect(row.getCell(teamCost).value as number).toBeCloseTo(byTeam[scenario.teams![i]!.id]!.totalCost, 2);
      expect(row.getCell(teamCost).numFmt).toContain("$");
    });

    const ledger = workbook.getWorksheet("Assumptions ledger")!;
    const entries = new Map<string, [unknown, unknown]>();
    ledger.eachRow((row, n) => n > 1 && entries.set(row.getCell(4).text, [row.getCell(2).value, row.getCell(3).value]));
    expect(entries.get("assumptions.overheadRate")).toEqual([0.3, "default"]);
    expect(entries.get("assumptions.mentorship.program")).toEqual([false, "scenario"]);
    expect(entries.get("levels.L1.rampMonths")).toEqual([9, "scenario"]);
    expect(entries.get("levels.L4.rampMonths")).toEqual([3, "default"]);
    const overhead = ledger
      .getRows(2, ledger.rowCount)!
      .find((row) => row.getCell(4).value === "assumptions.overheadRate")!;
    expect(overhead.getCell(1).value).toBe("Overhead on salary (%)");
    expect(overhead.getCell(2).numFmt).toContain("%");
  });

  it("prints every sheet of every workbook landscape, one page wide, with its header row on each page", async () => {
    const db = await getDb();
    const [a, b] = await listScenarios(db);
    const read = async (response: Response) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      return workbook;
    };
    const workbooks = {
      scenario: await read(
        await workbookLoader(routeArgs(getRequest(`/scenarios/${a!.id}.xlsx`), { scenarioId: String(a!.id) })),
      ),
      comparison: await read(await compareWorkbookLoader(routeArgs(getRequest(`/compare.xlsx?ids=${a!.id},${b!.id}`)))),
      roster: await read(await rosterWorkbookLoader(routeArgs(getRequest("/team.xlsx")))),
    };
    for (const [which, workbook] of Object.entries(workbooks)) {
      expect(workbook.worksheets.length).toBeGreaterThan(0);
      for (const sheet of workbook.worksheets) {
        const where = `${which}: ${sheet.name}`;
        expect(sheet.pageSetup, where).toMatchObject({
          orientation: "landscape",
          fitToPage: true,
          fitToWidth: 1,
          fitToHeight: 0,
          printTitlesRow: "1:1",
        });
        expect(sheet.views[0], where).toMatchObject({ state: "frozen", ySplit: 1 });
      }
    }
  });

  it("formats money as money, shares as percentages and people rounded, while the cells keep full values", async () => {
    const db = await getDb();
    const { id } = (await listScenarios(db)).find((s) => s.name === "Hire 2 seniors")!;
    const { scenario } = (await getScenario(db, { id }))!;
    const response = await workbookLoader(routeArgs(getRequest(`/scenarios/${id}.xlsx`), { scenarioId: String(id) }));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const projected = projectScenario(scenario);

    const projection = workbook.getWorksheet("Projection")!;
    const header = (projection.getRow(1).values as unknown[]).slice(1);
    // Shares read as percentages: the unit says so, and the cell still holds the 0-1 share.
    expect(header).not.toContain("Mentoring coverage (0-1)");
    const column = (name: string) => {
      const index = header.indexOf(name);
      expect(index, name).toBeGreaterThanOrEqual(0);
      return projection.getRows(2, projected.rows.length)!.map((row) => row.getCell(index + 1));
    };
    const cost = column("Total cost ($)");
    const coverage = column("Mentoring coverage (%)");
    const headcount = column("Headcount total");
    projected.rows.forEach((row, i) => {
      expect(cost[i]!.numFmt).toBe('"$"#,##0');
      expect(cost[i]!.value as number).toBeCloseTo(row.totalCost, 2);
      expect(coverage[i]!.numFmt).toBe("0.0%");
      expect(coverage[i]!.value as number).toBeCloseTo(row.coverage, 6);
      expect(headcount[i]!.numFmt).toBe("#,##0.0");
      expect(headcount[i]!.value as number).toBeCloseTo(row.totalHeadcount, 6);
    });
    // The demo's expected headcounts have fractions, which the cells keep and the display rounds.
    expect(headcount.some((cell) => !Number.isInteger(cell.value))).toBe(true);
    expect(coverage.some((cell) => (cell.value as number) < 1)).toBe(true);

    // Whole counts read whole: a hire of 2 is "2", not "2.0".
    const hire = scenario.plan.find((e) => e.type === "hire")!;
    expect(hire.type === "hire" && Number.isInteger(hire.count)).toBe(true);
    const plan = workbook.getWorksheet("Plan events")!;
    const howMany = (plan.getRow(1).values as unknown[]).indexOf("How many");
    expect(plan.getRow(2).getCell(howMany).value).toBe(hire.type === "hire" ? hire.count : null);
    expect(plan.getRow(2).getCell(howMany).numFmt).toBe("#,##0");

    // On the Summary, each row's own label sets its format.
    const summary = new Map<string, ExcelJS.Cell>();
    workbook.getWorksheet("Summary")!.eachRow((row) => summary.set(row.getCell(1).text, row.getCell(2)));
    expect(summary.get("Lowest mentoring coverage (%)")!.numFmt).toBe("0.0%");
    expect(summary.get("Lowest mentoring coverage (%)")!.value as number).toBeCloseTo(
      projected.summary.lowestCoverage,
      6,
    );
    expect(summary.get("End headcount total")!.numFmt).toBe("#,##0.0");
    expect(summary.get("End headcount total")!.value as number).toBeCloseTo(projected.summary.endTotalHeadcount, 6);
    expect(summary.get("Total cost ($)")!.numFmt).toBe('"$"#,##0');
    // Thin skills are text: their expected owners to a tenth, not six decimals.
    const thin = summary.get("Skills with fewer than two owners")!.text;
    expect(thin).toMatch(/\(\d(\.\d)? expected owners?\)/);
    expect(thin).not.toMatch(/\d\.\d{2}/);
  });
});
