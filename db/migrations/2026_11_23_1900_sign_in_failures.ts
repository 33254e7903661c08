import { type Kysely } from "kysely";

// Frozen in time: this migration never imports application code.
// Failed sign-ins, kept in the database so every server process counts the same attempts.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sign_in_failure")
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sign_in_failure_key_at").on("sign_in_failure").columns(["key", "at"]).execute();
}
