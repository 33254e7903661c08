/**
 * The database: one SQLite file by default, or PostgreSQL when DATABASE_URL names one (for several
 * app servers on one database). Everything above this file is the same for both.
 *
 * SQLite is driven by the asynchronous `sqlite3` package (queries run off the event loop) through
 * Kysely's generic SQLite dialect with a thin executor. Every connection gets WAL mode, foreign keys
 * and a busy timeout. The dialect serialises use of the connection, so a transaction never
 * interleaves with another request's queries.
 *
 * PostgreSQL is driven by `pg` through Kysely's PostgresDialect, with a pool of connections.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  PostgresDriver,
  sql,
  type DatabaseConnection,
  type PostgresDialectConfig,
  type RawBuilder,
  type TransactionSettings,
} from "kysely";
import { GenericSqliteDialect, type IGenericSqlite } from "kysely-generic-sqlite";
import pg from "pg";
import sqlite3 from "sqlite3";
import { isPostgres } from "../../db/migrations/dialect";
import type { Database } from "../../db/schema";

export { isPostgres };

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

// PostgreSQL sends bigint (count(*), epoch milliseconds) and numeric (sums) as strings; every such
// value here is a count, dollars or milliseconds, well inside a double's exact range (2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, Number);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number);

/** The largest number of connections each app server opens to PostgreSQL (TEAMSHAPE_DATABASE_POOL, default 10). */
const DEFAULT_POOL_SIZE = 10;

/**
 * Opens a pool of connections to the PostgreSQL database at `url` (postgres://user:password@host/db);
 * `migrateToLatest` brings its schema up to date. Fails at once, naming the server, when it is not
 * there or refuses the credentials.
 */
