/**
 * What actually happened to the roster: its state by day, kept as changes (issue 18).
 *
 * A snapshot is a day's record. It holds a row only for each engineer whose state (name, level,
 * team, salary, start date, leave date, or being deleted) differs from what the snapshots before it
 * say, so a month with no edits costs one row, and an edit one row per person it changed. Every
 * service that writes engineers calls `snapshotRoster` inside its transaction, with the people it
 * touched (or all of them, for an import), so the change and its record are written together; a
 * second write the same day updates that day's snapshot. `ensureMonthlySnapshot` takes one a month
 * when nothing else has (at start-up and when the variance is read), so the history says the roster
 * was looked at even in a month nobody changed it.
 */
import type { RecordedPerson, RecordedPersonState } from "~/domain";
import type { RosterSnapshotChangeRow } from "../../db/schema";
import { sql } from "kysely";
import { inTransaction, takeTurn, type DB } from "~/utils/db.server";

/** An engineer's recorded state, as a snapshot keeps it (the engine's `RecordedPersonState`, with its engineer). */
export type RecordedState = Omit<RecordedPersonState, "from"> & { engineerId: number };

/** One engineer's history: each state from the day of the snapshot that recorded it, oldest first (`RecordedPerson`). */
export type EngineerTimeline = RecordedPerson;

const dayOf = (now: string) => now.slice(0, 10);

const stateOfRow = (row: Omit<RosterSnapshotChangeRow, "snapshot_id">): RecordedState => ({
  engineerId: row.engineer_id,
  name: row.name,
  levelId: row.level_id,
  teamId: row.team_id,
  salary: row.salary,
  startDate: row.start_date,
  leftOn: row.left_on,
  removed: row.removed === 1,
});

const rowOfState = (snapshotId: number, state: RecordedState): RosterSnapshotChangeRow => ({
  snapshot_id: snapshotId,
  engineer_id: state.engineerId,
  name: state.name,
  level_id: state.levelId,
  team_id: state.teamId,
  salary: state.salary,
  start_date: state.startDate,
  left_on: state.leftOn,
  removed: state.removed ? 1 : 0,
});

const sameState = (a: RecordedState, b: RecordedState) =>
  a.name === b.name &&
  a.levelId === b.levelId &&
  a.teamId === b.teamId &&
  a.salary === b.salary &&
  a.startDate === b.startDate &&
  a.leftOn === b.leftOn &&
  a.removed === b.removed;

/** Engineers are read and compared in pieces of this many ids (SQLite's bound-parameter limit). */
const CHUNK = 500;

/**
 * Of the engineers of `ids` (or all): the latest state the snapshots before `snapshotId` recorded,
 * and their state now, read together in one round trip (a save's transaction holds the write lock
 * while it runs).
 */
async function statesBeforeAndNow(
  trx: DB,
  snapshotId: number,
  ids?: number[],
): Promise<{ before: Map<number, RecordedState>; now: Map<number, RecordedState> }> {
  const before = new Map<number, RecordedState>();
  const now = new Map<number, RecordedState>();
  const read = async (chunk?: number[]) => {
    let latest = trx
      .selectFrom("roster_snapshot_change")
      .select(["engineer_id", (eb) => eb.fn.max("snapshot_id").as("snapshot_id")])
      .where("snapshot_id", "<", snapshotId)
      .groupBy("engineer_id");
    if (chunk) latest = latest.where("engineer_id", "in", chunk);
    let current = trx
      .selectFrom("engineer")
      .select([
        "id as engineer_id",
        "name",
        "level_id",
        "team_id",
        "salary",
        "start_date",
        "left_on",
        sql<number>`0`.as("removed"),
        sql<number>`0`.as("recorded"),
      ]);
    if (chunk) current = current.where("id", "in", chunk);
    const rows = await trx
      .selectFrom("roster_snapshot_change as c")
      .innerJoin(latest.as("l"), (join) =>
        join.onRef("l.engineer_id", "=", "c.engineer_id").onRef("l.snapshot_id", "=", "c.snapshot_id"),
      )
      .select([
        "c.engineer_id",
        "c.name",
        "c.level_id",
        "c.team_id",
        "c.salary",
        "c.start_date",
        "c.left_on",
        "c.removed",
        sql<number>`1`.as("recorded"),
      ])
      .unionAll(current)
      .execute();
    for (const { recorded, ...row } of rows) (recorded ? before : now).set(row.engineer_id, stateOfRow(row));
  };
  if (!ids) await read();
  else for (let i = 0; i < ids.length; i += CHUNK) await read(ids.slice(i, i + CHUNK));
  return { before, now };
}

/**
 * Records the roster's state on the day of `now` (UTC), inside the caller's transaction: the
 * engineers of `engineerIds` (those a change touched), or every engineer. Only states that differ
 * from the snapshots before are written. A day before the latest snapshot's is recorded on that
 * latest day: the history never goes back.
 */
