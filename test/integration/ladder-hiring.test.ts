/**
 * Hiring on the Ladder page (issue 16): each level's time to fill and interview hours, the
 * workspace's recruiters and first-year attrition, and the scenarios the app creates from them.
 */
import { describe, expect, it } from "vitest";
import { action as editLevelAction, loader as editLevelLoader } from "~/routes/ladder.$levelId.edit";
import { action as ladderAction, loader as ladderLoader } from "~/routes/ladder._index";
import { action as newScenarioAction } from "~/routes/scenarios.new";
import { levelFormValues } from "~/forms/level";
import { createEngineer, getEngineer, listEngineers, updateEngineer } from "~/services/engineers.server";
import { getHiringSettings } from "~/services/hiring.server";
import { getLevel, listLevels } from "~/services/ladder.server";
import { getScenario, refreshFromRoster } from "~/services/scenarios.server";
import { getDb } from "~/utils/db.server";
import { dataOf, formRequest, getRequest, routeArgs, thrownResponse } from "../setup/requests";

type Refused = { errors: Record<string, string>; values: Record<string, string> };

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

async function auditOf(entity: string) {
  return (await getDb()).selectFrom("audit").selectAll().where("entity", "=", entity).orderBy("id").execute();
}

async function createdScenario(source: "roster" | "cohorts", name: string) {
  const response = (await newScenarioAction(
    routeArgs(
      formRequest("/scenarios/new", {
        source,
        name,
        start: "2027-01",
        horizonMonths: "24",
        step: "month",
        ...(source === "cohorts" ? { "count.L1": "4", "salary.L1": "105000" } : {}),
      }),
    ),
  )) as Response;
  expect(response.status).toBe(302);
  const id = Number(response.headers.get("Location")!.split("/").pop());
  return { id, scenario: (await getScenario(await getDb(), { id }))!.scenario };
}

describe("the ladder's hiring figures", () => {
  it("start at the recommended figures on a new workspace, and everyone, viewers too, sees them", async () => {
    const { levels, hiring, canEdit } = await ladderLoader(routeArgs(getRequest("/ladder", { as: "viewer" })));
    // The figures for L1-L5: 2 / 2 / 2 / 3 / 3 months, 60 / 60 / 80 / 100 / 120 hours.
    expect(levels.map((l) => [l.id, l.timeToFillMonths, l.interviewHours])).toEqual([
      ["L1", 2, 60],
      ["L2", 2, 60],
      ["L3", 2, 80],
      ["L4", 3, 100],
      ["L5", 3, 120],
    ]);
    expect(hiring).toEqual({ recruiters: null, hiresPerRecruiterPerQuarter: 6, firstYearAttritionMultiplier: 1.5 });
    expect(canEdit).toBe(false);
  });

  it.each([
    [
      "a fraction of a month",
      { timeToFillMonths: "2.5" },
      "timeToFillMonths",
      "Time to fill must be a whole number of months",
    ],
    ["more months than the limit", { timeToFillMonths: "25" }, "timeToFillMonths", "Time to fill must be at most 24"],
    ["no time to fill", { timeToFillMonths: "" }, "timeToFillMonths", "Enter time to fill"],
    ["negative interview hours", { interviewHours: "-5" }, "interviewHours", "Interview hours must be at least 0"],
    [
      "interview hours over the limit",
      { interviewHours: "2001" },
      "interviewHours",
      "Interview hours must be at most 2000",
    ],
    ["interview hours that are text", { interviewHours: "lots" }, "interviewHours", "Interview hours must be a number"],
  ])(
    "refuses %s on the level form, naming the field, keeping the input, writing nothing",
    async (_, change, field, message) => {
      const db = await getDb();
      const before = await getLevel(db, { id: "L3" });
      const audits = (await auditOf("level")).length;
      const { data, status } = dataOf<Refused>(
        await editLevelAction(
          routeArgs(formRequest("/ladder/L3/edit", { ...(await levelForm("L3")), ...change }), { levelId: "L3" }),
        ),
      );
      expect(status).toBe(400);
      expect(data.errors[field]).toBe(message);
      expect(Object.keys(data.errors)).toEqual([field]);
      expect(data.values).toMatchObject(change);
      expect(await getLevel(db, { id: "L3" })).toEqual(before);
      expect(await auditOf("level")).toHaveLength(audits);
    },
  );

  it("saves a level's time to fill and interview hours, audited with the values before and after", async () => {
    const response = (await editLevelAction(
      routeArgs(
        formRequest("/ladder/L4/edit", { ...(await levelForm("L4")), timeToFillMonths: "4", interviewHours: "90" }),
        {
          levelId: "L4",
        },
      ),
    )) as Response;
    expect(response.status).toBe(302);
    expect(await getLevel(await getDb(), { id: "L4" })).toMatchObject({ timeToFillMonths: 4, interviewHours: 90 });
    const entry = (await auditOf("level")).at(-1)!;
    expect(entry.summary).toContain("timeToFillMonths, interviewHours");
    expect(JSON.parse(entry.before!)).toEqual({ timeToFillMonths: 3, interviewHours: 100 });
    expect(JSON.parse(entry.after!)).toEqual({ timeToFillMonths: 4, interviewHours: 90 });
  });
});

