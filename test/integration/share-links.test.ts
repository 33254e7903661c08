/**
 * Share links (issue 18): a planner makes a read-only link to a report; anyone opens it without an
 * account until its last day, unless it is revoked or its scenario goes; every opening is logged
 * and making and revoking are audited. The token leaves the server once and only its hash is kept.
 */
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as compareReport from "~/routes/compare_.report";
import * as share from "~/routes/share.$token";
import * as report from "~/routes/scenarios.$scenarioId_.report";
import * as adminShares from "~/routes/admin.shares";
import { ACTIVE_SHARE_LINKS_MAX, dayOf } from "~/forms/share-link";
import type { User } from "~/services/auth.server";
import { createEngineer } from "~/services/engineers.server";
import {
  createScenarioFromRoster,
  deleteScenario,
  getScenario,
  saveScenario,
  setScenarioArchived,
} from "~/services/scenarios.server";
import { createShareLink, listShareLinks, openShareLink } from "~/services/share-links.server";
import { createTeam } from "~/services/teams.server";
import { getDb } from "~/utils/db.server";
import { answerOf } from "../setup/answers";
import { formRequest, getRequest } from "../setup/requests";

const DAY = 86_400_000;
const inDays = (n: number, from = new Date()) => dayOf(new Date(from.getTime() + n * DAY));
let scenarioId = 0;
let otherId = 0;
let planner: User;
let admin: User;

async function userOf(role: "planner" | "admin"): Promise<User> {
  const row = await (
    await getDb()
  )
    .selectFrom("user")
    .select(["id", "email", "name", "role"])
    .where("email", "=", `${role}@example.com`)
    .executeTakeFirstOrThrow();
  return { ...row, mustChangePassword: false };
}

/** Makes a link on the report page, as `as`, and returns the answer and the link's token. */
async function makeLink(as: "viewer" | "planner" | "admin", fields: Record<string, string> = {}) {
  const got = await answerOf(
    report.action,
    formRequest(`/scenarios/${scenarioId}/report`, { intent: "share", expiresOn: inDays(14), ...fields }, { as }),
    { scenarioId: String(scenarioId) },
  );
  const body = got.status === 200 ? (JSON.parse(got.body) as { url: string }) : null;
  return { got, token: body?.url.split("/share/")[1] ?? "" };
}

const open = (token: string, as: "viewer" | null = null, userAgent = "TestBrowser/1.0") => {
  const request = getRequest(`/share/${token}`, { as });
  request.headers.set("User-Agent", userAgent);
  return answerOf(share.loader, request, { token });
};

beforeAll(async () => {
  const db = await getDb();
  planner = await userOf("planner");
  admin = await userOf("admin");
  scenarioId = await createScenarioFromRoster(db, {
    frame: { name: "Shared plan", start: "2027-01", horizonMonths: 12 },
  });
  otherId = await createScenarioFromRoster(db, { frame: { name: "Other plan", start: "2027-01", horizonMonths: 12 } });
});

