/**
 * `npm run migrate-to-postgres -- <sqlite file> <postgres url>` copies a Teamshape workspace from
 * its SQLite file into an empty PostgreSQL database, in one transaction, and checks that every table
 * holds as many rows as the file. It refuses a target that holds any data.
 *
 * Both sides are first brought up to date by the migrations the app runs at start-up, so they have
 * the same tables and columns. Tables are copied parents first (by their foreign keys), ids are kept,
 * and each numbered id goes on from the highest the file ever gave (SQLite's autoincrement never
 * reuses one, and neither does the copy).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { sql, type Kysely } from "kysely";
import { inTransaction, openDatabase, openPostgres, type DB } from "../utils/db.server";
import { migrateToLatest } from "../../db/migrate";

/** Any table by name: the copy reads each table's columns from the file. */
type Tables = Kysely<Record<string, Record<string, unknown>>>;

/** Kysely's own bookkeeping: each side has its own, made by migrateToLatest. */
const MIGRATION_TABLES = new Set(["kysely_migration", "kysely_migration_lock"]);

/** Rows sent in one insert: PostgreSQL takes at most 65,535 parameters a statement. */
const PARAMETERS_PER_INSERT = 30_000;

export interface CopiedTable {
  table: string;
  rows: number;
}

/** The file's tables, parents before the tables whose foreign keys point at them. */
async function tablesInCopyOrder(source: Tables): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name
  `.execute(source);
  const tables = rows.map((r) => r.name).filter((name) => !MIGRATION_TABLES.has(name));
  const parents = new Map<string, string[]>();
  for (const table of tables) {
    const keys = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${table})`.execute(source);
    parents.set(
      table,
      keys.rows.map((k) => k.table).filter((parent) => parent !== table),
    );
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  const place = (table: string, path: string[]) => {
    if (placed.has(table)) return;
    if (path.includes(table)) throw new Error(`The tables' foreign keys go round in a circle: ${path.join(" -> ")}`);
    for (const parent of parents.get(table) ?? []) place(parent, [...path, table]);
    placed.add(table);
    ordered.push(table);
  };
  for (const table of tables) place(table, []);
  return ordered;
}

/** The target's tables that hold rows, with a count of each; empty means the target may be filled. */
async function tablesWithRows(target: Tables): Promise<CopiedTable[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name
  `.execute(target);
  const found: CopiedTable[] = [];
  for (const { table_name: table } of rows) {
    if (MIGRATION_TABLES.has(table)) continue;
    const [count] = (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(target)).rows;
    if (count && count.n > 0) found.push({ table, rows: count.n });
  }
  return found;
}

async function countRows(db: Tables, table: string): Promise<number> {
  const [count] = (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows;
  return Number(count?.n ?? 0);
}

/** Copies one table in batches, in the file's own order (its rowid). */
async function copyTable(source: Tables, target: Tables, table: string): Promise<number> {
  const columns = (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(source)).rows.map(
    (c) => c.name,
  );
  const batch = Math.max(1, Math.floor(PARAMETERS_PER_INSERT / columns.length));
  let copied = 0;
  for (;;) {
    const { rows } = await sql<Record<string, unknown>>`
      select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)}
      order by rowid limit ${batch} offset ${copied}
    `.execute(source);
    if (rows.length === 0) return copied;
    await target.insertInto(table).values(rows).execute();
    copied += rows.length;
    if (rows.length < batch) return copied;
  }
}

/** Sets each numbered id of the target to go on after the highest the file ever gave. */
async function continueNumbering(source: Tables, target: Tables, table: string): Promise<void> {
  const { rows: identities } = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table} and is_identity = 'YES'
  `.execute(target);
  const { rows: sequence } = await sql<{ seq: number }>`
    select seq from sqlite_sequence where name = ${table}
  `.execute(source);
  for (const { column_name: column } of identities) {
    const [max] = (
      await sql<{ n: number | null }>`select max(${sql.ref(column)}) as n from ${sql.table(table)}`.execute(target)
    ).rows;
    const next = Math.max(Number(max?.n ?? 0), Number(sequence[0]?.seq ?? 0)) + 1;
    await sql`select setval(pg_get_serial_sequence(${table}, ${column}), ${next}, false)`.execute(target);
  }
}

/**
 * Copies the workspace in `source` (SQLite) into `target` (PostgreSQL), both already migrated.
 * Throws, having written nothing, when the target holds data or a count differs after the copy.
 */
export async function copyWorkspace(source: DB, target: DB): Promise<CopiedTable[]> {
  const from = source as unknown as Tables;
  const tables = await tablesInCopyOrder(from);
  if (!tables.includes("engineer"))
    throw new Error("The SQLite file is not a Teamshape database (it has no engineer table)");
  // The file is read in one transaction, so a server still writing to it cannot split the copy; the
  // target's transaction takes the app's write lock, so a server starting on it meanwhile waits and
  // then finds it filled instead of seeding the demo.
  return from.transaction().execute(async (src) =>
    inTransaction(target, async (trx) => {
      const to = trx as unknown as Tables;
      const filled = await tablesWithRows(to);
      if (filled.length > 0)
        throw new Error(
          `The PostgreSQL database is not empty: ${filled.map((t) => `${t.table} has ${t.rows} ${t.rows === 1 ? "row" : "rows"}`).join(", ")}. ` +
            "Copy into a new, empty database (createdb teamshape), or drop this one's tables first.",
        );
      const copied: CopiedTable[] = [];
      for (const table of tables) {
        const expected = await countRows(src, table);
        await copyTable(src, to, table);
        await continueNumbering(src, to, table);
        const rows = await countRows(to, table);
        if (rows !== expected)
          throw new Error(`The copy of ${table} holds ${rows} rows where the file holds ${expected}; nothing was kept`);
        copied.push({ table, rows });
      }
      return copied;
    }),
  );
}

const USAGE = "Usage: npm run migrate-to-postgres -- <sqlite file> <postgres://user:password@host:5432/database>";

async function main(args: string[]): Promise<void> {
  const [file, url] = args;
  if (!file || !url) throw new Error(USAGE);
  if (!/^postgres(ql)?:\/\//i.test(url)) throw new Error(`The second argument must be a postgres:// URL.\n${USAGE}`);
  if (!existsSync(resolve(file))) throw new Error(`There is no SQLite file at ${resolve(file)}`);
  const source = await openDatabase(resolve(file));
  try {
    const target = await openPostgres(url, 2);
    try {
      await migrateToLatest(source);
      await migrateToLatest(target);
      const copied = await copyWorkspace(source, target);
      const width = Math.max(...copied.map((t) => t.table.length));
      for (const { table, rows } of copied) console.log(`${table.padEnd(width)}  ${rows}`);
      const total = copied.reduce((sum, t) => sum + t.rows, 0);
      console.log(`Copied ${total} rows in ${copied.length} tables from ${resolve(file)}; every count matches.`);
      console.log("Start the app with DATABASE_URL set to this database (see the README's PostgreSQL section).");
    } finally {
      await target.destroy();
    }
  } finally {
    await source.destroy();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
