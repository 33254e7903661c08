import type { DB } from "~/utils/db.server";

export interface WorkspaceInfo {
  name: string;
  isDemo: boolean;
}

export async function getWorkspace(db: DB): Promise<WorkspaceInfo> {
  const row = await db.selectFrom("workspace").select(["name", "is_demo"]).where("id", "=", 1).executeTakeFirstOrThrow();
  return { name: row.name, isDemo: row.is_demo === 1 };
}

/** Leaves the demo: removes the demo engineers and scenarios, keeps the ladder and skills catalog. */
export async function startEmptyTeam(db: DB, { now = new Date().toISOString() }: { now?: string } = {}): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("scenario").execute();
    await trx.deleteFrom("engineer").execute();
    await trx.updateTable("workspace").set({ is_demo: 0, updated_at: now }).where("id", "=", 1).execute();
  });
}