describe("making a link", () => {
  it("lets a planner make one and refuses a viewer with 403", async () => {
    const made = await makeLink("planner", { label: "For finance" });
    expect(made.got.status).toBe(200);
    expect(made.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const refused = await makeLink("viewer");
    expect(refused.got.status).toBe(403);
  });

  it("shows the token once and keeps only its SHA-256, nowhere else", async () => {
    const db = await getDb();
    const { token } = await makeLink("planner", { label: "Hash check" });
    const row = await db
      .selectFrom("share_link")
      .selectAll()
      .where("label", "=", "Hash check")
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(createHash("sha256").update(token).digest("base64url"));
    expect(JSON.stringify(row)).not.toContain(token);
    const audit = await db.selectFrom("audit").selectAll().where("entity", "=", "share").execute();
    expect(JSON.stringify(audit)).not.toContain(token);
    // The report page lists the link, without its token.
    const page = await answerOf(report.loader, getRequest(`/scenarios/${scenarioId}/report`, { as: "planner" }), {
      scenarioId: String(scenarioId),
    });
    expect(page.body).toContain("Hash check");
    expect(page.body).not.toContain(token);
    // A viewer's report page has no share panel at all.
    const viewed = await answerOf(report.loader, getRequest(`/scenarios/${scenarioId}/report`, { as: "viewer" }), {
      scenarioId: String(scenarioId),
    });
    expect((JSON.parse(viewed.body) as { sharing: unknown }).sharing).toBeNull();
  });

  it("refuses an expiry date of today or past 90 days, naming the field and keeping the label", async () => {
    for (const expiresOn of [inDays(0), inDays(91), "2027-02-30", "soon"]) {
      const { got } = await makeLink("planner", { label: "Too late", expiresOn });
      expect(got.status, expiresOn).toBe(400);
      const body = JSON.parse(got.body) as { errors: Record<string, string>; values: Record<string, string> };
      expect(Object.keys(body.errors), expiresOn).toEqual(["expiresOn"]);
      expect(body.errors.expiresOn).toMatch(/expiry date/);
      expect(body.values.label).toBe("Too late");
    }
    expect((await makeLink("planner", { expiresOn: inDays(1) })).got.status).toBe(200);
    expect((await makeLink("planner", { expiresOn: inDays(90) })).got.status).toBe(200);
  });

  it("refuses a link past the 100 active links a workspace keeps, saying so", async () => {
    const db = await getDb();
    const active = (await listShareLinks(db)).filter((l) => l.state === "active").length;
    const now = new Date().toISOString();
    await db
      .insertInto("share_link")
      .values(
        Array.from({ length: ACTIVE_SHARE_LINKS_MAX - active }, (_, i) => ({
          token_hash: `filler-${i}`,
          kind: "scenario" as const,
          scenario_id: otherId,
          label: "filler",
          created_by: planner.id,
          created_by_name: planner.name,
          created_at: now,
          expires_on: inDays(5),
        })),
      )
      .execute();
    const { got } = await makeLink("planner");
    expect(got.status).toBe(400);
    expect(got.body).toContain(`${ACTIVE_SHARE_LINKS_MAX} active share links`);
    await db.deleteFrom("share_link").where("label", "=", "filler").execute();
    expect((await makeLink("planner")).got.status).toBe(200);
  });
});

describe("opening a link", () => {
  it("opens without an account, shows the report with no way into the app, and sends the headers", async () => {
    const { token } = await makeLink("planner");
    const got = await open(token);
    expect(got.status).toBe(200);
    const body = JSON.parse(got.body) as { state: string; kind: string; report: { scenario: { name: string } } };
    expect(body).toMatchObject({ state: "open", kind: "scenario", report: { scenario: { name: "Shared plan" } } });
    expect(share.handle.bare).toBe(true);
    const headers = new Headers(share.headers({} as never));
    expect(headers.get("Cache-Control")).toBe("no-store");
    expect(headers.get("X-Robots-Tag")).toBe("noindex");
    expect(headers.get("Referrer-Policy")).toBe("no-referrer");
    // A signed-in viewer gets the very same page data.
    expect((await open(token, "viewer")).body).toBe(got.body);
  });

  it("answers 404 for a token nobody made, and 410 past its last day (an injected now)", async () => {
    expect((await open("x".repeat(43))).status).toBe(404);
    expect((await open("not-a-token")).status).toBe(404);
    const db = await getDb();
    const made = new Date(Date.now() - 30 * DAY);
    const link = await createShareLink(db, {
      user: planner,
      target: { kind: "scenario", scenarioId },
      input: { label: "Old", expiresOn: inDays(10, made) },
      now: made,
    });
    if (!link.ok) throw new Error(link.message);
    // Open on its last day, closed the day after.
    expect((await openShareLink(db, { token: link.token, now: new Date(made.getTime() + 10 * DAY) })).state).toBe(
      "open",
    );
    expect(await openShareLink(db, { token: link.token, now: new Date(made.getTime() + 11 * DAY) })).toEqual({
      state: "expired",
      expiresOn: inDays(10, made),
    });
    const got = await open(link.token);
    expect(got.status).toBe(410);
    expect(got.body).not.toContain("Shared plan");
    expect(JSON.parse(got.body)).toEqual({ state: "expired", expiresOn: inDays(10, made) });
  });

  it("stops a revoked link at once, and lets only its maker or an admin revoke", async () => {
    const db = await getDb();
    const { token } = await makeLink("planner", { label: "To revoke" });
    const id = (await listShareLinks(db)).find((l) => l.label === "To revoke")!.id;
    expect((await open(token)).status).toBe(200);
    // Another planner may not; the admin's list may.
    const stranger = await createShareLink(db, {
      user: { ...planner, id: planner.id + 1000, name: "Someone else" },
      target: { kind: "scenario", scenarioId },
      input: { label: "Not mine", expiresOn: inDays(3) },
    });
    if (!stranger.ok) throw new Error(stranger.message);
    const strangerId = (await listShareLinks(db)).find((l) => l.label === "Not mine")!.id;
    const notMine = await answerOf(
      report.action,
      formRequest(
        `/scenarios/${scenarioId}/report`,
        { intent: "revoke-share", id: String(strangerId) },
        { as: "planner" },
      ),
      { scenarioId: String(scenarioId) },
    );
    expect(notMine.status).toBe(403);
    expect(notMine.body).toContain("Someone else");
    const revoked = await answerOf(
      report.action,
      formRequest(`/scenarios/${scenarioId}/report`, { intent: "revoke-share", id: String(id) }, { as: "planner" }),
      { scenarioId: String(scenarioId) },
    );
    expect(revoked.status).toBe(200);
    const got = await open(token);
    expect(got.status).toBe(410);
    expect(JSON.parse(got.body)).toMatchObject({ state: "revoked" });
    const byAdmin = await answerOf(
      adminShares.action,
      formRequest("/admin/shares", { intent: "revoke-share", id: String(strangerId) }, { as: "admin" }),
    );
    expect(byAdmin.status).toBe(200);
    expect((await openShareLink(db, { token: stranger.token })).state).toBe("revoked");
    const listed = (await listShareLinks(db)).find((l) => l.id === strangerId)!;
    expect(listed).toMatchObject({ state: "revoked", revokedByName: admin.name });
  });

  it("answers 410 once its scenario is archived or deleted, showing nothing of it", async () => {
    const db = await getDb();
    const doomed = await createScenarioFromRoster(db, {
      frame: { name: "Doomed plan", start: "2027-01", horizonMonths: 12 },
    });
    const link = await createShareLink(db, {
      user: planner,
      target: { kind: "scenario", scenarioId: doomed },
      input: { label: "", expiresOn: inDays(5) },
    });
    if (!link.ok) throw new Error(link.message);
    expect((await open(link.token)).status).toBe(200);
    await setScenarioArchived(db, { id: doomed, archived: true });
    expect((await open(link.token)).status).toBe(410);
    await setScenarioArchived(db, { id: doomed, archived: false });
    expect((await open(link.token)).status).toBe(200);
    await deleteScenario(db, { id: doomed });
    const got = await open(link.token);
    expect(got.status).toBe(410);
    expect(JSON.parse(got.body)).toEqual({ state: "gone", expiresOn: null });
  });

  it("logs every opening with the browser's name cut to 120 characters and no address, and lists the count", async () => {
    const db = await getDb();
    const { token } = await makeLink("planner", { label: "Counted" });
    const agent = `Mozilla/5.0 ${"x".repeat(200)}`;
    await open(token, null, agent);
    await open(token, null, agent);
    await open(token, null, agent);
    const link = (await listShareLinks(db)).find((l) => l.label === "Counted")!;
    expect(link.views).toBe(3);
    const views = await db.selectFrom("share_view").selectAll().where("link_id", "=", link.id).execute();
    expect(views).toHaveLength(3);
    expect(views.every((v) => v.client === agent.slice(0, 120))).toBe(true);
    expect(Object.keys(views[0]!).sort()).toEqual(["at", "client", "id", "link_id"]);
    expect(link.lastViewAt).toBe(
      views
        .map((v) => v.at)
        .sort()
        .at(-1),
    );
    // A closed link's openings are not counted as views of the report.
    await db
      .updateTable("share_link")
      .set({ revoked_at: new Date().toISOString() })
      .where("id", "=", link.id)
      .execute();
    await open(token);
    expect((await listShareLinks(db)).find((l) => l.id === link.id)!.views).toBe(3);
  });

  it("audits making and revoking, with the report's name and the maker", async () => {
    const db = await getDb();
    const rows = await db.selectFrom("audit").selectAll().where("entity", "=", "share").orderBy("id").execute();
    const made = rows.find((r) => r.action === "create" && r.summary.includes("For finance"))!;
    expect(made.user_name).toBe(planner.name);
    expect(made.summary).toContain('"Shared plan"'.slice(1, -1));
    expect(rows.some((r) => r.action === "revoke" && r.user_name === planner.name)).toBe(true);
    expect(rows.some((r) => r.action === "revoke" && r.user_name === admin.name)).toBe(true);
  });
});

describe("a comparison's link", () => {
  it("shares the comparison's scenarios and baseline, and opens as a comparison report", async () => {
    const path = `/compare/report?ids=${otherId},${scenarioId}&baseline=${scenarioId}`;
    const got = await answerOf(
      compareReport.action,
      formRequest(path, { intent: "share", expiresOn: inDays(7) }, { as: "planner" }),
    );
    expect(got.status).toBe(200);
    const token = (JSON.parse(got.body) as { url: string }).url.split("/share/")[1]!;
    const opened = JSON.parse((await open(token)).body) as {
      kind: string;
      report: { baselineId: number; compared: { id: number; name: string }[] };
    };
    expect(opened.kind).toBe("comparison");
    expect(opened.report.compared.map((c) => c.name)).toEqual(["Other plan", "Shared plan"]);
    expect(opened.report.baselineId).toBe(scenarioId);
    const page = await answerOf(compareReport.loader, getRequest(path, { as: "planner" }));
    expect((JSON.parse(page.body) as { sharing: { links: unknown[] } }).sharing.links).toHaveLength(1);
  });
});

describe("small teams and levels", () => {
  it("does not break out a team or level of fewer than 3 people, and says so; the planner's report does", async () => {
    const db = await getDb();
    const big = await createTeam(db, { input: { name: "Big team", ratioTarget: null } });
    const tiny = await createTeam(db, { input: { name: "Tiny team", ratioTarget: null } });
    if (!big.ok || !tiny.ok) throw new Error("teams not made");
    for (let i = 0; i < 4; i++)
      await createEngineer(db, {
        input: { name: `Big ${i}`, levelId: "L2", salary: 100_000, startDate: "2023-01-01", notes: "", teamId: big.id },
      });
    await createEngineer(db, {
      input: {
        name: "Lonely Principal",
        levelId: "L5",
        salary: 300_000,
        startDate: "2020-01-01",
        notes: "",
        teamId: tiny.id,
      },
    });
    const id = await createScenarioFromRoster(db, {
      frame: { name: "Teams plan", start: "2027-01", horizonMonths: 12 },
    });
    const stored = (await getScenario(db, { id }))!;
    const lonely = stored.scenario.team.find((t) => t.name === "Lonely Principal")!;
    await saveScenario(db, {
      id,
      scenario: { ...stored.scenario, plan: [{ type: "depart", member: lonely.id!, month: 3 }] },
    });
    const link = await createShareLink(db, {
      user: planner,
      target: { kind: "scenario", scenarioId: id },
      input: { label: "", expiresOn: inDays(5) },
    });
    if (!link.ok) throw new Error(link.message);
    const got = await open(link.token);
    expect(got.body).not.toContain("Tiny team");
    expect(got.body).not.toContain("Lonely Principal");
    expect(got.body).toContain("Big team");
    const data = JSON.parse(got.body) as {
      report: {
        smallGroupNotes: { teams: string | null; levels: string | null };
        plan: { header: string[]; rows: unknown[][] };
        team: { rows: unknown[][] };
        scenario: { levels: { id: string }[] };
        projection: { rows: { headcount: Record<string, number>; teams?: unknown }[] };
      };
    };
    expect(data.report.smallGroupNotes.teams).toMatch(/^Teams of fewer than 3 people are not shown separately/);
    expect(data.report.smallGroupNotes.levels).toMatch(/fewer than 3 people/);
    // The departure names neither the person nor their level of one.
    const who = data.report.plan.header.indexOf("Who");
    expect(data.report.plan.rows.find((r) => r[2] === "departure")![who]).toBe("someone");
    expect(data.report.team.rows.some((r) => String(r[0]).startsWith("L5"))).toBe(false);
    expect(data.report.scenario.levels.map((l) => l.id)).not.toContain("L5");
    expect(data.report.projection.rows[0]!.teams).toBeUndefined();
    expect(Object.keys(data.report.projection.rows[0]!.headcount)).not.toContain("L5");
    // The people are all still counted: the folded levels sum to the whole team.
    const first = data.report.projection.rows[0]!.headcount;
    expect(Object.values(first).reduce((a, b) => a + b, 0)).toBeCloseTo(
      stored.scenario.team.reduce((n, t) => n + t.count, 0),
      6,
    );
    // The planner's own report shows the small team, so the checks above can fail.
    const own = await answerOf(report.loader, getRequest(`/scenarios/${id}/report`, { as: "planner" }), {
      scenarioId: String(id),
    });
    expect(own.body).toContain("Tiny team");
    const ownPlan = (JSON.parse(own.body) as { plan: { header: string[]; rows: unknown[][] } }).plan;
    expect(ownPlan.rows[0]![ownPlan.header.indexOf("Who")]).toBe(lonely.id);
  });
});
