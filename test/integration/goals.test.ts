import { describe, expect, it } from "vitest";
import { action as newScenarioAction } from "~/routes/scenarios.new";
import { action as scenarioAction, loader as scenarioLoader } from "~/routes/scenarios.$scenarioId";
import { evaluateGoals, projectScenario, type Projection, type Scenario } from "~/domain";
import { getScenario } from "~/services/scenarios.server";
import { getDb } from "~/utils/db.server";
import { withTeam } from "~/utils/packed-team";
import { dataOf, formRequest, getRequest, routeArgs, thrownResponse } from "../setup/requests";

const args = (id: number, request: Request) => routeArgs(request, { scenarioId: String(id) });

async function createFromRoster(name: string): Promise<number> {
  const response = (await newScenarioAction(
    routeArgs(
      formRequest("/scenarios/new", { source: "roster", name, start: "2027-01", horizonMonths: "24", step: "month" }),
    ),
  )) as Response;
  expect(response.status).toBe(302);
  return Number(response.headers.get("Location")!.split("/").pop());
}

/** "2027-07" for `offset` months after 2027-01, by calendar arithmetic of its own. */
const monthAfterJan2027 = (offset: number) =>
  `${2027 + Math.floor(offset / 12)}-${String((offset % 12) + 1).padStart(2, "0")}`;

/** The document the page holds: the loader sends its team apart, packed. */
type Page = { stored: { scenario: Omit<Scenario, "team"> }; team: string; projection: Projection | null };
const shownScenario = (page: Page) => withTeam(page.stored.scenario, page.team);
/** The projection the page shows: the loader's when it sends one (a large document), else the engine's on the document it sends. */
const shownProjection = (page: Page) => page.projection ?? projectScenario(shownScenario(page));

const save = async (id: number, document: unknown) => {
  const db = await getDb();
  const version = (await getScenario(db, { id }))!.version;
  return dataOf<{ ok: boolean; messages: string[] }>(
    await scenarioAction(
      args(
        id,
        formRequest(`/scenarios/${id}`, {
          intent: "save",
          document: JSON.stringify(document),
          version: String(version),
        }),
      ),
    ),
  );
};

describe("goals on the scenario page", () => {
  it("saves the goals set in the panel with the document, and the page's projection judges them", async () => {
    const db = await getDb();
    const id = await createFromRoster("Goals saved");
    const { scenario } = (await getScenario(db, { id }))!;
    const before = shownProjection(dataOf<Page>(await scenarioLoader(args(id, getRequest(`/scenarios/${id}`)))).data);
    // One more than the most capacity the plan ever reaches from month 6: out of reach at every step from there.
    const from = 6;
    const target = Math.ceil(Math.max(...before.rows.filter((r) => r.monthOffset >= from).map((r) => r.capacity))) + 1;
    const peak = Math.ceil(Math.max(...before.rows.map((r) => r.totalHeadcount)));
    const goals = { capacity: { atLeast: target, fromMonth: from }, maxHeadcount: peak };

    const saved = await save(id, { ...scenario, goals });
    expect(saved.data).toEqual({ ok: true, messages: ["Saved."] });

    const page = dataOf<Page>(await scenarioLoader(args(id, getRequest(`/scenarios/${id}`)))).data;
    expect(page.stored.scenario.goals).toEqual(goals);
    const [capacity, headcount] = evaluateGoals(shownScenario(page), shownProjection(page));
    expect(capacity).toMatchObject({ kind: "capacity", met: false, firstFailingMonth: from });
    expect(capacity!.message).toBe(
      `Capacity is below ${target} from ${monthAfterJan2027(from)} to ${monthAfterJan2027(23)}.`,
    );
    // The peak headcount rounded up is never passed.
    expect(headcount).toMatchObject({ kind: "maxHeadcount", met: true, firstFailingMonth: null });
  });

  it("refuses a goal month outside the horizon on save, naming the field, and writes nothing", async () => {
    const db = await getDb();
    const id = await createFromRoster("Goals refused");
    const stored = (await getScenario(db, { id }))!;
    const goals = { capacity: { atLeast: 10, fromMonth: 3 } };
    expect((await save(id, { ...stored.scenario, goals })).data.ok).toBe(true);
    const kept = (await getScenario(db, { id }))!;

    for (const [bad, message] of [
      // The horizon is 24 months: months 0 to 23.
      [
        { capacity: { atLeast: 10, fromMonth: 24 } },
        "goals.capacity.fromMonth: must be inside the horizon (0 to 23), got 24",
      ],
      [{ ratio: { fromMonth: 30 } }, "goals.ratio.fromMonth: must be inside the horizon (0 to 23), got 30"],
      [{ coverage: { atLeast: 1.5, fromMonth: 0 } }, "goals.coverage.atLeast: must be at most 1, got 1.5"],
      [{ budget: {} }, "goals.budget: must set maxTotalCost or maxLoadedCostPerYear"],
      [{ maxHeadcount: "forty" }, 'goals.maxHeadcount: must be a number, got "forty"'],
    ] as const) {
      const refused = await save(id, { ...stored.scenario, goals: bad });
      expect(refused.status).toBe(400);
      expect(refused.data.ok).toBe(false);
      expect(refused.data.messages.join("\n")).toContain(message);
      const after = (await getScenario(db, { id }))!;
      expect(after.version).toBe(kept.version);
      expect(after.scenario.goals).toEqual(goals);
    }
  });

  it("is never sent to a viewer: the page (goals and their cost sums with it) sends them to the report", async () => {
    const id = await createFromRoster("Goals and viewers");
    const response = await thrownResponse(() =>
      scenarioLoader(args(id, getRequest(`/scenarios/${id}`, { as: "viewer" }))),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/scenarios/${id}/report`);
  });
});
