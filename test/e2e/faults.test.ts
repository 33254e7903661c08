/**
 * Faults: the server process is killed (SIGKILL) in the middle of a large import and of a stream
 * of saves, then started again on the same database. It must hold exactly what was acknowledged,
 * and an SQLite file must pass PRAGMA integrity_check. On SQLite, a backup taken while saves run is
 * checked too (PostgreSQL's is pg_dump's). With TEAMSHAPE_TEST_POSTGRES set, all of it runs on
 * PostgreSQL (test/setup/postgres.ts).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, openPostgres, type DB } from "~/utils/db.server";
import { nameForFile, postgresUrlFor, TEST_POSTGRES } from "../setup/postgres";
import { signedIn } from "./client";
import { startApp, type RunningApp } from "./server";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "teamshape-faults-"));
const running: RunningApp[] = [];
afterAll(async () => {
  for (const app of running) await app.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

async function start(databaseFile: string, env: Record<string, string> = {}): Promise<RunningApp> {
  const app = await startApp({
    databaseFile,
    env: { TEAMSHAPE_ADMIN_EMAIL: "admin@example.com", TEAMSHAPE_ADMIN_PASSWORD: "correct horse battery", ...env },
  });
  running.push(app);
  return app;
}

/** Opens the database the way the app does and checks it. */
async function inspect<T>(file: string, look: (db: DB) => Promise<T>): Promise<T> {
  const db = TEST_POSTGRES ? await openPostgres(postgresUrlFor(nameForFile(file))) : await openDatabase(file);
  try {
    if (!TEST_POSTGRES) {
      const [check] = (await sql<{ integrity_check: string }>`select * from pragma_integrity_check`.execute(db)).rows;
      expect(check!.integrity_check).toBe("ok");
    }
    return await look(db);
  } finally {
    await db.destroy();
  }
}

const editForm = (e: { name: string; level_id: string; start_date: string; version: number }, salary: number) =>
  new URLSearchParams({
    name: e.name,
    levelId: e.level_id,
    salary: String(salary),
    startDate: e.start_date,
    notes: "",
    version: String(e.version),
  });

describe("a killed server loses nothing it acknowledged", () => {
  it("keeps every acknowledged save when killed during a stream of saves, and a backup taken meanwhile is whole", async () => {
    const file = join(dir, "saves.sqlite");
    const app = await start(file);
    const client = await signedIn(app);
    const engineers = await inspect(file, (db) =>
      db
        .selectFrom("engineer")
        .select(["id", "name", "level_id", "start_date", "version"])
        .orderBy("id")
        .limit(8)
        .execute(),
    );

    // Eight writers, each saving its own engineer again and again with a new salary.
    const acknowledged = new Map<number, number>();
    const inFlight = new Map<number, number>();
    let stop = false;
    const writers = engineers.map(async (engineer, w) => {
      let version = engineer.version;
      for (let i = 1; !stop; i++) {
        const salary = 100_000 + w * 10_000 + i;
        inFlight.set(engineer.id, salary);
        const response = await client
          .post(`/team/${engineer.id}/edit`, editForm({ ...engineer, version }, salary))
          .catch(() => null);
        if (!response) return; // the server died under this request
        expect(response.status).toBe(302);
        acknowledged.set(engineer.id, salary);
        version += 1;
      }
    });
    await new Promise((r) => setTimeout(r, 800));
    const backupFile = join(dir, "while-saving.sqlite");
    if (!TEST_POSTGRES) {
      const backup = await run(process.execPath, ["--import", "tsx", "db/backup.ts", "backup", backupFile], {
        env: { ...process.env, TEAMSHAPE_DATABASE: file },
      });
      expect(backup.stdout).toContain("integrity ok");
    }
    // Kill it once every writer has had a save acknowledged (on a busy machine that takes a while).
    for (let waited = 0; acknowledged.size < engineers.length && waited < 20_000; waited += 100)
      await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 400));
    await app.crash();
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.size).toBe(engineers.length);

    if (!TEST_POSTGRES)
      await inspect(backupFile, async (db) =>
        expect((await db.selectFrom("engineer").select("id").execute()).length).toBeGreaterThan(0),
      );
    const restarted = await start(file);
    const after = await inspect(file, (db) => db.selectFrom("engineer").select(["id", "salary"]).execute());
    for (const engineer of engineers) {
      const salary = after.find((e) => e.id === engineer.id)!.salary;
      // The last acknowledged save is there; the one cut off by the kill may or may not be.
      expect([acknowledged.get(engineer.id), inFlight.get(engineer.id)]).toContain(salary);
    }
    expect((await (await signedIn(restarted)).get("/team")).status).toBe(200);
  }, 90_000);

  it("leaves the database as it was when killed half way through a 3,000-row import", async () => {
    const file = join(dir, "import.sqlite");
    // This server dies (SIGKILL, from inside) after writing 1,500 of the rows, inside the transaction.
    const app = await start(file, { TEAMSHAPE_TEST_CRASH_AFTER_IMPORT_ROWS: "1500" });
    const client = await signedIn(app);
    const before = await inspect(file, async (db) => ({
      engineers: (await db.selectFrom("engineer").select("id").execute()).length,
      audit: (await db.selectFrom("audit").select("id").execute()).length,
    }));
    const csv = [
      "Name,Level,Salary,Start date",
      ...Array.from({ length: 3000 }, (_, i) => `Imported ${i},L${1 + (i % 5)},${100_000 + i},2025-01-01`),
    ].join("\n");
    const form = new FormData();
    form.set("file", new File([csv], "big.csv", { type: "text/csv" }));
    const preview = await client.post("/team/import", form);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain("3000 new engineers");
    const sheet = /name="sheet" value="([^"]*)"/
      .exec(html)![1]!
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&");
    const confirm = await client
      .post("/team/import", new URLSearchParams({ sheet, fileName: "big.csv", rows: "all" }))
      .catch((error: Error) => error);
    expect(confirm).toBeInstanceOf(Error); // no answer: the process died mid-import
    await new Promise((r) => setTimeout(r, 200));

    await start(file);
    const after = await inspect(file, async (db) => ({
      engineers: (await db.selectFrom("engineer").select("id").execute()).length,
      audit: (await db.selectFrom("audit").select("id").execute()).length,
    }));
    expect(after).toEqual(before);
  }, 90_000);
});
