/**
 * Headcount requests (issue 18) through their pages' loaders and actions, as each role: a planner
 * asks for a hire, withdraws it, cannot decide; an admin approves (the hire goes into the plan of
 * record's scenario as its next version) or declines with a note. Every refusal names the field or
 * says why in words, keeps the input and writes nothing; every step is audited with the change.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as root from "~/root";
import * as requestPage from "~/routes/requests.$requestId";
import * as requestsPage from "~/routes/requests._index";
import { addMonths, monthsBetween, type Scenario } from "~/domain";
import { MAX_OPEN_REQUESTS, REQUESTS_LIST_LIMIT } from "~/forms/request";
import { adoptPlan, getPlanOfRecord } from "~/services/plan-of-record.server";
import { getRequest, type HeadcountRequest } from "~/services/requests.server";
import {
  createScenarioFromRoster,
  deleteScenario,
  setScenarioArchived,
  getScenario,
  listScenarioVersions,
} from "~/services/scenarios.server";
import { getDb } from "~/utils/db.server";
import { answerOf } from "../setup/answers";
import { formRequest, getRequest as getPage, type As } from "../setup/requests";

const PLAN_START = "2027-01";
const PLAN_MONTHS = 24;
const thisMonth = new Date().toISOString().slice(0, 7);
const today = new Date().toISOString().slice(0, 10);
let mobile = 0;
let scenarioId = 0;

beforeAll(async () => {
  const db = await getDb();
  mobile = (await db.selectFrom("team").select("id").where("name", "=", "Mobile").executeTakeFirstOrThrow()).id;
  scenarioId = await createScenarioFromRoster(db, {
    frame: { name: "Plan for 2027-28", start: PLAN_START, horizonMonths: PLAN_MONTHS },
  });
});

const ask = (fields: Record<string, string>, as: As = "planner") =>
  answerOf(requestsPage.action, formRequest("/requests", { intent: "create", ...fields }, { as }));
const act = (id: number, fields: Record<string, string>, as: As = "admin") =>
  answerOf(requestPage.action, formRequest(`/requests/${id}`, fields, { as }), { requestId: String(id) });
const page = (id: number, as: As = "planner") =>
  answerOf(requestPage.loader, getPage(`/requests/${id}`, { as }), { requestId: String(id) });
const list = (query = "", as: As = "planner") => answerOf(requestsPage.loader, getPage(`/requests${query}`, { as }));

const A_HIRE = { levelId: "L4", month: "2027-04", reason: "Mobile has no senior to mentor its juniors", salary: "" };

/** Creates a request as `as` and returns its id (from the redirect to its page). */
async function requested(fields: Record<string, string> = {}, as: As = "planner"): Promise<number> {
  const got = await ask({ ...A_HIRE, teamId: String(mobile), ...fields }, as);
  expect(got.status, got.body).toBe(302);
  return Number(/^\/requests\/(\d+)$/.exec(got.location!)![1]);
}

const audits = async () =>
  (
    await (
      await getDb()
    )
      .selectFrom("audit")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow()
  ).n;
const requestRows = async () =>
  (
    await (
      await getDb()
    )
      .selectFrom("headcount_request")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow()
  ).n;
const stored = async (id: number) => (await getRequest(await getDb(), { id }))!;
const version = async (id: number) => String((await stored(id)).version);

describe("who may use requests", () => {
  it("refuses viewers every page and action (requests may carry a salary), and planners every decision", async () => {
    const id = await requested();
    expect((await list("", "viewer")).status).toBe(403);
    expect((await page(id, "viewer")).status).toBe(403);
    expect((await ask(A_HIRE, "viewer")).status).toBe(403);
    for (const intent of ["approve", "decline", "withdraw"])
      expect((await act(id, { intent, note: "x" }, "viewer")).status, intent).toBe(403);
    for (const intent of ["approve", "decline"])
      expect((await act(id, { intent, note: "x", version: await version(id) }, "planner")).status, intent).toBe(403);
    expect((await stored(id)).status).toBe("requested");
    // The planner's page offers no decision; the admin's does.
    expect(JSON.parse((await page(id, "planner")).body)).toMatchObject({ canDecide: false, canWithdraw: true });
    expect(JSON.parse((await page(id, "admin")).body)).toMatchObject({ canDecide: true, canWithdraw: false });
  });

  it("puts Requests in the admin's nav with the count waiting, and none for planners", async () => {
    const rootData = async (as: As) =>
      JSON.parse((await answerOf(root.loader, getPage("/", { as }))).body) as { openRequests: unknown };
    const waiting = (await (await getDb()).selectFrom("headcount_request").select("status").execute()).filter(
      (r) => r.status === "requested",
    ).length;
    expect(waiting).toBeGreaterThan(0);
    expect((await rootData("admin")).openRequests).toBe(waiting);
    expect((await rootData("planner")).openRequests).toBeNull();
  });
});

