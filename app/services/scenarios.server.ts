/**
 * Saved scenarios: each row holds a whole teamshape.scenario/v1 document (a snapshot of the team
 * and ladder when it was made), so later roster edits never change a saved plan.
 */
import {
  atBandMidpoints,
  formatIssue,
  mustParseScenario,
  rosterScenarioInput,
  levelForScenario,
  SCENARIO_FORMAT,
  findMembers,
  fitPlanToRoster,
  indexMembers,
  teamKey,
  type ProjectionSummary,
  type Scenario,
  type ScenarioInput,
  type ScenarioIssue,
} from "~/domain";
import type { ScenarioRow } from "../../db/schema";
import { inTransaction, readThrough, type DB } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { seesSalaries, SYSTEM, type User } from "./auth.server";
import { difference, MISSING, type Change, type Saved } from "./changes.server";
import { listEngineers } from "./engineers.server";
import { projectionOf, validateScenarioText } from "./compute.server";
import { listLevels } from "./ladder.server";
import { rosterTeams } from "./teams.server";

export type ScenarioSource = ScenarioRow["source"];

export interface StoredScenario {
  id: number;
  source: ScenarioSource;
  archived: boolean;
  version: number;
  updatedAt: string;
  updatedBy: string;
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
    updatedBy: row.updated_by,
    // Documents are validated (every default written out) before they are stored, so reading one
    // needs no second validation, which for a large document would block the event loop.
    scenario: JSON.parse(row.document) as Scenario,
  };
}

function scenariosInListOrder(db: DB, archived: boolean) {
  const query = db.selectFrom("scenario").orderBy("updated_at", "desc").orderBy("id", "desc");
  return archived ? query.where("archived_at", "is not", null) : query.where("archived_at", "is", null);
}

/** Active scenarios' ids and names in list order, without projecting them. */
export function listScenarioNames(db: DB): Promise<{ id: number; name: string }[]> {
  return scenariosInListOrder(db, false).select(["id", "name"]).execute();
}

/** The saved (or archived) scenarios with their headline figures, priced for `user` (see `asSeenBy`). */
export async function listScenarios(
  db: DB,
  { archived = false, user, signal }: { archived?: boolean; user?: User; signal?: AbortSignal } = {},
): Promise<ScenarioListItem[]> {
  const stored = (await scenariosInListOrder(db, archived).selectAll().execute()).map(rowToStored);
  const items = stored.map(async ({ scenario: document, ...stored }): Promise<ScenarioListItem> => {
    const scenario = user ? asSeenBy(user, document) : document;
    return {
      id: stored.id,
      name: scenario.name,
      description: scenario.description ?? "",
      source: stored.source,
      archived: stored.archived,
      updatedAt: stored.updatedAt,
      start: scenario.start,
      horizonMonths: scenario.horizonMonths,
      summary: (await projectionOf(scenario, { signal })).summary,
    };
  });
  return Promise.all(items);
}

/**
 * A scenario as a user may see it. Planners and admins get the document; viewers get it priced at
 * each level's band midpoint (`atBandMidpoints`), so every figure they receive follows from what
 * the ladder publishes and no arithmetic on them can give anyone's salary.
 */
export const asSeenBy = (user: User, scenario: Scenario): Scenario =>
  seesSalaries(user) ? scenario : atBandMidpoints(scenario);

/** A stored scenario for one user: the document as they may see it, and whether it is priced at band midpoints. */
export interface ScenarioView extends StoredScenario {
  pricedAtBandMidpoints: boolean;
}

export const viewOf = (user: User, stored: StoredScenario): ScenarioView => ({
  ...stored,
  scenario: asSeenBy(user, stored.scenario),
  pricedAtBandMidpoints: !seesSalaries(user),
});

/** A saved scenario for a page or download, as the user may see it: 404 when missing. */
export async function requireScenario(db: DB, user: User, id: number): Promise<ScenarioView> {
  const stored = await getScenario(db, { id });
  if (!stored) throw new Response("Scenario not found", { status: 404 });
  return viewOf(user, stored);
}

export function getScenario(db: DB, { id }: { id: number }): Promise<StoredScenario | undefined> {
  return readThrough(db, `scenario ${id}`, async () => {
    const row = await db.selectFrom("scenario").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? rowToStored(row) : undefined;
  });
}

