/**
 * `npm run backup [-- <file>]` writes a consistent copy of the database while the app runs, using
 * SQLite's online backup API (through the sqlite3 package), then checks the copy.
 * `npm run restore -- <file>` checks a backup, keeps a copy of the current database, and copies the
 * backup into it, again with the online backup API, so the file is never half-written.
 *
 * Both read TEAMSHAPE_DATABASE (default ./data/teamshape.sqlite), like the app.
 */
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import sqlite3 from "sqlite3";

const DATABASE = resolve(process.env.TEAMSHAPE_DATABASE || "./data/teamshape.sqlite");

/** The part of node-sqlite3's Backup object used here (its type definitions leave it out). */
interface Backup {
  step(pages: number, callback: (error: Error | null) => void): void;
  finish(callback?: (error: Error | null) => void): void;
  completed: boolean;
  failed: boolean;
}

function open(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((ok, fail) => {
    const db = new sqlite3.Database(file, mode, (error) => (error ? fail(error) : ok(db)));
  });
}

const close = (db: sqlite3.Database) =>
  new Promise<void>((ok, fail) => db.close((error) => (error ? fail(error) : ok())));
const all = <T>(db: sqlite3.Database, sql: string) =>
  new Promise<T[]>((ok, fail) => db.all(sql, (error, rows) => (error ? fail(error) : ok(rows as T[]))));
const run = (db: sqlite3.Database, sql: string) =>
  new Promise<void>((ok, fail) => db.run(sql, (error) => (error ? fail(error) : ok())));

/** Copies between `db` and `file` (into the file when `toFile`), retrying while the app holds a lock. */
function copy(db: sqlite3.Database, file: string, toFile: boolean): Promise<void> {
  const backup = (db as unknown as { backup: (...args: unknown[]) => Backup }).backup(file, "main", "main", toFile);
  return new Promise((ok, fail) => {
    const step = () =>
      backup.step(-1, (error) => {
        if (error) return fail(error);
        if (backup.completed) return backup.finish((e) => (e ? fail(e) : ok()));
        if (backup.failed) return fail(new Error("the backup failed"));
        setTimeout(step, 50); // busy: the app is writing; try again
      });
    step();
  });
}

/** "ok" and what the file holds, or throws with what is wrong. */
async function check(file: string): Promise<string> {
  const db = await open(file, sqlite3.OPEN_READONLY);
  try {
    const [integrity] = await all<{ integrity_check: string }>(db, "PRAGMA integrity_check");
    if (integrity?.integrity_check !== "ok")
      throw new Error(`${file} fails PRAGMA integrity_check: ${integrity?.integrity_check}`);
    const tables = new Set(
      (await all<{ name: string }>(db, "select name from sqlite_master where type = 'table'")).map((t) => t.name),
    );
    for (const table of ["engineer", "scenario", "level", "kysely_migration"])
      if (!tables.has(table)) throw new Error(`${file} is not a Teamshape database (it has no ${table} table)`);
    const count = async (table: string) =>
      tables.has(table) ? (await all<{ n: number }>(db, `select count(*) as n from "${table}"`))[0]!.n : 0;
    return `${await count("engineer")} engineers, ${await count("scenario")} scenarios, ${await count("user")} users, ${await count("audit")} audit entries; integrity ok`;
  } finally {
    await close(db);
  }
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
const size = (file: string) => `${Math.round(statSync(file).size / 1024).toLocaleString("en-US")} KB`;

async function backupTo(target: string): Promise<void> {
  if (!existsSync(DATABASE)) throw new Error(`there is no database at ${DATABASE} (set TEAMSHAPE_DATABASE)`);
  if (existsSync(target)) throw new Error(`${target} already exists; choose another name`);
  mkdirSync(dirname(target), { recursive: true });
  const db = await open(DATABASE, sqlite3.OPEN_READONLY);
  try {
    await copy(db, target, true);
  } finally {
    await close(db);
  }
  // A copy is one self-contained file: no -wal or -shm file beside it, however it is opened later.
  const copied = await open(target, sqlite3.OPEN_READWRITE);
  try {
    await all(copied, "PRAGMA journal_mode = DELETE");
  } finally {
    await close(copied);
  }
  console.log(`Backed up ${DATABASE} to ${target} (${size(target)}): ${await check(target)}.`);
}

async function restoreFrom(source: string): Promise<void> {
  if (!existsSync(source)) throw new Error(`there is no file at ${source}`);
  console.log(`Checking ${source}: ${await check(source)}.`);
  if (existsSync(DATABASE)) await backupTo(resolve(`./backups/teamshape-before-restore-${stamp()}.sqlite`));
  mkdirSync(dirname(DATABASE), { recursive: true });
  const db = await open(DATABASE, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE);
  let signedOut = false;
  try {
    await copy(db, source, false);
    await all(db, "PRAGMA journal_mode = WAL"); // as the app keeps it
    // The backup's sessions include ones ended since (signed out, password reset, user removed):
    // none of them should work again, so everyone signs in afresh.
    if ((await all(db, "select 1 from sqlite_master where type = 'table' and name = 'session'")).length > 0) {
      await run(db, "delete from session");
      signedOut = true;
    }
  } finally {
    await close(db);
  }
  console.log(
    `Restored ${DATABASE} from ${source}: ${await check(DATABASE)}.${signedOut ? " Everyone signs in again." : ""}`,
  );
}

const [command, file] = process.argv.slice(2);
try {
  if (process.env.DATABASE_URL?.trim())
    throw new Error(
      "DATABASE_URL is set, so the app runs on PostgreSQL: back it up with pg_dump and restore with pg_restore " +
        "(README, Backup and restore). This command copies the SQLite file in TEAMSHAPE_DATABASE; unset DATABASE_URL to use it.",
    );
  if (command === "backup") await backupTo(resolve(file ?? `./backups/teamshape-${stamp()}.sqlite`));
  else if (command === "restore" && file) await restoreFrom(resolve(file));
  else {
    console.error("usage: npm run backup [-- <file>]  |  npm run restore -- <file>");
    process.exit(2);
  }
} catch (error) {
  console.error(`teamshape ${command}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