describe("asking for a hire", () => {
  it("names every field with a problem, keeps what was typed, and writes nothing", async () => {
    const [rows, entries] = [await requestRows(), await audits()];
    const typed = { levelId: "", teamId: "", month: "2027-13", reason: "  ", salary: "9000" };
    const got = await ask(typed);
    expect(got.status).toBe(400);
    const { errors, values } = JSON.parse(got.body) as {
      errors: Record<string, string>;
      values: Record<string, string>;
    };
    expect(errors.levelId).toBe("Choose the level");
    expect(errors.month).toMatch(/^Choose the month the hire should start, like 2027-04/);
    expect(errors.reason).toBe("Say why the team needs this hire");
    expect(errors.salary).toMatch(/^Salary must be at least \$15,000 a year/);
    expect(values).toMatchObject(typed);
    // The fields that need the database are named once the form itself reads.
    const second = JSON.parse(
      (await ask({ levelId: "L9", teamId: "", month: addMonths(thisMonth, -1), reason: "Why not", salary: "2000001" }))
        .body,
    ) as { errors: Record<string, string> };
    expect(second.errors.salary).toMatch(/^Salary must be at most \$2,000,000 a year/);
    const third = JSON.parse(
      (await ask({ levelId: "L9", teamId: "", month: addMonths(thisMonth, -1), reason: "Why not", salary: "" })).body,
    ) as { errors: Record<string, string>; values: Record<string, string> };
    expect(third.errors).toEqual({
      levelId: 'There is no level "L9" on the ladder: choose one from the list',
      teamId: "Choose the team the hire joins",
      month: expect.stringMatching(/a hire cannot start in the past$/),
    });
    expect(third.values.reason).toBe("Why not");
    const long = JSON.parse((await ask({ ...A_HIRE, teamId: String(mobile), reason: "x".repeat(2001) })).body) as {
      errors: Record<string, string>;
    };
    expect(long.errors.reason).toBe("Keep the reason to 2,000 characters (it has 2,001)");
    expect([await requestRows(), await audits()]).toEqual([rows, entries]);
  });

  it("records a request with the requester, audited in the same step, and lists it with its filters", async () => {
    const entries = await audits();
    const id = await requested({ salary: "$150,000" });
    const request = await stored(id);
    expect(request).toMatchObject({
      levelId: "L4",
      levelTitle: "Senior Engineer",
      teamId: mobile,
      teamName: "Mobile",
      month: "2027-04",
      salary: 150_000,
      status: "requested",
      requestedByName: "Test planner",
    });
    expect(await audits()).toBe(entries + 1);
    const history = JSON.parse((await page(id)).body) as { history: { action: string; summary: string }[] };
    expect(history.history).toEqual([
      expect.objectContaining({
        action: "request",
        summary: `Requested a hire (#${id}): Senior Engineer, Mobile, Apr 2027`,
      }),
    ]);
    const ids = async (query: string, as: As = "planner") =>
      (JSON.parse((await list(query, as)).body) as { requests: HeadcountRequest[] }).requests.map((r) => r.id);
    const byAdmin = await requested({ levelId: "L2" }, "admin");
    expect(await ids("")).toEqual(expect.arrayContaining([id, byAdmin]));
    expect(await ids("?mine=1")).toContain(id);
    expect(await ids("?mine=1")).not.toContain(byAdmin);
    expect(await ids("?level=L2")).toEqual([byAdmin]);
    expect(await ids(`?team=${mobile}&level=L4`)).toContain(id);
    expect(await ids("?status=approved")).not.toContain(id);
  });

  it("lets the requester withdraw a waiting request, and no one else", async () => {
    const id = await requested();
    const entries = await audits();
    const byAdmin = await act(id, { intent: "withdraw", version: await version(id) }, "admin");
    expect(byAdmin.status).toBe(409);
    expect(JSON.parse(byAdmin.body).errors.form).toBe(
      "Only Test planner, who asked for it, can withdraw this request.",
    );
    expect(await audits()).toBe(entries);
    const opened = await version(id);
    expect((await act(id, { intent: "withdraw", version: opened }, "planner")).status).toBe(302);
    expect(await stored(id)).toMatchObject({ status: "withdrawn", decidedByName: "Test planner" });
    expect(await audits()).toBe(entries + 1);
    // Withdrawn is settled: the admin cannot approve it, and nothing is written.
    const late = await act(id, { intent: "approve", note: "", version: opened });
    expect(JSON.parse(late.body).errors.form).toBe(
      `Test planner withdrew this on ${today}, after you opened it. Nothing was changed.`,
    );
    expect(await audits()).toBe(entries + 1);
  });
});

