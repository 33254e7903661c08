import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createEngineer, listEngineers } from "~/services/engineers.server";
import { openDatabase } from "~/utils/db.server";
import { migrateToLatest } from "../../db/migrate";
import { seedLadder } from "../../db/seed";

const root = fileURLToPath(new URL("../..", import.meta.url));
// tsx by path: the command runs from a temporary folder, where `--import tsx` would not resolve.
const tsx = pathToFileURL(join(root, "node_modules/tsx/dist/loader.mjs")).href;
const dir = mkdtempSync(join(tmpdir(), "teamshape-backup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `npm run backup` / `npm run restore` as a real process, run from `dir` (where ./backups goes). */
function command(args: string[], database: string, databaseUrl = "") {
  const result = spawnSync(process.execPath, ["--import", tsx, join(root, "db/backup.ts"), ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, TEAMSHAPE_DATABASE: database, DATABASE_URL: databaseUrl },
  });
  return { status: result.status, out: result.stdout + result.stderr };
}

const engineer = (name: string) => ({
  input: { name, levelId: "L2", salary: 110_000, startDate: "2025-01-01", notes: "" },
});

describe("npm run backup and npm run restore", () => {
  it("bring back the data as it was at the backup, keep a copy of what they replace, and end every session", async () => {
    const file = join(dir, "live.sqlite");
    const db = await openDatabase(file);
    await migrateToLatest(db);
    await seedLadder(db, "2026-01-01");
    await createEngineer(db, engineer("Before Backup"));
    const user = await db
      .insertInto("user")
      .values({
        email: "a@example.com",
        name: "A",
        role: "admin",
        password_hash: "x",
        created_at: "2026-01-01",
        updated_at: "2026-01-01",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("session")
      .values({ id: "a-session", user_id: user.id, created_at: "2026-01-01", expires_at: "2999-01-01" })
      .execute();

    const backup = command(["backup", join(dir, "copy.sqlite")], file);
    expect(backup.out).toMatch(/Backed up .* 1 engineers, 0 scenarios, 1 users.*integrity ok/);
    expect(backup.status).toBe(0);
    expect(readdirSync(dir).filter((f) => f.startsWith("copy."))).toEqual(["copy.sqlite"]);

    await createEngineer(db, engineer("After Backup"));
    const restore = command(["restore", join(dir, "copy.sqlite")], file);
    expect(restore.out).toContain("Everyone signs in again.");
    expect(restore.status).toBe(0);

    const names = (await listEngineers(db)).map((e) => e.name);
    expect(names).toEqual(["Before Backup"]);
    expect(await db.selectFrom("session").selectAll().execute()).toEqual([]);
    expect((await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db)).rows[0]!.journal_mode).toBe("wal");
    const kept = readdirSync(join(dir, "backups")).filter((f) => f.startsWith("teamshape-before-restore-"));
    expect(kept).toHaveLength(1); // one self-contained file, no -wal or -shm beside it
    const before = await openDatabase(join(dir, "backups", kept[0]!));
    expect((await listEngineers(before)).map((e) => e.name).sort()).toEqual(["After Backup", "Before Backup"]);
    await before.destroy();
    await db.destroy();
  });

  it("refuse a file that is not a Teamshape database and leave the database alone", async () => {
    const file = join(dir, "other.sqlite");
    const db = await openDatabase(file);
    await migrateToLatest(db);
    await seedLadder(db, "2026-01-01");
    await createEngineer(db, engineer("Stays"));
    const stranger = join(dir, "stranger.sqlite");
    const raw = await import("sqlite3");
    await new Promise<void>((ok, fail) => {
      const s = new raw.default.Database(stranger, (e) =>
        e ? fail(e) : s.run("create table notes (body text)", (e2) => (e2 ? fail(e2) : s.close(() => ok()))),
      );
    });
    const restore = command(["restore", stranger], file);
    expect(restore.status).not.toBe(0);
    expect(restore.out).toContain("is not a Teamshape database");
    expect((await listEngineers(db)).map((e) => e.name)).toEqual(["Stays"]);
    await db.destroy();
  });

  it("point to pg_dump and pg_restore when the app runs on PostgreSQL, and copy nothing", () => {
    const file = join(dir, "not-made.sqlite");
    const backup = command(["backup", join(dir, "never.sqlite")], file, "postgres://teamshape@localhost/teamshape");
    expect(backup.status).toBe(1);
    expect(backup.out).toContain("back it up with pg_dump and restore with pg_restore");
    expect(readdirSync(dir)).not.toContain("never.sqlite");
  });
});
