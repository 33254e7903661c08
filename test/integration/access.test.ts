/**
 * Who may do what: every loader, action and download, called as nobody, a viewer, a planner and an
 * admin. Anyone signed out is sent to sign in; a role too low gets 403; and nothing a viewer
 * receives (page data, CSV, workbook, report) holds an individual's salary.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as root from "~/root";
import * as dashboard from "~/routes/_index";
import * as account from "~/routes/account";
import * as adminUsers from "~/routes/admin._index";
import * as adminAudit from "~/routes/admin.audit";
import * as adminAuditCsv from "~/routes/admin.audit[.csv]";
import * as compare from "~/routes/compare";
import * as compareCsv from "~/routes/compare[.csv]";
import * as compareXlsx from "~/routes/compare[.xlsx]";
import * as compareReport from "~/routes/compare_.report";
import * as compareReportPdf from "~/routes/compare_.report[.pdf]";
import * as plan from "~/routes/plan";
import * as editLevel from "~/routes/ladder.$levelId.edit";
import * as ladder from "~/routes/ladder._index";
import * as teams from "~/routes/teams";
import * as scenario from "~/routes/scenarios.$scenarioId";
import * as scenarioCsv from "~/routes/scenarios.$scenarioId[.csv]";
import * as scenarioJson from "~/routes/scenarios.$scenarioId[.json]";
import * as scenarioXlsx from "~/routes/scenarios.$scenarioId[.xlsx]";
import * as report from "~/routes/scenarios.$scenarioId_.report";
import * as reportPdf from "~/routes/scenarios.$scenarioId_.report[.pdf]";
import * as scenarios from "~/routes/scenarios._index";
import * as importScenario from "~/routes/scenarios.import";
import * as newScenario from "~/routes/scenarios.new";
import * as engineer from "~/routes/team.$engineerId._index";
import * as editEngineer from "~/routes/team.$engineerId.edit";
import * as team from "~/routes/team._index";
import * as teamCsv from "~/routes/team[.csv]";
import * as teamXlsx from "~/routes/team[.xlsx]";
import * as importTemplate from "~/routes/team.import-template[.csv]";
import * as importTeam from "~/routes/team.import";
import * as newEngineer from "~/routes/team.new";
import * as reset from "~/routes/workspace.reset";
import * as requests from "~/routes/requests._index";
import * as requestPage from "~/routes/requests.$requestId";
import * as shared from "~/routes/share.$token";
import * as adminShares from "~/routes/admin.shares";
import { DEFAULT_LEVELS, monthOf, type Scenario } from "~/domain";
import { createEngineer } from "~/services/engineers.server";
import { createRequest } from "~/services/requests.server";
import { adoptPlan } from "~/services/plan-of-record.server";
import { createScenarioFromRoster, getScenario, saveScenario } from "~/services/scenarios.server";
import { createShareLink } from "~/services/share-links.server";
import { getDb } from "~/utils/db.server";
import { answerOf as answer, type Handler } from "../setup/answers";
import { formRequest, getRequest, type As } from "../setup/requests";

/** What each role gets: "ok", "login" (sent to sign in), "403", or a redirect to a path. */
type Outcome = "ok" | "login" | "403" | `redirect ${string}`;
type Expect = Record<"viewer" | "planner" | "admin", Outcome>;

const ALL: Expect = { viewer: "ok", planner: "ok", admin: "ok" };
const PLANNER: Expect = { viewer: "403", planner: "ok", admin: "ok" };
const ADMIN: Expect = { viewer: "403", planner: "403", admin: "ok" };

/** Salaries no page may show a viewer: odd numbers that appear nowhere else. */
const SECRET_SALARIES = [123_457, 234_571, 98_761];
const HIRE_SALARY = 171_717;
let engineerId = 0;
let scenarioId = 0;
let requestId = 0;
/** Share links to the access test's scenario report and to its comparison with the demo's first plan. */
const shareTokens = { scenario: "", comparison: "" };

