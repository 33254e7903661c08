import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { loader as rosterCsvLoader } from "~/routes/team[.csv]";
import { action as newEngineerAction } from "~/routes/team.new";
import { action as editEngineerAction } from "~/routes/team.$engineerId.edit";
import { loader as dashboardLoader } from "~/routes/_index";
import { loader as rosterLoader } from "~/routes/team._index";
import { action as teamsAction, loader as teamsLoader } from "~/routes/teams";
import { action as newScenarioAction } from "~/routes/scenarios.new";
import { action as scenarioAction } from "~/routes/scenarios.$scenarioId";
import { projectScenario, teamKey } from "~/domain";
import { getScenario, listScenarioNames, saveScenario } from "~/services/scenarios.server";
import { listAudit } from "~/services/audit.server";
import { getEngineer, listEngineers } from "~/services/engineers.server";
import { listTeams } from "~/services/teams.server";
import { getDb } from "~/utils/db.server";
import { dataOf, formRequest, getRequest, routeArgs, thrownResponse } from "../setup/requests";

async function teamNamed(name: string) {
  return (await listTeams(await getDb())).find((team) => team.name === name);
}

async function post(fields: Record<string, string>, as: "admin" | "planner" | "viewer" = "planner") {
  return dataOf<{ ok: boolean; message: string; errors?: Record<string, string>; values?: Record<string, string> }>(
    await teamsAction(routeArgs(formRequest("/teams", fields, { as }))),
  ).data;
}

describe("the demo's teams", () => {
  it("puts every demo engineer in one of three teams, and shows Mobile's juniors with no senior", async () => {
    const page = dataOf<{
      teams: { name: string; size: number; juniors: number; seniors: number; ratioInBand: boolean }[];
    }>(await teamsLoader(routeArgs(getRequest("/teams", { as: "viewer" })))).data;
    expect(page.teams.map((t) => [t.name, t.size, t.juniors, t.seniors, t.ratioInBand])).toEqual([
      ["Mobile", 3, 3, 0, false],
      ["Payments", 6, 2, 2, true],
      ["Platform", 6, 2, 2, true],
    ]);
    const engineers = await listEngineers(await getDb());
    const teamIds = new Set((await listTeams(await getDb())).map((t) => t.id));
    expect(engineers.every((e) => teamIds.has(e.teamId))).toBe(true);
  });
});

describe("the dashboard's teams at a glance", () => {
  it("shows the imbalance the org figures hide: in band overall, Mobile's juniors with no senior", async () => {
    const { data } = dataOf<{
      now: { juniorsPerSenior: number; ratioInBand: boolean; coverage: number; mentorSupplyHoursPerWeek: number };
      teams: { name: string; problem: string | null; coverage: number; headcount: number }[];
    }>(await dashboardLoader(routeArgs(getRequest("/", { as: "viewer" }))));
    expect([data.now.juniorsPerSenior, data.now.ratioInBand]).toEqual([1.75, true]);
    expect(data.teams[0]).toMatchObject({
      name: "Mobile",
      headcount: 3,
      coverage: 0,
      problem: "3 juniors and no senior: no one in the team to mentor them",
    });
    expect(data.teams.slice(1).map((t) => [t.name, t.problem])).toEqual([
      ["Payments", null],
      ["Platform", null],
    ]);
    // Payments and Platform mentor their own; nobody mentors Mobile: the org is not fully covered.
    expect(data.now.coverage).toBeLessThan(1);
    expect(data.now.mentorSupplyHoursPerWeek).toBeGreaterThan(0);
  });
});

