/**
 * Saved scenarios: each row holds a whole teamshape.scenario/v1 document (a snapshot of the team
 * and ladder when it was made), so later roster edits never change a saved plan.
 */
import type { LevelDifference, RefreshPreview } from "~/utils/refresh-preview";
import {
  atBandMidpoints,
  formatIssue,
  mustParseScenario,
  parseScenario,
  rosterScenarioInput,
  levelForScenario,
  createdScenarioAssumptions,
  SCENARIO_FORMAT,
  findMembers,
  fitPlanToRoster,
  indexMembers,
  teamKey,
  type ProjectionSummary,
  type Scenario,
  type ScenarioInput,
  type ScenarioIssue,
  type Level,
} from "~/domain";
import type { ScenarioRow } from "../../db/schema";
import { inTransaction, readThrough, type DB } from "~/utils/db.server";
import { SCENARIO_VERSIONS_KEPT, SHARE_LINK_SMALL_GROUP } from "~/utils/limits";
import { recordAudit } from "./audit.server";
import { seesSalaries, SYSTEM, type User } from "./auth.server";
import { difference, MISSING, type Change, type Saved } from "./changes.server";
import { listEngineers } from "./engineers.server";
import { projectionOf, validateScenarioText } from "./compute.server";
import { getHiringSettings } from "./hiring.server";
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
  seesSalaries(user)
    ? scenario
    : atBandMidpoints(scenario, user.readsShareLink ? { poolBelow: SHARE_LINK_SMALL_GROUP } : {});

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
    await keepVersion(trx, { id, document: JSON.stringify(scenario), note: NOTES[action] ?? "Created", actor, now });
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

/**
 * A scenario of the team as it stands: a snapshot of the roster (each engineer's tenure at the
 * plan's start from their start date) and the ladder, with the workspace's hiring settings.
 */
export async function createScenarioFromRoster(
  db: DB,
  { frame, actor, now }: { frame: ScenarioFrame } & Change,
): Promise<number> {
  const [levels, engineers, teams, hiring] = await Promise.all([
    listLevels(db),
    listEngineers(db),
    rosterTeams(db),
    getHiringSettings(db),
  ]);
  // With teams, a hire that names none joins the first (MODEL.md section 6: every hire names a team).
  const { plan } = fitPlanToRoster(frame.plan ?? [], {
    levelIds: new Set(levels.map((l) => l.id)),
    isMember: () => true,
    teamIds: teams.map((t) => teamKey(t.id)),
  });
  const assumptions = createdScenarioAssumptions(frame.assumptions, hiring);
  const scenario = mustParseScenario(rosterScenarioInput({ levels, engineers, teams, ...frame, plan, assumptions }));
  return createScenario(db, { scenario, source: "roster", actor, now });
}

export interface Cohort {
  levelId: string;
  count: number;
  salary: number;
}

/**
 * A top-down plan: cohorts per level ("12 x L1 at 105k") on the current ladder, with the
 * workspace's hiring settings (a cohort has no start date: tenured).
 */
export async function createScenarioFromCohorts(
  db: DB,
  { frame, cohorts, actor, now }: { frame: ScenarioFrame; cohorts: Cohort[] } & Change,
): Promise<number> {
  const [levels, hiring] = await Promise.all([listLevels(db), getHiringSettings(db)]);
  const scenario = mustParseScenario({
    format: SCENARIO_FORMAT,
    step: "month",
    plan: [],
    ...frame,
    assumptions: createdScenarioAssumptions(frame.assumptions, hiring),
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

/** What a kept version says it was, by the action that made it (a plain save says what changed). */
const NOTES: Record<string, string> = {
  create: "Created",
  duplicate: "Created as a copy",
  import: "Imported from a file",
  "refresh from roster": "Team refreshed from the roster",
  "plan for me": "Created by Plan for me",
};

/** A document's parts, in the words of the scenario page. */
const PARTS: Record<string, string> = {
  name: "the name",
  description: "the description",
  start: "the start",
  horizonMonths: "the horizon",
  step: "the step",
  levels: "the level settings",
  team: "the team",
  teams: "the teams",
  plan: "the plan",
  goals: "the goals",
  assumptions: "the assumptions",
  monteCarlo: "the simulation",
};

/**
 * Keeps `document` as the scenario's next version (1, 2, 3...), and drops the versions older than
 * the newest SCENARIO_VERSIONS_KEPT; returns the new version's number.
 */
async function keepVersion(
  trx: DB,
  {
    id,
    document,
    note,
    actor,
    now,
  }: { id: number; document: string; note: string; actor: { name: string }; now: string },
): Promise<number> {
  const last = await trx
    .selectFrom("scenario_version")
    .select((eb) => eb.fn.max("number").as("number"))
    .where("scenario_id", "=", id)
    .executeTakeFirst();
  const number = Number(last?.number ?? 0) + 1;
  await trx
    .insertInto("scenario_version")
    .values({ scenario_id: id, number, document, note, saved_at: now, saved_by: actor.name })
    .execute();
  await trx
    .deleteFrom("scenario_version")
    .where("scenario_id", "=", id)
    .where("number", "<=", number - SCENARIO_VERSIONS_KEPT)
    .execute();
  return number;
}

/**
 * Replaces a scenario's document (already validated), audited with the parts that changed, and
 * kept as a new version. With `expectedVersion`, a save based on an older version is refused.
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
    summary,
    note,
  }: {
    id: number;
    scenario: Scenario;
    expectedVersion?: number;
    action?: string;
    /** The audit line; by default, the parts that changed. */
    summary?: string;
    /** What the kept version says it was; by default, the parts that changed. */
    note?: string;
  } & Change,
): Promise<Saved> {
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom("scenario").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return MISSING;
    if (expectedVersion !== undefined && row.version !== expectedVersion)
      return { ok: false, reason: "conflict", by: row.updated_by, at: row.updated_at };
    const before = JSON.parse(row.document) as Record<string, unknown>;
    // A part the new document leaves out (a restored version without teams) counts as changed too.
    const gaps = Object.fromEntries(Object.keys(before).map((key) => [key, undefined]));
    const changed = difference(before, { ...gaps, ...(scenario as unknown as Record<string, unknown>) });
    if (!changed) return { ok: true };
    const parts = Object.keys(changed.after).join(", ");
    const words = Object.keys(changed.after).map((key) => PARTS[key] ?? key);
    const partsInWords = words.length > 1 ? `${words.slice(0, -1).join(", ")} and ${words.at(-1)}` : words.join("");
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
      summary: summary ?? `Changed ${parts} of scenario "${row.name}"`,
      ...changed,
    });
    await keepVersion(trx, {
      id,
      document: JSON.stringify(scenario),
      note: note ?? NOTES[action] ?? `Changed ${partsInWords}`,
      actor,
      now,
    });
    return { ok: true };
  });
}

