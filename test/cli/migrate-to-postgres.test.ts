/**
 * `npm run migrate-to-postgres` as a real process, from a real SQLite file into a real PostgreSQL
 * database. Runs with TEAMSHAPE_TEST_POSTGRES set (`npm run test:postgres`); skipped without a server.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { sql, type Kysely } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createEngineer, deleteEngineer, listEngineers } from "~/services/engineers.server";
import { startUp } from "~/services/startup.server";
import { createFirstAdmin } from "~/services/users.server";
import { openDatabase, openPostgres, type DB } from "~/utils/db.server";
import { migrateToLatest } from "../../db/migrate";
import { seedLadder } from "../../db/seed";
import { createPostgresDatabase, dropPostgresDatabase, TEST_POSTGRES, throwawayName } from "../setup/postgres";

const root = fileURLToPath(new URL("../..", import.meta.url));
const tsx = pathToFileURL(join(root, "node_modules/tsx/dist/loader.mjs")).href;
const dir = mkdtempSync(join(tmpdir(), "teamshape-to-postgres-"));
const databases: string[] = [];
const open: DB[] = [];
afterAll(async () => {
  await Promise.all(open.map((db) => db.destroy()));
  for (const name of databases) await dropPostgresDatabase(name);
  rmSync(dir, { recursive: true, force: true });
});

function migrateCommand(args: string[]) {
  const result = spawnSync(process.execPath, ["--import", tsx, join(root, "app/cli/migrate-to-postgres.ts"), ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "" },
  });
  return { status: result.status, out: result.stdout + result.stderr };
}

async function newTarget(): Promise<string> {
  const name = throwawayName("copy");
  databases.push(name);
  return createPostgresDatabase(name);
}

/** Every row of every table but Kysely's own, in a stable order, as plain values. */
async function everything(db: DB): Promise<Record<string, unknown[]>> {
  const any = db as Kysely<any>;
  const tables = (await any.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith("kysely_"));
  const out: Record<string, unknown[]> = {};
  for (const table of tables.sort()) {
    const rows = await any.selectFrom(table).selectAll().execute();
    out[table] = rows.map((row) => JSON.stringify(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)))).sort();
  }
  return out;
}

const engineer = (name: string) => ({
  input: { name, levelId: "L2", salary: 117_500, startDate: "2025-03-01", notes: "" },
});

describe.skipIf(!TEST_POSTGRES)("npm run migrate-to-postgres", () => {
  it("copies a whole workspace (the demo, an admin, a deleted engineer) so every table reads back the same", async () => {
    const file = join(dir, "workspace.sqlite");
    const source = await openDatabase(file);
    open.push(source);
    await startUp(source);
    await createFirstAdmin(source, { name: "Ada", email: "ada@example.com", password: "a long password 1" });
    const goneId = await createEngineer(source, engineer("Leaves Before The Move"));
    await deleteEngineer(source, { id: goneId });

    const url = await newTarget();
    const run = migrateCommand([file, url]);
    expect(run.out).toContain("every count matches");
    expect(run.status).toBe(0);

    const target = await openPostgres(url, 2);
    open.push(target);
    const copied = await everything(target);
    const original = await everything(source);
    expect(Object.keys(copied)).toEqual(Object.keys(original));
    for (const table of Object.keys(original)) expect(copied[table], table).toEqual(original[table]);
    expect((await listEngineers(target)).map((e) => e.name)).toEqual((await listEngineers(source)).map((e) => e.name));

    // Numbering goes on after the highest id the file ever gave, so the deleted engineer's id is not reused.
    expect(await createEngineer(target, engineer("Joins After The Move"))).toBeGreaterThan(goneId);
  });

  it("refuses a database that holds data, and leaves it as it was", async () => {
    const file = join(dir, "second.sqlite");
    const source = await openDatabase(file);
    open.push(source);
    await startUp(source);
    const url = await newTarget();
    const target = await openPostgres(url, 2);
    open.push(target);
    await migrateToLatest(target);
    await seedLadder(target, "2026-01-01");
    await createEngineer(target, engineer("Already Here"));
    const before = await everything(target);

    const run = migrateCommand([file, url]);
    expect(run.status).toBe(1);
    expect(run.out).toMatch(/The PostgreSQL database is not empty: .*engineer has 1 row\b/);
    expect(await everything(target)).toEqual(before);
    const [row] = (await sql<{ n: number }>`select count(*) as n from engineer`.execute(target)).rows;
    expect(row?.n).toBe(1);
  });

  it("names what is wrong with its arguments", () => {
    expect(migrateCommand([]).out).toContain("Usage: npm run migrate-to-postgres -- <sqlite file>");
    expect(migrateCommand([join(dir, "workspace.sqlite"), "mysql://x"]).out).toContain("must be a postgres:// URL");
    const missing = migrateCommand([join(dir, "nothing-here.sqlite"), "postgres://localhost/x"]);
    expect(missing.status).toBe(1);
    expect(missing.out).toContain("There is no SQLite file at");
  });
});
