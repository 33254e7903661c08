import { sql, type Kysely } from "kysely";
import { numbered } from "./dialect";

// Frozen in time: this migration never imports application code.
// Issue 18: a planner asks for a hire; an admin approves or declines it, with a note. An approved
// request is added to the plan of record's scenario as a hire, in a new version recorded here.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("headcount_request")
    .addColumn("id", "integer", (c) => numbered(db, c.primaryKey()))
    .addColumn("level_id", "text", (c) => c.notNull())
    // Null only in a workspace with no teams; a deleted team leaves the request without one.
    .addColumn("team_id", "integer", (c) => c.references("team.id").onDelete("set null"))
    .addColumn("team_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("salary", "integer")
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("requested")
        .check(sql`status in ('requested', 'approved', 'declined', 'withdrawn')`),
    )
    .addColumn("requested_by", "integer", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("requested_by_name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("decided_by_name", "text")
    .addColumn("decided_at", "text")
    .addColumn("decision_note", "text", (c) => c.notNull().defaultTo(""))
    // The plan of record's scenario and the version of it the approved hire went into. No foreign
    // key: the record stays when the scenario is deleted.
    .addColumn("added_to_scenario_id", "integer")
    .addColumn("added_to_version", "integer")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("headcount_request_by_status")
    .on("headcount_request")
    .columns(["status", "id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("headcount_request").execute();
}