/** Stores a validated scenario, audited; returns its id. */
export async function createScenario(
  db: DB,
  {
    scenario,
    source,
    actor = SYSTEM,
    now = new Date().toISOString(),
    action = "create",
    summary,
  }: { scenario: Scenario; source: ScenarioSource; action?: string; summary?: string } & Change,
): Promise<number> {
  return inTransaction(db, async (trx) => {
    const { id } = await trx
      .insertInto("scenario")
      .values({
        name: scenario.name,
        description: scenario.description ?? "",
        document: JSON.stringify(scenario),
        source,
        created_at: now,
        updated_at: now,
        updated_by: actor.name,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      at: now,
      action,
      entity: "scenario",
      entityId: id,
      summary: summary ?? `Created scenario "${scenario.name}"`,
      after: { name: scenario.name, source },
    });
    return id;
  });
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
export async function createScenarioFromRoster(
  db: DB,
  { frame, actor, now }: { frame: ScenarioFrame } & Change,
): Promise<number> {
  const [levels, engineers, teams] = await Promise.all([listLevels(db), listEngineers(db), rosterTeams(db)]);
  // With teams, a hire that names none joins the first (MODEL.md section 6: every hire names a team).
  const { plan } = fitPlanToRoster(frame.plan ?? [], {
    levelIds: new Set(levels.map((l) => l.id)),
    isMember: () => true,
    teamIds: teams.map((t) => teamKey(t.id)),
  });
  const scenario = mustParseScenario(rosterScenarioInput({ levels, engineers, teams, ...frame, plan }));
  return createScenario(db, { scenario, source: "roster", actor, now });
}

export interface Cohort {
  levelId: string;
  count: number;
  salary: number;
}

/** A top-down plan: cohorts per level ("12 x L1 at 105k") on the current ladder. */
export async function createScenarioFromCohorts(
  db: DB,
  { frame, cohorts, actor, now }: { frame: ScenarioFrame; cohorts: Cohort[] } & Change,
): Promise<number> {
  const levels = await listLevels(db);
  const scenario = mustParseScenario({
    format: SCENARIO_FORMAT,
    step: "month",
    plan: [],
    ...frame,
    levels: levels.map(levelForScenario),
    team: cohorts
      .filter((c) => c.count > 0)
      .map((c) => ({
        id: `${c.levelId.toLowerCase()}-cohort`,
        name: `${c.levelId} cohort`,
        level: c.levelId,
        count: c.count,
        salary: c.salary,
      })),
  });
  return createScenario(db, { scenario, source: "cohorts", actor, now });
}

/**
 * Replaces a scenario's document (already validated), audited with the parts that changed. With
 * `expectedVersion`, a save based on an older version is refused.
 */
export async function saveScenario(
  db: DB,
  {
    id,
    scenario,
    expectedVersion,
    actor = SYSTEM,
    now = new Date().toISOString(),
    action = "update",
  }: { id: number; scenario: Scenario; expectedVersion?: number; action?: string } & Change,
): Promise<Saved> {
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom("scenario").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return MISSING;
    if (expectedVersion !== undefined && row.version !== expectedVersion)
      return { ok: false, reason: "conflict", by: row.updated_by, at: row.updated_at };
    const changed = difference(
      JSON.parse(row.document) as Record<string, unknown>,
      scenario as unknown as Record<string, unknown>,
    );
    if (!changed) return { ok: true };
    await trx
      .updateTable("scenario")
      .set((eb) => ({
        name: scenario.name,
        description: scenario.description ?? "",
        document: JSON.stringify(scenario),
        version: eb("version", "+", 1),
        updated_at: now,
        updated_by: actor.name,
      }))
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, {
      actor,
      at: now,
      action,
      entity: "scenario",
      entityId: id,
      summary: `Changed ${Object.keys(changed.after).join(", ")} of scenario "${row.name}"`,
      ...changed,
    });
    return { ok: true };
  });
}

/**
 * Takes the team and ladder of a roster scenario afresh from the roster, keeping its plan and
 * assumptions. Events for people no longer on the roster are dropped, and hires whose team is gone
 * join the first team; returns how many of each.
 */
