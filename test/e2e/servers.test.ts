/**
 * Several app servers on one database, as behind a load balancer: two built servers started at the
 * same moment on the same database (an SQLite file, or with TEAMSHAPE_TEST_POSTGRES one PostgreSQL
 * database). What one server knows, the other must know too: the demo seeded once, sessions, the
 * sign-in limits, a save seen on the other's next page, and a stale save refused with 409 whichever
 * server took the first. One is then killed (SIGKILL) and the other goes on serving.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, openPostgres, type DB } from "~/utils/db.server";
import { nameForFile, postgresUrlFor, TEST_POSTGRES } from "../setup/postgres";
import { sessionOn, signedIn, type Client } from "./client";
import { E2E_ADMIN, startApp, type RunningApp } from "./server";

const dir = mkdtempSync(join(tmpdir(), "teamshape-servers-"));
const file = join(dir, "shared.sqlite");
let a: RunningApp;
let b: RunningApp;
/** One session on each server, signed in by the save test and used again by the kill test. */
let sessions: [Client, Client];

beforeAll(async () => {
  [a, b] = await Promise.all([startApp({ databaseFile: file }), startApp({ databaseFile: file })]);
}, 120_000);

afterAll(async () => {
  await Promise.all([a, b].map((app) => app?.crash().catch(() => undefined)));
  for (const app of [a, b]) await app?.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

async function inspect<T>(look: (db: DB) => Promise<T>): Promise<T> {
  const db = TEST_POSTGRES ? await openPostgres(postgresUrlFor(nameForFile(file)), 2) : await openDatabase(file);
  try {
    return await look(db);
  } finally {
    await db.destroy();
  }
}

const count = (db: DB, table: "engineer" | "scenario" | "workspace" | "user") =>
  db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow()
    .then((row) => Number(row.n));

function signInAttempt(app: RunningApp, password: string) {
  return fetch(`${app.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: app.url },
    body: new URLSearchParams({ email: E2E_ADMIN.email, password }),
  });
}

/** The same client's session, on another server. */
const on = (app: RunningApp, client: Client) => (path: string) => sessionOn(app, client.cookie).get(path);

describe("two app servers on one database", () => {
  it("seed the demo and create the admin once, though both started at the same moment", async () => {
    const counts = await inspect(async (db) => ({
      engineers: await count(db, "engineer"),
      scenarios: await count(db, "scenario"),
      workspaces: await count(db, "workspace"),
      users: await count(db, "user"),
    }));
    expect(counts).toEqual({ engineers: 15, scenarios: 3, workspaces: 1, users: 1 });
  });

  it("share sessions: signed in on one, signed in on the other; signed out on one, out on both", async () => {
    const client = await signedIn(a);
    expect((await on(b, client)("/team")).status).toBe(200);
    const out = await fetch(`${b.url}/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: client.cookie, Origin: b.url },
    });
    expect(out.status).toBe(302);
    const after = await client.get("/team");
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/login/);
  });

  it("count failed sign-ins together: three wrong passwords spread over both servers slow the next on either", async () => {
    for (const app of [a, b, a]) expect((await signInAttempt(app, "not the password")).status).toBe(401);
    const held = await signInAttempt(b, "not the password");
    expect(held.status).toBe(429);
    expect(await held.text()).toContain("Too many failed sign-ins");
    await new Promise((r) => setTimeout(r, 1_100)); // the one-second delay passes; the right password signs in
    await signedIn(a);
  });

  it("let one person sign in on both servers at the same moment, again and again", async () => {
    // Each attempt counts as a failure until its password is checked; two at once are no reason to wait.
    for (let round = 0; round < 10; round++) await Promise.all([signedIn(a), signedIn(b)]);
  });

  it("show a save made on one server on the other's next page, and refuse a stale save with 409 on either", async () => {
    sessions = [await signedIn(a), await signedIn(b)];
    const [first, second] = sessions;
    const engineer = await inspect((db) =>
      db
        .selectFrom("engineer")
        .select(["id", "name", "level_id", "start_date", "version"])
        .orderBy("id")
        .executeTakeFirstOrThrow(),
    );
    expect(await (await first.get("/team")).text()).toContain(engineer.name); // a's roster, read and cached
    const form = (name: string) =>
      new URLSearchParams({
        name,
        levelId: engineer.level_id,
        salary: "131000",
        startDate: engineer.start_date,
        notes: "",
        version: String(engineer.version),
      });
    expect((await second.post(`/team/${engineer.id}/edit`, form("Renamed On B"))).status).toBe(302);
    const roster = await (await first.get("/team")).text();
    expect(roster).toContain("Renamed On B");
    expect(roster).not.toContain(engineer.name);

    const stale = await first.post(`/team/${engineer.id}/edit`, form("Stale Save On A"));
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("Stale Save On A"); // the form comes back with what was typed
    const saved = await inspect((db) =>
      db.selectFrom("engineer").select(["name", "version"]).where("id", "=", engineer.id).executeTakeFirstOrThrow(),
    );
    expect(saved).toEqual({ name: "Renamed On B", version: engineer.version + 1 });
  });

  it("go on serving from the other when one is killed, with every save it acknowledged", async () => {
    const [first, second] = sessions;
    const engineer = await inspect((db) =>
      db
        .selectFrom("engineer")
        .select(["id", "name", "level_id", "start_date", "version"])
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow(),
    );
    const save = (client: Client, version: number, salary: number) =>
      client.post(
        `/team/${engineer.id}/edit`,
        new URLSearchParams({
          name: engineer.name,
          levelId: engineer.level_id,
          salary: String(salary),
          startDate: engineer.start_date,
          notes: "",
          version: String(version),
        }),
      );
    expect((await save(first, engineer.version, 140_001)).status).toBe(302);
    await a.crash();
    expect((await on(b, first)("/team")).status).toBe(200); // a's session goes on working on b
    expect((await save(second, engineer.version, 140_002)).status).toBe(409); // a's save holds
    expect((await save(second, engineer.version + 1, 140_003)).status).toBe(302);
    const saved = await inspect((db) =>
      db.selectFrom("engineer").select(["salary", "version"]).where("id", "=", engineer.id).executeTakeFirstOrThrow(),
    );
    expect(saved).toEqual({ salary: 140_003, version: engineer.version + 2 });
  });
});
