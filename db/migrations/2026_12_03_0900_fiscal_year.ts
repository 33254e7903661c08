import { sql, type Kysely } from "kysely";

// Frozen in time: this migration never imports application code.
// The month the workspace's fiscal year starts in (issue 15), 1 = January ... 12 = December, so
// cost and headcount can be read by fiscal quarter and fiscal year.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("workspace")
    .addColumn("fiscal_year_start_month", "integer", (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`fiscal_year_start_month between 1 and 12`),
    )
    .execute();
}
