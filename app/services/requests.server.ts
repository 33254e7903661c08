/**
 * Headcount requests (issue 18): a planner asks for a hire (level, team, month, reason, salary if
 * known); an admin approves or declines it with a note; the requester may withdraw it while it
 * waits. An approval adds the hire to the plan of record's scenario as a new version (which an
 * admin then adopts again). Every step is audited in the transaction that makes it, and a decision
 * on a request someone else settled first is refused in words, writing nothing.
 */
import { addMonths, monthsBetween, teamKey, type Scenario } from "~/domain";
import type { HeadcountRequestRow } from "../../db/schema";
import {
  MAX_MONTHS_AHEAD,
  MAX_OPEN_REQUESTS,
  REQUESTS_LIST_LIMIT,
  type DecisionInput,
  type RequestFilter,
  type RequestInput,
  type RequestStatus,
} from "~/forms/request";
import type { FieldErrors } from "~/forms/parse";
import { inTransaction, readThrough, type DB } from "~/utils/db.server";
import { formatMonth } from "~/utils/format";
import { requestInWords } from "~/utils/request-words";
import { recordAudit } from "./audit.server";
import type { Actor } from "./auth.server";
import { MISSING } from "./changes.server";
import { getPlanOfRecord } from "./plan-of-record.server";
import { getScenario, listScenarioVersions, saveScenario, validateScenarioDocument } from "./scenarios.server";
import { listLevels } from "./ladder.server";
import { listTeams } from "./teams.server";

export interface HeadcountRequest {
  id: number;
  levelId: string;
  levelTitle: string;
  teamId: number | null;
  /** The team's name now, or as it was when requested if the team is gone; "" without teams. */
  teamName: string;
  /** YYYY-MM */
  month: string;
  reason: string;
  /** Whole dollars a year; null: the level's band midpoint. */
  salary: number | null;
  status: RequestStatus;
  requestedBy: number | null;
  requestedByName: string;
  createdAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string;
  addedToScenarioId: number | null;
  addedToVersion: number | null;
  version: number;
  updatedAt: string;
}

type Joined = HeadcountRequestRow & { level_title: string | null; current_team_name: string | null };

const toRequest = (row: Joined): HeadcountRequest => ({
  id: row.id,
  levelId: row.level_id,
  levelTitle: row.level_title ?? row.level_id,
  teamId: row.team_id,
  teamName: row.current_team_name ?? row.team_name,
  month: row.month,
  reason: row.reason,
  salary: row.salary,
  status: row.status,
  requestedBy: row.requested_by,
  requestedByName: row.requested_by_name,
  createdAt: row.created_at,
  decidedByName: row.decided_by_name,
  decidedAt: row.decided_at,
  decisionNote: row.decision_note,
  addedToScenarioId: row.added_to_scenario_id,
  addedToVersion: row.added_to_version,
  version: row.version,
  updatedAt: row.updated_at,
});

function selectRequests(db: DB) {
  return db
    .selectFrom("headcount_request")
    .leftJoin("level", "level.id", "headcount_request.level_id")
    .leftJoin("team", "team.id", "headcount_request.team_id")
    .selectAll("headcount_request")
    .select(["level.title as level_title", "team.name as current_team_name"]);
}

export async function getRequest(db: DB, { id }: { id: number }): Promise<HeadcountRequest | undefined> {
  const row = await selectRequests(db).where("headcount_request.id", "=", id).executeTakeFirst();
  return row ? toRequest(row) : undefined;
}

/** The requests the filter picks, newest first, at most `limit`, and how many it picks in all. */
export async function listRequests(
  db: DB,
  { filter = {}, limit = REQUESTS_LIST_LIMIT }: { filter?: RequestFilter; limit?: number } = {},
): Promise<{ requests: HeadcountRequest[]; total: number }> {
  let query = selectRequests(db);
  let counted = db.selectFrom("headcount_request").select((eb) => eb.fn.countAll<number>().as("n"));
  if (filter.status) {
    query = query.where("headcount_request.status", "=", filter.status);
    counted = counted.where("status", "=", filter.status);
  }
  if (filter.teamId !== undefined) {
    query = query.where("headcount_request.team_id", "=", filter.teamId);
    counted = counted.where("team_id", "=", filter.teamId);
  }
  if (filter.levelId) {
    query = query.where("headcount_request.level_id", "=", filter.levelId);
    counted = counted.where("level_id", "=", filter.levelId);
  }
  if (filter.requestedBy !== undefined) {
    query = query.where("headcount_request.requested_by", "=", filter.requestedBy);
    counted = counted.where("requested_by", "=", filter.requestedBy);
  }
  const [rows, total] = await Promise.all([
    query.orderBy("headcount_request.id", "desc").limit(limit).execute(),
    counted.executeTakeFirstOrThrow(),
  ]);
  return { requests: rows.map(toRequest), total: Number(total.n) };
}