export async function snapshotRoster(
  db: DB,
  {
    now = new Date().toISOString(),
    reason,
    engineerIds,
  }: { now?: string; reason: "edit" | "import" | "monthly" | "reset"; engineerIds?: readonly number[] },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    // Saves of different engineers run alongside each other (inTransaction's `only`): each writes its
    // own engineers' rows, and takes the snapshot's turn only to make today's snapshot or to count.
    const latestSnapshot = () =>
      trx
        .selectFrom("roster_snapshot")
        .select(["id", "taken_on", "reason"])
        .orderBy("taken_on", "desc")
        .limit(1)
        .executeTakeFirst();
    let latest = await latestSnapshot();
    let counting = false;
    if (!latest || latest.taken_on < dayOf(now)) {
      await takeTurn(trx, "snapshot");
      counting = true;
      latest = await latestSnapshot();
    }
    const day = latest && latest.taken_on > dayOf(now) ? latest.taken_on : dayOf(now);
    let snapshot = latest?.taken_on === day ? latest : undefined;
    if (!snapshot) {
      const { id } = await trx
        .insertInto("roster_snapshot")
        .values({ taken_on: day, reason, taken_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
      snapshot = { id, taken_on: day, reason };
    } else if (!snapshot.reason.split(",").includes(reason)) {
      snapshot = { ...snapshot, reason: `${snapshot.reason},${reason}` };
    }
    const ids = engineerIds ? [...new Set(engineerIds)] : undefined;
    const { before, now: now_ } = await statesBeforeAndNow(trx, snapshot.id, ids);
    // Deleted engineers: recorded before, not on the roster now (of those asked about).
    for (const [id, state] of before) if (!now_.has(id) && !state.removed) now_.set(id, { ...state, removed: true });
    const touched = ids ?? [...new Set([...before.keys(), ...now_.keys()])];
    const snapshotId = snapshot.id;
    for (let i = 0; i < touched.length; i += CHUNK) {
      // Today's row of each engineer: written (or rewritten) when their state differs from the
      // snapshots before, removed when a second edit today put it back.
      const rows: RosterSnapshotChangeRow[] = [];
      const unchanged: number[] = [];
      for (const id of touched.slice(i, i + CHUNK)) {
        const state = now_.get(id);
        const was = before.get(id);
        if (!state || (was && sameState(was, state))) unchanged.push(id);
        else rows.push(rowOfState(snapshotId, state));
      }
      if (unchanged.length > 0)
        await trx
          .deleteFrom("roster_snapshot_change")
          .where("snapshot_id", "=", snapshotId)
          .where("engineer_id", "in", unchanged)
          .execute();
      if (rows.length > 0)
        await trx
          .insertInto("roster_snapshot_change")
          .values(rows)
          .onConflict((oc) =>
            oc.columns(["snapshot_id", "engineer_id"]).doUpdateSet((eb) => ({
              name: eb.ref("excluded.name"),
              level_id: eb.ref("excluded.level_id"),
              team_id: eb.ref("excluded.team_id"),
              salary: eb.ref("excluded.salary"),
              start_date: eb.ref("excluded.start_date"),
              left_on: eb.ref("excluded.left_on"),
              removed: eb.ref("excluded.removed"),
            })),
          )
          .execute();
    }
    // The counts are taken by the update itself: one round trip, not three; after the snapshot's
    // turn, so they count what every save before this one wrote.
    if (!counting) await takeTurn(trx, "snapshot");
    await trx
      .updateTable("roster_snapshot")
      .set((eb) => ({
        reason: snapshot.reason,
        taken_at: now,
        changes: eb
          .selectFrom("roster_snapshot_change")
          .select(eb.fn.countAll<number>().as("changes"))
          .where("snapshot_id", "=", snapshotId),
        people: eb
          .selectFrom("engineer")
          .select(eb.fn.countAll<number>().as("people"))
          .where("start_date", "<=", day)
          .where((w) => w.or([w("left_on", "is", null), w("left_on", ">", day)])),
      }))
      .where("id", "=", snapshotId)
      .execute();
  });
}

/** Takes this month's snapshot if no snapshot was taken in the month of `now` yet; true if it took one. */
export async function ensureMonthlySnapshot(db: DB, { now = new Date().toISOString() } = {}): Promise<boolean> {
  const month = now.slice(0, 7);
  const taken = await db
    .selectFrom("roster_snapshot")
    .select("id")
    .where("taken_on", ">=", `${month}-01`)
    .limit(1)
    .executeTakeFirst();
  if (taken) return false;
  await snapshotRoster(db, { now, reason: "monthly" });
  return true;
}

export interface SnapshotItem {
  takenOn: string;
  reason: string;
  people: number;
  changes: number;
}

/** The snapshots, newest first (at most `limit`). */
export async function listSnapshots(db: DB, { limit = 400 } = {}): Promise<SnapshotItem[]> {
  const rows = await db.selectFrom("roster_snapshot").selectAll().orderBy("taken_on", "desc").limit(limit).execute();
  return rows.map((r) => ({ takenOn: r.taken_on, reason: r.reason, people: r.people, changes: r.changes }));
}

/** Every engineer's recorded history up to and including `through` (YYYY-MM-DD), oldest state first. */
export async function loadTimelines(db: DB, { through }: { through: string }): Promise<EngineerTimeline[]> {
  const rows = await db
    .selectFrom("roster_snapshot_change as c")
    .innerJoin("roster_snapshot as s", "s.id", "c.snapshot_id")
    .selectAll("c")
    .select("s.taken_on")
    .where("s.taken_on", "<=", through)
    .orderBy("c.engineer_id")
    .orderBy("s.taken_on")
    .execute();
  const timelines: EngineerTimeline[] = [];
  for (const row of rows) {
    let last = timelines.at(-1);
    if (last?.engineerId !== row.engineer_id) {
      last = { engineerId: row.engineer_id, states: [] };
      timelines.push(last);
    }
    last.states.push({ ...stateOfRow(row), from: row.taken_on });
  }
  return timelines;
}
