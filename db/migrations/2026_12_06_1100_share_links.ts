import { sql, type Kysely } from "kysely";
import { numbered } from "./dialect";

// Frozen in time: this migration never imports application code.
// Read-only links to a scenario's or a comparison's report (issue 18). Like invites, only the
// SHA-256 of the link's token is kept; every opening of a link is logged in share_view, with no
// address and nothing that names the reader.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("share_link")
    .addColumn("id", "integer", (c) => numbered(db, c.primaryKey()))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('scenario', 'comparison')`))
    .addColumn("scenario_id", "integer")
    .addColumn("scenario_ids", "text")
    .addColumn("baseline", "integer")
    .addColumn("label", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "integer")
    .addColumn("created_by_name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_on", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("revoked_by_name", "text")
    .execute();
  await db.schema.createIndex("share_link_scenario").on("share_link").column("scenario_id").execute();
  await db.schema
    .createTable("share_view")
    .addColumn("id", "integer", (c) => numbered(db, c.primaryKey()))
    .addColumn("link_id", "integer", (c) => c.notNull().references("share_link.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("client", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.createIndex("share_view_link").on("share_view").column("link_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("share_view").execute();
  await db.schema.dropTable("share_link").execute();
}
