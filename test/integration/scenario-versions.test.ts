/**
 * Safe edits of a scenario (issue 15): a refresh from the roster says what it replaces and keeps
 * the scenario's own level settings unless asked; every save keeps a version, and a version can be
 * restored as a new one.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Migrator } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { action as newScenarioAction } from "~/routes/scenarios.new";
import { action as scenarioAction, loader as scenarioLoader } from "~/routes/scenarios.$scenarioId";
import type { Scenario } from "~/domain";
import { createEngineer, listEngineers } from "~/services/engineers.server";
import { listLevels } from "~/services/ladder.server";
import { deleteScenario, getScenario, listScenarioVersions, saveScenario } from "~/services/scenarios.server";
import { getDb, openDatabase } from "~/utils/db.server";
import { SCENARIO_VERSIONS_KEPT } from "~/utils/limits";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations";
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

async function post(id: number, fields: Record<string, string>, as: "admin" | "planner" | "viewer" = "planner") {
  return dataOf<{ ok: boolean; messages: string[] }>(
    await scenarioAction(args(id, formRequest(`/scenarios/${id}`, fields, { as }))),
  );
}

/** Saves `scenario` through the page's Save, from the version now stored. */
async function saveThroughPage(id: number, scenario: Scenario) {
  const version = String((await getScenario(await getDb(), { id }))!.version);
  return post(id, { intent: "save", document: JSON.stringify(scenario), version });
}

const withJuniorAttrition = (scenario: Scenario, annualAttrition: number): Scenario => ({
  ...scenario,
  levels: scenario.levels.map((l) => (l.id === "L1" ? { ...l, annualAttrition } : l)),
});

const juniorAttrition = async (id: number) =>
  (await getScenario(await getDb(), { id }))!.scenario.levels.find((l) => l.id === "L1")!.annualAttrition;

describe("refreshing a scenario from the roster", () => {
  it("says what it replaces first, and keeps the scenario's own level settings unless the levels are reset", async () => {
    const db = await getDb();
    const id = await createFromRoster("Refresh keeps levels");
    const ladderL1 = (await listLevels(db)).find((l) => l.id === "L1")!.annualAttrition;
    expect(ladderL1).not.toBe(0.15);
    const created = (await getScenario(db, { id }))!.scenario;
    expect((await saveThroughPage(id, withJuniorAttrition(created, 0.15))).data.ok).toBe(true);

    // The roster gains one person after the scenario was made.
    const before = (await listEngineers(db)).length;
    await createEngineer(db, {
      input: { name: "Refresh Newcomer", levelId: "L2", salary: 112_000, startDate: "2026-10-01", notes: "" },
    });
    const teams = created.teams?.length ?? 0;

    // Asking first: the page's summary names the team entries it replaces and the level setting it keeps.
    const asked = await scenarioLoader(args(id, getRequest(`/scenarios/${id}?refresh`)));
    expect(asked.refreshPreview).toMatchObject({
      now: { people: before, teams },
      roster: { people: before + 1, teams },
      events: 0,
      dropped: 0,
      placed: 0,
    });
    expect(asked.refreshPreview!.levelDifferences).toEqual([
      { level: "Junior Engineer", setting: "people leaving per year", unit: "%", scenario: 0.15, ladder: ladderL1 },
    ]);
    // Asking changes nothing.
    expect((await getScenario(db, { id }))!.scenario.team).toHaveLength(before);
    const plain = await scenarioLoader(args(id, getRequest(`/scenarios/${id}`)));
    expect(plain.refreshPreview).toBeNull();

    const version = String((await getScenario(db, { id }))!.version);
    const kept = await post(id, { intent: "refresh", version });
    expect(kept.data.ok).toBe(true);
    expect(kept.data.messages[0]).toContain("the level settings are this scenario's own");
    const refreshed = (await getScenario(db, { id }))!.scenario;
    expect(refreshed.team).toHaveLength(before + 1);
    expect(refreshed.team.some((t) => t.name === "Refresh Newcomer")).toBe(true);
    expect(await juniorAttrition(id)).toBe(0.15);

    // Ticked: the levels are the ladder's again.
    const next = String((await getScenario(db, { id }))!.version);
    const reset = await post(id, { intent: "refresh", version: next, resetLevels: "on" });
    expect(reset.data.ok).toBe(true);
    expect(await juniorAttrition(id)).toBe(ladderL1);

    const audit = await db
      .selectFrom("audit")
      .select(["action", "summary"])
      .where("entity", "=", "scenario")
      .where("entity_id", "=", String(id))
      .where("action", "=", "refresh from roster")
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]!.summary).toContain("team");
  });
});

