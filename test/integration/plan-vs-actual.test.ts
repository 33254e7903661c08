/**
 * The Plan vs actual page and adopting a plan (issue 18), through the route modules on a real
 * SQLite file: the /plan loader for each role (a viewer's money at band midpoints, unmoved when
 * every salary changes), the scenario page's "adopt" intent (admins only, audited, refusals naming
 * the field and keeping the input, nothing written), and the re-forecast from /plan.
 *
 * The app's clock is real: the plan starts two months before this one, so the story is the same
 * whatever day the test runs.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { action as planAction, loader as planLoader } from "~/routes/plan";
import { action as scenarioAction, loader as scenarioLoader } from "~/routes/scenarios.$scenarioId";
import { addMonths, monthInWords, monthOf } from "~/domain";
import { listAudit } from "~/services/audit.server";
import { createEngineer, listEngineers, updateEngineer } from "~/services/engineers.server";
import { listLevels } from "~/services/ladder.server";
import { getPlanOfRecord, listAdoptions } from "~/services/plan-of-record.server";
import { createScenarioFromRoster, getScenario, saveScenario } from "~/services/scenarios.server";
import { getDb } from "~/utils/db.server";
import { dataOf, formRequest, getRequest, routeArgs, thrownResponse } from "../setup/requests";

type As = "admin" | "planner" | "viewer";
type PlanPage = Awaited<ReturnType<typeof planLoader>>;
type AdoptAnswer =
  | { intent: "adopt"; ok: true; versionNumber: number; adoptedFrom: string }
  | { intent: "adopt"; ok: false; errors: Record<string, string>; values: Record<string, string> };

const thisMonth = monthOf(new Date());
const start = addMonths(thisMonth, -2);
const firstOfThisMonth = `${thisMonth}-01`;
let scenarioId = 0;
let teamKey = "";
let leaverName = "";
let leaverLevel = "";

const readPlan = async (as: As) => await planLoader(routeArgs(getRequest("/plan", { as })));

async function adopt(fields: Record<string, string>, as: As = "admin", id = scenarioId) {
  const answer = await scenarioAction(
    routeArgs(formRequest(`/scenarios/${id}`, { intent: "adopt", ...fields }, { as }), { scenarioId: String(id) }),
  );
  return dataOf<AdoptAnswer>(answer);
}

const versionOf = async (id = scenarioId) => String((await getScenario(await getDb(), { id }))!.version);

beforeAll(async () => {
  const db = await getDb();
  const roster = await listEngineers(db);
  const teamId = roster[0]!.teamId;
  teamKey = `t${teamId}`;
  // A junior planned last month (never made), a senior this month (made), a mid-level in four months.
  scenarioId = await createScenarioFromRoster(db, {
    frame: {
      name: "Autumn plan",
      start,
      horizonMonths: 12,
      plan: [
        { type: "hire", level: "L1", count: 1, month: 1, team: teamKey },
        { type: "hire", level: "L4", count: 1, month: 2, team: teamKey },
        { type: "hire", level: "L3", count: 1, month: 6, team: teamKey },
      ],
    },
  });
});

describe("adopting a scenario as the plan of record", () => {
  it("shows no plan of record before one is adopted, to every role", async () => {
    for (const as of ["viewer", "planner", "admin"] as const) expect((await readPlan(as)).view).toBeNull();
  });

  it("is for admins only: a planner's adopt is 403 and the page offers them no panel", async () => {
    const refused = await thrownResponse(() => adopt({ adoptedFrom: `${start}-01`, expectedVersion: "0" }, "planner"));
    expect(refused.status).toBe(403);
    const page = await scenarioLoader(
      routeArgs(getRequest(`/scenarios/${scenarioId}`, { as: "planner" }), {
        scenarioId: String(scenarioId),
      }),
    );
    expect(page).toMatchObject({ canAdopt: false, adoption: null });
    expect(await listAdoptions(await getDb())).toEqual([]);
  });

  it("refuses a day outside the plan naming adoptedFrom, keeps the input, and writes nothing", async () => {
    const outside = `${addMonths(start, 12)}-01`;
    const answer = await adopt({ adoptedFrom: outside, note: "Too late", expectedVersion: await versionOf() });
    expect(answer.status).toBe(400);
    expect(answer.data.ok).toBe(false);
    if (answer.data.ok) return;
    expect(answer.data.errors.adoptedFrom).toContain(`${start} to ${addMonths(start, 11)}`);
    expect(answer.data.values).toMatchObject({ adoptedFrom: outside, note: "Too late" });
    // A day not in the calendar is the form's own refusal, on the same field.
    const bad = await adopt({ adoptedFrom: `${thisMonth}-32`, expectedVersion: await versionOf() });
    expect(bad.status).toBe(400);
    expect(!bad.data.ok && bad.data.errors.adoptedFrom).toBe("That day is not in the calendar");
    expect(await listAdoptions(await getDb())).toEqual([]);
  });

  it("refuses a page opened before someone saved the scenario, and writes nothing", async () => {
    const db = await getDb();
    const opened = await versionOf();
    const stored = (await getScenario(db, { id: scenarioId }))!;
    await saveScenario(db, { id: scenarioId, scenario: { ...stored.scenario, description: "Saved meanwhile" } });
    const answer = await adopt({ adoptedFrom: `${start}-01`, expectedVersion: opened });
    expect(answer.status).toBe(409);
    expect(!answer.data.ok && answer.data.errors.form).toMatch(/after you opened this page\. Nothing was adopted/);
    expect(await listAdoptions(db)).toEqual([]);
  });

  it("adopts the newest saved version from a day for an admin, audited, and the scenario page says so", async () => {
    const db = await getDb();
    const answer = await adopt({
      adoptedFrom: `${start}-01`,
      note: "Agreed with finance",
      expectedVersion: await versionOf(),
    });
    // Version 1 was made at creation, version 2 by the save above.
    expect(answer).toEqual({
      status: 200,
      data: { intent: "adopt", ok: true, versionNumber: 2, adoptedFrom: `${start}-01` },
    });
    const [audit] = await listAudit(db, { entity: "plan" });
    expect(audit).toMatchObject({
      user_name: "Test admin",
      summary: `Adopted version 2 of "Autumn plan" as the plan of record from ${start}-01`,
    });
    const page = await scenarioLoader(
      routeArgs(getRequest(`/scenarios/${scenarioId}`, { as: "admin" }), {
        scenarioId: String(scenarioId),
      }),
    );
    expect(page).toMatchObject({
      canAdopt: true,
      adoption: { isThisScenario: true, versionNumber: 2, adoptedFrom: `${start}-01`, adoptedBy: "Test admin" },
    });
  });
});

describe("the Plan vs actual page", () => {
  beforeAll(async () => {
    const db = await getDb();
    const roster = await listEngineers(db);
    // This month the planned senior starts on time, and someone the plan kept leaves.
    await createEngineer(db, {
      input: {
        name: "New Senior",
        levelId: "L4",
        teamId: Number(teamKey.slice(1)),
        salary: 141_113,
        startDate: firstOfThisMonth,
        notes: "",
      },
    });
    const leaver = roster.find((e) => e.levelId === "L3")!;
    leaverName = leaver.name;
    leaverLevel = (await listLevels(db)).find((l) => l.id === "L3")!.title;
    await updateEngineer(db, { id: leaver.id, input: { ...leaver, leftOn: firstOfThisMonth } });
  });

  it("answers for an admin: one of the two hires due has started, one left unplanned, month by month since the adoption", async () => {
    const { view, canReforecast, canAdopt } = await readPlan("admin");
    expect({ canReforecast, canAdopt }).toEqual({ canReforecast: true, canAdopt: true });
    expect(view!.plan).toMatchObject({ scenarioName: "Autumn plan", versionNumber: 2, adoptedFrom: `${start}-01` });
    const { variance } = view!;
    expect(variance.months.map((m) => m.month)).toEqual([start, addMonths(start, 1), thisMonth]);
    expect(variance.hires.map((h) => [h.levelId, h.status, h.person?.name ?? null])).toEqual([
      ["L1", "overdue", null],
      ["L4", "on time", "New Senior"],
      ["L3", "not due", null],
    ]);
    expect(variance.leavers.map((l) => [l.name, l.planned])).toEqual([[leaverName, false]]);
    expect(variance.words[0]).toBe(`1 of 2 hires planned by ${monthInWords(thisMonth)} has started`);
    expect(variance.words[1]).toMatch(new RegExp(`^one ${leaverLevel} left unplanned \\(the plan expected about`));
    // Today's people: the roster as it stands, counted by hand.
    const active = (await listEngineers(await getDb())).length;
    expect(variance.months.at(-1)!.actual.headcount).toBe(active);
  });

  it("gives a planner the same answer, at salaries, and a viewer the same counts at band midpoints that no salary moves", async () => {
    const admin = await readPlan("admin");
    const planner = await readPlan("planner");
    expect(planner.view!.variance.words).toEqual(admin.view!.variance.words);
    expect(planner).toMatchObject({ canReforecast: true, canAdopt: false });
    const viewer = await readPlan("viewer");
    expect(viewer).toMatchObject({ canReforecast: false, canAdopt: false });
    expect(viewer.view!.pricedAtBandMidpoints).toBe(true);
    expect(viewer.view!.variance.hires).toEqual(planner.view!.variance.hires);
    // This month's payroll for a viewer is a twelfth of each person's band midpoint, summed by hand.
    const db = await getDb();
    const mid = new Map((await listLevels(db)).map((l) => [l.id, l.band.mid]));
    const people = await listEngineers(db);
    const midpoints = people.reduce((sum, e) => sum + mid.get(e.levelId)! / 12, 0);
    expect(viewer.view!.variance.months.at(-1)!.actual.payroll).toBeCloseTo(midpoints, 6);
    const salaries = people.reduce((sum, e) => sum + e.salary / 12, 0);
    expect(planner.view!.variance.months.at(-1)!.actual.payroll).toBeCloseTo(salaries, 6);

    // Every salary changes, through the service that records the roster's history.
    const body = (page: PlanPage) => JSON.stringify(page).replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, "<time>");
    const before = body(viewer);
    for (const e of people) await updateEngineer(db, { id: e.id, input: { ...e, salary: e.salary + 7_919 } });
    expect(body(await readPlan("viewer"))).toBe(before);
    // The planner's money does move, so the comparison above can fail.
    expect((await readPlan("planner")).view!.variance.months.at(-1)!.actual.payroll).toBeCloseTo(
      salaries + (people.length * 7_919) / 12,
      6,
    );
  });

  it("tells of versions saved since the adoption", async () => {
    const db = await getDb();
    const stored = (await getScenario(db, { id: scenarioId }))!;
    await saveScenario(db, {
      id: scenarioId,
      scenario: { ...stored.scenario, description: "Later" },
      note: "Added a note",
    });
    const { view } = await readPlan("admin");
    expect(view!.newerVersions.map((v) => [v.number, v.note])).toEqual([[3, "Added a note"]]);
  });
});

describe("re-forecasting from /plan", () => {
  it("is refused to a viewer with 403", async () => {
    const refused = await thrownResponse(() =>
      planAction(routeArgs(formRequest("/plan", { intent: "reforecast" }, { as: "viewer" }))),
    );
    expect(refused.status).toBe(403);
  });

  it("makes a planner a scenario from today's roster holding the overdue hire in its first month", async () => {
    const db = await getDb();
    const response = (await planAction(
      routeArgs(formRequest("/plan", { intent: "reforecast" }, { as: "planner" })),
    )) as Response;
    expect(response.status).toBe(302);
    const id = Number(response.headers.get("Location")!.replace("/scenarios/", ""));
    const made = (await getScenario(db, { id }))!.scenario;
    expect(made.start).toBe(thisMonth);
    // The plan ran 12 months from two months ago: ten are left.
    expect(made.horizonMonths).toBe(10);
    // The junior overdue since last month, now; the mid-level in its own month; the senior was made.
    expect(made.plan.map((e) => (e.type === "hire" ? [e.level, e.month, e.count, e.team] : e.type))).toEqual([
      ["L1", 0, 1, teamKey],
      ["L3", 4, 1, teamKey],
    ]);
    // Today's roster: the leaver is gone, the new senior is there.
    expect(made.team.map((t) => t.name)).toContain("New Senior");
    expect(made.team.map((t) => t.name)).not.toContain(leaverName);
    // The plan of record is unchanged.
    expect((await getPlanOfRecord(db))!.versionNumber).toBe(2);
  });
});

describe("a plan adopted from a day still ahead", () => {
  it("has nothing to compare yet", async () => {
    const next = `${addMonths(thisMonth, 1)}-01`;
    const answer = await adopt({ adoptedFrom: next, expectedVersion: await versionOf() });
    expect(answer.data.ok).toBe(true);
    const { view } = await readPlan("planner");
    expect(view!.plan.adoptedFrom).toBe(next);
    expect(view!.variance.months).toEqual([]);
    expect(view!.variance.words).toEqual([]);
  });
});
