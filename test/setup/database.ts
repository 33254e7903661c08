/**
 * Each test file gets its own SQLite file, migrated by the real migrations and seeded with the demo
 * by the app's own start-up: the app's `getDb()` reads TEAMSHAPE_DATABASE, set here before any app
 * module runs. It holds an admin, a
 * planner and a viewer, each signed in, for setup/requests.ts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "teamshape-test-"));
process.env.TEAMSHAPE_DATABASE = join(dir, "test.sqlite");

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

afterAll(() => rmSync(dir, { recursive: true, force: true }));
