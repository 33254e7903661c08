import { sql, type Kysely } from "kysely";

// Frozen in time: this migration never imports application code.
// Hiring takes time and people (issue 16, MODEL.md section 7). Each level gets the months a search
// takes and the engineer interview hours a hire costs; the levels of the default ladder (by id) get
// the recommended figures as they were on this day, any other level 0 / 0 (nothing changes for it
// until someone sets them). The workspace gets its recruiters (null: not set, so not checked), the
// hires each can make a quarter, and the first-year attrition multiplier the scenarios it creates
// carry.
const RECOMMENDED: Record<string, [timeToFillMonths: number, interviewHours: number]> = {
  L1: [2, 60],
  L2: [2, 60],
  L3: [2, 80],
  L4: [3, 100],
  L5: [3, 120],
};

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("level")
    .addColumn("time_to_fill_months", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`time_to_fill_months between 0 and 24`),
    )
    .execute();
  await db.schema
    .alterTable("level")
    .addColumn("interview_hours", "double precision", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`interview_hours between 0 and 2000`),
    )
    .execute();
  for (const [id, [months, hours]] of Object.entries(RECOMMENDED))
    await db
      .updateTable("level")
      .set({ time_to_fill_months: months, interview_hours: hours })
      .where("id", "=", id)
      .execute();

  await db.schema
    .alterTable("workspace")
    .addColumn("recruiters", "integer", (c) => c.check(sql`recruiters is null or recruiters between 0 and 10000`))
    .execute();
  await db.schema
    .alterTable("workspace")
    .addColumn("hires_per_recruiter_per_quarter", "double precision", (c) =>
      c
        .notNull()
        .defaultTo(6)
        .check(sql`hires_per_recruiter_per_quarter between 0 and 1000`),
    )
    .execute();
  await db.schema
    .alterTable("workspace")
    .addColumn("first_year_attrition_multiplier", "double precision", (c) =>
      c
        .notNull()
        .defaultTo(1.5)
        .check(sql`first_year_attrition_multiplier between 1 and 10`),
    )
    .execute();
}