describe("without a plan of record", () => {
  it("refuses to approve, in words, and writes nothing", async () => {
    expect(await getPlanOfRecord(await getDb())).toBeNull();
    const id = await requested();
    const entries = await audits();
    const got = await act(id, { intent: "approve", note: "Yes", version: await version(id) });
    expect(got.status).toBe(409);
    expect(JSON.parse(got.body)).toMatchObject({
      errors: { form: "Adopt a plan of record first: approved requests go into it." },
      values: { note: "Yes" },
    });
    expect((await stored(id)).status).toBe("requested");
    expect(await audits()).toBe(entries);
  });
});

describe("deciding with a plan of record", () => {
  let adoptedVersion = 0;
  beforeAll(async () => {
    const adopted = await adoptPlan(await getDb(), { scenarioId, adoptedFrom: `${PLAN_START}-01` });
    expect(adopted.ok).toBe(true);
    adoptedVersion = (adopted as { versionNumber: number }).versionNumber;
  });

  const document = async () => (await getScenario(await getDb(), { id: scenarioId }))!.scenario;

  it("adds an approved hire to the plan of record's scenario as its next version, recorded on the request", async () => {
    const id = await requested({ salary: "150000" });
    const before: Scenario = await document();
    const { newest } = await listScenarioVersions(await getDb(), { id: scenarioId, perPage: 1 });
    const entries = await audits();

    const got = await act(id, { intent: "approve", note: "Go ahead", version: await version(id) });
    expect(got.status, got.body).toBe(302);

    const after = await document();
    // April 2027 is 3 months after the January 2027 start.
    expect(monthsBetween(PLAN_START, "2027-04")).toBe(3);
    expect(after.plan).toEqual([
      ...before.plan,
      { type: "hire", level: "L4", count: 1, month: 3, salary: 150_000, team: `t${mobile}` },
    ]);
    const versions = await listScenarioVersions(await getDb(), { id: scenarioId, perPage: 2 });
    expect(versions.newest).toBe(newest + 1);
    expect(versions.versions[0]!.note).toBe(
      `Added approved headcount request #${id}: Senior Engineer, Mobile, Apr 2027`,
    );
    expect(await stored(id)).toMatchObject({
      status: "approved",
      decidedByName: "Test admin",
      decisionNote: "Go ahead",
      addedToScenarioId: scenarioId,
      addedToVersion: newest + 1,
    });
    // One entry for the request, one for the scenario it changed, both with the change.
    const written = await (
      await getDb()
    )
      .selectFrom("audit")
      .select(["entity", "entity_id", "action"])
      .orderBy("id", "desc")
      .limit(2)
      .execute();
    expect(await audits()).toBe(entries + 2);
    expect(written).toEqual(
      expect.arrayContaining([
        { entity: "request", entity_id: String(id), action: "approve" },
        { entity: "scenario", entity_id: String(scenarioId), action: "add approved request" },
      ]),
    );
    // The adopted version stays frozen: the new version waits to be adopted again.
    expect(newest).toBe(adoptedVersion);
    const plan = (await getPlanOfRecord(await getDb()))!;
    expect(plan.versionNumber).toBe(adoptedVersion);
    expect(plan.scenario.plan).toEqual(before.plan);
    // The requester sees the outcome, on the request and in the list.
    const seen = JSON.parse((await page(id, "planner")).body) as { outcome: string; addedTo: unknown };
    const day = new Date();
    const shortToday = `${day.getUTCDate()} ${day.toLocaleString("en-US", { month: "short", timeZone: "UTC" })} ${day.getUTCFullYear()}`;
    expect(seen.outcome).toBe(`Approved by Test admin on ${shortToday}: Go ahead`);
    expect(seen.addedTo).toEqual({ id: scenarioId, name: "Plan for 2027-28", version: newest + 1 });
  });

  it("adds a hire asked for with no salary without one, so the engine prices it at the band midpoint", async () => {
    const id = await requested({ levelId: "L1", month: "2027-06" });
    const before = await document();
    expect((await act(id, { intent: "approve", note: "", version: await version(id) })).status).toBe(302);
    const added = (await document()).plan.at(-1);
    expect(added).toEqual({ type: "hire", level: "L1", count: 1, month: 5, team: `t${mobile}` });
    expect((await document()).plan).toHaveLength(before.plan.length + 1);
  });

  it("requires a note to decline, then declines with it, writing nothing to the plan", async () => {
    const id = await requested();
    const [entries, plan] = [await audits(), (await document()).plan];
    const bare = await act(id, { intent: "decline", note: "  ", version: await version(id) });
    expect(bare.status).toBe(400);
    expect(JSON.parse(bare.body).errors.note).toBe("Say why it is declined: the requester reads this note");
    expect(await audits()).toBe(entries);
    expect((await act(id, { intent: "decline", note: "No budget", version: await version(id) })).status).toBe(302);
    expect(await stored(id)).toMatchObject({ status: "declined", decisionNote: "No budget", addedToVersion: null });
    expect((await document()).plan).toEqual(plan);
    expect(await audits()).toBe(entries + 1);
  });

  it("refuses a second decision in words, writing nothing", async () => {
    const id = await requested();
    const opened = await version(id);
    expect((await act(id, { intent: "approve", note: "", version: opened })).status).toBe(302);
    const [entries, plan] = [await audits(), (await document()).plan];
    const again = await act(id, { intent: "decline", note: "Changed my mind", version: opened });
    expect(again.status).toBe(409);
    expect(JSON.parse(again.body)).toMatchObject({
      errors: { form: `Test admin approved this on ${today}, after you opened it. Nothing was changed.` },
      values: { note: "Changed my mind" },
    });
    expect(await stored(id)).toMatchObject({ status: "approved", decisionNote: "" });
    expect([await audits(), (await document()).plan]).toEqual([entries, plan]);
  });

  it("refuses a month before the plan's start or after its last month, naming them", async () => {
    const entries = await audits();
    const early = await requested({ month: thisMonth });
    expect(JSON.parse((await act(early, { intent: "approve", version: await version(early) })).body).errors.form).toBe(
      `The plan of record "Plan for 2027-28" starts in Jan 2027, after this request's ${new Date().toLocaleString("en-US", { month: "short", timeZone: "UTC" })} ${thisMonth.slice(0, 4)}: decline it, or ask for Jan 2027 or later.`,
    );
    const late = await requested({ month: "2029-01" });
    expect(JSON.parse((await act(late, { intent: "approve", version: await version(late) })).body).errors.form).toBe(
      `The plan of record "Plan for 2027-28" runs to Dec 2028, before this request's Jan 2029: lengthen the plan, or decline it.`,
    );
    // Only the two requests were written.
    expect(await audits()).toBe(entries + 2);
    expect([(await stored(early)).status, (await stored(late)).status]).toEqual(["requested", "requested"]);
  });

  it("keeps at most 500 requests open and lists at most 200 rows, saying so", async () => {
    const db = await getDb();
    const open = (await db.selectFrom("headcount_request").select("status").execute()).filter(
      (r) => r.status === "requested",
    ).length;
    const now = new Date().toISOString();
    const filler = Array.from({ length: MAX_OPEN_REQUESTS - open }, () => ({
      level_id: "L3",
      team_id: mobile,
      team_name: "Mobile",
      month: "2027-05",
      reason: "filler",
      salary: null,
      requested_by: null,
      requested_by_name: "Someone",
      created_at: now,
      updated_at: now,
    }));
    for (let i = 0; i < filler.length; i += 100)
      await db
        .insertInto("headcount_request")
        .values(filler.slice(i, i + 100))
        .execute();
    const [rows, entries] = [await requestRows(), await audits()];
    const refused = await ask({ ...A_HIRE, teamId: String(mobile) });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body).errors.form).toMatch(/already holds 500 requests waiting for a decision/);
    expect([await requestRows(), await audits()]).toEqual([rows, entries]);
    const listed = JSON.parse((await list("")).body) as { requests: unknown[]; total: number };
    expect(listed.requests).toHaveLength(REQUESTS_LIST_LIMIT);
    expect(listed.total).toBe(rows);
    await db.deleteFrom("headcount_request").where("reason", "=", "filler").execute();
  });

  it("refuses, in words, when the plan of record's scenario was archived, then deleted", async () => {
    const id = await requested();
    await setScenarioArchived(await getDb(), { id: scenarioId, archived: true });
    const archived = await act(id, { intent: "approve", note: "", version: await version(id) });
    expect(JSON.parse(archived.body).errors.form).toMatch(
      /^The plan of record's scenario "Plan for 2027-28" is archived/,
    );
    expect((await stored(id)).status).toBe("requested");
    await deleteScenario(await getDb(), { id: scenarioId });
    const entries = await audits();
    const got = await act(id, { intent: "approve", note: "", version: await version(id) });
    expect(JSON.parse(got.body).errors.form).toMatch(/^The plan of record's scenario "Plan for 2027-28" was deleted/);
    expect((await stored(id)).status).toBe("requested");
    expect(await audits()).toBe(entries);
    // An approved request keeps its record of the version, the scenario shown as deleted.
    const approved = await (
      await getDb()
    )
      .selectFrom("headcount_request")
      .select(["id", "added_to_version"])
      .where("status", "=", "approved")
      .executeTakeFirstOrThrow();
    expect(JSON.parse((await page(approved.id)).body).addedTo).toEqual({
      id: scenarioId,
      name: null,
      version: approved.added_to_version,
    });
  });
});
