/**
 * Saves sent at the same moment from two app servers (two connections to one database): on
 * PostgreSQL, saves of different engineers run alongside each other, so each must still land whole,
 * the version check must still refuse the second of two saves from the same version, and today's
 * roster snapshot must count every save, whatever order they commit in.
 */
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createEngineer, deleteEngineer, listEngineers, updateEngineer } from "~/services/engineers.server";
import { listSnapshots, loadTimelines } from "~/services/snapshots.server";
import { getDb, openConfiguredDatabase, type DB } from "~/utils/db.server";

const others: DB[] = [];
afterAll(async () => Promise.all(others.map((db) => db.destroy())));

const input = (name: string, salary: number) => ({ name, levelId: "L2", salary, startDate: "2025-01-01", notes: "" });
const NOW = "2030-06-15T12:00:00.000Z";
const countOf = (db: DB, table: "audit" | "engineer") =>
  sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db).then((r) => Number(r.rows[0]!.n));

describe("saves sent at the same moment from two servers", () => {
  it("all land, a second save from the same version is refused, and today's snapshot counts them all", async () => {
    const db = await getDb();
    const other = await openConfiguredDatabase();
    others.push(other);
    const ids: number[] = [];
    for (let i = 0; i < 21; i++)
      ids.push(await createEngineer(db, { input: input(`Together ${i}`, 100_000), now: "2030-06-14T12:00:00.000Z" }));
    const [twice, gone, ...rest] = ids;
    const audited = await countOf(db, "audit");
    const versions = new Map((await listEngineers(db)).map((e) => [e.id, e.version]));
    const salaryOf = (id: number) => 150_000 + id;

    const results = await Promise.all([
      ...rest.map((id, i) =>
        updateEngineer(i % 2 ? db : other, {
          id,
          input: input(`Together ${ids.indexOf(id)}`, salaryOf(id)),
          expectedVersion: versions.get(id),
          now: NOW,
        }),
      ),
      // Two users save the same engineer from the same version, on different servers.
      updateEngineer(db, {
        id: twice!,
        input: input("Twice A", 111_111),
        expectedVersion: versions.get(twice!),
        now: NOW,
      }),
      updateEngineer(other, {
        id: twice!,
        input: input("Twice B", 222_222),
        expectedVersion: versions.get(twice!),
        now: NOW,
      }),
      // Writes that take the whole write lock, among them.
      createEngineer(other, { input: input("Joined meanwhile", 90_000), now: NOW }).then(() => ({ ok: true })),
      deleteEngineer(db, { id: gone!, now: NOW }).then((ok) => ({ ok })),
    ]);

    expect(results.slice(0, rest.length).every((r) => r.ok)).toBe(true);
    const [a, b] = results.slice(rest.length, rest.length + 2);
    expect([a!.ok, b!.ok].sort()).toEqual([false, true]);
    expect(results.slice(rest.length + 2).every((r) => r.ok)).toBe(true);

    const stored = new Map((await listEngineers(db)).map((e) => [e.id, e]));
    for (const id of rest) expect(stored.get(id)?.salary).toBe(salaryOf(id));
    expect(stored.get(twice!)?.salary).toBe(a!.ok ? 111_111 : 222_222);
    expect(stored.get(twice!)?.version).toBe(versions.get(twice!)! + 1);
    expect(stored.has(gone!)).toBe(false);
    // One audit entry per save that landed, the create and the delete.
    expect(await countOf(db, "audit")).toBe(audited + rest.length + 1 + 2);

    // Today's snapshot: one change per engineer saved, added or removed today, and everyone on the roster.
    const today = (await listSnapshots(db)).find((s) => s.takenOn === NOW.slice(0, 10))!;
    const changes = await sql<{ n: number }>`select count(*) as n from roster_snapshot_change c
      join roster_snapshot s on s.id = c.snapshot_id where s.taken_on = ${NOW.slice(0, 10)}`.execute(db);
    expect(today.changes).toBe(Number(changes.rows[0]!.n));
    expect(today.changes).toBe(rest.length + 3);
    expect(today.people).toBe(stored.size);
    const timelines = new Map((await loadTimelines(db, { through: NOW.slice(0, 10) })).map((t) => [t.engineerId, t]));
    for (const id of rest) expect(timelines.get(id)?.states.at(-1)?.salary).toBe(salaryOf(id));
  });

  it("counts every save in today's snapshot from two servers even when their counts wait on a slow writer together", async () => {
    const db = await getDb();
    const other = await openConfiguredDatabase();
    others.push(other);
    const day = "2030-07-01";
    const at = `${day}T12:00:00.000Z`;
    const ids = [
      await createEngineer(db, { input: input("Slow A", 100_000), now: "2030-06-30T12:00:00.000Z" }),
      await createEngineer(db, { input: input("Slow B", 100_000), now: "2030-06-30T12:00:00.000Z" }),
    ];
    await createEngineer(db, { input: input("Opens today", 100_000), now: at });
    const versions = new Map((await listEngineers(db)).map((e) => [e.id, e.version]));
    // A third server holds today's snapshot row in a write of its own while both saves reach their counts.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked = () => {};
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const third = await openConfiguredDatabase();
    others.push(third);
    const slow = third.connection().execute(async (c) => {
      await sql`begin`.execute(c);
      await sql`update roster_snapshot set taken_at = taken_at where taken_on = ${day}`.execute(c);
      locked();
      await held;
      await sql`commit`.execute(c);
    });
    await holding;
    const saves = ids.map((id, i) =>
      updateEngineer(i ? other : db, {
        id,
        input: input(`Slow ${id}`, 140_000),
        expectedVersion: versions.get(id),
        now: at,
      }),
    );
    await new Promise((r) => setTimeout(r, 300));
    release();
    await slow;
    expect((await Promise.all(saves)).map((r) => r.ok)).toEqual([true, true]);
    const today = (await listSnapshots(db)).find((s) => s.takenOn === day)!;
    expect(today.changes).toBe(3);
  });
});
