import { sql, type Kysely } from "kysely";
import { numbered } from "./dialect";

// Frozen in time: this migration never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("user")
    .addColumn("id", "integer", (c) => numbered(db, c.primaryKey()))
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('admin', 'planner', 'viewer')`))
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("session_user").on("session").column("user_id").execute();

  // Who changed what, written in the same transaction as the change. user_name is kept so the
  // trail still reads after a user is removed.
  await db.schema
    .createTable("audit")
    .addColumn("id", "integer", (c) => numbered(db, c.primaryKey()))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("user_id", "integer")
    .addColumn("user_name", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("before", "text")
    .addColumn("after", "text")
    .execute();
  await db.schema.createIndex("audit_at").on("audit").column("at").execute();

  // Secrets the server makes for itself (the cookie-signing key), kept across restarts.
  await db.schema
    .createTable("setting")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();

  for (const table of ["engineer", "scenario", "level"]) {
    await db.schema
      .alterTable(table)
      .addColumn("updated_by", "text", (c) => c.notNull().defaultTo(""))
      .execute();
  }
}
