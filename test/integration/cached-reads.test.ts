/**
 * Reads kept between requests (the roster, the ladder, the dashboard's figures) must never show a
 * page older than the last acknowledged save: not after a save through the same connection, nor
 * after one from another server process (a second connection to the same file).
 */
import { execFileSync } from "node:child_process";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createEngineer, listEngineers, updateEngineer } from "~/services/engineers.server";
import { getTeamVitals } from "~/services/team.server";
import { getDb, inTransaction, openConfiguredDatabase, readThrough, type DB } from "~/utils/db.server";

const others: DB[] = [];
afterAll(async () => Promise.all(others.map((db) => db.destroy())));

const input = (name: string, salary = 120_000) => ({ name, levelId: "L2", salary, startDate: "2025-01-01", notes: "" });

describe("reads kept between requests", () => {
  it("show a save made through the same connection at once", async () => {
    const db = await getDb();
    const before = await getTeamVitals(db);
    const count = (await listEngineers(db)).length;
    const id = await createEngineer(db, { input: input("Cached Carla") });
    expect((await listEngineers(db)).length).toBe(count + 1);
    const after = await getTeamVitals(db);
    expect(after.engineerCount).toBe(before.engineerCount + 1);
    expect(after.annualPayroll).toBe(before.annualPayroll + 120_000);

    const engineer = (await listEngineers(db)).find((e) => e.id === id)!;
    await updateEngineer(db, { id, input: input("Cached Carla", 150_000), expectedVersion: engineer.version });
    expect((await listEngineers(db)).find((e) => e.id === id)!.salary).toBe(150_000);
    expect((await getTeamVitals(db)).annualPayroll).toBe(before.annualPayroll + 150_000);
  });

  it("show a commit from another connection (another server process) at once", async () => {
    const db = await getDb();
    const other = await openConfiguredDatabase();
    others.push(other);
    const count = (await listEngineers(db)).length;
    const payroll = (await getTeamVitals(db)).annualPayroll;

    const id = await createEngineer(other, { input: input("Elsewhere Eli", 100_000) });
    expect((await listEngineers(db)).map((e) => e.name)).toContain("Elsewhere Eli");
    expect((await getTeamVitals(db)).annualPayroll).toBe(payroll + 100_000);

    // A raw write, outside the services, is seen too.
    await sql`update engineer set salary = 110000 where id = ${id}`.execute(other);
    expect((await listEngineers(db)).find((e) => e.id === id)!.salary).toBe(110_000);
    await sql`delete from engineer where id = ${id}`.execute(other);
    expect((await listEngineers(db)).length).toBe(count);
  });

  it("read again after a commit that lands while a read is under way", async () => {
    const db = await getDb();
    const other = await openConfiguredDatabase();
    others.push(other);
    const count = () => sql<{ n: number }>`select count(*) as n from engineer`.execute(db).then((r) => r.rows[0]!.n);
    const before = await count();
    // The other process commits after this read has its answer but before the answer is kept.
    const first = await readThrough(db, "race", async () => {
      const n = await count();
      await createEngineer(other, { input: input("Mid-read Mo") });
      return n;
    });
    expect(first).toBe(before);
    expect(await readThrough(db, "race", count)).toBe(before + 1);
  });

  it("see a commit that lands while another caller's check is on its way back", async () => {
    const db = await getDb();
    const count = () => sql<{ n: number }>`select count(*) as n from setting`.execute(db).then((r) => r.rows[0]!.n);
    const before = await readThrough(db, "in flight", count);
    // A reader's check goes out; before its answer is read, another process commits (this one is
    // held up meanwhile, as a busy server is), then a second reader asks.
    const early = readThrough(db, "in flight", count);
    const url = process.env.DATABASE_URL;
    const commit = url
      ? `const pg = require("pg"); const c = new pg.Client(${JSON.stringify(url)}); c.connect().then(() => c.query("insert into setting (key, value) values ('late', 'yes')")).then(() => c.end());`
      : `const s = require("sqlite3"); const d = new s.Database(${JSON.stringify(process.env.TEAMSHAPE_DATABASE)}); d.run("insert into setting (key, value) values ('late', 'yes')", (e) => { if (e) throw e; d.close(); });`;
    await new Promise((resolve) => setImmediate(resolve)); // the check is sent...
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50); // ...and answered, unread
    execFileSync(process.execPath, ["-e", commit], { cwd: process.cwd() });
    const late = readThrough(db, "in flight", count);
    expect(await early).toBeGreaterThanOrEqual(before);
    expect(await late).toBe(before + 1);
  });

  it("show nothing of a change that was rolled back", async () => {
    const db = await getDb();
    const names = (await listEngineers(db)).map((e) => e.name);
    await expect(
      inTransaction(db, async (trx) => {
        await createEngineer(trx, { input: input("Rolled Back Rae") });
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    expect((await listEngineers(db)).map((e) => e.name)).toEqual(names);
  });

  it("share one read between callers until something changes, and refuse to be changed", async () => {
    const db = await getDb();
    const [a, b] = await Promise.all([listEngineers(db), listEngineers(db)]);
    expect(a).toBe(b);
    expect(await listEngineers(db)).toBe(a);
    // A shared read is frozen, so code that would change it for everyone throws instead.
    expect(() => (a as { name: string }[]).push({ name: "x" })).toThrow();
    expect(() => Object.assign(a[0]!, { salary: 1 })).toThrow();
  });
});
