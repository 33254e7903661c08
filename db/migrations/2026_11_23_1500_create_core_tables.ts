import { sql, type Kysely } from "kysely";
import { numbered } from "./dialect";

// Frozen in time: this migration never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("workspace")
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("assumptions", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("level")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("position", "integer", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("class", "text", (c) => c.notNull().check(sql`class in ('junior', 'mid', 'senior')`))
    .addColumn("years", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("band_min", "integer", (c) => c.notNull())
    .addColumn("band_mid", "integer", (c) => c.notNull())
    .addColumn("band_max", "integer", (c) => c.notNull())
    .addColumn("output", "double precision", (c) => c.notNull())
    .addColumn("ramp_months", "double precision", (c) => c.notNull())
    .addColumn("annual_attrition", "double precision", (c) => c.notNull())
    .addColumn("annual_promotion", "double precision", (c) => c.notNull())
    .addColumn("mentor_hours", "double precision", (c) => c.notNull())
    .addColumn("mentee_hours", "double precision", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint("level_band_order", sql`band_min <= band_mid and band_mid <= band_max`)
    .execute();

  await db.schema
    .createTable("skill")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("level_expectation")
    .addColumn("level_id", "text", (c) => c.notNull().references("level.id").onDelete("cascade").onUpdate("cascade"))
    .addColumn("skill_id", "text", (c) => c.notNull().references("skill.id").onDelete("cascade").onUpdate("cascade"))
    .addColumn("proficiency", "integer", (c) => c.notNull().check(sql`proficiency between 0 and 4`))
    .addPrimaryKeyConstraint("level_expectation_pk", ["level_id", "skill_id"])
    .execute();

  await db.schema
    .createTable("engineer")
    .addColumn("id", "integer", (c) => numbered(db, c.primaryKey()))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("level_id", "text", (c) => c.notNull().references("level.id").onUpdate("cascade"))
    .addColumn("salary", "integer", (c) => c.notNull().check(sql`salary > 0`))
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("engineer_level").on("engineer").column("level_id").execute();

  await db.schema
    .createTable("engineer_skill")
    .addColumn("engineer_id", "integer", (c) => c.notNull().references("engineer.id").onDelete("cascade"))
    .addColumn("skill_id", "text", (c) => c.notNull().references("skill.id").onDelete("cascade").onUpdate("cascade"))
    .addColumn("proficiency", "integer", (c) => c.notNull().check(sql`proficiency between 0 and 4`))
    .addPrimaryKeyConstraint("engineer_skill_pk", ["engineer_id", "skill_id"])
    .execute();
  await db.schema.createIndex("engineer_skill_skill").on("engineer_skill").column("skill_id").execute();

  await db.schema
    .createTable("scenario")
    .addColumn("id", "integer", (c) => numbered(db, c.primaryKey()))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("document", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('roster', 'cohorts')`))
    .addColumn("archived_at", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["scenario", "engineer_skill", "engineer", "level_expectation", "skill", "level", "workspace"]) {
    await db.schema.dropTable(table).execute();
  }
}