beforeAll(async () => {
  const db = await getDb();
  const ids = [];
  for (const [i, salary] of SECRET_SALARIES.entries())
    ids.push(
      await createEngineer(db, {
        input: { name: `Secret ${i}`, levelId: "L3", salary, startDate: "2024-01-01", notes: "" },
      }),
    );
  engineerId = ids[0]!;
  scenarioId = await createScenarioFromRoster(db, {
    frame: { name: "Access test", start: "2027-01", horizonMonths: 12 },
  });
  const stored = (await getScenario(db, { id: scenarioId }))!;
  const leaver = stored.scenario.team.find((t) => t.name === "Secret 1")!;
  await saveScenario(db, {
    id: scenarioId,
    scenario: {
      ...stored.scenario,
      plan: [
        { type: "hire", level: "L4", count: 1, month: 2, salary: HIRE_SALARY, skills: {} },
        { type: "depart", member: leaver.id!, month: 4 },
      ],
    },
  });
  const team = await db.selectFrom("team").select("id").executeTakeFirstOrThrow();
  const asked = await createRequest(db, {
    input: { levelId: "L4", teamId: team.id, month: "2027-03", reason: "Access test", salary: HIRE_SALARY },
    actor: { id: null, name: "Someone" },
  });
  requestId = asked.ok ? asked.id : 0;
  // A plan of record from this month (a demo plan, started this month), so /plan shows every figure.
  await adoptPlan(db, { scenarioId: 1, adoptedFrom: `${monthOf(new Date())}-01` });
  process.env.TEAMSHAPE_CHROMIUM = "/nonexistent/chromium"; // PDF routes answer without printing
  const planner = await db.selectFrom("user").selectAll().where("role", "=", "planner").executeTakeFirstOrThrow();
  const maker = { ...planner, mustChangePassword: false };
  const expiresOn = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  for (const target of [
    { kind: "scenario" as const, scenarioId },
    { kind: "comparison" as const, scenarioIds: [scenarioId, 1], baseline: 1 },
  ]) {
    const made = await createShareLink(db, { user: maker, target, input: { label: "", expiresOn } });
    if (!made.ok) throw new Error(made.message);
    shareTokens[target.kind] = made.token;
  }
});

interface Case {
  name: string;
  /** What someone signed out gets: "login" unless the route is open to anyone (a share link). */
  anonymous?: Outcome;
  run: Handler;
  request: (as: As) => Request;
  params?: () => Record<string, string>;
  expect: Expect;
}

const get = (path: () => string) => (as: As) => getRequest(path(), { as });
const post =
  (path: () => string, fields: Record<string, string> = {}) =>
  (as: As) =>
    formRequest(path(), fields, { as });
const sid = () => ({ scenarioId: String(scenarioId) });
const eid = () => ({ engineerId: String(engineerId) });
const rid = () => ({ requestId: String(requestId) });

