/**
 * The dashboard's "Needs attention" panel: each item's count on the demo team, what a viewer gets
 * (everything but who is out of band), one team's own items, the bands' items gone once the bands
 * are set, and "Nothing needs attention" when nothing does.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NeedsAttention } from "~/components/needs-attention";
import { DEFAULT_LEVELS, DEFAULT_SKILLS } from "~/domain";
import { loader as dashboardLoader } from "~/routes/_index";
import { action as ladderAction, loader as ladderLoader } from "~/routes/ladder._index";
import { createEngineer } from "~/services/engineers.server";
import { listLevels, updateLevel } from "~/services/ladder.server";
import { listTeams } from "~/services/teams.server";
import { startEmptyTeam } from "~/services/workspace.server";
import { getDb } from "~/utils/db.server";
import { formRequest, getRequest, routeArgs } from "../setup/requests";

type As = "planner" | "viewer";
const dashboard = (path: string, as: As = "planner") => dashboardLoader(routeArgs(getRequest(path, { as })));
const teamId = async (name: string) => (await listTeams(await getDb())).find((t) => t.name === name)!.id;
/** Every level, still on its starting band, with these many engineers at L1 to L5. */
const startingBands = (...people: number[]) =>
  DEFAULT_LEVELS.map(({ id, title }, i) => ({ id, title, people: people[i] }));

describe("the dashboard's needs-attention panel", () => {
  it("counts the demo team's problems: Mobile has juniors and no senior, one thin skill, three ready, the starting bands", async () => {
    const mobile = { id: await teamId("Mobile"), name: "Mobile" };
    const { attention, thinSkills, readyForPromotion } = await dashboard("/");
    expect(attention).toEqual({
      outOfBand: { below: 0, above: 0 },
      teamsShortOfMentoring: [mobile],
      teamsWithoutSenior: [mobile],
      thinSkills: 1,
      readyForPromotion: 3,
      levelsOnDefaultBands: startingBands(3, 4, 4, 3, 1),
    });
    expect(thinSkills.map((s) => s.skill.name)).toEqual(["Messaging"]);
    expect(readyForPromotion.map((r) => r.engineer.name).sort()).toEqual([
      "Aisha Bello",
      "Priya Raman",
      "Sofia Alvarez",
    ]);
  });

  it("counts people out of band for planners, and narrows every item to one team in its view", async () => {
    const db = await getDb();
    const [mobile, payments] = [await teamId("Mobile"), await teamId("Payments")];
    await createEngineer(db, {
      input: { name: "Sam Senior", levelId: "L4", salary: 150_000, startDate: "2025-06-02", notes: "", teamId: mobile },
    });
    await createEngineer(db, {
      input: { name: "Jo Junior", levelId: "L1", salary: 90_000, startDate: "2025-06-02", notes: "", teamId: payments },
    });
    const org = (await dashboard("/")).attention;
    expect(org.outOfBand).toEqual({ below: 1, above: 1 });
    expect(org.teamsWithoutSenior).toEqual([]);

    const mobileView = await dashboard(`/?team=${mobile}`);
    expect(mobileView.attention.outOfBand).toEqual({ below: 0, above: 1 });
    expect(mobileView.attention.readyForPromotion).toBe(
      mobileView.readyForPromotion.filter((r) => r.engineer.teamId === mobile).length,
    );
    expect(mobileView.attention.thinSkills).toBe(mobileView.thinSkills.length);
    const paymentsView = (await dashboard(`/?team=${payments}`)).attention;
    expect(paymentsView.outOfBand).toEqual({ below: 1, above: 0 });
    expect(paymentsView.teamsWithoutSenior).toEqual([]);
    // The ladder's item is the org's in a team's view too.
    expect(paymentsView.levelsOnDefaultBands).toEqual(startingBands(4, 4, 4, 4, 1));
  });

  it("gives a viewer every item but who is out of band", async () => {
    for (const path of ["/", `/?team=${await teamId("Mobile")}`]) {
      const planner = (await dashboard(path, "planner")).attention;
      const viewer = (await dashboard(path, "viewer")).attention;
      expect(planner.outOfBand).not.toBeNull();
      expect(viewer).toEqual({ ...planner, outOfBand: null });
    }
  });

  it("drops the bands' items once the bands are set from the team, and by hand where too few people", async () => {
    const db = await getDb();
    const { bands } = await ladderLoader(routeArgs(getRequest("/ladder?fit=range", { as: "planner" })));
    const saved = (await ladderAction(
      routeArgs(formRequest("/ladder?fit=range&index", bands!.saveFields!, { as: "planner" })),
    )) as Response;
    expect(saved.status).toBe(302);
    let attention = (await dashboard("/")).attention;
    expect(attention.outOfBand).toEqual({ below: 0, above: 0 });
    expect(attention.levelsOnDefaultBands).toEqual([{ id: "L5", title: "Staff Engineer", people: 1 }]);

    const l5 = (await listLevels(db)).find((l) => l.id === "L5")!;
    const { id: _id, position: _p, version: _v, bandSource: _s, ...changes } = l5;
    await updateLevel(db, { id: "L5", changes: { ...changes, band: { min: 140_000, mid: 152_000, max: 170_000 } } });
    attention = (await dashboard("/")).attention;
    expect(attention.levelsOnDefaultBands).toEqual([]);
  });

  it("says nothing needs attention when nothing does", async () => {
    const db = await getDb();
    await startEmptyTeam(db);
    const everySkill = Object.fromEntries(DEFAULT_SKILLS.map((s) => [s.id, 3]));
    for (const [name, salary] of [
      ["Ada", 145_000],
      ["Bo", 152_000],
      ["Cy", 160_000],
    ] as const)
      await createEngineer(db, {
        input: { name, levelId: "L5", salary, startDate: "2024-01-01", notes: "" },
        skills: everySkill,
      });
    const { attention, engineerCount } = await dashboard("/");
    expect(engineerCount).toBe(3);
    expect(attention).toEqual({
      outOfBand: { below: 0, above: 0 },
      teamsShortOfMentoring: [],
      teamsWithoutSenior: [],
      thinSkills: 0,
      readyForPromotion: 0,
      levelsOnDefaultBands: [],
    });
    const html = renderToStaticMarkup(createElement(NeedsAttention, { data: attention, canEdit: true }));
    expect(html).toContain("Nothing needs attention.");
  });
});
