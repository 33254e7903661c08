import { recordAudit } from "./audit.server";
import { SYSTEM } from "./auth.server";
import type { Change } from "./changes.server";
import { monthOf, teamKey } from "~/domain";
import { inTransaction, readThrough, type DB } from "~/utils/db.server";
import { DEMO_PLANS, seedDemoRows } from "../../db/seed";
import { MONTH_NAMES } from "~/forms/workspace";
import { createScenarioFromRoster } from "./scenarios.server";

export interface WorkspaceInfo {
  name: string;
  isDemo: boolean;
  /** The fiscal year's first month, 1 (January) to 12. */
  fiscalYearStartMonth: number;
}

const monthName = (month: number) => MONTH_NAMES[month - 1] ?? String(month);

export function getWorkspace(db: DB): Promise<WorkspaceInfo> {
  return readThrough(db, "workspace", async () => {
    const row = await db
      .selectFrom("workspace")
      .select(["name", "is_demo", "fiscal_year_start_month"])
      .where("id", "=", 1)
      .executeTakeFirstOrThrow();
    return { name: row.name, isDemo: row.is_demo === 1, fiscalYearStartMonth: row.fiscal_year_start_month };
  });
}

/** Sets the month (1-12, validated by the form) the workspace's fiscal year starts in; audited. */
export async function setFiscalYearStart(
  db: DB,
  { month, actor = SYSTEM, now = new Date().toISOString() }: { month: number } & Change,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom("workspace")
      .select("fiscal_year_start_month")
      .where("id", "=", 1)
      .executeTakeFirstOrThrow();
    if (before.fiscal_year_start_month === month) return;
    await trx
      .updateTable("workspace")
      .set({ fiscal_year_start_month: month, updated_at: now })
      .where("id", "=", 1)
      .execute();
    await recordAudit(trx, {
      actor,
      at: now,
      action: "update",
      entity: "workspace",
      entityId: 1,
      summary: `The fiscal year now starts in ${monthName(month)} (it started in ${monthName(before.fiscal_year_start_month)})`,
      before: { fiscalYearStartMonth: before.fiscal_year_start_month },
      after: { fiscalYearStartMonth: month },
    });
  });
}

/** Leaves the demo: removes the demo engineers and scenarios, keeps the ladder and skills catalog. */
export async function startEmptyTeam(
  db: DB,
  { actor = SYSTEM, now = new Date().toISOString() }: Change = {},
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const scenarios = await trx.deleteFrom("scenario").executeTakeFirst();
    const engineers = await trx.deleteFrom("engineer").executeTakeFirst();
    // The demo's plan of record, headcount requests, share links and roster history go with it: they are the demo team's.
    await trx.deleteFrom("plan_adoption").execute();
    await trx.deleteFrom("headcount_request").execute();
    await trx.deleteFrom("share_link").execute();
    await trx.deleteFrom("roster_snapshot_change").execute();
    await trx.deleteFrom("roster_snapshot").execute();
    await trx.updateTable("workspace").set({ is_demo: 0, updated_at: now }).where("id", "=", 1).execute();
    await recordAudit(trx, {
      actor,
      at: now,
      action: "start empty",
      entity: "workspace",
      entityId: 1,
      summary: `Removed the demo team: ${engineers.numDeletedRows} engineers and ${scenarios.numDeletedRows} scenarios`,
    });
  });
}

/** On an empty database, creates the demo workspace; does nothing once a workspace exists. */
export function seedDemoWorkspace(db: DB, now = new Date().toISOString()): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    if (await trx.selectFrom("workspace").select("id").executeTakeFirst()) return false;
    await seedDemoRows(trx, now);
    const start = monthOf(new Date(now));
    const teams = await trx.selectFrom("team").select(["id", "name"]).execute();
    const keyOf = new Map(teams.map((t) => [t.name, teamKey(t.id)]));
    for (const { name, description, plan, assumptions } of DEMO_PLANS) {
      const hires = plan.map((hire) => ({ ...hire, team: keyOf.get(hire.team) }));
      await createScenarioFromRoster(trx, {
        frame: { name, description, start, horizonMonths: 24, plan: hires, assumptions },
        now,
      });
    }
    return true;
  });
}