const CASES: Case[] = [
  { name: "GET /", run: dashboard.loader, request: get(() => "/"), expect: ALL },
  { name: "GET /team", run: team.loader, request: get(() => "/team"), expect: ALL },
  {
    name: "GET /team, searched and sorted by salary",
    run: team.loader,
    request: get(() => "/team?q=Secret&sort=salary&dir=desc"),
    expect: ALL,
  },
  {
    name: "GET /team/:id",
    run: engineer.loader,
    request: get(() => `/team/${engineerId}`),
    params: eid,
    expect: ALL,
  },
  { name: "GET /team/new", run: newEngineer.loader, request: get(() => "/team/new"), expect: PLANNER },
  {
    name: "GET /team/:id/edit",
    run: editEngineer.loader,
    request: get(() => `/team/${engineerId}/edit`),
    params: eid,
    expect: PLANNER,
  },
  { name: "GET /team.csv", run: teamCsv.loader, request: get(() => "/team.csv"), expect: PLANNER },
  { name: "GET /team.xlsx", run: teamXlsx.loader, request: get(() => "/team.xlsx"), expect: PLANNER },
  { name: "GET /team/import", run: importTeam.loader, request: get(() => "/team/import"), expect: PLANNER },
  {
    name: "GET /team/import-template.csv",
    run: importTemplate.loader,
    request: get(() => "/team/import-template.csv"),
    expect: PLANNER,
  },
  { name: "GET /ladder", run: ladder.loader, request: get(() => "/ladder"), expect: ALL },
  {
    name: "GET /ladder, previewing bands set from the team",
    run: ladder.loader,
    request: get(() => "/ladder?fit=range"),
    expect: ALL,
  },
  { name: "GET /teams", run: teams.loader, request: get(() => "/teams"), expect: ALL },
  {
    name: "GET /ladder/L2/edit",
    run: editLevel.loader,
    request: get(() => "/ladder/L2/edit"),
    params: () => ({ levelId: "L2" }),
    expect: PLANNER,
  },
  { name: "GET /scenarios", run: scenarios.loader, request: get(() => "/scenarios"), expect: ALL },
  {
    name: "GET /scenarios/new",
    run: newScenario.loader,
    request: get(() => "/scenarios/new"),
    expect: PLANNER,
  },
  {
    name: "GET /scenarios/import",
    run: importScenario.loader,
    request: get(() => "/scenarios/import"),
    expect: PLANNER,
  },
  {
    name: "GET /scenarios/:id",
    run: scenario.loader,
    request: get(() => `/scenarios/${scenarioId}`),
    params: sid,
    expect: { viewer: `redirect /scenarios/{id}/report`, planner: "ok", admin: "ok" },
  },
  {
    name: "GET /scenarios/:id.csv",
    run: scenarioCsv.loader,
    request: get(() => `/scenarios/${scenarioId}.csv`),
    params: sid,
    expect: ALL,
  },
  {
    name: "GET /scenarios/:id.json",
    run: scenarioJson.loader,
    request: get(() => `/scenarios/${scenarioId}.json`),
    params: sid,
    expect: PLANNER,
  },
  {
    name: "GET /scenarios/:id.xlsx",
    run: scenarioXlsx.loader,
    request: get(() => `/scenarios/${scenarioId}.xlsx`),
    params: sid,
    expect: ALL,
  },
  {
    name: "GET /scenarios/:id/report",
    run: report.loader,
    request: get(() => `/scenarios/${scenarioId}/report`),
    params: sid,
    expect: ALL,
  },
  {
    name: "GET /scenarios/:id/report.pdf",
    run: reportPdf.loader,
    request: get(() => `/scenarios/${scenarioId}/report.pdf`),
    params: sid,
    expect: ALL,
  },
  {
    name: "GET /compare",
    run: compare.loader,
    request: get(() => `/compare?ids=${scenarioId},1`),
    expect: ALL,
  },
  {
    name: "GET /compare.csv",
    run: compareCsv.loader,
    request: get(() => `/compare.csv?ids=${scenarioId},1`),
    expect: ALL,
  },
  {
    name: "GET /compare.xlsx",
    run: compareXlsx.loader,
    request: get(() => `/compare.xlsx?ids=${scenarioId},1`),
    expect: ALL,
  },
  {
    name: "GET /compare/report",
    run: compareReport.loader,
    request: get(() => `/compare/report?ids=${scenarioId},1`),
    expect: ALL,
  },
  {
    name: "GET /compare/report.pdf",
    run: compareReportPdf.loader,
    request: get(() => `/compare/report.pdf?ids=${scenarioId},1`),
    expect: ALL,
  },
  // A share link opens for anyone, signed in or not, and shows what a viewer sees and less.
  {
    name: "GET /share/:token (a scenario report)",
    run: shared.loader,
    request: get(() => `/share/${shareTokens.scenario}`),
    params: () => ({ token: shareTokens.scenario }),
    anonymous: "ok",
    expect: ALL,
  },
  {
    name: "GET /share/:token (a comparison report)",
    run: shared.loader,
    request: get(() => `/share/${shareTokens.comparison}`),
    params: () => ({ token: shareTokens.comparison }),
    anonymous: "ok",
    expect: ALL,
  },
  {
    name: "POST /scenarios/:id/report (share a link)",
    run: report.action,
    request: post(() => `/scenarios/${scenarioId}/report`, { intent: "nothing" }),
    params: sid,
    expect: PLANNER,
  },
  {
    name: "POST /compare/report (share a link)",
    run: compareReport.action,
    request: post(() => `/compare/report?ids=${scenarioId},1`, { intent: "nothing" }),
    expect: PLANNER,
  },
  { name: "GET /admin/shares", run: adminShares.loader, request: get(() => "/admin/shares"), expect: ADMIN },
  {
    name: "POST /admin/shares",
    run: adminShares.action,
    request: post(() => "/admin/shares", { intent: "nothing" }),
    expect: ADMIN,
  },
  { name: "GET /plan", run: plan.loader, request: get(() => "/plan"), expect: ALL },
  { name: "GET /admin", run: adminUsers.loader, request: get(() => "/admin"), expect: ADMIN },
  { name: "GET /admin/audit", run: adminAudit.loader, request: get(() => "/admin/audit"), expect: ADMIN },
  {
    name: "GET /admin/audit.csv",
    run: adminAuditCsv.loader,
    request: get(() => "/admin/audit.csv"),
    expect: ADMIN,
  },
  { name: "GET /requests", run: requests.loader, request: get(() => "/requests"), expect: PLANNER },
  {
    name: "GET /requests, filtered",
    run: requests.loader,
    request: get(() => "/requests?status=requested&level=L4&mine=1"),
    expect: PLANNER,
  },
  {
    name: "GET /requests/:id",
    run: requestPage.loader,
    request: get(() => `/requests/${requestId}`),
    params: rid,
    expect: PLANNER,
  },
  { name: "GET /account", run: account.loader, request: get(() => "/account"), expect: ALL },
  // An empty form: refused before any password is checked.
  { name: "POST /account", run: account.action, request: post(() => "/account"), expect: ALL },
  // Actions, each with a body that changes nothing: the role is checked before anything else.
  { name: "POST /team/new", run: newEngineer.action, request: post(() => "/team/new"), expect: PLANNER },
  {
    name: "POST /teams",
    run: teams.action,
    request: post(() => "/teams", { intent: "nothing" }),
    expect: PLANNER,
  },
  {
    name: "POST /team/:id",
    run: engineer.action,
    request: post(() => `/team/${engineerId}`, { intent: "nothing" }),
    params: eid,
    expect: PLANNER,
  },
  {
    name: "POST /team/:id/edit",
    run: editEngineer.action,
    request: post(() => `/team/${engineerId}/edit`),
    params: eid,
    expect: PLANNER,
  },
  {
    name: "POST /team/import",
    run: importTeam.action,
    request: post(() => "/team/import", { sheet: "" }),
    expect: PLANNER,
  },
  {
    name: "POST /ladder/L2/edit",
    run: editLevel.action,
    request: post(() => "/ladder/L2/edit"),
    params: () => ({ levelId: "L2" }),
    expect: PLANNER,
  },
  {
    name: "POST /ladder, setting bands from the team",
    run: ladder.action,
    request: post(() => "/ladder?index", { intent: "fit-bands" }),
    expect: PLANNER,
  },
  {
    name: "POST /scenarios/new",
    run: newScenario.action,
    request: post(() => "/scenarios/new"),
    expect: PLANNER,
  },
  {
    name: "POST /scenarios/import",
    run: importScenario.action,
    request: post(() => "/scenarios/import"),
    expect: PLANNER,
  },
  {
    name: "POST /scenarios/:id",
    run: scenario.action,
    request: post(() => `/scenarios/${scenarioId}`, { intent: "nothing" }),
    params: sid,
    expect: PLANNER,
  },
  {
    name: "POST /requests",
    run: requests.action,
    request: post(() => "/requests", { intent: "nothing" }),
    expect: PLANNER,
  },
  {
    name: "POST /requests/:id",
    run: requestPage.action,
    request: post(() => `/requests/${requestId}`, { intent: "nothing" }),
    params: rid,
    expect: PLANNER,
  },
  // Deciding is the admin's: a planner is refused before the form is read.
  {
    name: "POST /requests/:id, approving",
    run: requestPage.action,
    request: post(() => `/requests/${requestId}`, { intent: "approve", note: "" }),
    params: rid,
    expect: ADMIN,
  },
  {
    name: "POST /plan",
    run: plan.action,
    request: post(() => "/plan", { intent: "nothing" }),
    expect: PLANNER,
  },
  {
    name: "POST /admin",
    run: adminUsers.action,
    request: post(() => "/admin", { intent: "nothing" }),
    expect: ADMIN,
  },
  // Admin only; run as admin it would empty the team, so only the refusals are checked.
  {
    name: "POST /workspace/reset",
    run: reset.action,
    request: post(() => "/workspace/reset"),
    expect: { viewer: "403", planner: "403", admin: "403" },
  },
];

