import { describe, expect, it } from "vitest";
import { loader as notFoundLoader } from "~/routes/$";
import { loader as dashboardLoader } from "~/routes/_index";
import { action as editLevelAction, loader as editLevelLoader } from "~/routes/ladder.$levelId.edit";
import { loader as ladderLoader } from "~/routes/ladder._index";
import { action as resetAction } from "~/routes/workspace.reset";
import { adoptPlan, getPlanOfRecord } from "~/services/plan-of-record.server";
import { listSnapshots } from "~/services/snapshots.server";
import { listScenarios } from "~/services/scenarios.server";
import { listEngineers } from "~/services/engineers.server";
import { getLevel, listLevels } from "~/services/ladder.server";
import { getWorkspace, seedDemoWorkspace } from "~/services/workspace.server";
import { getDb } from "~/utils/db.server";
import { dataOf, formRequest, getRequest, routeArgs, thrownResponse } from "../setup/requests";
import { levelFormValues } from "~/forms/level";

/** The edit form of a level as the page fills it in with the level's current values. */
async function levelForm(id: string): Promise<Record<string, string>> {
  const { level, skills } = await editLevelLoader(routeArgs(getRequest(`/ladder/${id}/edit`), { levelId: id }));
  return {
    ...levelFormValues(
      level,
      skills.map((s) => s.id),
    ),
    version: String(level.version),
  };
}

describe("first start", () => {
  it("migrates and seeds a demo workspace once: the default ladder, the catalog and 15 engineers inside their bands", async () => {
    const db = await getDb();
    expect(await seedDemoWorkspace(db)).toBe(false);
    expect((await getWorkspace(db)).isDemo).toBe(true);
    const levels = await listLevels(db);
    expect(levels.map((l) => l.id)).toEqual(["L1", "L2", "L3", "L4", "L5"]);
    const engineers = await listEngineers(db);
    expect(engineers).toHaveLength(15);
    for (const e of engineers) {
      const band = levels.find((l) => l.id === e.levelId)!.band;
      expect(e.salary).toBeGreaterThanOrEqual(band.min);
      expect(e.salary).toBeLessThanOrEqual(band.max);
    }
    expect(new Set(engineers.map((e) => e.levelId))).toEqual(new Set(levels.map((l) => l.id)));
  });
});

describe("the dashboard", () => {
  it("reads the team's vital signs from the engine's first step", async () => {
    const vitals = await dashboardLoader(routeArgs(getRequest("/")));
    const engineers = await listEngineers(await getDb());
    const classOf = new Map(vitals.levels.map((l) => [l.id, l.class]));
    const juniors = engineers.filter((e) => classOf.get(e.levelId) === "junior").length;
    const seniors = engineers.filter((e) => classOf.get(e.levelId) === "senior").length;
    const payroll = engineers.reduce((sum, e) => sum + e.salary, 0);

    expect(vitals.engineerCount).toBe(engineers.length);
    expect(vitals.now.totalHeadcount).toBe(engineers.length);
    expect(vitals.now.juniorsPerSenior).toBeCloseTo(juniors / seniors, 12);
    expect(vitals.annualPayroll).toBeCloseTo(payroll, 6);
    expect(vitals.annualLoadedCost).toBeCloseTo(payroll * 1.3, 6);
    expect(vitals.now.coverage).toBeGreaterThan(0);
    for (const { skill, owners } of vitals.thinSkills) {
      expect(owners).toBe(engineers.filter((e) => (e.skills[skill.id] ?? 0) >= 3).length);
      expect(owners).toBeLessThan(2);
    }
    for (const { engineer, readiness } of vitals.readyForPromotion) {
      expect(readiness.share).toBeGreaterThanOrEqual(0.8); // as the page says: 80% or more of the next level's skills
      expect(engineers.some((e) => e.id === engineer.id)).toBe(true);
    }
  });
});

