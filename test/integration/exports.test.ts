import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { projectScenario } from "~/domain";
import { loader as projectionCsvLoader } from "~/routes/scenarios.$scenarioId[.csv]";
import { loader as rosterCsvLoader } from "~/routes/team[.csv]";
import { createEngineer, listEngineers } from "~/services/engineers.server";
import { getScenario, listScenarios, saveScenario } from "~/services/scenarios.server";
import { setFiscalYearStart } from "~/services/workspace.server";
import { neutraliseCell, unneutraliseCell } from "~/utils/csv";
import { getDb } from "~/utils/db.server";
import { getRequest, routeArgs } from "../setup/requests";

/** A downloaded CSV read back the way a spreadsheet would: header row, then records. */
async function readCsv(response: Response): Promise<Record<string, string>[]> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark, for Excel
  return parse<Record<string, string>>(new TextDecoder().decode(bytes), { bom: true, columns: true });
}

describe("CSV downloads", () => {
  it("downloads a scenario's projection: one row per step, every measure, units in the headers", async () => {
    const { id } = (await listScenarios(await getDb()))[0]!;
    const response = await projectionCsvLoader(
      routeArgs(getRequest(`/scenarios/${id}.csv`), { scenarioId: String(id) }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const stored = (await getScenario(await getDb(), { id }))!;
    expect(response.headers.get("Content-Disposition")).toContain(`teamshape-`);
    expect(response.headers.get("Content-Disposition")).toContain(`-${stored.scenario.start}-projection.csv`);
    const all = await readCsv(response);
    const projection = projectScenario(stored.scenario);
    // The whole org's rows first, then each team's (the demo has three teams).
    const teamNames = stored.scenario.teams!.map((t) => t.name);
    expect([...new Set(all.map((r) => r.Team))]).toEqual(["Whole org", ...teamNames]);
    const rows = all.filter((r) => r.Team === "Whole org");
    expect(rows).toHaveLength(projection.rows.length);
    rows.forEach((row, i) => {
      const teams = all.filter((r) => r.Team !== "Whole org" && r["Period (YYYY-MM)"] === row["Period (YYYY-MM)"]);
      expect(teams).toHaveLength(teamNames.length);
      // Each team's own figures add up to the org's.
      const sum = (field: string) => teams.reduce((total, r) => total + Number(r[field]), 0);
      expect(sum("Total cost ($)")).toBeCloseTo(Number(row["Total cost ($)"]), 1);
      expect(sum("Headcount total")).toBeCloseTo(Number(row["Headcount total"]), 5);
      expect(sum("Joiners")).toBeCloseTo(Number(row.Joiners), 5);
      expect(i).toBe(projection.rows.findIndex((p) => p.period === row["Period (YYYY-MM)"]));
    });
    expect(Object.keys(rows[0]!)).toEqual(
      expect.arrayContaining([
        "Team",
        "Period (YYYY-MM)",
        "Total cost ($)",
        "Capacity (mid-level engineer equivalents)",
        "Mentoring coverage (0-1)",
      ]),
    );
    rows.forEach((row, i) => {
      expect(row["Period (YYYY-MM)"]).toBe(projection.rows[i]!.period);
      expect(Number(row["Total cost ($)"])).toBeCloseTo(projection.rows[i]!.totalCost, 2);
    });
  });

  it("downloads the plan as it is now: again after the plan changes, and by the fiscal year set now", async () => {
    const db = await getDb();
    const { id } = (await listScenarios(db))[0]!;
    const download = async (query = "") =>
      readCsv(
        await projectionCsvLoader(routeArgs(getRequest(`/scenarios/${id}.csv${query}`), { scenarioId: String(id) })),
      );
    const cost = (rows: Record<string, string>[]) =>
      Number(rows.find((r) => r.Team === "Whole org")!["Total cost ($)"]);
    const before = await download();
    expect(cost(await download())).toBe(cost(before)); // the same plan, the same file
    const stored = (await getScenario(db, { id }))!;
    await saveScenario(db, {
      id,
      scenario: { ...stored.scenario, assumptions: { ...stored.scenario.assumptions, overheadRate: 0.9 } },
    });
    const after = await download();
    expect(cost(after)).toBeCloseTo(projectScenario((await getScenario(db, { id }))!.scenario).rows[0]!.totalCost, 2);
    expect(cost(after)).toBeGreaterThan(cost(before));

    const firstYear = async () => Object.values((await download("?by=year"))[0]!)[1];
    await setFiscalYearStart(db, { month: 1 });
    const calendar = await firstYear();
    await setFiscalYearStart(db, { month: 7 });
    expect(await firstYear()).not.toBe(calendar);
  });

  it("downloads the roster with names that survive, and neutralises text a spreadsheet would run", async () => {
    const db = await getDb();
    const names = [
      'Zoë "Z" O\'Brien, PhD 🚀',
      '=HYPERLINK("http://evil","x")',
      "+SUM(A1:A2)",
      "-2+3",
      "@cmd",
      "\tTabbed",
    ];
    for (const name of names)
      await createEngineer(db, {
        input: { name, levelId: "L2", salary: 110_000, startDate: "2026-01-05", notes: "=1+1" },
      });
    const rows = await readCsv(await rosterCsvLoader(routeArgs(getRequest("/team.csv"))));
    expect(rows).toHaveLength((await listEngineers(db)).length);
    const byName = new Map(rows.map((r) => [r.Name, r]));
    expect(byName.get('Zoë "Z" O\'Brien, PhD 🚀')!["Salary ($ a year)"]).toBe("110000");
    for (const name of names.slice(1)) {
      const row = byName.get(`'${name}`);
      expect(row, `neutralised ${JSON.stringify(name)}`).toBeDefined();
      expect(row!.Notes).toBe("'=1+1");
    }
  });
});

describe("neutralising formula cells", () => {
  it.each(["=1", "+1", "-1", "@x", "\tx", "\rx", "'=1", "'-1", "'\tx", "''x", "'''"])(
    "prefixes %j with an apostrophe",
    (text) => {
      expect(neutraliseCell(text)).toBe(`'${text}`);
    },
  );

  it("leaves an apostrophe alone when no formula or apostrophe follows it, and the import takes off only what it added", () => {
    for (const text of ["'hello", "'", "it's", "O'Brien"]) expect(neutraliseCell(text)).toBe(text);
    fc.assert(
      fc.property(fc.stringMatching(/^['=+\-@\t\rab ]{0,6}$/), (text) => {
        expect(unneutraliseCell(neutraliseCell(text) as string)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves numbers, booleans and ordinary text alone", () => {
    expect(neutraliseCell(-5)).toBe(-5);
    expect(neutraliseCell(true)).toBe(true);
    expect(neutraliseCell("Maya Okafor")).toBe("Maya Okafor");
    expect(neutraliseCell(null)).toBeNull();
  });
});
