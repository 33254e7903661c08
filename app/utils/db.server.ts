/**
 * The SQLite database: one file, driven by the asynchronous `sqlite3` package (queries run off
 * the event loop) through Kysely's generic SQLite dialect with a thin executor. Every connection
 * gets WAL mode, foreign keys and a busy timeout. The dialect serialises use of the connection,
 * so a transaction never interleaves with another request's queries.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { CompiledQuery, Kysely, sql } from "kysely";
import { GenericSqliteDialect, type IGenericSqlite } from "kysely-generic-sqlite";
import sqlite3 from "sqlite3";
import type { Database } from "../../db/schema";

export type DB = Kysely<Database>;

export const DEFAULT_DATABASE_FILE = "./data/teamshape.sqlite";

function openSqlite(file: string): Promise<sqlite3.Database> {
  return new Promise((resolvePromise, reject) => {
    const db = new sqlite3.Database(file, (error) => (error ? reject(error) : resolvePromise(db)));
  });
}

/**
 * What a connection knows about changes to its data: SQLite's `PRAGMA data_version` moves when
 * another connection (another server process, `npm run restore`) commits, and `writes` counts this
 * connection's own statements that may change something, which data_version does not see.
 */
interface DataClock {
  writes: number;
  reads: Map<string, { stamp: string; value: Promise<unknown> }>;
}

const clocks = new WeakMap<DB, DataClock>();

function createExecutor(db: sqlite3.Database, clock: DataClock): IGenericSqlite<sqlite3.Database> {
  return {
    db,
    query: (isSelect, text, parameters) =>
      new Promise((resolvePromise, reject) => {
        // Anything but a plain select may write (or begin, commit, roll back): cached reads end.
        if (!isSelect && !/^\s*(select|pragma data_version)\b/i.test(text)) clock.writes += 1;
        // Write transactions take the write lock when they begin, so two processes never both read
        // and then deadlock upgrading to write; the busy timeout makes the second one wait its turn.
        const sql = /^begin$/i.test(text.trim()) ? "begin immediate" : text;
        const params = (parameters ?? []) as unknown[];
        if (isSelect || /^\s*(select|pragma|with)\b/i.test(sql) || /\breturning\b/i.test(sql)) {
          db.all(sql, params, (error, rows) => (error ? reject(error) : resolvePromise({ rows: rows as never[] })));
        } else {
          db.run(sql, params, function (this: sqlite3.RunResult, error: Error | null) {
            if (error) reject(error);
            else resolvePromise({ rows: [], numAffectedRows: BigInt(this.changes), insertId: BigInt(this.lastID) });
          });
        }
      }),
    close: () =>
      new Promise<void>((resolvePromise, reject) => db.close((error) => (error ? reject(error) : resolvePromise()))),
  };
}

/** Opens (creating if needed) the SQLite file at `file`; `migrateToLatest` (db/migrate.ts) brings its schema up to date. */
export async function openDatabase(file: string): Promise<DB> {
  if (file !== ":memory:") mkdirSync(dirname(resolve(file)), { recursive: true });
  const raw = await openSqlite(file);
  const clock: DataClock = { writes: 0, reads: new Map() };
  const db = new Kysely<Database>({
    dialect: new GenericSqliteDialect(
      () => createExecutor(raw, clock),
      async (connection) => {
        await connection.executeQuery(CompiledQuery.raw("PRAGMA journal_mode = WAL"));
        await connection.executeQuery(CompiledQuery.raw("PRAGMA foreign_keys = ON"));
        await connection.executeQuery(CompiledQuery.raw("PRAGMA busy_timeout = 5000"));
        await connection.executeQuery(CompiledQuery.raw("PRAGMA synchronous = NORMAL"));
      },
    ),
  });
  clocks.set(db, clock);
  return db;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * `read()`, or what it gave last time if nothing in the database can have changed since: no
 * commit from another connection (data_version) and no write through this one. Callers that ask
 * together while it runs share one read. The value is shared between requests and users, so it is
 * frozen: code that changes it throws rather than changing what everyone sees. Inside a
 * transaction it always reads afresh.
 */
export async function readThrough<T>(db: DB, key: string, read: () => Promise<T>): Promise<T> {
  const clock = clocks.get(db);
  if (!clock || db.isTransaction) return read();
  const { rows } = await sql<{ data_version: number }>`pragma data_version`.execute(db);
  const stamp = `${rows[0]?.data_version}:${clock.writes}`;
  const hit = clock.reads.get(key);
  if (hit?.stamp === stamp) return hit.value as Promise<T>;
  if (clock.reads.size >= 1000) clock.reads.clear();
  const value = read().then(deepFreeze);
  clock.reads.set(key, { stamp, value });
  value.catch(() => clock.reads.get(key)?.value === value && clock.reads.delete(key));
  return value;
}

let shared: Promise<DB> | undefined;

/**
 * The app's database (TEAMSHAPE_DATABASE, default ./data/teamshape.sqlite), one connection per
 * process. Opening it changes nothing: start-up (`startUp` in services/startup.server.ts, which the
 * server and test setup call before anything else) migrates and seeds it.
 */
export function getDb(): Promise<DB> {
  shared ??= openDatabase(process.env.TEAMSHAPE_DATABASE || DEFAULT_DATABASE_FILE);
  return shared;
}

/**
 * Runs `work` in a transaction: a new one, or the caller's when `db` already is one, so services
 * that write several rows compose (a seed or an import can call them inside its own transaction).
 */
export function inTransaction<T>(db: DB, work: (trx: DB) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