export async function refreshFromRoster(
  db: DB,
  { id, expectedVersion, actor, now }: { id: number; expectedVersion?: number } & Change,
): Promise<(Saved & { dropped: number; placed: number }) | undefined> {
  const stored = await getScenario(db, { id });
  if (!stored) return undefined;
  const [levels, engineers, teams] = await Promise.all([listLevels(db), listEngineers(db), rosterTeams(db)]);
  const { name, start, horizonMonths } = stored.scenario;
  const roster = rosterScenarioInput({ levels, engineers, teams, name, start, horizonMonths });
  const members = indexMembers(roster.team ?? []);
  const levelIds = new Set(levels.map((l) => l.id));
  const { plan, dropped, placed } = fitPlanToRoster(stored.scenario.plan, {
    levelIds,
    isMember: (member) => findMembers(members, member).length === 1,
    teamIds: (roster.teams ?? []).map((t) => t.id),
  });
  const backfillLevel = stored.scenario.assumptions.backfill.level;
  const assumptions = {
    ...stored.scenario.assumptions,
    backfill: {
      ...stored.scenario.assumptions.backfill,
      level:
        backfillLevel === "same" || backfillLevel === "below" || levelIds.has(backfillLevel) ? backfillLevel : "same",
    },
  };
  // The roster's team, ladder and teams (none when the workspace has none); the scenario's own plan and assumptions.
  const scenario = mustParseScenario({
    ...stored.scenario,
    levels: roster.levels,
    teams: roster.teams,
    team: roster.team,
    plan,
    assumptions,
  });
  // Checked against the version the user saw, or the one just read: a save in between is never overwritten.
  const saved = await saveScenario(db, {
    id,
    scenario,
    expectedVersion: expectedVersion ?? stored.version,
    actor,
    now,
    action: "refresh from roster",
  });
  return { ...saved, dropped, placed };
}

export async function duplicateScenario(
  db: DB,
  { id, actor, now }: { id: number } & Change,
): Promise<number | undefined> {
  const stored = await getScenario(db, { id });
  if (!stored) return undefined;
  const scenario = mustParseScenario({ ...stored.scenario, name: `Copy of ${stored.scenario.name}`.slice(0, 200) });
  return createScenario(db, {
    scenario,
    source: stored.source,
    actor,
    now,
    action: "duplicate",
    summary: `Duplicated scenario "${stored.scenario.name}"`,
  });
}

export async function setScenarioArchived(
  db: DB,
  { id, archived, actor = SYSTEM, now = new Date().toISOString() }: { id: number; archived: boolean } & Change,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable("scenario")
      .set((eb) => ({
        archived_at: archived ? now : null,
        updated_at: now,
        updated_by: actor.name,
        version: eb("version", "+", 1),
      }))
      .where("id", "=", id)
      .returning("name")
      .executeTakeFirst();
    if (!result) return false;
    await recordAudit(trx, {
      actor,
      at: now,
      action: archived ? "archive" : "restore",
      entity: "scenario",
      entityId: id,
      summary: `${archived ? "Archived" : "Restored"} scenario "${result.name}"`,
    });
    return true;
  });
}

export async function deleteScenario(
  db: DB,
  { id, actor = SYSTEM, now = new Date().toISOString() }: { id: number } & Change,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom("scenario").select(["name", "source"]).where("id", "=", id).executeTakeFirst();
    if (!row) return false;
    await trx.deleteFrom("scenario").where("id", "=", id).execute();
    await recordAudit(trx, {
      actor,
      at: now,
      action: "delete",
      entity: "scenario",
      entityId: id,
      summary: `Deleted scenario "${row.name}"`,
      before: { name: row.name, source: row.source },
    });
    return true;
  });
}

export type ImportResult = { ok: true; id: number } | { ok: false; issues: ScenarioIssue[] };

/** Imports a scenario file's text; an invalid file is refused with the engine's messages and nothing is written. */
export async function importScenario(
  db: DB,
  { text, actor, now, signal }: { text: string; signal?: AbortSignal } & Change,
): Promise<ImportResult> {
  const parsed = await validateScenarioText(text, { signal });
  if (!parsed.ok) return parsed;
  const source = parsed.scenario.team.every((t) => t.count === 1) ? "roster" : "cohorts";
  return {
    ok: true,
    id: await createScenario(db, {
      scenario: parsed.scenario,
      source,
      actor,
      now,
      action: "import",
      summary: `Imported scenario "${parsed.scenario.name}" from a file`,
    }),
  };
}

/** The scenario file, as exported: every default written out, so it reproduces the same numbers anywhere. */
export function scenarioFileText(scenario: Scenario): string {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

export { slugify } from "~/utils/slug";

/** Validates an edited document's text (from the what-if page) with the engine's own schema and the work limits. */
export async function validateScenarioDocument(
  text: string,
  { signal }: { signal?: AbortSignal } = {},
): Promise<{ ok: true; scenario: Scenario } | { ok: false; messages: string[] }> {
  const parsed = await validateScenarioText(text, { signal });
  return parsed.ok ? parsed : { ok: false, messages: parsed.issues.map(formatIssue) };
}