describe("editing the ladder", () => {
  it.each([
    [
      "a band out of order",
      "L3",
      { bandMid: "140000" },
      "bandMid",
      "The band must run from minimum to midpoint to maximum",
    ],
    [
      "promotion on the top level",
      "L5",
      { promotionPercent: "5" },
      "promotionPercent",
      "The top level has no level to be promoted to: set 0%",
    ],
    [
      "attrition and promotion over 100%",
      "L1",
      { attritionPercent: "70", promotionPercent: "40" },
      "attritionPercent",
      "Attrition and promotion together can be at most 100% a year",
    ],
    ["a rate above 100%", "L2", { attritionPercent: "120" }, "attritionPercent", "Attrition must be at most 100"],
    ["an empty title", "L2", { title: "" }, "title", "Enter a title"],
    [
      "a band minimum that is text",
      "L2",
      { bandMin: "lots" },
      "bandMin",
      "Band minimum must be a number of dollars, like 120000",
    ],
    ["a proficiency of 5", "L4", { "expect.security": "5" }, "expect.security", "Choose a proficiency from 0 to 4"],
  ])(
    "refuses %s with the error on the field, keeping the input, writing nothing",
    async (_, id, change, field, message) => {
      const db = await getDb();
      const before = await getLevel(db, { id });
      const fields = { ...(await levelForm(id)), ...change };
      const { data, status } = dataOf<{ errors: Record<string, string>; values: Record<string, string> }>(
        await editLevelAction(routeArgs(formRequest(`/ladder/${id}/edit`, fields), { levelId: id })),
      );
      expect(status).toBe(400);
      expect(data.errors[field]).toBe(message);
      expect(data.values).toMatchObject(change);
      expect(await getLevel(db, { id })).toEqual(before);
    },
  );

  it("saves a level, and the ladder and dashboard use the new values", async () => {
    const fields = {
      ...(await levelForm("L4")),
      title: "Senior Software Engineer",
      bandMax: "150,000",
      mentorHours: "10",
      "expect.messaging": "3",
    };
    const response = (await editLevelAction(
      routeArgs(formRequest("/ladder/L4/edit", fields), { levelId: "L4" }),
    )) as Response;
    expect(response.status).toBe(302);
    const { levels } = await ladderLoader(routeArgs(getRequest("/ladder")));
    const level = levels.find((l) => l.id === "L4")!;
    expect(level).toMatchObject({ title: "Senior Software Engineer", band: { max: 150_000 }, mentorHours: 10 });
    expect(level.expectations.messaging).toBe(3);

    const engineers = await listEngineers(await getDb());
    const settledMentorHours = engineers.reduce(
      (sum, e) => sum + (levels.find((l) => l.id === e.levelId)!.mentorHours ?? 0),
      0,
    );
    const vitals = await dashboardLoader(routeArgs(getRequest("/")));
    expect(vitals.now.mentorSupplyHoursPerWeek).toBeCloseTo(settledMentorHours, 9);
  });

  it("answers 404 for a level that does not exist", async () => {
    expect(
      (await thrownResponse(() => editLevelLoader(routeArgs(getRequest("/ladder/L9/edit"), { levelId: "L9" })))).status,
    ).toBe(404);
  });
});

describe("leaving the demo and unknown pages", () => {
  it("answers 404 for any unknown URL", async () => {
    expect((await thrownResponse(() => notFoundLoader())).status).toBe(404);
  });

  it("starts an empty team: engineers go with their history and plan of record, the ladder and skills stay, the demo banner goes", async () => {
    const db = await getDb();
    const [scenario] = await listScenarios(db);
    const adopted = await adoptPlan(db, {
      scenarioId: scenario!.id,
      adoptedFrom: `${scenario!.start}-01`,
    });
    expect(adopted.ok).toBe(true);
    expect((await listSnapshots(db)).length).toBeGreaterThan(0);
    const response = (await resetAction(routeArgs(formRequest("/workspace/reset", {})))) as Response;
    expect(response.status).toBe(302);
    expect(await listEngineers(db)).toEqual([]);
    expect((await getWorkspace(db)).isDemo).toBe(false);
    expect(await listLevels(db)).toHaveLength(5);
    const vitals = await dashboardLoader(routeArgs(getRequest("/")));
    expect(vitals.engineerCount).toBe(0);
    expect(await getPlanOfRecord(db)).toBeNull();
    expect(await listSnapshots(db)).toEqual([]);
  });
});
