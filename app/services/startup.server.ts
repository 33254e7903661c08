/**
 * Start-up: what runs once, explicitly, before the app takes a request (the server calls it
 * through entry.server.tsx; test setup calls it directly). Opening the database changes nothing;
 * this migrates it, gives a fresh install the demo workspace, takes the month's roster snapshot if
 * none was taken yet, and creates the first admin from the environment when asked to.
 */
import { setupSchema } from "~/forms/account";
import { getDb, inTransaction, type DB } from "~/utils/db.server";
import { migrateToLatest } from "../../db/migrate";
import { ensureMonthlySnapshot } from "./snapshots.server";
import { createFirstAdmin } from "./users.server";
import { seedDemoWorkspace } from "./workspace.server";

/** Migrates `db` (the app's database by default), seeds a fresh one with the demo, and creates the admin from the environment. */
export async function startUp(db?: DB): Promise<DB> {
  db ??= await getDb();
  await migrateToLatest(db);
  // One write transaction, so servers starting together take turns: the first seeds, the rest see it done.
  await inTransaction(db, async (trx) => {
    await seedDemoWorkspace(trx);
    await ensureMonthlySnapshot(trx);
    await adminFromEnvironment(trx);
  });
  return db;
}

/**
 * With no accounts yet, TEAMSHAPE_ADMIN_EMAIL and TEAMSHAPE_ADMIN_PASSWORD (and optionally
 * TEAMSHAPE_ADMIN_NAME) create the first admin at start-up, for installs that skip the /setup page.
 */
async function adminFromEnvironment(db: DB): Promise<void> {
  const {
    TEAMSHAPE_ADMIN_EMAIL: email,
    TEAMSHAPE_ADMIN_PASSWORD: password,
    TEAMSHAPE_ADMIN_NAME: name = "Admin",
  } = process.env;
  if (!email || !password) return;
  const parsed = setupSchema.safeParse({ name, email, password });
  if (!parsed.success) {
    console.error(
      `[teamshape] TEAMSHAPE_ADMIN_* not used: ${parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; ")}`,
    );
    return;
  }
  if ((await createFirstAdmin(db, parsed.data)) !== false)
    console.log(`[teamshape] created the admin account ${parsed.data.email} from TEAMSHAPE_ADMIN_EMAIL`);
}
