import { sql, type Kysely } from "kysely";
import { numbered } from "./dialect";

// Frozen in time: this migration never imports application code.
// Issue 18: the plan of record and what actually happened.
// - plan_adoption: each time an admin adopts a saved scenario as the plan of record, from a date.
//   The adopted version's document is copied, so later edits (and the pruning of old versions)
//   never change it. The newest adoption is the plan of record.
// - roster_snapshot / roster_snapshot_change: the roster's state by day, kept as changes. A
//   snapshot holds only the engineers whose state differs from the snapshot before it, so a month
//   with no edits costs one row, and an edit one row per person changed.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("plan_adoption")
    .addColumn("id", "integer", (c) => numbered(db, c.primaryKey()))
    .addColumn("scenario_id", "integer", (c) => c.references("scenario.id").onDelete("set null"))
    .addColumn("scenario_name", "text", (c) => c.notNull())
    .addColumn("version_number", "integer", (c) => c.notNull())
    .addColumn("document", "text", (c) => c.notNull())
    .addColumn("adopted_from", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("adopted_at", "text", (c) => c.notNull())
    .addColumn("adopted_by", "text", (c) => c.notNull().defaultTo(""))
    .execute();

  await db.schema
    .createTable("roster_snapshot")
    .addColumn("id", "integer", (c) => numbered(db, c.primaryKey()))
    .addColumn("taken_on", "text", (c) => c.notNull().unique())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("people", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("changes", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("taken_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("roster_snapshot_change")
    .addColumn("snapshot_id", "integer", (c) => c.notNull().references("roster_snapshot.id").onDelete("cascade"))
    // No foreign key: an engineer deleted from the roster keeps their history.
    .addColumn("engineer_id", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("level_id", "text", (c) => c.notNull())
    .addColumn("team_id", "integer")
    .addColumn("salary", "integer", (c) => c.notNull())
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("left_on", "text")
    .addColumn("removed", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`removed in (0, 1)`),
    )
    .addPrimaryKeyConstraint("roster_snapshot_change_key", ["snapshot_id", "engineer_id"])
    .execute();
  await db.schema
    .createIndex("roster_snapshot_change_by_engineer")
    .on("roster_snapshot_change")
    .columns(["engineer_id", "snapshot_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("roster_snapshot_change").execute();
  await db.schema.dropTable("roster_snapshot").execute();
  await db.schema.dropTable("plan_adoption").execute();
}
