/**
 * Saved scenarios: each row holds a whole teamshape.scenario/v1 document (a snapshot of the team
 * and ladder when it was made), so later roster edits never change a saved plan.
 */
import {
  formatIssue,
  mustParseScenario,
  parseScenario,
  parseScenarioJson,
  projectScenario,
  rosterScenarioInput,
  rosterTeam,
  levelForScenario,
  SCENARIO_FORMAT,
  findMembers,
  indexMembers,
  type ProjectionSummary,
  type Scenario,
  type ScenarioInput,
  type ScenarioIssue,
} from "~/domain";
import type { ScenarioRow } from "../../db/schema";
import type { DB } from "~/utils/db.server";
import { listEngineers } from "./engineers.server";
import { listLevels } from "./ladder.server";

export type ScenarioSource = ScenarioRow["source"];

export interface StoredScenario {
  id: number;
  source: ScenarioSource;
  archived: boolean;
  version: number;
  updatedAt: string;
  scenario: Scenario;
}

export interface ScenarioListItem {
  id: number;
  name: string;
  description: string;
  source: ScenarioSource;
  archived: boolean;
  updatedAt: string;
  start: string;
  horizonMonths: number;
  summary: ProjectionSummary;
}

function rowToStored(row: ScenarioRow): StoredScenario {
  return {
    id: row.id,
    source: row.source,
    archived: row.archived_at !== null,
    version: row.version,
    updatedAt: row.updated_at,
    // Documents are validated before they are written; a failure here is a bug, not bad input.
    scenario: mustParseScenario(JSON.parse(row.document)),
  };
}

function scenariosInListOrder(db: DB, archived: boolean) {
  const query = db.selectFrom("scenario").orderBy("updated_at", "desc").orderBy("id", "desc");
  return archived ? query.where("archived_at", "is not", null) : query.where("archived_at", "is", null);
}

/** Active scenarios' ids and names in list order, without projecting them. */
export async function listScenarioNames(db: DB): Promise<{ id: number; name: string }[]> {
  return scenariosInListOrder(db, false).select(["id", "name"]).execute();
}

/** Saved scenarios with their headline figures, newest first; archived ones only when asked. */
export async function listScenarios(db: DB, { archived = false }: { archived?: boolean } = {}): Promise<ScenarioListItem[]> {
  return (await scenariosInListOrder(db, archived).selectAll().execute()).map((row) => {
    const { scenario, ...stored } = rowToStored(row);
    return {
      id: stored.id,
      name: scenario.name,
      description: scenario.description ?? "",
      source: stored.source,
      archived: stored.archived,
      updatedAt: stored.updatedAt,
      start: scenario.start,
      horizonMonths: scenario.horizonMonths,
      summary: projectScenario(scenario).summary,
    };
  });
}

export async function getScenario(db: DB, { id }: { id: number }): Promise<StoredScenario | undefined> {
  const row = await db.selectFrom("scenario").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? rowToStored(row) : undefined;
}