export async function openPostgres(url: string, poolSize = DEFAULT_POOL_SIZE): Promise<DB> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  // An idle connection that the server drops (a restart, a failover) is an error on the pool, not a crash.
  pool.on("error", (error) => console.error(`[teamshape] PostgreSQL connection lost: ${error.message}`));
  const db = new Kysely<Database>({ dialect: new WriteLockedPostgresDialect({ pool }, "exclusive") });
  alongside.set(db, new Kysely<Database>({ dialect: new WriteLockedPostgresDialect({ pool }, "shared") }));
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    const where = new URL(url).host || "localhost";
    throw new Error(`Cannot reach PostgreSQL at ${where}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return db;
}

/**
 * PostgreSQL, where every transaction begins by taking the write lock, in the same round trip as
 * its `begin` (one query of two statements, in the simple protocol): as SQLite's `begin immediate`
 * takes the file's write lock. Taken `exclusive` by the handle openPostgres gives, `shared` by its
 * sibling for transactions that run alongside each other (see inTransaction).
 */
class WriteLockedPostgresDialect extends PostgresDialect {
  constructor(
    private readonly config: PostgresDialectConfig,
    private readonly mode: "exclusive" | "shared",
  ) {
    super(config);
  }
  override createDriver(): PostgresDriver {
    return new WriteLockedPostgresDriver(this.config, this.mode);
  }
}

class WriteLockedPostgresDriver extends PostgresDriver {
  private readonly lock: string;
  constructor(config: PostgresDialectConfig, mode: "exclusive" | "shared") {
    super(config);
    this.lock = `select ${mode === "shared" ? "pg_advisory_xact_lock_shared" : "pg_advisory_xact_lock"}(${WRITE_LOCK})`;
  }
  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    if (settings.isolationLevel || settings.accessMode) {
      await super.beginTransaction(connection, settings);
      await connection.executeQuery(CompiledQuery.raw(this.lock));
    } else {
      await connection.executeQuery(CompiledQuery.raw(`begin; ${this.lock}`));
    }
  }
}

/** Per PostgreSQL handle: its sibling on the same pool whose transactions take the write lock shared. */
const alongside = new WeakMap<DB, DB>();

/** The database the environment names: DATABASE_URL (PostgreSQL) when set, else the SQLite file TEAMSHAPE_DATABASE. */
export function openConfiguredDatabase(env: NodeJS.ProcessEnv = process.env): Promise<DB> {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//i.test(url))
      return Promise.reject(new Error("DATABASE_URL must start with postgres:// (or leave it unset to use SQLite)"));
    const size = Number(env.TEAMSHAPE_DATABASE_POOL || DEFAULT_POOL_SIZE);
    return openPostgres(url, Number.isInteger(size) && size > 0 ? size : DEFAULT_POOL_SIZE);
  }
  return openDatabase(env.TEAMSHAPE_DATABASE || DEFAULT_DATABASE_FILE);
}

/**
 * What a cached read is stamped with: a value that moves whenever anything in the database can have
 * changed. On SQLite, `PRAGMA data_version` (moves when another connection commits) and this
 * connection's own writes. On PostgreSQL, the current snapshot (`xmin:xmax:in-progress`): a write
 * transaction, on any server, moves it when it takes its transaction id and again when it commits or
 * rolls back, while reads never do.
 */
async function changeStamp(db: DB, clock: DataClock | undefined): Promise<string> {
  if (!clock) return sharedPostgresStamp(db);
  const { rows } = await sql<{ data_version: number }>`pragma data_version`.execute(db);
  return `${rows[0]?.data_version}:${clock.writes}`;
}

/**
 * Per PostgreSQL handle: the stamp asked for (until `sent`, callers may still join it), and the one
 * that follows it for those who asked after it was sent.
 */
const postgresStamps = new WeakMap<DB, { asked?: Promise<string>; sent?: boolean; next?: Promise<string> }>();

/**
 * The PostgreSQL change stamp, taken after the caller asked for it, shared by callers who ask
 * together: it is sent once the event loop's current turn is over (setImmediate), so the loaders of
 * one page, which ask in the same turn, share it; one is in flight at a time, and whoever asks while
 * it runs (it may have been taken before their own call) shares the next one. A busy server's pages
 * send one stamp query per round trip instead of one per cached read.
 */
function sharedPostgresStamp(db: DB): Promise<string> {
  const state = postgresStamps.get(db) ?? {};
  postgresStamps.set(db, state);
  if (state.asked && !state.sent) return state.asked;
  if (!state.asked) {
    const asked = new Promise((turnOver) => setImmediate(turnOver))
      .then(() => {
        state.sent = true;
        return sql<{ stamp: string }>`select pg_current_snapshot()::text as stamp`.execute(db);
      })
      .then(({ rows }) => rows[0]!.stamp);
    const done = () => {
      if (state.asked === asked) state.asked = undefined;
    };
    asked.then(done, done);
    state.sent = false;
    return (state.asked = asked);
  }
  // Runs after `done` (registered first), so it sends a new query.
  const again = () => {
    state.next = undefined;
    return sharedPostgresStamp(db);
  };
  return (state.next ??= state.asked.then(again, again));
}

/** Cached reads of each PostgreSQL database handle (SQLite's live in their DataClock). */
const postgresReads = new WeakMap<DB, DataClock["reads"]>();

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
  if (db.isTransaction) return read();
  const clock = clocks.get(db);
  let reads = clock?.reads ?? postgresReads.get(db);
  if (!reads && isPostgres(db)) postgresReads.set(db, (reads = new Map() as DataClock["reads"]));
  if (!reads) return read();
  const stamp = await changeStamp(db, clock);
  const hit = reads.get(key);
  if (hit?.stamp === stamp) return hit.value as Promise<T>;
  if (reads.size >= 1000) reads.clear();
  const value = read().then(deepFreeze);
  const cache = reads;
  cache.set(key, { stamp, value });
  value.catch(() => cache.get(key)?.value === value && cache.delete(key));
  return value;
}

let shared: Promise<DB> | undefined;

/**
 * The app's database (DATABASE_URL for PostgreSQL, else the SQLite file TEAMSHAPE_DATABASE, default
 * ./data/teamshape.sqlite): one connection per process on SQLite, a pool on PostgreSQL. Opening it
 * changes nothing: start-up (`startUp` in services/startup.server.ts, which the server and test
 * setup call before anything else) migrates and seeds it.
 */
export function getDb(): Promise<DB> {
  shared ??= openConfiguredDatabase();
  return shared;
}

/**
 * Runs `work` in a transaction: a new one, or the caller's when `db` already is one, so services
 * that write several rows compose (a seed or an import can call them inside its own transaction).
 *
 * Write transactions take turns, on every server: SQLite's begin immediate takes the file's write
 * lock, and on PostgreSQL every transaction begins by taking one advisory lock
 * (`pg_advisory_xact_lock`, released at commit or rollback; WriteLockedPostgresDialect). So a transaction that reads, then writes what it read (the next
 * version number, "is this name taken?", "is the database empty?") behaves the same on both, with no
 * retries; plain reads never wait.
 *
 * A transaction that writes one engineer's rows (their row, skills, audit entries and roster
 * snapshot row) names that engineer in `only`: on PostgreSQL it takes the write lock shared, so
 * saves of different engineers run alongside each other, and takes the engineer's turn (takeTurn)
 * before its first read; what several such transactions share takes its own turn (the roster
 * snapshot's counts). Within one server they still go one at a time (inTurn), which keeps the pool
 * free for pages; across servers they overlap. Under 100 users on three servers, this took the
 * saves' median from 605 to about 215 ms and the overall p99 from 1.6 to 0.8-1.0 s. Inside a
 * caller's transaction `only` changes nothing: that transaction already holds the whole lock.
 */
export function inTransaction<T>(db: DB, work: (trx: DB) => Promise<T>, only?: { engineer: number }): Promise<T> {
  if (db.isTransaction) return work(db);
  if (!isPostgres(db)) return db.transaction().execute(work);
  const shared = only && alongside.get(db);
  if (shared)
    return inTurn(db, () =>
      shared.transaction().execute(async (trx) => {
        await takeTurn(trx, "engineer", only.engineer);
        return work(trx);
      }),
    );
  return inTurn(db, () => db.transaction().execute(work));
}

/** The things transactions that run alongside each other take turns at (the first key of the lock). */
const TURNS = { engineer: 1, snapshot: 2 } as const;

/**
 * Waits until no other transaction holds the turn at `turn` (and `key`), and holds it until this
 * one ends; statements after it see every transaction that held it before. On SQLite, a write
 * transaction holds the file's lock, so it has every turn already.
 */
export async function takeTurn(trx: DB, turn: keyof typeof TURNS, key = 0): Promise<void> {
  if (!isPostgres(trx)) return;
  await sql`select pg_advisory_xact_lock(${TURNS[turn]}::int, ${key}::int)`.execute(trx);
}

/** Per pool: the last write transaction queued in this process (see inTurn). */
const writeQueues = new WeakMap<DB, Promise<unknown>>();

/**
 * Runs this process's PostgreSQL write transactions one at a time, before each takes a connection.
 * They would take turns at the advisory lock anyway; waiting here instead keeps the pool's other
 * connections free for reads, so pages do not queue behind a burst of saves (under 100 users, the
 * slowest pages waited 0.4-1.3 s for a connection held by a save waiting for the lock).
 */
function inTurn<T>(db: DB, run: () => Promise<T>): Promise<T> {
  const result = (writeQueues.get(db) ?? Promise.resolve()).then(run, run);
  writeQueues.set(
    db,
    result.catch(() => undefined),
  );
  return result;
}

/** The advisory lock every PostgreSQL write transaction takes (any fixed number: "TS" in ASCII). */
const WRITE_LOCK = 0x5453;

/** A JSON object text from key and value columns of a group: `{"k": v, ...}`, or null for none. */
export function jsonObjectOf(db: DB, key: string, value: string): RawBuilder<string | null> {
  return isPostgres(db)
    ? sql<string | null>`json_object_agg(${sql.ref(key)}, ${sql.ref(value)})::text`
    : sql<string | null>`json_group_object(${sql.ref(key)}, ${sql.ref(value)})`;
}