/** One kept version of a scenario, without its document (which may be large). */
export interface ScenarioVersionItem {
  number: number;
  note: string;
  savedAt: string;
  savedBy: string;
}

/** A page of a scenario's kept versions, newest first, and how many it keeps in all. */
export async function listScenarioVersions(
  db: DB,
  { id, page = 1, perPage }: { id: number; page?: number; perPage: number },
): Promise<{ versions: ScenarioVersionItem[]; total: number; newest: number }> {
  const [rows, counted] = await Promise.all([
    db
      .selectFrom("scenario_version")
      .select(["number", "note", "saved_at", "saved_by"])
      .where("scenario_id", "=", id)
      .orderBy("number", "desc")
      .limit(perPage)
      .offset((Math.max(1, page) - 1) * perPage)
      .execute(),
    db
      .selectFrom("scenario_version")
      .select((eb) => [eb.fn.countAll().as("total"), eb.fn.max("number").as("newest")])
      .where("scenario_id", "=", id)
      .executeTakeFirst(),
  ]);
  return {
    versions: rows.map((r) => ({ number: r.number, note: r.note, savedAt: r.saved_at, savedBy: r.saved_by })),
    total: Number(counted?.total ?? 0),
    newest: Number(counted?.newest ?? 0),
  };
}

/**
 * Makes a kept version the scenario's document again, as a new version (history is never
 * rewritten), audited. Refused like any save when someone saved after `expectedVersion`.
 */
export async function restoreScenarioVersion(
  db: DB,
  {
    id,
    number,
    expectedVersion,
    actor = SYSTEM,
    now = new Date().toISOString(),
  }: { id: number; number: number; expectedVersion?: number } & Change,
): Promise<Saved | { ok: false; reason: "no such version" }> {
  const kept = await db
    .selectFrom("scenario_version")
    .select("document")
    .where("scenario_id", "=", id)
    .where("number", "=", number)
    .executeTakeFirst();
  if (!kept) {
    const exists = await db.selectFrom("scenario").select("id").where("id", "=", id).executeTakeFirst();
    return exists ? { ok: false, reason: "no such version" } : MISSING;
  }
  const scenario = JSON.parse(kept.document) as Scenario;
  return saveScenario(db, {
    id,
    scenario,
    expectedVersion,
    actor,
    now,
    action: "restore version",
    summary: `Restored version ${number} of scenario "${scenario.name}"`,
    note: `Restored version ${number}`,
  });
}

/** The level settings a scenario may hold apart from the ladder (the what-if page's levels table). */
const LEVEL_SETTINGS: { setting: string; unit: LevelDifference["unit"]; read: (l: Level) => number }[] = [
  { setting: "people leaving per year", unit: "%", read: (l) => l.annualAttrition },
  { setting: "promotions per year", unit: "%", read: (l) => l.annualPromotion },
  { setting: "hiring salary", unit: "$", read: (l) => l.band.mid },
  { setting: "output", unit: "", read: (l) => l.output },
  { setting: "ramp-up", unit: "months", read: (l) => l.rampMonths },
  { setting: "mentoring given", unit: "hours", read: (l) => l.mentorHours },
  { setting: "mentoring needed", unit: "hours", read: (l) => l.menteeHours },
  { setting: "time to fill", unit: "months", read: (l) => l.timeToFillMonths ?? 0 },
  { setting: "interview hours per hire", unit: "", read: (l) => l.interviewHours ?? 0 },
];

