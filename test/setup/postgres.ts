/**
 * Tests on PostgreSQL: with TEAMSHAPE_TEST_POSTGRES set to a server's URL (any database the role can
 * connect to, e.g. postgres://teamshape:teamshape@localhost:5432/postgres; the role needs createdb),
 * every test file and every app server a test starts gets a throwaway database of its own, created
 * here and dropped afterwards. Without it, tests use SQLite files as before.
 */
import { createHash, randomBytes } from "node:crypto";
import pg from "pg";

export const TEST_POSTGRES = process.env.TEAMSHAPE_TEST_POSTGRES?.trim() || undefined;

/** The URL of database `name` on the test server (or on `server`). */
export function postgresUrlFor(name: string, server = TEST_POSTGRES!): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(server: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: server });
  await client.connect().catch((error: Error) => {
    throw new Error(
      `TEAMSHAPE_TEST_POSTGRES: cannot reach ${new URL(server).host} (${error.message}); start PostgreSQL as the README says`,
    );
  });
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates database `name` unless it exists, and returns its URL. It sorts text byte by byte
 * (collation C), as SQLite does, so both databases list names in the same order.
 */
export async function createPostgresDatabase(name: string, server = TEST_POSTGRES!): Promise<string> {
  await onServer(server, async (client) => {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount)
      await client
        .query(`create database "${name}" template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`)
        .catch((error: { code?: string }) => {
          // Two app servers started together on one database: the other one created it first.
          // (42P04, or 23505 when both passed the check above in the same instant).
          if (error.code !== "42P04" && error.code !== "23505") throw error;
        });
  });
  return postgresUrlFor(name, server);
}

/**
 * Drops database `name`, ending whatever connections are still open to it. A background worker of
 * the server's own (autovacuum, on a busy machine) can be on it for a moment, which the test role
 * may not end (42501): then it tries again.
 */
export async function dropPostgresDatabase(name: string, server = TEST_POSTGRES!): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await onServer(server, (client) => client.query(`drop database if exists "${name}" with (force)`));
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "42501" || attempt === 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** A fresh name for a throwaway database. */
export function throwawayName(label: string): string {
  return `teamshape_${label}_${process.pid}_${randomBytes(4).toString("hex")}`;
}

/** The database name that stands for SQLite file `file` (the same file, the same database). */
export function nameForFile(file: string): string {
  return `teamshape_file_${createHash("sha256").update(file).digest("hex").slice(0, 16)}`;
}
