import { describe, expect, it } from "vitest";
import { loader as compareLoader } from "~/routes/compare";
import { action as importAction } from "~/routes/scenarios.import";
import { action as newScenarioAction } from "~/routes/scenarios.new";
import { action as scenarioAction, loader as scenarioLoader } from "~/routes/scenarios.$scenarioId";
import { loader as exportLoader } from "~/routes/scenarios.$scenarioId[.json]";
import { loader as listLoader } from "~/routes/scenarios._index";
import { parseScenarioJson, projectScenario } from "~/domain";
import { deleteEngineer, listEngineers, updateEngineer } from "~/services/engineers.server";
import { getScenario, listScenarios } from "~/services/scenarios.server";
import { getDb } from "~/utils/db.server";
import { withTeam } from "~/utils/packed-team";
import { dataOf, formRequest, getRequest, routeArgs, thrownResponse, uploadRequest } from "../setup/requests";

const args = (id: number, request: Request) => routeArgs(request, { scenarioId: String(id) });
const countScenarios = async () =>
  Number(
    (
      await (
        await getDb()
      )
        .selectFrom("scenario")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function createFromRoster(name: string): Promise<number> {
  const response = (await newScenarioAction(
    routeArgs(
      formRequest("/scenarios/new", { source: "roster", name, start: "2027-01", horizonMonths: "24", step: "month" }),
    ),
  )) as Response;
  expect(response.status).toBe(302);
  return Number(response.headers.get("Location")!.split("/").pop());
}

function importRequest(text: string, name = "scenario.json"): Request {
  const body = new FormData();
  body.append("file", new File([text], name, { type: "application/json" }));
  return uploadRequest("/scenarios/import", body);
}

describe("the demo scenarios", () => {
  it("are ready to compare on first start", async () => {
    const { scenarios } = await listLoader(routeArgs(getRequest("/scenarios")));
    expect(scenarios.map((s) => s.name).sort()).toEqual([
      "Balanced: 2 juniors + 1 senior, with a mentoring program",
      "Hire 2 seniors",
      "Hire 4 juniors",
    ]);
    const { compared, baselineId } = await compareLoader(routeArgs(getRequest("/compare")));
    expect(compared).toHaveLength(3);
    expect(baselineId).toBe(compared[0]!.id);
    const juniors = compared.find((c) => c.name === "Hire 4 juniors")!;
    const seniors = compared.find((c) => c.name === "Hire 2 seniors")!;
    // Mobile's juniors have no senior: four juniors elsewhere leave them short all the way; two
    // seniors in Mobile cover them once they have settled in.
    expect(juniors.summary.stepsCoverageBelowOne).toBe(juniors.summary.steps);
    expect(seniors.summary.stepsCoverageBelowOne).toBeLessThan(seniors.summary.steps / 2);
  });
});

describe("a scenario made from the roster", () => {
  it("is a snapshot: roster edits do not change it until it is refreshed", async () => {
    const db = await getDb();
    const id = await createFromRoster("Snapshot test");
    const before = projectScenario((await getScenario(db, { id }))!.scenario);
    const engineers = await listEngineers(db);
    const [first, second] = engineers;
    await updateEngineer(db, {
      id: first!.id,
      input: {
        name: first!.name,
        levelId: first!.levelId,
        salary: first!.salary + 50_000,
        startDate: first!.startDate,
        notes: "",
      },
    });
    await deleteEngineer(db, { id: second!.id });

    const page = await scenarioLoader(args(id, getRequest(`/scenarios/${id}`)));
    // The page sends the team packed; the browser unpacks it as this does.
    const shown = withTeam(page.stored.scenario, page.team);
    expect(projectScenario(shown)).toEqual(before);
    expect(shown.team.some((t) => t.name === second!.name)).toBe(true);

    // A refresh checks the version like any save: without one, or from an older page, it is refused.
    const version = page.stored.version;
    for (const stale of [{}, { version: String(version - 1) }] as Record<string, string>[]) {
      const refused = dataOf<{ ok: boolean; messages: string[] }>(
        await scenarioAction(args(id, formRequest(`/scenarios/${id}`, { intent: "refresh", ...stale }))),
      );
      expect(refused.status).toBe(409);
      expect(refused.data.messages[0]).toContain("after you opened this page");
    }
    expect((await getScenario(db, { id }))!.scenario.team.some((t) => t.name === second!.name)).toBe(true);
    await scenarioAction(args(id, formRequest(`/scenarios/${id}`, { intent: "refresh", version: String(version) })));
    const refreshed = (await getScenario(db, { id }))!.scenario;
    expect(refreshed.team).toHaveLength(engineers.length - 1);
    expect(refreshed.team.find((t) => t.name === first!.name)!.salary).toBe(first!.salary + 50_000);
  });

  it("saves an edited plan, and refuses an invalid document with the engine's message, writing nothing", async () => {
    const db = await getDb();
    const id = await createFromRoster("Edit test");
    const { scenario } = (await getScenario(db, { id }))!;
    const team = scenario.teams![0]!.id;
    const edited = { ...scenario, plan: [{ type: "hire", level: "L4", count: 2, month: 3, team }] };
    const saved = await scenarioAction(
      args(
        id,
        formRequest(`/scenarios/${id}`, {
          intent: "save",
          document: JSON.stringify(edited),
          version: String((await getScenario(db, { id }))!.version),
        }),
      ),
    );
    expect(dataOf<{ ok: boolean }>(saved).data.ok).toBe(true);
    const after = (await getScenario(db, { id }))!;
    expect(after.scenario.plan).toEqual([{ type: "hire", level: "L4", count: 2, month: 3, team }]);
    expect(projectScenario(after.scenario).summary.totalCost).toBeGreaterThan(
      projectScenario(scenario).summary.totalCost,
    );

    for (const [document, message] of [
      [
        JSON.stringify({ ...edited, plan: [{ type: "hire", level: "L9", count: 1, month: 3 }] }),
        'plan[0].level: unknown level "L9"',
      ],
      [
        JSON.stringify({ ...edited, plan: [{ type: "hire", level: "L1", count: 1, month: 99 }] }),
        "plan[0].month: must be inside the horizon",
      ],
      [
        JSON.stringify({ ...edited, assumptions: { ...edited.assumptions, overheadRate: 3 } }),
        "assumptions.overheadRate: must be at most 1",
      ],
      ["{ not json", "not valid JSON"],
    ] as const) {
      const refused = dataOf<{ ok: boolean; messages: string[] }>(
        await scenarioAction(args(id, formRequest(`/scenarios/${id}`, { intent: "save", document }))),
      );
      expect(refused.status).toBe(400);
      expect(refused.data.messages.join("\n")).toContain(message);
      expect((await getScenario(db, { id }))!.version).toBe(after.version);
    }
  });

  it("still opens after an engineer it holds is deleted from the roster", async () => {
    const db = await getDb();
    const id = await createFromRoster("Holds a deleted engineer");
    const held = (await getScenario(db, { id }))!.scenario.team[0]!;
    const engineer = (await listEngineers(db)).find((e) => e.name === held.name);
    if (engineer) await deleteEngineer(db, { id: engineer.id });
    const page = await scenarioLoader(args(id, getRequest(`/scenarios/${id}`)));
    expect(withTeam(page.stored.scenario, page.team).team.some((t) => t.name === held.name)).toBe(true);
  });
});

describe("a top-down scenario of cohorts", () => {
  it("is made from a count and a salary per level", async () => {
    const fields = {
      source: "cohorts",
      name: "Platform group",
      start: "2027-01",
      horizonMonths: "36",
      step: "quarter",
      "count.L1": "12",
      "salary.L1": "105k",
      "count.L4": "3",
      "salary.L4": "$135,000",
    };
    const response = (await newScenarioAction(routeArgs(formRequest("/scenarios/new", fields)))) as Response;
    const id = Number(response.headers.get("Location")!.split("/").pop());
    const { scenario, source } = (await getScenario(await getDb(), { id }))!;
    expect(source).toBe("cohorts");
    expect(scenario.team.map((t) => [t.level, t.count, t.salary])).toEqual([
      ["L1", 12, 105_000],
      ["L4", 3, 135_000],
    ]);
    expect(projectScenario(scenario).rows).toHaveLength(12);
  });

  it.each([
    ["no name", { name: "" }, "name", "Enter a name"],
    ["a horizon of 0", { horizonMonths: "0" }, "horizonMonths", "Horizon must be at least 1"],
    ["a horizon of 10,000", { horizonMonths: "10000" }, "horizonMonths", "Horizon must be at most 120"],
    ["nobody in any cohort", { "count.L1": "0" }, "count.L1", "Put at least one engineer in a cohort"],
    ["a salary that is text", { "salary.L1": "lots" }, "salary.L1", "L1 salary must be a number of dollars"],
    ["a negative count", { "count.L1": "-4" }, "count.L1", "L1 count must be at least 0"],
  ])("refuses %s, keeping the input and writing nothing", async (_, change, field, message) => {
    const before = await countScenarios();
    const fields = {
      source: "cohorts",
      name: "Cohorts",
      start: "2027-01",
      horizonMonths: "24",
      step: "month",
      "count.L1": "5",
      "salary.L1": "100000",
      ...change,
    };
    const { data, status } = dataOf<{ errors: Record<string, string>; values: Record<string, string> }>(
      await newScenarioAction(routeArgs(formRequest("/scenarios/new", fields))),
    );
    expect(status).toBe(400);
    expect(data.errors[field]).toContain(message);
    expect(data.values).toMatchObject(change);
    expect(await countScenarios()).toBe(before);
  });
});

describe("export and import", () => {
  it("round-trips a scenario file to the same projection, to the last digit", async () => {
    const id = (await listScenarios(await getDb())).find((s) => s.name === "Hire 4 juniors")!.id;
    const response = await exportLoader(args(id, getRequest(`/scenarios/${id}.json`)));
    expect(response.headers.get("Content-Type")).toContain("application/json");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /attachment; filename="teamshape-hire-4-juniors-\d{4}-\d{2}\.json"/,
    );
    const text = await response.text();
    const parsed = parseScenarioJson(text);
    expect(parsed.ok).toBe(true);

    const imported = (await importAction(routeArgs(importRequest(text)))) as Response;
    expect(imported.status).toBe(302);
    const copyId = Number(imported.headers.get("Location")!.split("/").pop());
    const original = (await getScenario(await getDb(), { id }))!.scenario;
    const copy = (await getScenario(await getDb(), { id: copyId }))!.scenario;
    expect(projectScenario(copy)).toEqual(projectScenario(original));
  });

  it.each([
    ["text that is not JSON", "this is not json", "is not valid JSON"],
    [
      "another format",
      JSON.stringify({ format: "other/v1", name: "x", start: "2027-01", horizonMonths: 12 }),
      'format: must be "teamshape.scenario/v1"',
    ],
    [
      "an unknown level",
      JSON.stringify({
        format: "teamshape.scenario/v1",
        name: "x",
        start: "2027-01",
        horizonMonths: 12,
        plan: [{ type: "hire", level: "L9", month: 1 }],
      }),
      'plan[0].level: unknown level "L9"',
    ],
    ["an empty file", "", "Choose a teamshape.scenario/v1 JSON file"],
  ])("refuses %s with the engine's messages and writes nothing", async (_, text, message) => {
    const before = await countScenarios();
    const { data, status } = dataOf<{ messages: string[] }>(await importAction(routeArgs(importRequest(text))));
    expect(status).toBe(400);
    expect(data.messages.join("\n")).toContain(message);
    expect(await countScenarios()).toBe(before);
  });
});

describe("managing scenarios", () => {
  it("duplicates, archives and deletes", async () => {
    const id = await createFromRoster("To manage");
    const duplicate = (await scenarioAction(
      args(id, formRequest(`/scenarios/${id}`, { intent: "duplicate" })),
    )) as Response;
    const copyId = Number(duplicate.headers.get("Location")!.split("/").pop());
    expect((await getScenario(await getDb(), { id: copyId }))!.scenario.name).toBe("Copy of To manage");

    await scenarioAction(args(id, formRequest(`/scenarios/${id}`, { intent: "archive" })));
    expect((await listLoader(routeArgs(getRequest("/scenarios")))).scenarios.some((s) => s.id === id)).toBe(false);
    expect((await listLoader(routeArgs(getRequest("/scenarios?archived=1")))).scenarios.some((s) => s.id === id)).toBe(
      true,
    );

    await scenarioAction(args(id, formRequest(`/scenarios/${id}`, { intent: "delete" })));
    expect((await thrownResponse(() => scenarioLoader(args(id, getRequest(`/scenarios/${id}`))))).status).toBe(404);
    expect((await thrownResponse(() => exportLoader(args(id, getRequest(`/scenarios/${id}.json`))))).status).toBe(404);
  });

  it("compares by a shareable address and says when a scenario in it is gone", async () => {
    const ids = (await listScenarios(await getDb())).slice(0, 2).map((s) => s.id);
    const { compared, baselineId, missing } = await compareLoader(
      routeArgs(getRequest(`/compare?ids=${ids[0]}&ids=${ids[1]}&ids=999999&baseline=${ids[1]}`)),
    );
    expect(compared.map((c) => c.id)).toEqual(ids);
    expect(baselineId).toBe(ids[1]);
    expect(missing).toBe(1);
  });
});
