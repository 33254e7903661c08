/**
 * The org's teams (MODEL.md section 6): every engineer belongs to one. Teams are created, renamed,
 * given a ratio band of their own, archived and deleted (never while someone is in one), each
 * change audited in the transaction that makes it.
 */
import { sql } from "kysely";
import { DEFAULT_RATIO_TARGET, MAX_TEAMS } from "~/domain";
import type { TeamRow } from "../../db/schema";
import { inTransaction, readThrough, type DB } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { SYSTEM } from "./auth.server";
import { difference, MISSING, type Change, type Saved } from "./changes.server";

export interface Team {
  id: number;
  name: string;
  /** The team's own juniors-per-senior band, or null for the workspace's. */
  ratioTarget: [number, number] | null;
  /** The band the team is held to: its own, or MODEL.md section 3's default. */
  band: [number, number];
  archived: boolean;
  /** Engineers in the team now, and of them junior-class and senior-class ones. */
  size: number;
  juniors: number;
  seniors: number;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface TeamInput {
  name: string;
  ratioTarget: [number, number] | null;
}

/** The name a team takes when nobody has made one yet. */
export const FIRST_TEAM_NAME = "Team";

function teamRowToTeam(row: TeamRow & { size: number; juniors: number; seniors: number }): Team {
  const ratioTarget: [number, number] | null =
    row.ratio_low === null || row.ratio_high === null ? null : [row.ratio_low, row.ratio_high];
  return {
    id: row.id,
    name: row.name,
    ratioTarget,
    band: ratioTarget ?? [...DEFAULT_RATIO_TARGET],
    archived: row.archived_at !== null,
    size: Number(row.size),
    juniors: Number(row.juniors),
    seniors: Number(row.seniors),
    version: row.version,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** Every team, active ones first, then by name, with how many engineers each holds. */
export function listTeams(db: DB): Promise<Team[]> {
  return readThrough(db, "teams", async () => {
    const rows = await db
      .selectFrom("team")
      .selectAll()
      .select(sql<number>`(select count(*) from engineer where engineer.team_id = team.id)`.as("size"))
      .select(
        sql<number>`(select count(*) from engineer join level on level.id = engineer.level_id
          where engineer.team_id = team.id and level.class = 'junior')`.as("juniors"),
      )
      .select(
        sql<number>`(select count(*) from engineer join level on level.id = engineer.level_id
          where engineer.team_id = team.id and level.class = 'senior')`.as("seniors"),
      )
      .orderBy(sql`archived_at is not null`)
      .orderBy(sql`lower(name)`)
      .execute();
    return rows.map(teamRowToTeam);
  });
}

/** The teams a roster scenario declares: every active team, and an archived one while someone is in it. */
export async function rosterTeams(db: DB): Promise<Team[]> {
  return (await listTeams(db)).filter((team) => !team.archived || team.size > 0);
}

/** The teams an engineer can join: every team not archived, and the one they are in (`current`). */
export async function joinableTeams(db: DB, current?: number): Promise<{ id: number; name: string }[]> {
  return (await listTeams(db))
    .filter((team) => !team.archived || team.id === current)
    .map(({ id, name }) => ({ id, name }));
}

const auditView = (input: TeamInput) => ({ name: input.name, ratioTarget: input.ratioTarget });

/** The message for a name another team has (names are compared ignoring case). */
async function nameTaken(trx: DB, name: string, except?: number): Promise<string | undefined> {
  let query = trx
    .selectFrom("team")
    .select("name")
    .where(sql<boolean>`lower(name) = lower(${name})`);
  if (except !== undefined) query = query.where("id", "!=", except);
  const other = await query.executeTakeFirst();
  return other ? `A team called "${other.name}" already exists: choose another name` : undefined;
}

export type TeamSaved = { ok: true; id: number } | { ok: false; field: "name"; message: string };

export async function createTeam(
  db: DB,
  { input, actor = SYSTEM, now = new Date().toISOString() }: { input: TeamInput } & Change,
): Promise<TeamSaved> {
  return inTransaction(db, async (trx) => {
    const taken = await nameTaken(trx, input.name);
    if (taken) return { ok: false, field: "name", message: taken };
    const { n } = await trx
      .selectFrom("team")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    if (Number(n) >= MAX_TEAMS)
      return {
        ok: false,
        field: "name",
        message: `The workspace already has ${MAX_TEAMS} teams, the most Teamshape holds: delete or reuse one first`,
      };
    const { id } = await trx
      .insertInto("team")
      .values({
        name: input.name,
        ratio_low: input.ratioTarget?.[0] ?? null,
        ratio_high: input.ratioTarget?.[1] ?? null,
        created_at: now,
        updated_at: now,
        updated_by: actor.name,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      at: now,
      action: "create",
      entity: "team",
      entityId: id,
      summary: `Added the team "${input.name}"`,
      after: auditView(input),
    });
    return { ok: true, id };
  });
}

/** Renames a team or changes its ratio band; with `expectedVersion`, a save based on an older version is refused. */
export async function updateTeam(
  db: DB,
  {
    id,
    input,
    expectedVersion,
    actor = SYSTEM,
    now = new Date().toISOString(),
  }: { id: number; input: TeamInput; expectedVersion?: number } & Change,
): Promise<Saved | TeamSaved> {
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom("team").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return MISSING;
    if (expectedVersion !== undefined && row.version !== expectedVersion)
      return { ok: false, reason: "conflict", by: row.updated_by, at: row.updated_at };
    const taken = await nameTaken(trx, input.name, id);
    if (taken) return { ok: false, field: "name", message: taken };
    const before = teamRowToTeam({ ...row, size: 0, juniors: 0, seniors: 0 });
    const changed = difference(auditView(before), auditView(input));
    if (!changed) return { ok: true, id };
    await trx
      .updateTable("team")
      .set((eb) => ({
        name: input.name,
        ratio_low: input.ratioTarget?.[0] ?? null,
        ratio_high: input.ratioTarget?.[1] ?? null,
        version: eb("version", "+", 1),
        updated_at: now,
        updated_by: actor.name,
      }))
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, {
      actor,
      at: now,
      action: "update",
      entity: "team",
      entityId: id,
      summary:
        before.name === input.name
          ? `Changed ${Object.keys(changed.after).join(", ")} of the team "${input.name}"`
          : `Renamed the team "${before.name}" to "${input.name}"`,
      ...changed,
    });
    return { ok: true, id };
  });
}

