import { type Kysely } from "kysely";

// Frozen in time: this migration never imports application code.
// A failed sign-in's rows say which attempt reserved them, so a matching password releases exactly
// its own reservation. (SQLite's rowid did this before; PostgreSQL has none, issue 19.)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("sign_in_failure").addColumn("attempt", "text").execute();
  await db.schema.createIndex("sign_in_failure_attempt").on("sign_in_failure").column("attempt").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("sign_in_failure_attempt").execute();
  await db.schema.alterTable("sign_in_failure").dropColumn("attempt").execute();
}
