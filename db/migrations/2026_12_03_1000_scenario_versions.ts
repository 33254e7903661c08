import { sql, type Kysely } from "kysely";

// Frozen in time: this migration never imports application code.
// Every save of a scenario keeps its document as a numbered version (issue 15), so a plan can be
// restored as it was. A scenario that exists already gets its current document as version 1.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("scenario_version")
    .addColumn("scenario_id", "integer", (c) => c.notNull().references("scenario.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("document", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("saved_at", "text", (c) => c.notNull())
    .addColumn("saved_by", "text", (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("scenario_version_key", ["scenario_id", "number"])
    .execute();
  await sql`
    insert into scenario_version (scenario_id, number, document, note, saved_at, saved_by)
    select id, 1, document, 'As it was when versions began', updated_at, updated_by from scenario
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("scenario_version").execute();
}
