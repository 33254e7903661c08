/**
 * npm run bench:variance: the cost of keeping the roster's history and reading the plan against it
 * (issue 18), on a real SQLite file: 10,000 engineers, two years of monthly snapshots in which 3%
 * of people change (a raise, a promotion, a move) and 1% leave or join. It prints
 *
 *  - a full snapshot of the roster (what an import takes), the first one and one with no change;
 *  - one edit's snapshot (what every save of an engineer adds);
 *  - the rows kept, against what copying the roster each month would keep;
 *  - reading the history (loadTimelines) and planVariance over 24 months.
 *
 *   npm run bench:variance [-- --people 10000 --months 24]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import {
  addMonths,
  levelForScenario,
  monthOf,
  planVariance,
  projectScenario,
  mustParseScenario,
  SCENARIO_FORMAT,
} from "~/domain";
import { listLevels } from "~/services/ladder.server";
import { snapshotRoster, loadTimelines } from "~/services/snapshots.server";
import { openDatabase } from "~/utils/db.server";
import { migrateToLatest } from "../../db/migrate";
import { seedLadder } from "../../db/seed";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const people = arg("people", 10_000);
const months = arg("months", 24);

const dir = mkdtempSync(join(tmpdir(), "teamshape-bench-variance-"));
const timed = async <T>(run: () => Promise<T> | T): Promise<[T, number]> => {
  const started = performance.now();
  const value = await run();
  return [value, performance.now() - started];
};

try {
  const db = await openDatabase(join(dir, "bench.sqlite"));
  await migrateToLatest(db);
  const now = new Date().toISOString();
  await db
    .insertInto("workspace")
    .values({ name: "Bench", is_demo: 0, assumptions: null, created_at: now, updated_at: now })
    .execute();
  await seedLadder(db, now);
  const levels = await listLevels(db);
  const { id: teamId } = await db
    .insertInto("team")
    .values({
      name: "Everyone",
      ratio_low: null,
      ratio_high: null,
      archived_at: null,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const first = addMonths(monthOf(new Date()), -months);
  const dayOf = (month: string, day: number) => `${month}-${String(day).padStart(2, "0")}`;
  for (let i = 0; i < people; i += 500) {
    await db
      .insertInto("engineer")
      .values(
        Array.from({ length: Math.min(500, people - i) }, (_, k) => ({
          name: `Person ${i + k}`,
          level_id: levels[(i + k) % levels.length]!.id,
          team_id: teamId,
          salary: 90_000 + ((i + k) % 120) * 1_000,
          start_date: "2020-01-15",
          notes: "",
          employee_id: null,
          email: null,
          left_on: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  const [, full] = await timed(() => snapshotRoster(db, { reason: "import", now: `${dayOf(first, 1)}T09:00:00Z` }));
  const [, same] = await timed(() => snapshotRoster(db, { reason: "import", now: `${dayOf(first, 1)}T10:00:00Z` }));

  // Two years of months: 3% change, 1% leave, 1% join.
  let nextId = people + 1;
  let changed = 0;
  for (let m = 1; m <= months; m++) {
    const month = addMonths(first, m);
    const ids = Array.from({ length: Math.round(people * 0.03) }, (_, k) => 1 + ((m * 7919 + k * 104_729) % people));
    for (const [k, id] of ids.entries())
      await db
        .updateTable("engineer")
        .set(k % 3 === 0 ? { level_id: levels[(id + m) % levels.length]!.id } : { salary: 100_000 + m * 1_000 + k })
        .where("id", "=", id)
        .execute();
    const leaving = ids.slice(0, Math.round(people * 0.01));
    await db
      .updateTable("engineer")
      .set({ left_on: dayOf(month, 10) })
      .where("id", "in", leaving)
      .execute();
    const joining = Array.from({ length: Math.round(people * 0.01) }, (_, k) => ({
      name: `Joiner ${m}-${k}`,
      level_id: levels[k % levels.length]!.id,
      team_id: teamId,
      salary: 120_000,
      start_date: dayOf(month, 3),
      notes: "",
      employee_id: null,
      email: null,
      left_on: null,
      created_at: now,
      updated_at: now,
    }));
    await db.insertInto("engineer").values(joining).execute();
    changed += ids.length + joining.length;
    nextId += joining.length;
    await snapshotRoster(db, { reason: "import", now: `${dayOf(month, 12)}T09:00:00Z` });
  }
  // One engineer's edit, as a save on the roster makes it.
  const editDay = `${addMonths(first, months)}-20T09:00:00Z`;
  await db.updateTable("engineer").set({ salary: 123_456 }).where("id", "=", 1).execute();
  const [, oneEdit] = await timed(() => snapshotRoster(db, { reason: "edit", now: editDay, engineerIds: [1] }));

  const rows = Number(
    (
      await db
        .selectFrom("roster_snapshot_change")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const asOf = editDay.slice(0, 10);
  const [history, read] = await timed(() => loadTimelines(db, { through: asOf }));
  const plan = mustParseScenario({
    format: SCENARIO_FORMAT,
    name: "Bench plan",
    start: first,
    horizonMonths: months + 12,
    levels: levels.map(levelForScenario),
    team: [{ level: levels[1]!.id, count: people, salary: 130_000 }],
    plan: Array.from({ length: months }, (_, m) => ({
      type: "hire" as const,
      level: levels[m % levels.length]!.id,
      month: m,
      count: 50,
    })),
  });
  const projection = projectScenario(plan);
  const [variance, compare] = await timed(() =>
    planVariance(plan, projection, history, { adoptedFrom: `${first}-01`, asOf }),
  );
  console.log(
    `variance bench: ${people.toLocaleString("en-US")} engineers, ${months} months, ${nextId - 1 - people} joiners`,
  );
  console.log(`  full snapshot, first:            ${full.toFixed(0)} ms`);
  console.log(`  full snapshot, nothing changed:  ${same.toFixed(0)} ms`);
  console.log(`  one edit's snapshot:             ${oneEdit.toFixed(1)} ms`);
  console.log(
    `  rows kept: ${rows.toLocaleString("en-US")} (${changed.toLocaleString("en-US")} changes + the first ${people.toLocaleString("en-US")}); copies each month would keep ${((months + 1) * people).toLocaleString("en-US")}`,
  );
  console.log(
    `  read the history:                ${read.toFixed(0)} ms (${history.length.toLocaleString("en-US")} people)`,
  );
  console.log(`  planVariance, ${variance.months.length} months:          ${compare.toFixed(0)} ms`);
  await db.destroy();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
