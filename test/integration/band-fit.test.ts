/**
 * "Set bands from your team" on the Ladder page: the counts, the preview (nothing written), the
 * save (every level in one transaction, audited, band source "team"), a stale preview refused,
 * and a band typed in on the edit page marked "manual". The demo team plus two engineers out of
 * the demo's bands: Ari Above at L3 ($140,000 over $132,000) and Bea Below at L1 ($90,000 under $95,000).
 */
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LEVELS, type SalaryBand } from "~/domain";
import { levelFormValues } from "~/forms/level";
import { action as editLevelAction, loader as editLevelLoader } from "~/routes/ladder.$levelId.edit";
import { action as ladderAction, loader as ladderLoader } from "~/routes/ladder._index";
import { createEngineer, listEngineers, updateEngineer } from "~/services/engineers.server";
import { listLevels, updateLevel } from "~/services/ladder.server";
import { getDb, isPostgres } from "~/utils/db.server";
import { dataOf, formRequest, getRequest, routeArgs } from "../setup/requests";

const band = (min: number, mid: number, max: number): SalaryBand => ({ min, mid, max });
const demoBand = (id: string) => DEFAULT_LEVELS.find((l) => l.id === id)!.band;

async function ladderPage(search = "", as: "planner" | "viewer" | "admin" = "planner") {
  return ladderLoader(routeArgs(getRequest(`/ladder${search}`, { as })));
}

async function audits() {
  return (await getDb()).selectFrom("audit").selectAll().where("entity", "=", "level").orderBy("id").execute();
}

async function save(fields: Record<string, string>) {
  return ladderAction(routeArgs(formRequest("/ladder?fit=range&index", fields, { as: "planner" })));
}

beforeAll(async () => {
  const db = await getDb();
  await createEngineer(db, {
    input: { name: "Ari Above", levelId: "L3", salary: 140_000, startDate: "2025-03-03", notes: "" },
  });
  await createEngineer(db, {
    input: { name: "Bea Below", levelId: "L1", salary: 90_000, startDate: "2025-03-03", notes: "" },
  });
});