/** Requests waiting for a decision (the admin's nav count). */
export function countOpenRequests(db: DB): Promise<number> {
  return readThrough(db, "open requests", async () => {
    const row = await db
      .selectFrom("headcount_request")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "requested")
      .executeTakeFirstOrThrow();
    return Number(row.n);
  });
}

/** The audit entries about one request, oldest first: its history. */
export function requestHistory(db: DB, { id }: { id: number }) {
  return db
    .selectFrom("audit")
    .selectAll()
    .where("entity", "=", "request")
    .where("entity_id", "=", String(id))
    .orderBy("id", "asc")
    .execute();
}

/** What the audit keeps of a request: every field a decision reads. */
const auditView = (r: HeadcountRequest) => ({
  level: r.levelId,
  team: r.teamName || null,
  month: r.month,
  reason: r.reason,
  salary: r.salary,
  status: r.status,
});

export type Created = { ok: true; id: number } | { ok: false; errors: FieldErrors };

/**
 * Records a planner's or admin's request for a hire, audited. The level must be on the ladder; a
 * team, one of the workspace's active teams (required when it has any); the month, this month or
 * later, at most MAX_MONTHS_AHEAD ahead. At most MAX_OPEN_REQUESTS wait at once.
 */
export async function createRequest(
  db: DB,
  { input, actor, now = new Date().toISOString() }: { input: RequestInput; actor: Actor; now?: string },
): Promise<Created> {
  const [levels, teams] = await Promise.all([listLevels(db), listTeams(db)]);
  const errors: FieldErrors = {};
  const level = levels.find((l) => l.id === input.levelId);
  if (!level) errors.levelId = `There is no level "${input.levelId}" on the ladder: choose one from the list`;
  const active = teams.filter((t) => !t.archived);
  const team = input.teamId === null ? undefined : teams.find((t) => t.id === input.teamId);
  if (input.teamId === null && active.length > 0) errors.teamId = "Choose the team the hire joins";
  else if (input.teamId !== null && !team) errors.teamId = "That team no longer exists: choose one from the list";
  else if (team?.archived) errors.teamId = `"${team.name}" is archived: choose an active team`;
  const thisMonth = now.slice(0, 7);
  const ahead = monthsBetween(thisMonth, input.month);
  if (ahead < 0) errors.month = `Choose ${formatMonth(thisMonth)} or later: a hire cannot start in the past`;
  else if (ahead >= MAX_MONTHS_AHEAD)
    errors.month = `Choose a month before ${formatMonth(addMonths(thisMonth, MAX_MONTHS_AHEAD))}: at most 10 years ahead`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return inTransaction(db, async (trx) => {
    if ((await countOpenRequests(trx)) >= MAX_OPEN_REQUESTS)
      return {
        ok: false as const,
        errors: {
          form: `The workspace already holds ${MAX_OPEN_REQUESTS} requests waiting for a decision, the most it keeps open: decide or withdraw some first`,
        },
      };
    const { id } = await trx
      .insertInto("headcount_request")
      .values({
        level_id: level!.id,
        team_id: team?.id ?? null,
        team_name: team?.name ?? "",
        month: input.month,
        reason: input.reason,
        salary: input.salary,
        requested_by: actor.id,
        requested_by_name: actor.name,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const created = (await getRequest(trx, { id }))!;
    await recordAudit(trx, {
      actor,
      at: now,
      action: "request",
      entity: "request",
      entityId: id,
      summary: `Requested a hire (#${id}): ${requestInWords(created)}`,
      after: auditView(created),
    });
    return { ok: true as const, id };
  });
}

export type Decided =
  | { ok: true; request: HeadcountRequest }
  | { ok: false; reason: "missing" }
  | { ok: false; reason: "refused"; message: string };

const refused = (message: string) => ({ ok: false as const, reason: "refused" as const, message });

/**
 * Why a request cannot be decided or withdrawn now: it was settled already (by whom, when), or it
 * changed since `expectedVersion` was read. Undefined when it may be.
 */
function settledRefusal(request: HeadcountRequest, expectedVersion: number | undefined): string | undefined {
  const moved = expectedVersion !== undefined && request.version !== expectedVersion;
  const after = moved ? ", after you opened it" : "";
  if (request.status !== "requested") {
    const verb = { approved: "approved", declined: "declined", withdrawn: "withdrew" }[request.status];
    const who = request.status === "withdrawn" ? request.requestedByName : (request.decidedByName ?? "Someone");
    return `${who} ${verb} this on ${(request.decidedAt ?? request.updatedAt).slice(0, 10)}${after}. Nothing was changed.`;
  }
  if (moved) return "This request changed after you opened it. Nothing was changed: reload to see it.";
  return undefined;
}

/** Marks a waiting request settled, only if it is still at `version`; true when it was. */
async function settle(
  trx: DB,
  request: HeadcountRequest,
  values: {
    status: RequestStatus;
    decidedByName: string;
    note: string;
    now: string;
    addedTo?: { scenarioId: number; version: number };
  },
): Promise<boolean> {
  const result = await trx
    .updateTable("headcount_request")
    .set({
      status: values.status,
      decided_by_name: values.decidedByName,
      decided_at: values.now,
      decision_note: values.note,
      added_to_scenario_id: values.addedTo?.scenarioId ?? null,
      added_to_version: values.addedTo?.version ?? null,
      version: request.version + 1,
      updated_at: values.now,
    })
    .where("id", "=", request.id)
    .where("version", "=", request.version)
    .where("status", "=", "requested")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The requester takes back a request that still waits for a decision, audited. */
export async function withdrawRequest(
  db: DB,
  {
    id,
    expectedVersion,
    actor,
    now = new Date().toISOString(),
  }: { id: number; expectedVersion?: number; actor: Actor; now?: string },
): Promise<Decided> {
  return inTransaction(db, async (trx): Promise<Decided> => {
    const request = await getRequest(trx, { id });
    if (!request) return MISSING;
    const refusal = settledRefusal(request, expectedVersion);
    if (refusal) return refused(refusal);
    if (actor.id === null || actor.id !== request.requestedBy)
      return refused(`Only ${request.requestedByName}, who asked for it, can withdraw this request.`);
    if (!(await settle(trx, request, { status: "withdrawn", decidedByName: actor.name, note: "", now })))
      return refused("This request changed after you opened it. Nothing was changed: reload to see it.");
    await recordAudit(trx, {
      actor,
      at: now,
      action: "withdraw",
      entity: "request",
      entityId: id,
      summary: `Withdrew the request for a hire (#${id}): ${requestInWords(request)}`,
      before: { status: "requested" },
      after: { status: "withdrawn" },
    });
    return { ok: true, request: (await getRequest(trx, { id }))! };
  });
}

/** The plan of record's scenario with the request's hire appended, or why it cannot take it. */
async function withHire(
  db: DB,
  request: HeadcountRequest,
): Promise<
  | { ok: true; scenarioId: number; scenarioVersion: number; scenario: Scenario; name: string }
  | { ok: false; message: string }
> {
  const plan = await getPlanOfRecord(db);
  if (!plan) return { ok: false, message: "Adopt a plan of record first: approved requests go into it." };
  const stored = plan.scenarioId === null ? undefined : await getScenario(db, { id: plan.scenarioId });
  if (!stored)
    return {
      ok: false,
      message: `The plan of record's scenario "${plan.scenarioName}" was deleted, so an approved hire has nowhere to go: adopt a scenario as the plan of record, then approve.`,
    };
  if (stored.archived)
    return {
      ok: false,
      message: `The plan of record's scenario "${plan.scenarioName}" is archived: restore it (or adopt another), then approve.`,
    };
  const { scenario } = stored;
  const month = monthsBetween(scenario.start, request.month);
  const last = addMonths(scenario.start, scenario.horizonMonths - 1);
  if (month < 0)
    return {
      ok: false,
      message: `The plan of record "${scenario.name}" starts in ${formatMonth(scenario.start)}, after this request's ${formatMonth(request.month)}: decline it, or ask for ${formatMonth(scenario.start)} or later.`,
    };
  if (month >= scenario.horizonMonths)
    return {
      ok: false,
      message: `The plan of record "${scenario.name}" runs to ${formatMonth(last)}, before this request's ${formatMonth(request.month)}: lengthen the plan, or decline it.`,
    };
  if (!scenario.levels.some((l) => l.id === request.levelId))
    return {
      ok: false,
      message: `The plan of record "${scenario.name}" has no level ${request.levelTitle}: refresh it from the roster first.`,
    };
  let team: string | undefined;
  if (scenario.teams && scenario.teams.length > 0) {
    team = request.teamId === null ? undefined : teamKey(request.teamId);
    if (!team || !scenario.teams.some((t) => t.id === team))
      return {
        ok: false,
        message: `The plan of record "${scenario.name}" has no team ${request.teamName || "for this request"}: refresh its team from the roster, then approve.`,
      };
  }
  const document = {
    ...scenario,
    plan: [
      ...scenario.plan,
      {
        type: "hire" as const,
        level: request.levelId,
        count: 1,
        month,
        ...(request.salary === null ? {} : { salary: request.salary }),
        ...(team ? { team } : {}),
      },
    ],
  };
  const checked = await validateScenarioDocument(JSON.stringify(document));
  if (!checked.ok)
    return {
      ok: false,
      message: `The plan of record cannot take this hire: ${checked.messages.join("; ")}. Nothing was changed.`,
    };
  return {
    ok: true,
    scenarioId: stored.id,
    scenarioVersion: stored.version,
    scenario: checked.scenario,
    name: scenario.name,
  };
}

/**
 * An admin's decision, audited. Declining needs a note. Approving adds the hire (count 1, at the
 * request's level, team `t<teamId>` and month from the plan's start, with its salary if given) to
 * the plan of record's scenario as a new version, in the same transaction, and records that
 * version on the request. Refused in words, writing nothing, when the request was settled or
 * changed since `expectedVersion`, or when there is no plan of record to take it.
 */
export async function decideRequest(
  db: DB,
  {
    id,
    decision,
    expectedVersion,
    actor,
    now = new Date().toISOString(),
  }: { id: number; decision: DecisionInput; expectedVersion?: number; actor: Actor; now?: string },
): Promise<Decided> {
  const seen = await getRequest(db, { id });
  if (!seen) return MISSING;
  const early = settledRefusal(seen, expectedVersion);
  if (early) return refused(early);
  const approving = decision.intent === "approve";
  // The new document is checked by the engine before the transaction, which then makes sure that
  // neither the request nor the scenario moved meanwhile.
  const hire = approving ? await withHire(db, seen) : undefined;
  if (hire && !hire.ok) return refused(hire.message);
  const described = requestInWords(seen);
  return inTransaction(db, async (trx): Promise<Decided> => {
    const request = await getRequest(trx, { id });
    if (!request) return MISSING;
    const refusal = settledRefusal(request, seen.version);
    if (refusal) return refused(refusal);
    let addedTo: { scenarioId: number; version: number; name: string } | undefined;
    if (hire?.ok) {
      const note = `Added approved headcount request #${id}: ${described}`;
      const saved = await saveScenario(trx, {
        id: hire.scenarioId,
        scenario: hire.scenario,
        expectedVersion: hire.scenarioVersion,
        actor,
        now,
        action: "add approved request",
        summary: `${note}, to scenario "${hire.name}"`,
        note,
      });
      if (!saved.ok)
        return refused(
          saved.reason === "missing"
            ? "The plan of record's scenario was deleted just now. Nothing was changed."
            : `The plan of record's scenario was saved by ${saved.by || "someone"} at ${saved.at.slice(0, 16).replace("T", " ")} UTC while you decided. Nothing was changed: approve again.`,
        );
      const { newest } = await listScenarioVersions(trx, { id: hire.scenarioId, perPage: 1 });
      addedTo = { scenarioId: hire.scenarioId, version: newest, name: hire.name };
    }
    const status = approving ? "approved" : "declined";
    if (!(await settle(trx, request, { status, decidedByName: actor.name, note: decision.note, now, addedTo })))
      // Undoes the scenario's new version too: the transaction rolls back.
      throw new Error(`request ${id} moved inside its own transaction`);
    await recordAudit(trx, {
      actor,
      at: now,
      action: approving ? "approve" : "decline",
      entity: "request",
      entityId: id,
      summary: `${approving ? "Approved" : "Declined"} the request for a hire (#${id}): ${described}${
        decision.note ? `. Note: "${decision.note}"` : ""
      }${addedTo ? `. Added to scenario "${addedTo.name}" as version ${addedTo.version}` : ""}`,
      before: { status: "requested" },
      after: {
        status,
        note: decision.note,
        ...(addedTo ? { scenario: addedTo.scenarioId, scenarioVersion: addedTo.version } : {}),
      },
    });
    return { ok: true, request: (await getRequest(trx, { id }))! };
  });
}