describe("the recruiters card", () => {
  const card = (fields: Record<string, string>, as: "admin" | "planner" | "viewer" = "planner") =>
    ladderAction(routeArgs(formRequest("/ladder?index", { intent: "hiring", ...fields }, { as })));

  it.each([
    ["a fraction of a recruiter", { recruiters: "2.5" }, "recruiters", "Recruiters must be a whole number"],
    ["negative recruiters", { recruiters: "-1" }, "recruiters", "Recruiters must be at least 0"],
    [
      "hires a quarter that are text",
      { hiresPerRecruiterPerQuarter: "many" },
      "hiresPerRecruiterPerQuarter",
      "Hires per recruiter a quarter must be a number",
    ],
    [
      "a first-year multiplier below 1",
      { firstYearAttritionMultiplier: "0.5" },
      "firstYearAttritionMultiplier",
      "First-year attrition must be at least 1",
    ],
    [
      "a first-year multiplier over the limit",
      { firstYearAttritionMultiplier: "11" },
      "firstYearAttritionMultiplier",
      "First-year attrition must be at most 10",
    ],
  ])("refuses %s, naming the field, keeping the input, writing nothing", async (_, change, field, message) => {
    const db = await getDb();
    const before = await getHiringSettings(db);
    const audits = (await auditOf("workspace")).length;
    const fields = {
      recruiters: "3",
      hiresPerRecruiterPerQuarter: "5",
      firstYearAttritionMultiplier: "1.4",
      ...change,
    };
    const { data, status } = dataOf<{ hiringErrors: Record<string, string>; hiringValues: Record<string, string> }>(
      await card(fields),
    );
    expect(status).toBe(400);
    expect(data.hiringErrors).toEqual({ [field]: message });
    expect(data.hiringValues).toMatchObject(fields);
    expect(await getHiringSettings(db)).toEqual(before);
    expect(await auditOf("workspace")).toHaveLength(audits);
  });

  it("is refused to a viewer", async () => {
    const refused = await thrownResponse(() =>
      card({ recruiters: "3", hiresPerRecruiterPerQuarter: "5", firstYearAttritionMultiplier: "1.4" }, "viewer"),
    );
    expect(refused.status).toBe(403);
    expect((await getHiringSettings(await getDb())).recruiters).toBeNull();
  });

  it("saves the recruiters, their hires a quarter and first-year attrition, audited; the page says what they can do", async () => {
    const response = (await card({
      recruiters: "2",
      hiresPerRecruiterPerQuarter: "5",
      firstYearAttritionMultiplier: "1.4",
    })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toContain("#hiring");
    const settings = { recruiters: 2, hiresPerRecruiterPerQuarter: 5, firstYearAttritionMultiplier: 1.4 };
    expect(await getHiringSettings(await getDb())).toEqual(settings);
    const entry = (await auditOf("workspace")).at(-1)!;
    expect(entry.summary).toBe(
      "Changed the hiring settings to 2 recruiters, 5 hires each a quarter; first-year attrition 1.4 times the usual rate (was recruiters not set, 6 hires each a quarter; first-year attrition 1.5 times the usual rate)",
    );
    expect(JSON.parse(entry.before!)).toEqual({
      recruiters: null,
      hiresPerRecruiterPerQuarter: 6,
      firstYearAttritionMultiplier: 1.5,
    });
    expect(JSON.parse(entry.after!)).toEqual(settings);
    const { hiring } = await ladderLoader(routeArgs(getRequest("/ladder", { as: "viewer" })));
    expect(hiring).toEqual(settings);
  });
});

describe("a scenario the app creates", () => {
  it("carries the ladder's hiring figures, backfills on time to fill, the workspace's hiring settings and each engineer's tenure", async () => {
    const db = await getDb();
    // Joined 1 Dec 2026: one whole month on 1 Jan 2027. Joining after the plan starts: 0.
    await createEngineer(db, {
      input: { name: "December Joiner", levelId: "L2", salary: 112_000, startDate: "2026-12-01", notes: "" },
    });
    await createEngineer(db, {
      input: { name: "February Joiner", levelId: "L3", salary: 120_000, startDate: "2027-02-15", notes: "" },
    });
    const { scenario } = await createdScenario("roster", "Created with hiring");

    const ladder = await listLevels(db);
    expect(scenario.levels.map((l) => [l.id, l.timeToFillMonths, l.interviewHours])).toEqual(
      ladder.map((l) => [l.id, l.timeToFillMonths, l.interviewHours]),
    );
    expect(scenario.levels.find((l) => l.id === "L4")).toMatchObject({ timeToFillMonths: 4, interviewHours: 90 });
    expect(scenario.assumptions.backfill.useTimeToFill).toBe(true);
    expect(scenario.assumptions.hiring).toEqual({
      firstYearAttritionMultiplier: 1.4,
      recruiters: 2,
      hiresPerRecruiterPerQuarter: 5,
      maxGrowthPerQuarter: 1 / 3,
    });

    const tenure = new Map(scenario.team.map((t) => [t.name, t.tenureMonths]));
    expect(tenure.get("December Joiner")).toBe(1);
    expect(tenure.get("February Joiner")).toBe(0);
    // Maya Okafor joined on 4 March 2019: 93 months on is 4 Dec 2026, before 1 Jan 2027; 94 is 4 Jan 2027, after it.
    expect(tenure.get("Maya Okafor")).toBe(93);
    expect(scenario.team).toHaveLength((await listEngineers(db)).length);
    expect(scenario.team.every((t) => t.tenureMonths !== undefined)).toBe(true);
  });

  it("from cohorts carries the hiring figures and settings, and no tenure (a cohort has no start date)", async () => {
    const { scenario } = await createdScenario("cohorts", "Cohorts with hiring");
    expect(scenario.levels.find((l) => l.id === "L1")).toMatchObject({ timeToFillMonths: 2, interviewHours: 60 });
    expect(scenario.assumptions.backfill.useTimeToFill).toBe(true);
    expect(scenario.assumptions.hiring).toMatchObject({ firstYearAttritionMultiplier: 1.4, recruiters: 2 });
    expect(scenario.team.map((t) => [t.count, t.tenureMonths])).toEqual([[4, undefined]]);
  });

  it("takes each engineer's tenure afresh when refreshed from the roster", async () => {
    const db = await getDb();
    const { id } = await createdScenario("roster", "Refresh tenure");
    const maya = (await listEngineers(db)).find((e) => e.name === "Maya Okafor")!;
    const {
      id: _id,
      skills: _s,
      version,
      updatedAt: _u,
      updatedBy: _b,
      ...input
    } = (await getEngineer(db, { id: maya.id }))!;
    // Rejoined on 1 June 2026: seven whole months on 1 Jan 2027.
    expect(
      (
        await updateEngineer(db, {
          id: maya.id,
          input: { ...input, startDate: "2026-06-01" },
          expectedVersion: version,
        })
      ).ok,
    ).toBe(true);
    expect((await refreshFromRoster(db, { id }))?.ok).toBe(true);
    const refreshed = (await getScenario(db, { id }))!.scenario;
    expect(refreshed.team.find((t) => t.name === "Maya Okafor")!.tenureMonths).toBe(7);
  });
});
