/**
 * The plan of record and what actually happened (issue 18), through the real services on a real
 * SQLite file: roster snapshots kept as changes, an adopted version frozen against later edits,
 * and the variance on a constructed history (hires made early, on time, late and never, an
 * unplanned leaver), then a re-forecast from the roster as it stands.
 */
import { describe, expect, it } from "vitest";
import { addMonths, monthOf, projectScenario } from "~/domain";
import { listAudit } from "~/services/audit.server";
import type { User } from "~/services/auth.server";
import { createEngineer, deleteEngineer, listEngineers, updateEngineer } from "~/services/engineers.server";
import { listLevels } from "~/services/ladder.server";
import { adoptPlan, getPlanOfRecord, versionsSinceAdoption } from "~/services/plan-of-record.server";
import { createScenarioFromRoster, getScenario, saveScenario } from "~/services/scenarios.server";
import { listSnapshots, loadTimelines, snapshotRoster } from "~/services/snapshots.server";
import { loadPlanVsActual, reforecast } from "~/services/variance.server";
import { SCENARIO_VERSIONS_KEPT } from "~/utils/limits";
import { getDb } from "~/utils/db.server";

const admin: User = { id: 1, email: "a@example.com", name: "Ana Admin", role: "admin", mustChangePassword: false };
const planner: User = { ...admin, id: 2, name: "Pat Planner", role: "planner" };
const viewer: User = { ...admin, id: 3, name: "Vic Viewer", role: "viewer" };
const actor = { id: admin.id, name: admin.name };

/** Months counted from the current one: the plan starts this month, and the story runs four months on. */
const thisMonth = monthOf(new Date());
const month = (n: number) => addMonths(thisMonth, n);
const day = (n: number, d: number) => `${month(n)}-${String(d).padStart(2, "0")}`;
const at = (n: number, d: number) => `${day(n, d)}T10:00:00.000Z`;

async function changesOn(takenOn: string) {
  const db = await getDb();
  return db
    .selectFrom("roster_snapshot_change as c")
    .innerJoin("roster_snapshot as s", "s.id", "c.snapshot_id")
    .selectAll("c")
    .where("s.taken_on", "=", takenOn)
    .execute();
}