function outcomeOf({ status, location }: { status: number; location: string | null }): Outcome {
  if (status >= 300 && status < 400 && location?.startsWith("/login")) return "login";
  if (status === 403) return "403";
  if (status >= 300 && status < 400 && location && !location.includes("pdf="))
    return `redirect ${location.replace(String(scenarioId), "{id}")}`;
  return "ok";
}

/** No salary of the roster or the plan, as a number of its own, in `body`. */
function expectNoSalary(name: string, body: string) {
  for (const salary of [...SECRET_SALARIES, HIRE_SALARY]) {
    // As a number of its own: "98761" inside the decimals of 2.98761... is not a salary.
    for (const written of [String(salary), salary.toLocaleString("en-US")])
      expect(body, `${name} shows ${written}`).not.toMatch(
        new RegExp(`(?<![\\d.])${written.replace(",", "\\,")}(?!\\d)`),
      );
  }
}

describe("every route checks the role on the server", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_, c) => {
    const params = c.params?.() ?? {};
    const anonymous = await answer(c.run, c.request(null), params);
    expect(outcomeOf(anonymous), "signed out").toBe(c.anonymous ?? "login");
    if (c.anonymous === "ok") expectNoSalary(c.name, anonymous.body);
    for (const role of ["viewer", "planner", "admin"] as const) {
      if (c.name === "POST /workspace/reset" && role === "admin") continue;
      const got = await answer(c.run, c.request(role), params);
      expect(outcomeOf(got), role).toBe(c.expect[role]);
      if (role === "viewer" || c.anonymous === "ok") expectNoSalary(`${c.name} as ${role}`, got.body);
    }
  });

  it("shows planners the salaries the viewer never saw, so the check above can fail", async () => {
    const page = await answer(team.loader, getRequest("/team?q=Secret", { as: "planner" }), {});
    expect(page.body).toContain(String(SECRET_SALARIES[0]));
    const workbook = await answer(
      scenarioXlsx.loader,
      getRequest(`/scenarios/${scenarioId}.xlsx`, { as: "planner" }),
      sid(),
    );
    expect(workbook.body).toContain(String(HIRE_SALARY));
    // The printed report's plan gives planners each hire's salary; a viewer's has no such column.
    const printed = await answer(
      report.loader,
      getRequest(`/scenarios/${scenarioId}/report`, { as: "planner" }),
      sid(),
    );
    const plan = (JSON.parse(printed.body) as { plan: { header: string[]; rows: unknown[][] } }).plan;
    expect(plan.rows.map((r) => r[plan.header.indexOf("Salary ($)")])).toContain(HIRE_SALARY);
    const viewed = await answer(report.loader, getRequest(`/scenarios/${scenarioId}/report`, { as: "viewer" }), sid());
    expect((JSON.parse(viewed.body) as { plan: { header: string[] } }).plan.header).not.toContain("Salary ($)");
  });

  it("names no one in a viewer's plan and prices their team at band midpoints", async () => {
    const got = await answer(report.loader, getRequest(`/scenarios/${scenarioId}/report`, { as: "viewer" }), sid());
    const data = JSON.parse(got.body) as {
      plan: { header: string[]; rows: unknown[][] };
      team: { rows: unknown[][] };
      pricedAtBandMidpoints: boolean;
    };
    expect(JSON.stringify(data.plan)).not.toContain("Secret 1");
    const who = data.plan.header.indexOf("Who");
    expect(data.plan.rows.find((r) => r[2] === "departure")![who]).toBe("someone at L3");
    const mids = new Map(DEFAULT_LEVELS.map((l) => [`${l.id} ${l.title}`, l.band.mid]));
    expect(data.pricedAtBandMidpoints).toBe(true);
    expect(data.team.rows.map((r) => r[2])).toEqual(
      data.team.rows.map((r) => (r[1] as number) * mids.get(r[0] as string)!),
    );
  });

  it("gives a viewer the same answers whatever anyone's salary is: nothing they receive depends on it", async () => {
    const viewerCases = CASES.filter((c) => c.expect.viewer === "ok" && c.name.startsWith("GET"));
    const crawl = async () => {
      const bodies = new Map<string, string>();
      // Times of day (the engineer page's clock) differ between two crawls; nothing else may.
      for (const c of viewerCases)
        bodies.set(
          c.name,
          (await answer(c.run, c.request("viewer"), c.params?.() ?? {})).body.replace(
            /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g,
            "<time>",
          ),
        );
      return bodies;
    };
    const before = await crawl();
    const db = await getDb();
    // Every salary changes, in the roster and in every stored plan, as if the team were paid differently.
    await db
      .updateTable("engineer")
      .set((eb) => ({ salary: eb("salary", "+", 7_919) }))
      .execute();
    for (const row of await db.selectFrom("scenario").select(["id", "document"]).execute()) {
      const document = JSON.parse(row.document) as Scenario;
      const changed = {
        ...document,
        team: document.team.map((t) => ({ ...t, salary: t.salary * 1.37 + 1 })),
        plan: document.plan.map((e) => (e.type === "hire" ? { ...e, salary: 250_001 } : e)),
      };
      await db
        .updateTable("scenario")
        .set({ document: JSON.stringify(changed) })
        .where("id", "=", row.id)
        .execute();
    }
    const after = await crawl();
    for (const c of viewerCases) expect(after.get(c.name), c.name).toBe(before.get(c.name));
    // The same change does show to a planner, so the comparison above can fail.
    const planner = await answer(dashboard.loader, getRequest("/", { as: "planner" }), {});
    expect(planner.body).not.toBe(
      (await answer(dashboard.loader as Handler, getRequest("/", { as: "viewer" }), {})).body,
    );
  });

  it("sends the dashboard's money only as yearly totals", async () => {
    const got = JSON.parse((await answer(dashboard.loader, getRequest("/", { as: "viewer" }), {})).body) as {
      now: Record<string, unknown>;
      annualPayroll: number;
    };
    expect(Object.keys(got.now)).not.toEqual(expect.arrayContaining(["payroll"]));
    expect(got.now).not.toHaveProperty("totalCost");
    expect(got.annualPayroll).toBeGreaterThan(0); // more than 3 engineers: the total is shown
  });

  it("gives the root loader no user when signed out, and the user's name and role when signed in", async () => {
    expect(JSON.parse((await answer(root.loader as Handler, getRequest("/", { as: null }), {})).body)).toEqual({
      workspace: null,
      user: null,
    });
    expect(JSON.parse((await answer(root.loader as Handler, getRequest("/", { as: "viewer" }), {})).body).user).toEqual(
      { name: "Test viewer", role: "viewer", mustChangePassword: false },
    );
  });
});