/** Stores a validated scenario; returns its id. */
export async function createScenario(db: DB, { scenario, source, now = new Date().toISOString() }: { scenario: Scenario; source: ScenarioSource; now?: string }): Promise<number> {
  const { id } = await db
    .insertInto("scenario")
    .values({ name: scenario.name, description: scenario.description ?? "", document: JSON.stringify(scenario), source, created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export interface ScenarioFrame {
  name: string;
  description?: string;
  start: string;
  horizonMonths: number;
  step?: Scenario["step"];
  plan?: ScenarioInput["plan"];
  assumptions?: ScenarioInput["assumptions"];
}

/** A scenario of the team as it stands: a snapshot of the roster and the ladder. */
export async function createScenarioFromRoster(db: DB, { frame, now }: { frame: ScenarioFrame; now?: string }): Promise<number> {
  const [levels, engineers] = await Promise.all([listLevels(db), listEngineers(db)]);
  const scenario = mustParseScenario(rosterScenarioInput({ levels, engineers, ...frame }));
  return createScenario(db, { scenario, source: "roster", now });
}

export interface Cohort {
  levelId: string;
  count: number;
  salary: number;
}

/** A top-down plan: cohorts per level ("12 x L1 at 105k") on the current ladder. */
export async function createScenarioFromCohorts(db: DB, { frame, cohorts, now }: { frame: ScenarioFrame; cohorts: Cohort[]; now?: string }): Promise<number> {
  const levels = await listLevels(db);
  const scenario = mustParseScenario({
    format: SCENARIO_FORMAT,
    step: "month",
    plan: [],
    ...frame,
    levels: levels.map(levelForScenario),
    team: cohorts.filter((c) => c.count > 0).map((c) => ({ id: `${c.levelId.toLowerCase()}-cohort`, name: `${c.levelId} cohort`, level: c.levelId, count: c.count, salary: c.salary })),
  });
  return createScenario(db, { scenario, source: "cohorts", now });
}

/** Replaces a scenario's document (already validated); false when no such scenario. */
export async function saveScenario(db: DB, { id, scenario, now = new Date().toISOString() }: { id: number; scenario: Scenario; now?: string }): Promise<boolean> {
  const result = await db
    .updateTable("scenario")
    .set((eb) => ({ name: scenario.name, description: scenario.description ?? "", document: JSON.stringify(scenario), version: eb("version", "+", 1), updated_at: now }))
    .where("id", "=", id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Takes the team and ladder of a roster scenario afresh from the roster, keeping its plan and
 * assumptions. Promotions and departures of people no longer on the roster are dropped; returns
 * how many.
 */
export async function refreshFromRoster(db: DB, { id, now }: { id: number; now?: string }): Promise<{ dropped: number } | undefined> {
  const stored = await getScenario(db, { id });
  if (!stored) return undefined;
  const [levels, engineers] = await Promise.all([listLevels(db), listEngineers(db)]);
  const team = rosterTeam(engineers);
  const members = indexMembers(team);
  const levelIds = new Set(levels.map((l) => l.id));
  const plan = stored.scenario.plan.filter((event) => (event.type === "hire" ? levelIds.has(event.level) : findMembers(members, event.member).length === 1));
  const backfillLevel = stored.scenario.assumptions.backfill.level;
  const assumptions = {
    ...stored.scenario.assumptions,
    backfill: { ...stored.scenario.assumptions.backfill, level: backfillLevel === "same" || backfillLevel === "below" || levelIds.has(backfillLevel) ? backfillLevel : "same" },
  };
  const scenario = mustParseScenario({ ...stored.scenario, levels: levels.map(levelForScenario), team, plan, assumptions });
  await saveScenario(db, { id, scenario, now });
  return { dropped: stored.scenario.plan.length - plan.length };
}

export async function duplicateScenario(db: DB, { id, now }: { id: number; now?: string }): Promise<number | undefined> {
  const stored = await getScenario(db, { id });
  if (!stored) return undefined;
  const scenario = mustParseScenario({ ...stored.scenario, name: `Copy of ${stored.scenario.name}`.slice(0, 200) });
  return createScenario(db, { scenario, source: stored.source, now });
}

export async function setScenarioArchived(db: DB, { id, archived, now = new Date().toISOString() }: { id: number; archived: boolean; now?: string }): Promise<boolean> {
  const result = await db
    .updateTable("scenario")
    .set({ archived_at: archived ? now : null, updated_at: now })
    .where("id", "=", id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteScenario(db: DB, { id }: { id: number }): Promise<boolean> {
  const result = await db.deleteFrom("scenario").where("id", "=", id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export type ImportResult = { ok: true; id: number } | { ok: false; issues: ScenarioIssue[] };

/** Imports a scenario file's text; an invalid file is refused with the engine's messages and nothing is written. */
export async function importScenario(db: DB, { text, now }: { text: string; now?: string }): Promise<ImportResult> {
  const parsed = parseScenarioJson(text.replace(/^\uFEFF/, ""));
  if (!parsed.ok) return parsed;
  return { ok: true, id: await createScenario(db, { scenario: parsed.scenario, source: parsed.scenario.team.every((t) => t.count === 1) ? "roster" : "cohorts", now }) };
}

/** The scenario file, as exported: every default written out, so it reproduces the same numbers anywhere. */
export function scenarioFileText(scenario: Scenario): string {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

/** A file-name-safe slug: "Hire 2 seniors!" -> "hire-2-seniors". */
export function slugify(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "scenario"
  );
}

/** Validates an edited document (from the what-if page) with the engine's own schema. */
export function validateScenarioDocument(input: unknown): { ok: true; scenario: Scenario } | { ok: false; messages: string[] } {
  const parsed = parseScenario(input);
  return parsed.ok ? parsed : { ok: false, messages: parsed.issues.map(formatIssue) };
}
