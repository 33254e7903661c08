/**
 * The plan of record (issue 18): the saved scenario an admin adopted, from a day, as the plan the
 * org is held to. An adoption copies the scenario's newest kept version, so later edits (they make
 * new versions, which must be adopted again) and the pruning of old versions never change it. The
 * newest adoption is the plan of record; each is audited.
 */
import { addMonths, type Scenario } from "~/domain";
import { inTransaction, type DB } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { SYSTEM } from "./auth.server";
import type { Change } from "./changes.server";

export interface PlanOfRecord {
  id: number;
  /** Null once the scenario was deleted: the adopted document stays. */
  scenarioId: number | null;
  scenarioName: string;
  /** The scenario version adopted. */
  versionNumber: number;
  /** The adopted version's document, frozen. */
  scenario: Scenario;
  /** YYYY-MM-DD: what happens from this day on is held against the plan. */
  adoptedFrom: string;
  note: string;
  adoptedAt: string;
  adoptedBy: string;
}

type AdoptionRow = {
  id: number;
  scenario_id: number | null;
  scenario_name: string;
  version_number: number;
  document: string;
  adopted_from: string;
  note: string;
  adopted_at: string;
  adopted_by: string;
};

const planOf = (row: AdoptionRow): PlanOfRecord => ({
  id: row.id,
  scenarioId: row.scenario_id,
  scenarioName: row.scenario_name,
  versionNumber: row.version_number,
  scenario: JSON.parse(row.document) as Scenario,
  adoptedFrom: row.adopted_from,
  note: row.note,
  adoptedAt: row.adopted_at,
  adoptedBy: row.adopted_by,
});

/** The plan of record: the newest adoption, or null when no plan was ever adopted. */
export async function getPlanOfRecord(db: DB): Promise<PlanOfRecord | null> {
  const row = await db.selectFrom("plan_adoption").selectAll().orderBy("id", "desc").limit(1).executeTakeFirst();
  return row ? planOf(row) : null;
}

/** An adoption in the history, without its document. */
export type AdoptionItem = Omit<PlanOfRecord, "scenario">;

/** Every adoption, newest first (at most `limit`). */
export async function listAdoptions(db: DB, { limit = 50 } = {}): Promise<AdoptionItem[]> {
  const rows = await db
    .selectFrom("plan_adoption")
    .select([
      "id",
      "scenario_id",
      "scenario_name",
      "version_number",
      "adopted_from",
      "note",
      "adopted_at",
      "adopted_by",
    ])
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => {
    const { scenario: _, ...item } = planOf({ ...row, document: "null" });
    return item;
  });
}

/** The scenario's versions saved after the adopted one: what adopting again would take in. */
export async function versionsSinceAdoption(
  db: DB,
  plan: Pick<PlanOfRecord, "scenarioId" | "versionNumber">,
): Promise<{ number: number; note: string; savedAt: string; savedBy: string }[]> {
  if (plan.scenarioId === null) return [];
  const rows = await db
    .selectFrom("scenario_version")
    .select(["number", "note", "saved_at", "saved_by"])
    .where("scenario_id", "=", plan.scenarioId)
    .where("number", ">", plan.versionNumber)
    .orderBy("number")
    .limit(100)
    .execute();
  return rows.map((r) => ({ number: r.number, note: r.note, savedAt: r.saved_at, savedBy: r.saved_by }));
}

export type Adopted =
  { ok: true; id: number; versionNumber: number } | { ok: false; field?: "adoptedFrom"; message: string };

/**
 * Adopts the scenario's newest saved version as the plan of record from `adoptedFrom`
 * (YYYY-MM-DD, inside the plan's months), audited. Refused when someone saved the scenario after
 * `expectedVersion` (the admin would adopt what they have not seen), or the day is outside the plan.
 */
export async function adoptPlan(
  db: DB,
  {
    scenarioId,
    adoptedFrom,
    note = "",
    expectedVersion,
    actor = SYSTEM,
    now = new Date().toISOString(),
  }: { scenarioId: number; adoptedFrom: string; note?: string; expectedVersion?: number } & Change,
): Promise<Adopted> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("scenario")
      .select(["id", "name", "version", "updated_by", "updated_at", "archived_at"])
      .where("id", "=", scenarioId)
      .executeTakeFirst();
    if (!row) return { ok: false, message: "That scenario no longer exists." };
    if (row.archived_at !== null)
      return { ok: false, message: "An archived scenario cannot be the plan of record: restore it first." };
    if (expectedVersion !== undefined && row.version !== expectedVersion)
      return {
        ok: false,
        message: `Changed by ${row.updated_by || "someone else"} at ${row.updated_at.slice(0, 16).replace("T", " ")} UTC, after you opened this page. Nothing was adopted: reload to see the changes, then adopt it.`,
      };
    const kept = await trx
      .selectFrom("scenario_version")
      .select(["number", "document"])
      .where("scenario_id", "=", scenarioId)
      .orderBy("number", "desc")
      .limit(1)
      .executeTakeFirst();
    if (!kept) return { ok: false, message: "Save the scenario first: a plan of record is a saved version." };
    const scenario = JSON.parse(kept.document) as Scenario;
    const first = scenario.start;
    const last = addMonths(scenario.start, scenario.horizonMonths - 1);
    const month = adoptedFrom.slice(0, 7);
    if (month < first || month > last)
      return {
        ok: false,
        field: "adoptedFrom",
        message: `Choose a day inside the plan's months, ${first} to ${last}: the plan says nothing about ${month}.`,
      };
    const { id } = await trx
      .insertInto("plan_adoption")
      .values({
        scenario_id: scenarioId,
        scenario_name: row.name,
        version_number: kept.number,
        document: kept.document,
        adopted_from: adoptedFrom,
        note,
        adopted_at: now,
        adopted_by: actor.name,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      at: now,
      action: "adopt",
      entity: "plan",
      entityId: id,
      summary: `Adopted version ${kept.number} of "${row.name}" as the plan of record from ${adoptedFrom}`,
      after: { scenarioId, versionNumber: kept.number, adoptedFrom, note },
    });
    return { ok: true, id, versionNumber: kept.number };
  });
}
