import { sql, type Kysely } from "kysely";

// Frozen in time: this migration never imports application code.
// Where each level's salary band came from (issue 14): "default" (the ladder Teamshape starts
// with), "team" (set from the engineers' salaries) or "manual" (typed in). A band that differs
// from the default ladder's has been typed in; the default ladder's bands are copied here as they
// were on this day.
const DEFAULT_BANDS: Record<string, [min: number, mid: number, max: number]> = {
  L1: [95_000, 105_000, 115_000],
  L2: [105_000, 110_375, 120_000],
  L3: [115_000, 122_000, 132_000],
  L4: [125_000, 130_845, 142_000],
  L5: [135_000, 144_690, 165_000],
};

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("level")
    .addColumn("band_source", "text", (c) =>
      c
        .notNull()
        .defaultTo("default")
        .check(sql`band_source in ('default', 'team', 'manual')`),
    )
    .execute();
  const levels = await db.selectFrom("level").select(["id", "band_min", "band_mid", "band_max"]).execute();
  for (const level of levels as { id: string; band_min: number; band_mid: number; band_max: number }[]) {
    const band = DEFAULT_BANDS[level.id];
    const asShipped =
      band !== undefined && level.band_min === band[0] && level.band_mid === band[1] && level.band_max === band[2];
    if (!asShipped) await db.updateTable("level").set({ band_source: "manual" }).where("id", "=", level.id).execute();
  }
}
