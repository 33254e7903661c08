import { recordAudit } from "./audit.server";
import { SYSTEM } from "./auth.server";
import type { Change } from "./changes.server";
import { monthOf, teamKey } from "~/domain";
import { inTransaction, readThrough, type DB } from "~/utils/db.server";
import { DEMO_PLANS, seedDemoRows } from "../../db/seed";
import { createScenarioFromRoster } from "./scenarios.server";

export interface WorkspaceInfo {
  name: string;
  isDemo: boolean;
}

export function getWorkspace(db: DB): Promise<WorkspaceInfo> {
  return readThrough(db, "workspace", async () => {
    const row = await db
      .selectFrom("workspace")
      .select(["name", "is_demo"])
      .where("id", "=", 1)
      .executeTakeFirstOrThrow();
    return { name: row.name, isDemo: row.is_demo === 1 };
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
