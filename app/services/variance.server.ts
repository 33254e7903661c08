/**
 * Plan vs actual (issue 18): the plan of record against the roster's recorded history, as a user
 * may see it, and the re-forecast that carries the rest of the plan onto today's roster.
 */
import { formatIssue, monthOf, reforecastOf, type Scenario, type Variance } from "~/domain";
import type { DB } from "~/utils/db.server";
import { seesSalaries, type Actor, type User } from "./auth.server";
import { varianceOf } from "./compute.server";
import { getPlanOfRecord, versionsSinceAdoption, type PlanOfRecord } from "./plan-of-record.server";
import { asSeenBy, createScenario, refreshed } from "./scenarios.server";
import { ensureMonthlySnapshot, listSnapshots, loadTimelines } from "./snapshots.server";

export interface PlanVsActual {
  plan: Omit<PlanOfRecord, "scenario"> & {
    start: string;
    horizonMonths: number;
    levels: { id: string; title: string }[];
    teams: { id: string; name: string }[];
  };
  /** The scenario's versions saved after the adopted one (an admin adopts again to take them in). */
  newerVersions: { number: number; note: string; savedAt: string; savedBy: string }[];
  variance: Variance;
  /** YYYY-MM-DD: today, the day the actual figures are read at. */
  asOf: string;
  pricedAtBandMidpoints: boolean;
  /**
   * The day of the newest snapshot the history is read from. Only the day: a snapshot's count of
   * changes would tell a viewer that someone's pay changed on a day nothing else did.
   */
  latestSnapshot: string | null;
}

/** The plan of record against what happened, for `user`; null when no plan was adopted. */
export async function loadPlanVsActual(
  db: DB,
  user: User,
  { now = new Date().toISOString(), signal }: { now?: string; signal?: AbortSignal } = {},
): Promise<PlanVsActual | null> {
  await ensureMonthlySnapshot(db, { now });
  const record = await getPlanOfRecord(db);
  if (!record) return null;
  const asOf = now.slice(0, 10);
  const pricedAtBandMidpoints = !seesSalaries(user);
  const scenario = asSeenBy(user, record.scenario);
  const [history, newerVersions, snapshots] = await Promise.all([
    loadTimelines(db, { through: asOf }),
    versionsSinceAdoption(db, record),
    listSnapshots(db, { limit: 1 }),
  ]);
  const variance = await varianceOf(
    scenario,
    history,
    { adoptedFrom: record.adoptedFrom, asOf, pricedAtBandMidpoints },
    { signal },
  );
  const { scenario: _, ...plan } = record;
  return {
    plan: {
      ...plan,
      start: scenario.start,
      horizonMonths: scenario.horizonMonths,
      levels: scenario.levels.map((l) => ({ id: l.id, title: l.title })),
      teams: (scenario.teams ?? []).map((t) => ({ id: t.id, name: t.name })),
    },
    newerVersions,
    variance,
    asOf,
    pricedAtBandMidpoints,
    latestSnapshot: snapshots[0]?.takenOn ?? null,
  };
}

export type Reforecast = { ok: true; id: number; carried: number } | { ok: false; message: string };

/**
 * A new scenario from today's roster with the rest of the plan of record: its planned hires not
 * made yet (an overdue one from this month) and its other events still ahead, to the plan's end,
 * with its assumptions, level settings and goals (moved to the new start). Needs salaries (a
 * planner's), since the new scenario holds the roster's.
 */
export async function reforecast(
  db: DB,
  { actor, now = new Date().toISOString() }: { actor: Actor; now?: string },
): Promise<Reforecast> {
  const record = await getPlanOfRecord(db);
  if (!record) return { ok: false, message: "There is no plan of record to re-forecast: an admin adopts one first." };
  const asOf = now.slice(0, 10);
  const history = await loadTimelines(db, { through: asOf });
  const variance = await varianceOf(record.scenario, history, {
    adoptedFrom: record.adoptedFrom,
    asOf,
    pricedAtBandMidpoints: false,
  });
  const start = monthOf(new Date(now));
  const frame = reforecastOf(record.scenario, variance, start);
  if (!frame)
    return { ok: false, message: `The plan of record ended before ${start}: there is nothing left of it to carry.` };
  const base: Scenario = { ...record.scenario, goals: frame.goals };
  if (!frame.goals) delete base.goals;
  const { parsed, preview } = await refreshed(db, { scenario: base }, false, frame);
  if (!parsed.ok)
    return {
      ok: false,
      message: `The re-forecast does not fit today's roster and ladder: ${parsed.issues.map(formatIssue).join("; ")}`,
    };
  const id = await createScenario(db, {
    scenario: {
      ...parsed.scenario,
      description: `Re-forecast of "${record.scenarioName}" (version ${record.versionNumber}, the plan of record) from today's roster: its ${preview.events} events still to come.`,
    },
    source: "roster",
    actor,
    now,
    action: "create",
    summary: `Re-forecast the plan of record "${record.scenarioName}" from ${start}`,
  });
  return { ok: true, id, carried: preview.events };
}