describe("the roster by team", () => {
  it("filters and sorts the roster by team, and shows each engineer's team", async () => {
    const payments = (await teamNamed("Payments"))!;
    const roster = (search: string) => rosterLoader(routeArgs(getRequest(`/team${search}`, { as: "viewer" })));
    const filtered = dataOf<{ rows: { name: string; teamName: string }[]; matched: number }>(
      await roster(`?team=${payments.id}`),
    ).data;
    expect(filtered.matched).toBe(6);
    expect(new Set(filtered.rows.map((r) => r.teamName))).toEqual(new Set(["Payments"]));
    const sorted = dataOf<{ rows: { teamName: string }[] }>(await roster("?sort=team&dir=asc&size=50")).data;
    const names = sorted.rows.map((r) => r.teamName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(names[0]).toBe("Mobile");
    // A team that does not exist is no filter.
    expect(dataOf<{ matched: number }>(await roster("?team=99999")).data.matched).toBe(15);
  });
});

describe("managing teams", () => {
  it("adds a team with its own band, renames it, and audits both", async () => {
    const added = await post({ intent: "create", name: "Data", ratioLow: "0.5", ratioHigh: "1.5" });
    expect(added.ok).toBe(true);
    const data = (await teamNamed("Data"))!;
    expect(data.ratioTarget).toEqual([0.5, 1.5]);
    const renamed = await post({
      intent: "update",
      id: String(data.id),
      version: String(data.version),
      name: "Data platform",
      ratioLow: "",
      ratioHigh: "",
    });
    expect(renamed.ok).toBe(true);
    expect(await teamNamed("Data")).toBeUndefined();
    expect((await teamNamed("Data platform"))!.ratioTarget).toBeNull();
    const audit = await listAudit(await getDb(), { entity: "team" });
    expect(audit.map((r) => r.summary)).toEqual(
      expect.arrayContaining(['Added the team "Data"', 'Renamed the team "Data" to "Data platform"']),
    );
  });

  it("refuses a name another team has, a half band and a band upside down, naming the field and keeping the input", async () => {
    const taken = await post({ intent: "create", name: "payments", ratioLow: "", ratioHigh: "" });
    expect(taken.ok).toBe(false);
    expect(taken.errors?.name).toBe('A team called "Payments" already exists: choose another name');
    expect(taken.values?.name).toBe("payments");
    const half = await post({ intent: "create", name: "Half", ratioLow: "1", ratioHigh: "" });
    expect(half.errors?.ratioHigh).toBe("Give both ends of the band, or leave both empty to use the workspace's");
    const upsideDown = await post({ intent: "create", name: "Upside", ratioLow: "3", ratioHigh: "1" });
    expect(upsideDown.errors?.ratioHigh).toBe("The highest ratio must be at least the lowest");
    expect(await teamNamed("Half")).toBeUndefined();
    expect(await teamNamed("Upside")).toBeUndefined();
  });

  it("refuses to delete a team while people are in it, deletes an empty one, and archives", async () => {
    const mobile = (await teamNamed("Mobile"))!;
    const refused = await post({ intent: "delete", id: String(mobile.id) });
    expect(refused.message).toBe('"Mobile" still has 3 engineers: move them to another team first, or archive it');
    expect(await teamNamed("Mobile")).toBeDefined();
    await post({ intent: "create", name: "Short-lived", ratioLow: "", ratioHigh: "" });
    const empty = (await teamNamed("Short-lived"))!;
    expect((await post({ intent: "delete", id: String(empty.id) })).ok).toBe(true);
    expect(await teamNamed("Short-lived")).toBeUndefined();
    expect((await post({ intent: "archive", id: String(mobile.id) })).ok).toBe(true);
    expect((await teamNamed("Mobile"))!.archived).toBe(true);
    expect((await post({ intent: "unarchive", id: String(mobile.id) })).ok).toBe(true);
    expect((await teamNamed("Mobile"))!.archived).toBe(false);
  });

  it("lets viewers read the teams but not change them", async () => {
    const response = await thrownResponse(() =>
      teamsAction(routeArgs(formRequest("/teams", { intent: "create", name: "Nope" }, { as: "viewer" }))),
    );
    expect(response.status).toBe(403);
    expect(await teamNamed("Nope")).toBeUndefined();
  });
});

describe("an engineer's team", () => {
  it("is chosen when adding and editing an engineer, and a team that does not exist is named", async () => {
    const platform = (await teamNamed("Platform"))!;
    const mobile = (await teamNamed("Mobile"))!;
    const fields = { name: "Ines Duarte", levelId: "L4", salary: "140000", startDate: "2026-10-01", notes: "" };
    const created = (await newEngineerAction(
      routeArgs(formRequest("/team/new", { ...fields, teamId: String(mobile.id) })),
    )) as Response;
    const id = Number(/\/team\/(\d+)/.exec(created.headers.get("Location")!)![1]);
    expect((await getEngineer(await getDb(), { id }))!.teamId).toBe(mobile.id);

    const wrong = dataOf<{ errors: Record<string, string> }>(
      await editEngineerAction(
        routeArgs(formRequest(`/team/${id}/edit`, { ...fields, teamId: "999999" }), { engineerId: String(id) }),
      ),
    ).data;
    expect(wrong.errors.teamId).toMatch(/^Choose one of the teams: .*Mobile.*Payments.*Platform/);
    const version = (await getEngineer(await getDb(), { id }))!.version;
    await editEngineerAction(
      routeArgs(formRequest(`/team/${id}/edit`, { ...fields, teamId: String(platform.id), version: String(version) }), {
        engineerId: String(id),
      }),
    );
    expect((await getEngineer(await getDb(), { id }))!.teamId).toBe(platform.id);
  });
});

describe("the roster file's Team column", () => {
  it("writes each engineer's team, and an import moves people between teams by name or names an unknown one", async () => {
    const { planRosterImport } = await import("~/services/roster-import.server");
    const { listLevels, listSkills } = await import("~/services/ladder.server");
    const db = await getDb();
    const [engineers, levels, skills, teams] = await Promise.all([
      listEngineers(db),
      listLevels(db),
      listSkills(db),
      listTeams(db),
    ]);
    const chidi = engineers.find((e) => e.name === "Chidi Okeke")!;
    const csv = parse<Record<string, string>>(
      await (await rosterCsvLoader(routeArgs(getRequest("/team.csv")))).text(),
      { bom: true, columns: true },
    );
    expect(csv.find((row) => row.Name === "Chidi Okeke")!.Team).toBe("Mobile");
    expect(csv.find((row) => row.Name === "Maya Okafor")!.Team).toBe("Payments");
    const plan = planRosterImport({
      sheet: {
        header: ["Name", "Team"],
        rows: [
          { line: 2, cells: ["Chidi Okeke", "payments"] },
          { line: 3, cells: ["Mateo Silva", "Growth"] },
        ],
      },
      engineers,
      levels,
      skills,
      teams,
    });
    expect(plan.rows[0]).toMatchObject({ action: "update", changes: ["team Mobile → Payments"] });
    expect(plan.rows[0]!.input!.teamId).toBe(teams.find((t) => t.name === "Payments")!.id);
    expect(plan.rows[0]!.input!.levelId).toBe(chidi.levelId);
    // A team the file names that does not exist yet is created by the import, unless told not to.
    expect(plan.rows[1]).toMatchObject({ errors: [], newTeam: "Growth" });
    expect(plan.newTeams).toEqual(["Growth"]);
    const refused = planRosterImport({
      sheet: { header: ["Name", "Team"], rows: [{ line: 3, cells: ["Mateo Silva", "Growth"] }] },
      engineers,
      levels,
      skills,
      teams,
      choices: { createTeams: false },
    });
    expect(refused.rows[0]!.errors).toHaveLength(1);
    expect(refused.rows[0]!.errors[0]).toMatch(
      /^line 3: team "Growth": not a team \(teams: .*Mobile, Payments, Platform\); add it on the Teams page, or let the import create it$/,
    );
  });
});

describe("scenarios of the roster's teams", () => {
  it("keeps the teams: each engineer in theirs, each demo hire in a team", async () => {
    const db = await getDb();
    const teams = await listTeams(db);
    const seniors = (await listScenarioNames(db)).find((s) => s.name === "Hire 2 seniors")!;
    const { scenario } = (await getScenario(db, { id: seniors.id }))!;
    expect(scenario.teams!.map((t) => t.name).sort()).toEqual(["Mobile", "Payments", "Platform"]);
    const mobile = teamKey(teams.find((t) => t.name === "Mobile")!.id);
    expect(scenario.plan).toEqual([{ type: "hire", level: "L4", count: 2, month: 2, team: mobile }]);
    const engineers = await listEngineers(db);
    for (const entry of scenario.team) {
      const engineer = engineers.find((e) => `e${e.id}` === entry.id)!;
      expect(entry.team).toBe(teamKey(engineer.teamId));
    }
    // Mobile's juniors have a senior once the two hires start: its ratio is out of band only before.
    const { summary } = projectScenario(scenario);
    expect(summary.teams![mobile]!.stepsRatioOutOfBand).toBe(2);
  });

  it("puts a hire from a refresh into the first team when its own is gone, and drops a move to it", async () => {
    const db = await getDb();
    await post({ intent: "create", name: "Growth", ratioLow: "", ratioHigh: "" });
    const growth = (await teamNamed("Growth"))!;
    const response = (await newScenarioAction(
      routeArgs(
        formRequest("/scenarios/new", {
          source: "roster",
          name: "Growth plan",
          start: "2027-01",
          horizonMonths: "12",
          step: "month",
        }),
      ),
    )) as Response;
    const id = Number(response.headers.get("Location")!.split("/").pop());
    const stored = (await getScenario(db, { id }))!;
    const key = teamKey(growth.id);
    expect(stored.scenario.teams!.some((t) => t.id === key && t.name === "Growth")).toBe(true);
    const someone = stored.scenario.team[0]!.id!;
    await saveScenario(db, {
      id,
      scenario: {
        ...stored.scenario,
        plan: [
          { type: "hire", level: "L2", count: 2, month: 1, team: key },
          { type: "transfer", member: someone, team: key, month: 3 },
        ],
      },
    });
    expect((await post({ intent: "delete", id: String(growth.id) })).ok).toBe(true);

    const version = String((await getScenario(db, { id }))!.version);
    const refreshed = dataOf<{ ok: boolean; messages: string[] }>(
      await scenarioAction(
        routeArgs(formRequest(`/scenarios/${id}`, { intent: "refresh", version }), { scenarioId: String(id) }),
      ),
    ).data;
    expect(refreshed.messages[0]).toBe(
      "The team and its teams now match the roster; the level settings are this scenario's own, as before. 1 event for a person, level or team no longer there was removed. 1 hire whose team is gone now joins the first team.",
    );
    const after = (await getScenario(db, { id }))!.scenario;
    expect(after.teams!.some((t) => t.id === key)).toBe(false);
    expect(after.plan).toEqual([{ type: "hire", level: "L2", count: 2, month: 1, team: after.teams![0]!.id }]);
  });
});

describe("the limit on teams", () => {
  it("refuses a team past the most a workspace holds, naming the limit", async () => {
    const { MAX_TEAMS } = await import("~/domain");
    const db = await getDb();
    const now = new Date().toISOString();
    const have = (await listTeams(db)).length;
    await db
      .insertInto("team")
      .values(
        Array.from({ length: MAX_TEAMS - have }, (_, i) => ({ name: `Filler ${i}`, created_at: now, updated_at: now })),
      )
      .execute();
    const refused = await post({ intent: "create", name: "One too many", ratioLow: "", ratioHigh: "" });
    expect(refused.ok).toBe(false);
    expect(refused.errors?.name).toBe(
      `The workspace already has ${MAX_TEAMS} teams, the most Teamshape holds: delete or reuse one first`,
    );
    expect(await teamNamed("One too many")).toBeUndefined();
  });
});
