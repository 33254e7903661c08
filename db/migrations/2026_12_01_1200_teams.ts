import { sql, type Kysely } from "kysely";
import { numbered } from "./dialect";

// Frozen in time: this migration never imports application code.
// Teams (MODEL.md section 6): every engineer belongs to one. A workspace that already has engineers
// gets one team, named after the workspace, holding all of them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("team")
    .addColumn("id", "integer", (c) => numbered(db, c.primaryKey()))
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("ratio_low", "double precision")
    .addColumn("ratio_high", "double precision")
    .addColumn("archived_at", "text")
    .addColumn("updated_by", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint(
      "team_ratio",
      sql`(ratio_low is null and ratio_high is null) or (ratio_low >= 0 and ratio_low <= ratio_high)`,
    )
    .execute();
  await db.schema
    .alterTable("engineer")
    .addColumn("team_id", "integer", (c) => c.references("team.id"))
    .execute();
  await db.schema.createIndex("engineer_team").on("engineer").column("team_id").execute();

  const engineers = await db
    .selectFrom("engineer")
    .select((e) => e.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  if (Number(engineers?.n ?? 0) === 0) return;
  const workspace = await db.selectFrom("workspace").select("name").executeTakeFirst();
  const now = new Date().toISOString();
  const team = await db
    .insertInto("team")
    .values({ name: workspace?.name ?? "Team", created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .updateTable("engineer")
    .set({ team_id: Number(team.id) })
    .execute();
}
