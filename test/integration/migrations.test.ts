import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Migrator } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/utils/db.server";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations";

const dir = mkdtempSync(join(tmpdir(), "teamshape-migrations-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the teams migration", () => {
  it("puts a workspace's existing engineers in one team named after the workspace", async () => {
    const db = await openDatabase(join(dir, "before-teams.sqlite"));
    const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
    const upTo = await migrator.migrateTo("2026_11_23_1900_sign_in_failures");
    expect(upTo.error).toBeUndefined();
    const now = "2026-11-30T12:00:00.000Z";
    await db
      .insertInto("workspace")
      .values({ id: 1, name: "Core platform", is_demo: 0, assumptions: null, created_at: now, updated_at: now })
      .execute();
    await db
      .insertInto("level")
      .values({
        id: "L1",
        position: 0,
        title: "Junior",
        class: "junior",
        years: "",
        summary: "",
        band_min: 1,
        band_mid: 2,
        band_max: 3,
        output: 1,
        ramp_months: 0,
        annual_attrition: 0,
        annual_promotion: 0,
        mentor_hours: 0,
        mentee_hours: 0,
        updated_at: now,
      })
      .execute();
    for (const name of ["Ana", "Ben"])
      await db
        .insertInto("engineer")
        .values({
          name,
          level_id: "L1",
          salary: 100_000,
          start_date: "2025-01-01",
          notes: "",
          created_at: now,
          updated_at: now,
        })
        .execute();

    await migrateToLatest(db);
    const teams = await db.selectFrom("team").select(["id", "name"]).execute();
    expect(teams.map((t) => t.name)).toEqual(["Core platform"]);
    const engineers = await db.selectFrom("engineer").select(["name", "team_id"]).orderBy("name").execute();
    expect(engineers).toEqual([
      { name: "Ana", team_id: teams[0]!.id },
      { name: "Ben", team_id: teams[0]!.id },
    ]);
    await db.destroy();
  });

  it("makes no team for a workspace with no engineers yet", async () => {
    const db = await openDatabase(join(dir, "empty.sqlite"));
    await migrateToLatest(db);
    expect(await db.selectFrom("team").selectAll().execute()).toEqual([]);
    await db.destroy();
  });
});

describe("the band source migration", () => {
  it("calls a level's band 'default' while it is the default ladder's, and 'manual' once it was typed in", async () => {
    const db = await openDatabase(join(dir, "before-band-source.sqlite"));
    const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
    expect((await migrator.migrateTo("2026_12_02_0900_hr_import")).error).toBeUndefined();
    const now = "2026-12-01T12:00:00.000Z";
    const level = (id: string, position: number, [band_min, band_mid, band_max]: number[]) => ({
      id,
      position,
      title: id,
      class: "mid" as const,
      years: "",
      summary: "",
      band_min: band_min!,
      band_mid: band_mid!,
      band_max: band_max!,
      output: 1,
      ramp_months: 0,
      annual_attrition: 0,
      annual_promotion: 0,
      mentor_hours: 0,
      mentee_hours: 0,
      updated_at: now,
    });
    await db
      .insertInto("level")
      .values([
        level("L1", 0, [95_000, 105_000, 115_000]),
        level("L2", 1, [105_000, 111_000, 120_000]),
        level("G7", 2, [135_000, 144_690, 165_000]),
      ])
      .execute();

    await migrateToLatest(db);
    const levels = await db.selectFrom("level").select(["id", "band_source"]).orderBy("position").execute();
    expect(levels).toEqual([
      { id: "L1", band_source: "default" },
      { id: "L2", band_source: "manual" },
      { id: "G7", band_source: "manual" },
    ]);
    await expect(
      db
        .updateTable("level")
        .set({ band_source: "guessed" as "team" })
        .where("id", "=", "L1")
        .execute(),
    ).rejects.toThrow(/CHECK constraint failed/);
    await db.destroy();
  });
});
