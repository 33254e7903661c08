/**
 * Each test file gets its own database, migrated by the real migrations and seeded with the demo by
 * the app's own start-up: an SQLite file, or, with TEAMSHAPE_TEST_POSTGRES set, a throwaway
 * PostgreSQL database (setup/postgres.ts). The app's `getDb()` reads TEAMSHAPE_DATABASE or
 * DATABASE_URL, set here before any app module runs. It holds an admin, a planner and a viewer, each
 * signed in, for setup/requests.ts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { createPostgresDatabase, dropPostgresDatabase, TEST_POSTGRES, throwawayName } from "./postgres";

const dir = mkdtempSync(join(tmpdir(), "teamshape-test-"));
process.env.TEAMSHAPE_DATABASE = join(dir, "test.sqlite");
const postgresName = TEST_POSTGRES ? throwawayName("test") : undefined;
if (postgresName) process.env.DATABASE_URL = await createPostgresDatabase(postgresName);
else delete process.env.DATABASE_URL;

export const TEST_PASSWORD = "correct horse battery";

beforeAll(async () => {
  const { startUp } = await import("~/services/startup.server");
  const { startSession } = await import("~/services/auth.server");
  const { useSessionCookies } = await import("./requests");
  const db = await startUp();
  const { hashPassword } = await import("~/services/passwords.server");
  const hash = await hashPassword(TEST_PASSWORD);
  const now = new Date().toISOString();
  const cookies = new Map<"admin" | "planner" | "viewer", string>();
  for (const role of ["admin", "planner", "viewer"] as const) {
    const existing = await db
      .selectFrom("user")
      .select("id")
      .where("email", "=", `${role}@example.com`)
      .executeTakeFirst();
    const id =
      existing?.id ??
      (
        await db
          .insertInto("user")
          .values({
            email: `${role}@example.com`,
            name: `Test ${role}`,
            role,
            password_hash: hash,
            created_at: now,
            updated_at: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    cookies.set(role, (await startSession(id)).split(";")[0]!);
  }
  useSessionCookies(cookies);
});

afterAll(async () => {
  if (postgresName) {
    const { getDb } = await import("~/utils/db.server");
    await (await getDb()).destroy();
    await dropPostgresDatabase(postgresName);
  }
  rmSync(dir, { recursive: true, force: true });
});
