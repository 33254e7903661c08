/**
 * STAND-IN until app/services/plan-of-record.server.ts (issue 18, the plan of record) is on main:
 * the same `getPlanOfRecord(db)` signature, reading the newest `plan_adoption` row when that table
 * exists and null otherwise. requests.server.ts imports it; once the real service lands, import
 * from "./plan-of-record.server" there instead and delete this file.
 */
import { sql } from "kysely";
import type { Scenario } from "~/domain";
import type { DB } from "~/utils/db.server";

export interface PlanOfRecord {
  id: number;
  scenarioId: number | null;
  scenarioName: string;
  versionNumber: number;
  scenario: Scenario;
  adoptedFrom: string;
  adoptedAt: string;
  adoptedBy: string;
}

interface AdoptionRow {
  id: number;
  scenario_id: number | null;
  scenario_name: string;
  version_number: number;
  document: string;
  adopted_from: string;
  adopted_at: string;
  adopted_by: string;
}

export async function getPlanOfRecord(db: DB): Promise<PlanOfRecord | null> {
  let rows: AdoptionRow[];
  try {
    rows = (await sql<AdoptionRow>`select * from plan_adoption order by id desc limit 1`.execute(db)).rows;
  } catch (error) {
    if (error instanceof Error && /no such table/.test(error.message)) return null;
    throw error;
  }
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    scenarioId: row.scenario_id,
    scenarioName: row.scenario_name,
    versionNumber: row.version_number,
    scenario: JSON.parse(row.document) as Scenario,
    adoptedFrom: row.adopted_from,
    adoptedAt: row.adopted_at,
    adoptedBy: row.adopted_by,
  };
}
