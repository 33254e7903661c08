import type { Kysely } from "kysely";

// Frozen in time: this migration never imports application code.
// The roster import reads HR systems' exports (issue 14): an engineer keeps the HR system's
// employee id, work email and job title, so next month's file updates the same people; the job
// titles' levels and each file shape's column mapping are remembered for the next import. An
// engineer who has left keeps their row, with the day they left.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("engineer").addColumn("employee_id", "text").execute();
  await db.schema.alterTable("engineer").addColumn("email", "text").execute();
  await db.schema
    .alterTable("engineer")
    .addColumn("job_title", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.alterTable("engineer").addColumn("left_on", "text").execute();
  await db.schema.createIndex("engineer_employee_id").unique().on("engineer").column("employee_id").execute();
  await db.schema.createIndex("engineer_email").unique().on("engineer").column("email").execute();
  await db.schema
    .createTable("title_level")
    .addColumn("title_key", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("level_id", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("import_mapping")
    .addColumn("header_key", "text", (c) => c.primaryKey())
    .addColumn("columns", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}