/** Archives a team (it keeps its people and leaves the pickers) or brings it back. */
export async function setTeamArchived(
  db: DB,
  { id, archived, actor = SYSTEM, now = new Date().toISOString() }: { id: number; archived: boolean } & Change,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom("team").select(["name", "archived_at"]).where("id", "=", id).executeTakeFirst();
    if (!row) return false;
    if ((row.archived_at !== null) === archived) return true;
    await trx
      .updateTable("team")
      .set((eb) => ({
        archived_at: archived ? now : null,
        version: eb("version", "+", 1),
        updated_at: now,
        updated_by: actor.name,
      }))
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, {
      actor,
      at: now,
      action: archived ? "archive" : "unarchive",
      entity: "team",
      entityId: id,
      summary: `${archived ? "Archived" : "Restored"} the team "${row.name}"`,
    });
    return true;
  });
}

export type TeamDeleted = { ok: true } | { ok: false; reason: "missing" } | { ok: false; message: string };

/** Deletes a team nobody is in. */
export async function deleteTeam(
  db: DB,
  { id, actor = SYSTEM, now = new Date().toISOString() }: { id: number } & Change,
): Promise<TeamDeleted> {
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom("team").select("name").where("id", "=", id).executeTakeFirst();
    if (!row) return MISSING;
    const people = await trx
      .selectFrom("engineer")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("team_id", "=", id)
      .executeTakeFirstOrThrow();
    const n = Number(people.n);
    if (n > 0)
      return {
        ok: false,
        message: `"${row.name}" still has ${n} engineer${n === 1 ? "" : "s"}: move them to another team first, or archive it`,
      };
    await trx.deleteFrom("team").where("id", "=", id).execute();
    await recordAudit(trx, {
      actor,
      at: now,
      action: "delete",
      entity: "team",
      entityId: id,
      summary: `Deleted the team "${row.name}"`,
    });
    return { ok: true };
  });
}

/**
 * The team a new engineer joins when none is named: the first active team, or a new one called
 * "Team" when there is none (so every engineer always has a team).
 */
export async function defaultTeamId(trx: DB, now: string): Promise<number> {
  const first = await trx
    .selectFrom("team")
    .select("id")
    .where("archived_at", "is", null)
    .orderBy("id")
    .executeTakeFirst();
  if (first) return first.id;
  const created = await trx
    .insertInto("team")
    .values({ name: FIRST_TEAM_NAME, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column("name").doUpdateSet({ archived_at: null, updated_at: now }))
    .returning("id")
    .executeTakeFirstOrThrow();
  return created.id;
}

export interface TeamShape extends Team {
  /** Juniors per senior; null with no seniors. */
  juniorsPerSenior: number | null;
  ratioInBand: boolean;
}

/** Each team with its juniors per senior now, against its band (MODEL.md section 3's when it has none). */
export async function listTeamShapes(db: DB): Promise<TeamShape[]> {
  return (await listTeams(db)).map((team) => {
    const { juniors, seniors, band } = team;
    const juniorsPerSenior = seniors > 0 ? juniors / seniors : null;
    const ratioInBand =
      juniorsPerSenior === null ? juniors === 0 : juniorsPerSenior >= band[0] && juniorsPerSenior <= band[1];
    return { ...team, juniorsPerSenior, ratioInBand };
  });
}