describe("salary bands against the team", () => {
  it("counts each level's engineers below, in and above its band, for planners only", async () => {
    const page = await ladderPage();
    expect(page.bands!.levels.map((l) => [l.id, l.bandSource, l.people, l.counts])).toEqual([
      ["L1", "default", 4, { below: 1, inside: 3, above: 0 }],
      ["L2", "default", 4, { below: 0, inside: 4, above: 0 }],
      ["L3", "default", 5, { below: 0, inside: 4, above: 1 }],
      ["L4", "default", 3, { below: 0, inside: 3, above: 0 }],
      ["L5", "default", 1, { below: 0, inside: 1, above: 0 }],
    ]);
    expect(page.bands!.outOfBand).toBe(2);
    expect(page.bands!.proposal).toBeNull();
    // A viewer sees the bands on the level cards but not who is outside them, nor a proposal.
    for (const search of ["", "?fit=range"]) {
      const viewer = await ladderPage(search, "viewer");
      expect(viewer.bands).toBeNull();
      expect(viewer.levels.map((l) => l.band)).toEqual(page.levels.map((l) => l.band));
    }
  });

  it("previews lowest / median / highest, writing nothing, and says where bands do not rise", async () => {
    const before = { levels: await listLevels(await getDb()), audits: (await audits()).length };
    const { proposal, saveFields } = (await ladderPage("?fit=range")).bands!;
    expect(proposal!.levels.map((l) => [l.id, l.proposed, l.kept, l.now, l.after])).toEqual([
      // 90,000 97,000 99,000 101,500: the median 98,000; 101,500 up to 102,000.
      ["L1", band(90_000, 98_000, 102_000), null, { below: 1, inside: 3, above: 0 }, { below: 0, inside: 4, above: 0 }],
      // 106,500 108,500 111,000 114,000: median 109,750 to 110,000.
      [
        "L2",
        band(106_000, 110_000, 114_000),
        null,
        { below: 0, inside: 4, above: 0 },
        { below: 0, inside: 4, above: 0 },
      ],
      // 118,500 121,000 124,000 127,000 140,000.
      [
        "L3",
        band(118_000, 124_000, 140_000),
        null,
        { below: 0, inside: 4, above: 1 },
        { below: 0, inside: 5, above: 0 },
      ],
      [
        "L4",
        band(128_000, 131_000, 136_000),
        null,
        { below: 0, inside: 3, above: 0 },
        { below: 0, inside: 3, above: 0 },
      ],
      ["L5", null, "too few", { below: 0, inside: 1, above: 0 }, { below: 0, inside: 1, above: 0 }],
    ]);
    // Ari's 140,000 tops L3's band above L4's highest pay, 136,000: the data does not let it rise.
    expect(proposal!.notRising).toEqual([{ lowerId: "L3", higherId: "L4", figures: ["max"] }]);
    expect(saveFields).toMatchObject({ intent: "fit-bands", method: "range", "band.L1": "90000/98000/102000" });
    expect(Object.keys(saveFields!).filter((k) => k.startsWith("band."))).toEqual([
      "band.L1",
      "band.L2",
      "band.L3",
      "band.L4",
    ]);
    expect(await listLevels(await getDb())).toEqual(before.levels);
    expect(await audits()).toHaveLength(before.audits);
  });

  it("previews P10 / P50 / P90: about a tenth at each end stays outside", async () => {
    const { proposal } = (await ladderPage("?fit=p10-p90")).bands!;
    expect(proposal!.levels.map((l) => [l.id, l.proposed, l.after])).toEqual([
      // P10 90,000 + 0.3 x 7,000 = 92,100 (down to 92,000); P90 99,000 + 0.7 x 2,500 = 100,750 (up to 101,000).
      ["L1", band(92_000, 98_000, 101_000), { below: 1, inside: 2, above: 1 }],
      // 106,500 + 0.3 x 2,000 = 107,100; 111,000 + 0.7 x 3,000 = 113,100.
      ["L2", band(107_000, 110_000, 114_000), { below: 1, inside: 3, above: 0 }],
      // 118,500 + 0.4 x 2,500 = 119,500; 127,000 + 0.6 x 13,000 = 134,800.
      ["L3", band(119_000, 124_000, 135_000), { below: 1, inside: 3, above: 1 }],
      // 128,500 + 0.2 x 2,500 = 129,000; 131,000 + 0.8 x 5,000 = 135,000.
      ["L4", band(129_000, 131_000, 135_000), { below: 1, inside: 1, above: 1 }],
      ["L5", null, { below: 0, inside: 1, above: 0 }],
    ]);
    expect(proposal!.notRising).toEqual([]);
  });

  it("refuses a save once the team or the ladder has changed since the preview, writing nothing", async () => {
    const db = await getDb();
    const { saveFields } = (await ladderPage("?fit=range")).bands!;
    const before = { levels: await listLevels(db), audits: (await audits()).length };

    // A raise after the preview: the bands it would save now are not the ones shown.
    const bea = (await listEngineers(db)).find((e) => e.name === "Bea Below")!;
    await updateEngineer(db, { id: bea.id, input: { ...bea, salary: 91_000 } });
    const raised = dataOf<{ bandsError: string }>(await save(saveFields!));
    expect(raised.status).toBe(409);
    expect(raised.data.bandsError).toContain("changed after this preview, so nothing was saved");
    await updateEngineer(db, { id: bea.id, input: { ...bea, salary: 90_000 } });

    // A level edited after the preview (its version moved on).
    const l2 = before.levels.find((l) => l.id === "L2")!;
    const { id: _id, position: _p, version: _v, bandSource: _s, ...changes } = l2;
    await updateLevel(db, { id: "L2", changes: { ...changes, years: "1-3 (edited)" } });
    expect(dataOf(await save(saveFields!)).status).toBe(409);
    await updateLevel(db, { id: "L2", changes });

    // A form that is not the preview's.
    expect(dataOf(await save({ intent: "fit-bands", method: "median" })).status).toBe(400);

    const levels = await listLevels(db);
    expect(levels.map((l) => [l.id, l.band, l.bandSource])).toEqual(
      before.levels.map((l) => [l.id, l.band, l.bandSource]),
    );
    expect((await audits()).filter((a) => a.summary.includes("salaries"))).toEqual([]);
  });

  it("writes every level or none: a failure on the fourth level undoes the first three", async () => {
    const db = await getDb();
    const { saveFields } = (await ladderPage("?fit=range")).bands!;
    const before = { levels: await listLevels(db), audits: (await audits()).length };
    // A trigger that refuses the fourth level's update, in each database's own syntax.
    if (isPostgres(db)) {
      await sql`create function refuse_l4() returns trigger language plpgsql as $$ begin raise exception 'L4 is locked'; end $$`.execute(
        db,
      );
      await sql`create trigger refuse_l4 before update on level for each row when (new.id = 'L4') execute function refuse_l4()`.execute(
        db,
      );
    } else {
      await sql`create trigger refuse_l4 before update on level when new.id = 'L4' begin select raise(abort, 'L4 is locked'); end`.execute(
        db,
      );
    }
    try {
      await expect(save(saveFields!)).rejects.toThrow("L4 is locked");
    } finally {
      if (isPostgres(db)) await sql`drop function refuse_l4 cascade`.execute(db);
      else await sql`drop trigger refuse_l4`.execute(db);
    }
    expect(await listLevels(db)).toEqual(before.levels);
    expect(await audits()).toHaveLength(before.audits);
  });

  it("saves every proposed band in one transaction, audited as level edits are, with the band source 'team'", async () => {
    const db = await getDb();
    const { saveFields } = (await ladderPage("?fit=range")).bands!;
    const before = await listLevels(db);
    const auditsBefore = (await audits()).length;

    const response = (await save(saveFields!)) as Response;
    expect(response.status).toBe(302);
    expect(decodeURIComponent(response.headers.get("Location")!)).toBe(
      "/ladder?saved=the bands of L1, L2, L3 and L4 from your team's salaries (lowest / median / highest); L5 keeps its band#bands",
    );
    const after = await listLevels(db);
    expect(after.map((l) => [l.id, l.band, l.bandSource])).toEqual([
      ["L1", band(90_000, 98_000, 102_000), "team"],
      ["L2", band(106_000, 110_000, 114_000), "team"],
      ["L3", band(118_000, 124_000, 140_000), "team"],
      ["L4", band(128_000, 131_000, 136_000), "team"],
      ["L5", demoBand("L5"), "default"],
    ]);
    expect(after.map((l) => l.version)).toEqual(before.map((l, i) => (i < 4 ? l.version + 1 : l.version)));
    // Everything else about each level is as it was.
    expect(after.map(({ band: _b, bandSource: _s, version: _v, ...rest }) => rest)).toEqual(
      before.map(({ band: _b, bandSource: _s, version: _v, ...rest }) => rest),
    );

    const written = (await audits()).slice(auditsBefore);
    expect(written.map((a) => [a.action, a.entity_id, a.user_name, a.summary])).toEqual([
      [
        "update",
        "L1",
        "Test planner",
        "Changed band, bandSource of level L1 Junior Engineer: set from 4 engineers' salaries (lowest / median / highest)",
      ],
      [
        "update",
        "L2",
        "Test planner",
        "Changed band, bandSource of level L2 Engineer II: set from 4 engineers' salaries (lowest / median / highest)",
      ],
      [
        "update",
        "L3",
        "Test planner",
        "Changed band, bandSource of level L3 Mid-level Engineer: set from 5 engineers' salaries (lowest / median / highest)",
      ],
      [
        "update",
        "L4",
        "Test planner",
        "Changed band, bandSource of level L4 Senior Engineer: set from 3 engineers' salaries (lowest / median / highest)",
      ],
    ]);
    expect(new Set(written.map((a) => a.at)).size).toBe(1);
    expect(JSON.parse(written[0]!.before!)).toEqual({ band: demoBand("L1"), bandSource: "default" });
    expect(JSON.parse(written[0]!.after!)).toEqual({ band: band(90_000, 98_000, 102_000), bandSource: "team" });

    // The page now counts nobody out of band, and the same preview again would change nothing.
    const page = await ladderPage("?fit=range");
    expect(page.bands!.outOfBand).toBe(0);
    expect(page.bands!.proposal!.levels.slice(0, 4).map((l) => l.proposed)).toEqual(
      after.slice(0, 4).map((l) => l.band),
    );
    expect(((await save(page.bands!.saveFields!)) as Response).status).toBe(302);
    expect((await audits()).length).toBe(auditsBefore + 4);
  });

  it("marks a band typed in on the level's page 'manual', and keeps the source when only other fields change", async () => {
    const db = await getDb();
    const editForm = async (id: string) => {
      const { level, skills } = await editLevelLoader(routeArgs(getRequest(`/ladder/${id}/edit`), { levelId: id }));
      return {
        ...levelFormValues(
          level,
          skills.map((s) => s.id),
        ),
        version: String(level.version),
      };
    };
    const edit = async (id: string, change: Record<string, string>) =>
      (
        (await editLevelAction(
          routeArgs(formRequest(`/ladder/${id}/edit`, { ...(await editForm(id)), ...change }), { levelId: id }),
        )) as Response
      ).status;

    expect(await edit("L1", { years: "0-1" })).toBe(302);
    expect((await listLevels(db)).find((l) => l.id === "L1")!.bandSource).toBe("team");
    expect(await edit("L1", { bandMax: "104000" })).toBe(302);
    expect((await listLevels(db)).find((l) => l.id === "L1")).toMatchObject({
      band: band(90_000, 98_000, 104_000),
      bandSource: "manual",
    });
    const last = (await audits()).at(-1)!;
    expect(JSON.parse(last.before!)).toMatchObject({ band: band(90_000, 98_000, 102_000), bandSource: "team" });
    expect(JSON.parse(last.after!)).toMatchObject({ band: band(90_000, 98_000, 104_000), bandSource: "manual" });

    expect(await edit("L5", { bandMid: "150000" })).toBe(302);
    expect((await listLevels(db)).find((l) => l.id === "L5")!.bandSource).toBe("manual");
  });
});
