/**
 * "Save as new scenario" from Plan for me: the planner ran in the browser, so the server takes
 * the proposed document only through the engine's schema and the work limits, as a save or an
 * import does, and creates the scenario whole or not at all. Viewers may not.
 */
import { describe, expect, it } from "vitest";
import { action as scenarioAction } from "~/routes/scenarios.$scenarioId";
import { getScenario, listScenarios, listScenarioVersions } from "~/services/scenarios.server";
import { getDb } from "~/utils/db.server";
import { dataOf, formRequest, routeArgs, thrownResponse } from "../setup/requests";

const args = (id: number, request: Request) => routeArgs(request, { scenarioId: String(id) });

async function demoScenario() {
  const db = await getDb();
  const { id } = (await listScenarios(db)).find((s) => s.name === "Hire 2 seniors")!;
  return { db, id, stored: (await getScenario(db, { id }))! };
}

describe("saving a proposal as a new scenario", () => {
  it("creates the plan plus the hires under its new name, and leaves the scenario it came from as it was", async () => {
    const { db, id, stored } = await demoScenario();
    const hire = { type: "hire" as const, level: "L3", count: 2, month: 6, team: stored.scenario.teams![0]!.id };
    const document = {
      ...stored.scenario,
      name: "Hire 2 seniors — planned",
      goals: { capacity: { atLeast: 10, fromMonth: 12 } },
      plan: [...stored.scenario.plan, hire],
    };
    const response = (await scenarioAction(
      args(id, formRequest(`/scenarios/${id}`, { intent: "save-planned", document: JSON.stringify(document) })),
    )) as Response;
    expect(response.status).toBe(302);
    const copy = Number(response.headers.get("Location")!.split("/").pop());
    expect(copy).not.toBe(id);
    const saved = (await getScenario(db, { id: copy }))!;
    expect(saved.scenario.name).toBe("Hire 2 seniors — planned");
    expect(saved.scenario.plan).toEqual([...stored.scenario.plan, hire]);
    expect(saved.scenario.goals).toEqual({ capacity: { atLeast: 10, fromMonth: 12 } });
    expect(saved.source).toBe(stored.source);
    const { versions } = await listScenarioVersions(db, { id: copy, perPage: 5 });
    expect(versions.map((v) => v.note)).toEqual(["Created by Plan for me"]);
    expect((await getScenario(db, { id }))!.scenario).toEqual(stored.scenario);
  });

  it("refuses a document the engine refuses, with its message, and writes nothing", async () => {
    const { db, id, stored } = await demoScenario();
    const before = (await listScenarios(db)).length;
    const document = { ...stored.scenario, plan: [{ type: "hire", level: "L9", count: 1, month: 3 }] };
    const { data, status } = dataOf<{ ok: false; messages: string[] }>(
      await scenarioAction(
        args(id, formRequest(`/scenarios/${id}`, { intent: "save-planned", document: JSON.stringify(document) })),
      ),
    );
    expect(status).toBe(400);
    expect(data.messages.join("\n")).toContain('unknown level "L9"');
    expect((await listScenarios(db)).length).toBe(before);
  });

  it("is for planners: a viewer is refused and nothing is created", async () => {
    const { db, id, stored } = await demoScenario();
    const before = (await listScenarios(db)).length;
    const refused = await thrownResponse(() =>
      scenarioAction(
        args(
          id,
          formRequest(
            `/scenarios/${id}`,
            { intent: "save-planned", document: JSON.stringify(stored.scenario) },
            { as: "viewer" },
          ),
        ),
      ),
    );
    expect(refused.status).toBe(403);
    expect((await listScenarios(db)).length).toBe(before);
  });
});