describe("a scenario's versions", () => {
  it("keeps one per save, and restores version 1 as a new version equal to it", async () => {
    const db = await getDb();
    const id = await createFromRoster("Versions");
    const v1 = (await getScenario(db, { id }))!.scenario;
    const team = v1.teams?.[0]?.id;
    const hire = { type: "hire" as const, level: "L3", count: 1, month: 2, ...(team ? { team } : {}) };
    expect((await saveThroughPage(id, { ...v1, plan: [hire] })).data.ok).toBe(true);
    expect((await saveThroughPage(id, { ...v1, plan: [hire, { ...hire, month: 5 }] })).data.ok).toBe(true);
    // Created, then saved twice: three versions, the newest first.
    const before = await scenarioLoader(args(id, getRequest(`/scenarios/${id}`)));
    expect(before.history.versions.map((v) => v.number)).toEqual([3, 2, 1]);
    expect(before.history.versions[0]!.note).toBe("Changed the plan");
    expect(before.history.versions[0]!.savedBy).not.toBe("");

    const restored = await post(id, { intent: "restore-version", number: "1", version: String(before.stored.version) });
    expect(restored.data).toEqual({ ok: true, messages: ["Version 1 restored, as a new version."] });
    const now = (await getScenario(db, { id }))!;
    expect(now.scenario).toEqual(v1);
    // History is never rewritten: the restore is a fourth version, and versions 2 and 3 are still there.
    const after = await scenarioLoader(args(id, getRequest(`/scenarios/${id}`)));
    expect(after.history.versions.map((v) => [v.number, v.note])).toEqual([
      [4, "Restored version 1"],
      [3, "Changed the plan"],
      [2, "Changed the plan"],
      [1, "Created"],
    ]);
    const audit = await db
      .selectFrom("audit")
      .select("summary")
      .where("entity_id", "=", String(id))
      .where("action", "=", "restore version")
      .execute();
    expect(audit.map((a) => a.summary)).toEqual(['Restored version 1 of scenario "Versions"']);
  });

  it("refuses a restore from an out-of-date page, like a save, and writes nothing", async () => {
    const db = await getDb();
    const id = await createFromRoster("Stale restore");
    const opened = (await getScenario(db, { id }))!;
    // Someone else saves after the page was opened.
    await saveScenario(db, { id, scenario: { ...opened.scenario, description: "Changed meanwhile" } });
    const refused = await post(id, { intent: "restore-version", number: "1", version: String(opened.version) });
    expect(refused.status).toBe(409);
    expect(refused.data.messages[0]).toContain("after you opened this page");
    expect((await getScenario(db, { id }))!.scenario.description).toBe("Changed meanwhile");
    expect((await listScenarioVersions(db, { id, perPage: 10 })).total).toBe(2);

    const missing = await post(id, {
      intent: "restore-version",
      number: "99",
      version: String((await getScenario(db, { id }))!.version),
    });
    expect(missing.status).toBe(404);
    expect(missing.data.messages[0]).toContain("no version 99");
  });

  it("are not for viewers: they hold salaries", async () => {
    const id = await createFromRoster("Viewer and versions");
    const page = await thrownResponse(() =>
      scenarioLoader(args(id, getRequest(`/scenarios/${id}?history=1`, { as: "viewer" }))),
    );
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe(`/scenarios/${id}/report`);
    const restore = await thrownResponse(() =>
      scenarioAction(
        args(
          id,
          formRequest(`/scenarios/${id}`, { intent: "restore-version", number: "1", version: "1" }, { as: "viewer" }),
        ),
      ),
    );
    expect(restore.status).toBe(403);
  });

  it(`keeps the newest ${SCENARIO_VERSIONS_KEPT} of a scenario, a page at a time`, async () => {
    const db = await getDb();
    const id = await createFromRoster("Many saves");
    const { scenario } = (await getScenario(db, { id }))!;
    for (let i = 1; i <= SCENARIO_VERSIONS_KEPT + 1; i++)
      await saveScenario(db, { id, scenario: { ...scenario, description: `Save ${i}` } });
    // Created as version 1, then saved 101 times: 102 versions made, the newest 100 (3 to 102) kept.
    const newest = SCENARIO_VERSIONS_KEPT + 2;
    const all = await listScenarioVersions(db, { id, perPage: 1000 });
    expect(all.total).toBe(SCENARIO_VERSIONS_KEPT);
    expect(all.newest).toBe(newest);
    expect(all.versions.at(-1)!.number).toBe(newest - SCENARIO_VERSIONS_KEPT + 1);
    const second = await scenarioLoader(args(id, getRequest(`/scenarios/${id}?history=2`)));
    expect(second.history.page).toBe(2);
    expect(second.history.versions[0]!.number).toBe(newest - second.history.versions.length);
    // Deleting the scenario deletes its versions.
    await deleteScenario(db, { id });
    expect((await listScenarioVersions(db, { id, perPage: 10 })).total).toBe(0);
  });
});

describe("the scenario versions migration", () => {
  const dir = mkdtempSync(join(tmpdir(), "teamshape-versions-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("gives every scenario saved before it its current document as version 1", async () => {
    const db = await openDatabase(join(dir, "before-versions.sqlite"));
    const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
    expect((await migrator.migrateTo("2026_12_02_1100_band_source")).error).toBeUndefined();
    const document = JSON.stringify({ name: "Saved before versions", plan: [] });
    await db
      .insertInto("scenario")
      .values({
        name: "Saved before versions",
        description: "",
        document,
        source: "cohorts",
        version: 7,
        created_at: "2026-12-01T09:00:00.000Z",
        updated_at: "2026-12-02T10:30:00.000Z",
        updated_by: "Dana",
      })
      .execute();
    await migrateToLatest(db);
    expect(await db.selectFrom("scenario_version").selectAll().execute()).toEqual([
      {
        scenario_id: 1,
        number: 1,
        document,
        note: "As it was when versions began",
        saved_at: "2026-12-02T10:30:00.000Z",
        saved_by: "Dana",
      },
    ]);
    await db.destroy();
  });
});
