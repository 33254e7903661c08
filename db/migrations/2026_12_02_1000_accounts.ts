import { sql, type Kysely } from "kysely";
import { numbered } from "./dialect";

// Frozen in time: this migration never imports application code.
// Accounts a person can keep (issue 14): a password the admin set must be changed at the next
// sign-in, and the admin invites people by a one-time link. Only a hash of each invite's token is
// kept, so a copy of the file holds no usable link.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("user")
    .addColumn("must_change_password", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable("invite")
    .addColumn("id", "integer", (c) => numbered(db, c.primaryKey()))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('admin', 'planner', 'viewer')`))
    .addColumn("invited_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("user_id", "integer", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema.createIndex("invite_email").on("invite").column("email").execute();
}
