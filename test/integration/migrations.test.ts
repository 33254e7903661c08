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

describe("the hiring migration", () => {
  it("gives the default ladder's levels the recommended time to fill and interview hours, other levels 0, and the workspace its recruiters' defaults", async () => {
    const db = await openDatabase(join(dir, "before-hiring.sqlite"));
    const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
    expect((await migrator.migrateTo("2026_12_03_1000_scenario_versions")).error).toBeUndefined();
    const now = "2026-12-03T12:00:00.000Z";
    await db
      .insertInto("workspace")
      .values({ id: 1, name: "Core platform", is_demo: 0, assumptions: null, created_at: now, updated_at: now })
      .execute();
    const level = (id: string, position: number) => ({
      id,
      position,
      title: id,
      class: "mid" as const,
      years: "",
      summary: "",
      band_min: 100_000,
      band_mid: 110_000,
      band_max: 120_000,
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
      .values([level("L1", 0), level("L3", 1), level("L5", 2), level("G7", 3)])
      .execute();

    await migrateToLatest(db);
    const levels = await db
      .selectFrom("level")
      .select(["id", "time_to_fill_months", "interview_hours"])
      .orderBy("position")
      .execute();
    // The figures: 2 / 2 / 2 / 3 / 3 months and 60 / 60 / 80 / 100 / 120 hours for L1-L5.
    expect(levels).toEqual([
      { id: "L1", time_to_fill_months: 2, interview_hours: 60 },
      { id: "L3", time_to_fill_months: 2, interview_hours: 80 },
      { id: "L5", time_to_fill_months: 3, interview_hours: 120 },
      { id: "G7", time_to_fill_months: 0, interview_hours: 0 },
    ]);
    expect(
      await db
        .selectFrom("workspace")
        .select(["recruiters", "hires_per_recruiter_per_quarter", "first_year_attrition_multiplier"])
        .executeTakeFirstOrThrow(),
    ).toEqual({ recruiters: null, hires_per_recruiter_per_quarter: 6, first_year_attrition_multiplier: 1.5 });

    const refused = [
      db.updateTable("level").set({ time_to_fill_months: 25 }).where("id", "=", "L1"),
      db.updateTable("level").set({ interview_hours: -1 }).where("id", "=", "L1"),
      db.updateTable("workspace").set({ recruiters: -1 }),
      db.updateTable("workspace").set({ first_year_attrition_multiplier: 0.5 }),
    ];
    for (const update of refused) await expect(update.execute()).rejects.toThrow(/CHECK constraint failed/);
    await db.destroy();
  });
});