describe("the plan of record against what happened", () => {
  it("keeps the roster as dated snapshots of changes only: start-up records everyone, an edit one person, a deletion its removal", async () => {
    const db = await getDb();
    const people = await listEngineers(db);
    const [first] = await listSnapshots(db);
    // Start-up took today's snapshot of the whole demo roster.
    expect(first!.takenOn).toBe(new Date().toISOString().slice(0, 10));
    expect(first!.changes).toBe(people.length);
    // A second snapshot the same day writes nothing new.
    await snapshotRoster(db, { reason: "monthly" });
    expect((await listSnapshots(db)).length).toBe(1);
    expect((await changesOn(first!.takenOn)).length).toBe(people.length);
  });

  it("measures a constructed history against the adopted plan: early, on time, late and never, and an unplanned leaver", async () => {
    const db = await getDb();
    const levels = await listLevels(db);
    const junior = levels[0]!;
    const senior = levels.find((l) => l.class === "senior")!;
    const roster = await listEngineers(db);
    // The plan: two juniors next month, a senior the month after, another junior in four months.
    const scenarioId = await createScenarioFromRoster(db, {
      frame: {
        name: "Plan of record test",
        start: thisMonth,
        horizonMonths: 12,
        plan: [
          { type: "hire", level: junior.id, month: 1, count: 2, team: `t${roster[0]!.teamId}` },
          { type: "hire", level: senior.id, month: 2, count: 1, team: `t${roster[0]!.teamId}` },
          { type: "hire", level: junior.id, month: 4, count: 1, team: `t${roster[0]!.teamId}` },
        ],
      },
      actor,
    });
    const stored = (await getScenario(db, { id: scenarioId }))!;
    const adopted = await adoptPlan(db, {
      scenarioId,
      adoptedFrom: `${thisMonth}-01`,
      note: "Agreed with finance",
      expectedVersion: stored.version,
      actor,
    });
    expect(adopted).toMatchObject({ ok: true, versionNumber: 1 });
    const [audit] = await listAudit(db, { entity: "plan" });
    expect(audit!.summary).toBe(
      `Adopted version 1 of "Plan of record test" as the plan of record from ${thisMonth}-01`,
    );

    const teamId = roster[0]!.teamId;
    const hire = (name: string, levelId: string, startDate: string, now: string) =>
      createEngineer(db, {
        input: { name, levelId, teamId, salary: levelId === senior.id ? 190_000 : 110_000, startDate, notes: "" },
        actor,
        now,
      });
    // This month a junior starts early; next month the second on time; the senior a month late.
    await hire("Early Junior", junior.id, day(0, 20), at(0, 21));
    await hire("On-time Junior", junior.id, day(1, 3), at(1, 3));
    const leaver = roster.find((e) => e.levelId === senior.id)!;
    await updateEngineer(db, {
      id: leaver.id,
      input: { ...leaver, leftOn: day(2, 10) },
      actor,
      now: at(2, 12),
    });
    // The late senior is recorded late too: imported in month 3, started on the 2nd.
    await hire("Late Senior", senior.id, day(3, 2), at(3, 9));
    // A person added by mistake and deleted the same month: history keeps them as removed.
    const mistake = await hire("Typo Person", junior.id, "2020-01-01", at(3, 10));
    await deleteEngineer(db, { id: mistake, actor, now: at(3, 11) });
    // Each edit day's snapshot holds only the people that day changed.
    expect((await changesOn(day(1, 3))).map((c) => c.name)).toEqual(["On-time Junior"]);
    expect((await changesOn(day(2, 12))).map((c) => [c.name, c.left_on])).toEqual([[leaver.name, day(2, 10)]]);
    expect((await changesOn(day(3, 11))).map((c) => [c.name, c.removed])).toEqual([["Typo Person", 1]]);

    const asOf = at(4, 15);
    const answer = (await loadPlanVsActual(db, planner, { now: asOf }))!;
    const { variance } = answer;
    expect(variance.months.map((m) => m.month)).toEqual([0, 1, 2, 3, 4].map(month));
    expect(variance.hires.map((h) => [h.plannedMonth, h.levelTitle, h.status, h.person?.name ?? null])).toEqual([
      [month(1), junior.title, "early", "Early Junior"],
      [month(1), junior.title, "on time", "On-time Junior"],
      [month(2), senior.title, "late", "Late Senior"],
      [month(4), junior.title, "overdue", null],
    ]);
    expect(variance.leavers.map((l) => [l.name, l.on, l.planned])).toEqual([
      [leaver.name, day(2, 10), false],
      // Deleted from the roster: counted as leaving on the day of deletion.
      ["Typo Person", day(3, 11), false],
    ]);
    // Headcount at each month's end, counted by hand from the story. The deleted person's start
    // date (2020) was recorded late: dates count from when they happened, so they were on the team
    // from the start until the day they were deleted.
    const start = roster.length + 1;
    expect(variance.months.map((m) => m.actual.headcount)).toEqual([
      start + 1, // the early junior
      start + 2, // the on-time junior
      start + 1, // the senior who left
      start + 1, // the late senior joins; the deleted person goes
      start + 1,
    ]);
    const plan = projectScenario(stored.scenario);
    expect(variance.months.map((m) => m.planned.headcount)).toEqual(plan.rows.slice(0, 5).map((r) => r.totalHeadcount));
    expect(variance.words[0]).toBe(
      `3 of 4 hires planned by ${new Date(`${month(4)}-01T00:00:00Z`).toLocaleString("en-US", { month: "short", timeZone: "UTC" })} ${month(4).slice(0, 4)} have started`,
    );
    expect(variance.words[1]).toMatch(
      /^2 people left unplanned: one .+, one .+ \(the plan expected about \d+(\.\d)? to leave by now\)$/,
    );

    // A viewer's money is priced at band midpoints: the same whatever anyone earns.
    const seen = (await loadPlanVsActual(db, viewer, { now: asOf }))!;
    await db
      .updateTable("roster_snapshot_change")
      .set((eb) => ({ salary: eb("salary", "*", 2) }))
      .execute();
    const again = (await loadPlanVsActual(db, viewer, { now: asOf }))!;
    expect(again.variance).toEqual(seen.variance);
    const plannerAgain = (await loadPlanVsActual(db, planner, { now: asOf }))!;
    expect(plannerAgain.variance.toDate.actual.payroll).toBeCloseTo(2 * variance.toDate.actual.payroll, 4);
    await db
      .updateTable("roster_snapshot_change")
      .set((eb) => ({ salary: eb("salary", "/", 2) }))
      .execute();

    // Re-forecast from month 4: today's roster, the overdue junior now, to the plan's end.
    const made = await reforecast(db, { actor: { id: planner.id, name: planner.name }, now: asOf });
    expect(made.ok).toBe(true);
    const forecast = (await getScenario(db, { id: (made as { id: number }).id }))!.scenario;
    expect(forecast.start).toBe(month(4));
    expect(forecast.horizonMonths).toBe(8);
    expect(forecast.plan).toEqual([{ type: "hire", level: junior.id, count: 1, month: 0, team: `t${teamId}` }]);
    const names = forecast.team.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(["Early Junior", "On-time Junior", "Late Senior"]));
    expect(names).not.toContain(leaver.name);
  });

  it("freezes the adopted version: later edits make versions to adopt again, and pruning old versions changes nothing", async () => {
    const db = await getDb();
    const record = (await getPlanOfRecord(db))!;
    const frozen = JSON.stringify(record.scenario);
    const id = record.scenarioId!;
    for (let n = 0; n < SCENARIO_VERSIONS_KEPT + 1; n++) {
      const stored = (await getScenario(db, { id }))!;
      const saved = await saveScenario(db, {
        id,
        scenario: { ...stored.scenario, description: `Edit ${n}` },
        expectedVersion: stored.version,
        actor,
      });
      expect(saved.ok).toBe(true);
    }
    // Version 1 is gone from the scenario's history, and the plan of record is as adopted.
    const kept = await db
      .selectFrom("scenario_version")
      .select("number")
      .where("scenario_id", "=", id)
      .orderBy("number")
      .execute();
    expect(kept[0]!.number).toBeGreaterThan(1);
    const after = (await getPlanOfRecord(db))!;
    expect(JSON.stringify(after.scenario)).toBe(frozen);
    expect(after.versionNumber).toBe(1);
    expect((await versionsSinceAdoption(db, after)).length).toBe(SCENARIO_VERSIONS_KEPT);
  });

  it("refuses to adopt a day outside the plan, a version the admin has not seen, or an archived scenario, writing nothing", async () => {
    const db = await getDb();
    const record = (await getPlanOfRecord(db))!;
    const stored = (await getScenario(db, { id: record.scenarioId! }))!;
    const before = (await listAudit(db, { entity: "plan" })).length;
    const outside = await adoptPlan(db, {
      scenarioId: stored.id,
      adoptedFrom: `${addMonths(thisMonth, 12)}-01`,
      expectedVersion: stored.version,
      actor,
    });
    expect(outside).toEqual({
      ok: false,
      field: "adoptedFrom",
      message: `Choose a day inside the plan's months, ${thisMonth} to ${month(11)}: the plan says nothing about ${month(12)}.`,
    });
    const stale = await adoptPlan(db, {
      scenarioId: stored.id,
      adoptedFrom: `${thisMonth}-01`,
      expectedVersion: stored.version - 1,
      actor,
    });
    expect(stale.ok).toBe(false);
    expect((stale as { message: string }).message).toMatch(/after you opened this page\. Nothing was adopted/);
    expect((await listAudit(db, { entity: "plan" })).length).toBe(before);
    expect((await getPlanOfRecord(db))!.id).toBe(record.id);
    // Adopting the newest version works, and makes it the plan of record.
    const again = await adoptPlan(db, {
      scenarioId: stored.id,
      adoptedFrom: `${thisMonth}-01`,
      expectedVersion: stored.version,
      actor,
    });
    expect(again).toMatchObject({ ok: true, versionNumber: SCENARIO_VERSIONS_KEPT + 2 });
    expect((await getPlanOfRecord(db))!.scenario.description).toBe(`Edit ${SCENARIO_VERSIONS_KEPT}`);
  });

  it("reads history through any day: the timelines hold each engineer's states oldest first", async () => {
    const db = await getDb();
    const timelines = await loadTimelines(db, { through: day(4, 30) });
    const typo = timelines.find((t) => t.states[0]!.name === "Typo Person")!;
    expect(typo.states.map((s) => [s.from, s.removed])).toEqual([
      [day(3, 10), false],
      [day(3, 11), true],
    ]);
    const early = await loadTimelines(db, { through: day(0, 1) });
    expect(early.some((t) => t.states[0]!.name === "Early Junior")).toBe(false);
  });

  it("keeps one row a day for an engineer edited several times that day, and none once an edit puts them back", async () => {
    const db = await getDb();
    const [junior] = await listLevels(db);
    const input = { name: "Twice Person", levelId: junior!.id, salary: 90_000, startDate: day(6, 1), notes: "" };
    const id = await createEngineer(db, { input, actor, now: at(6, 5) });
    const rowsOn = async (takenOn: string) => (await changesOn(takenOn)).filter((c) => c.engineer_id === id);
    const snapshotOn = async (takenOn: string) => (await listSnapshots(db)).find((s) => s.takenOn === takenOn)!;

    await updateEngineer(db, { id, input: { ...input, salary: 95_000 }, actor, now: at(6, 6) });
    await updateEngineer(db, { id, input: { ...input, salary: 99_000 }, actor, now: at(6, 6) });
    expect((await rowsOn(day(6, 6))).map((c) => c.salary)).toEqual([99_000]);
    expect((await snapshotOn(day(6, 6))).changes).toBe((await changesOn(day(6, 6))).length);

    // Back to what the day before recorded: that day's row is all the history needs.
    await updateEngineer(db, { id, input, actor, now: at(6, 6) });
    expect(await rowsOn(day(6, 6))).toEqual([]);
    expect((await rowsOn(day(6, 5))).map((c) => c.salary)).toEqual([90_000]);
    expect((await snapshotOn(day(6, 6))).changes).toBe((await changesOn(day(6, 6))).length);
  });
});