const people = (team: readonly { count?: number }[]) => team.reduce((sum, t) => sum + (t.count ?? 1), 0);

/**
 * The levels a refreshed scenario holds: the ladder's levels, in its order, each as the scenario
 * had it when it has one of that id (its own settings), unless `resetLevels`.
 */
function refreshedLevels(own: readonly Level[], ladder: readonly Level[], resetLevels: boolean): Level[] {
  if (resetLevels) return [...ladder];
  const byId = new Map(own.map((level) => [level.id, level]));
  return ladder.map((level) => byId.get(level.id) ?? level);
}

/**
 * The scenario as a refresh would leave it, and what that replaces. `frame` moves it (a
 * re-forecast): another name, start and horizon, and the plan to carry, in months from the new start.
 */
export async function refreshed(
  db: DB,
  stored: Pick<StoredScenario, "scenario">,
  resetLevels: boolean,
  frame?: Pick<Scenario, "name" | "start" | "horizonMonths" | "plan">,
) {
  const [levels, engineers, teams] = await Promise.all([listLevels(db), listEngineers(db), rosterTeams(db)]);
  const { name, start, horizonMonths } = frame ?? stored.scenario;
  const roster = rosterScenarioInput({ levels, engineers, teams, name, start, horizonMonths });
  const members = indexMembers(roster.team ?? []);
  const levelIds = new Set(levels.map((l) => l.id));
  const { plan, dropped, placed } = fitPlanToRoster(frame?.plan ?? stored.scenario.plan, {
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
  const ladder = roster.levels as Level[];
  // The roster's team and teams (none when the workspace has none); the scenario's own plan,
  // assumptions and (unless reset) level settings.
  const parsed = parseScenario({
    ...stored.scenario,
    ...(frame ? { name, start, horizonMonths } : {}),
    levels: refreshedLevels(stored.scenario.levels, ladder, resetLevels),
    teams: roster.teams,
    team: roster.team,
    plan,
    assumptions,
  });
  const ladderById = new Map(ladder.map((level) => [level.id, level]));
  const levelDifferences = stored.scenario.levels.flatMap((own) => {
    const onLadder = ladderById.get(own.id);
    if (!onLadder) return [];
    return LEVEL_SETTINGS.filter(({ read }) => read(own) !== read(onLadder)).map(({ setting, unit, read }) => ({
      level: own.title,
      setting,
      unit,
      scenario: read(own),
      ladder: read(onLadder),
    }));
  });
  const preview: RefreshPreview = {
    now: { people: people(stored.scenario.team), teams: stored.scenario.teams?.length ?? 0 },
    roster: { people: people(roster.team ?? []), teams: roster.teams?.length ?? 0 },
    events: plan.length,
    dropped,
    placed,
    levelDifferences,
  };
  return { parsed, preview };
}

/** What refreshing a roster scenario from the roster would replace and keep; undefined when it is missing. */
export async function previewRefresh(db: DB, { id }: { id: number }): Promise<RefreshPreview | undefined> {
  const stored = await getScenario(db, { id });
  return stored ? (await refreshed(db, stored, false)).preview : undefined;
}

export type Refreshed =
  (Saved & { dropped: number; placed: number }) | { ok: false; reason: "invalid"; messages: string[] };

/**
 * Takes the team and teams of a roster scenario afresh from the roster, keeping its plan, its
 * assumptions and its own level settings (or, with `resetLevels`, taking the ladder's levels too).
 * Events for people no longer on the roster are dropped, and hires whose team is gone join the
 * first team; returns how many of each.
 */
export async function refreshFromRoster(
  db: DB,
  {
    id,
    expectedVersion,
    resetLevels = false,
    actor,
    now,
  }: { id: number; expectedVersion?: number; resetLevels?: boolean } & Change,
): Promise<Refreshed | undefined> {
  const stored = await getScenario(db, { id });
  if (!stored) return undefined;
  const { parsed, preview } = await refreshed(db, stored, resetLevels);
  // The scenario's own levels may no longer fit a ladder whose levels changed (a new top level).
  if (!parsed.ok) return { ok: false, reason: "invalid", messages: parsed.issues.map(formatIssue) };
  // Checked against the version the user saw, or the one just read: a save in between is never overwritten.
  const saved = await saveScenario(db, {
    id,
    scenario: parsed.scenario,
    expectedVersion: expectedVersion ?? stored.version,
    actor,
    now,
    action: "refresh from roster",
    note: resetLevels ? "Team and levels refreshed from the roster and the ladder" : undefined,
  });
  return { ...saved, dropped: preview.dropped, placed: preview.placed };
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
