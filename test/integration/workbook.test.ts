import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { projectScenario } from "~/domain";
import { loader as workbookLoader } from "~/routes/scenarios.$scenarioId[.xlsx]";
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
    expect(overhead.getCell(1).value).toBe("Overhead on salary (0-1)");
    expect(overhead.getCell(2).numFmt).toContain("%");
  });
});
