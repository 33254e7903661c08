import { sql, type SelectQueryBuilder } from "kysely";
import type { SkillMap } from "~/domain";
import type { Database, EngineerRow } from "../../db/schema";
import { inTransaction, jsonObjectOf, readThrough, type DB } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { SYSTEM, type Actor } from "./auth.server";
import { difference, MISSING, type Change, type Saved } from "./changes.server";
import { snapshotRoster } from "./snapshots.server";
import { defaultTeamId } from "./teams.server";

export interface Engineer {
  id: number;
  name: string;
  levelId: string;
  teamId: number;
  /** Dollars a year. */
  salary: number;
  /** YYYY-MM-DD */
  startDate: string;
  notes: string;
  /** From an HR system's export: its employee id, the work email (lower case) and the job title. */
  employeeId: string | null;
  email: string | null;
  jobTitle: string;
  /** YYYY-MM-DD, the day they left; null while on the team. */
  leftOn: string | null;
  skills: SkillMap;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface EngineerInput {
  name: string;
  levelId: string;
  /** Left out: a new engineer joins the first team (see `defaultTeamId`); a saved one keeps theirs. */
  teamId?: number;
  salary: number;
  startDate: string;
  notes: string;
  /** From an HR import; left out, a saved engineer keeps theirs (a new one has none). */
  employeeId?: string | null;
  email?: string | null;
  jobTitle?: string;
  /** Null brings someone who had left back onto the team. */
  leftOn?: string | null;
}

function engineerRowToEngineer(row: EngineerRow, skills: SkillMap): Engineer {
  return {
    id: row.id,
    name: row.name,
    levelId: row.level_id,
    teamId: row.team_id ?? 0,
    salary: row.salary,
    startDate: row.start_date,
    notes: row.notes,
    employeeId: row.employee_id,
    email: row.email,
    jobTitle: row.job_title,
    leftOn: row.left_on,
    skills,
    version: row.version,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** Every engineer on the team with their skills, by name (not those who have left). */
export async function listEngineers(db: DB): Promise<Engineer[]> {
  return (await readRoster(db)).onTeam;
}

/** Every engineer, those who have left included (an import matches them, to bring someone back). */
export async function listEveryEngineer(db: DB): Promise<Engineer[]> {
  return (await readRoster(db)).all;
}

/** One read of every engineer, kept between requests, with those on the team apart. */
function readRoster(db: DB): Promise<{ all: Engineer[]; onTeam: Engineer[] }> {
  return readThrough(db, "engineers", async () => {
    const all = await readEngineers(db);
    return { all, onTeam: all.filter((e) => e.leftOn === null) };
  });
}

async function readEngineers(db: DB): Promise<Engineer[]> {
  return engineersWithSkills(db, db.selectFrom("engineer").selectAll().orderBy("name"));
}

/**
 * The engineers a query selects, each with their skills, in one round trip: one row per engineer
 * with its skills as a JSON object (a row per skill costs far more through the sqlite3 driver, about
 * 3x for 200 engineers, and a second query is a second round trip inside a save's transaction).
 */
async function engineersWithSkills(
  db: DB,
  query: SelectQueryBuilder<Database, "engineer", EngineerRow>,
): Promise<Engineer[]> {
  const rows = await query
    .select(
      sql<
        string | null
      >`(select ${jsonObjectOf(db, "skill_id", "proficiency")} from engineer_skill where engineer_id = engineer.id)`.as(
        "skills_json",
      ),
    )
    .execute();
  return rows.map(({ skills_json, ...row }) =>
    engineerRowToEngineer(row, skills_json ? (JSON.parse(skills_json) as SkillMap) : {}),
  );
}

export async function getEngineer(db: DB, { id }: { id: number }): Promise<Engineer | undefined> {
  const [engineer] = await engineersWithSkills(db, db.selectFrom("engineer").selectAll().where("id", "=", id));
  return engineer;
}

/** An engineer's details and skills as the audit trail records them. */
function auditView(input: EngineerInput, skills?: SkillMap): Record<string, unknown> {
  return {
    name: input.name,
    levelId: input.levelId,
    ...(input.teamId === undefined ? {} : { teamId: input.teamId }),
    salary: input.salary,
    startDate: input.startDate,
    notes: input.notes,
    ...(input.employeeId ? { employeeId: input.employeeId } : {}),
    ...(input.email ? { email: input.email } : {}),
    ...(input.jobTitle ? { jobTitle: input.jobTitle } : {}),
    ...(input.leftOn === undefined ? {} : { leftOn: input.leftOn }),
    ...(skills ? { skills: withoutZeros(skills) } : {}),
  };
}

const withoutZeros = (skills: SkillMap): SkillMap =>
  Object.fromEntries(Object.entries(skills).filter(([, p]) => p > 0));

/** Inserts an engineer and their skills inside the caller's transaction, audited; returns the new id. */
export async function insertEngineer(
  trx: DB,
  {
    input,
    skills = {},
    actor,
    now,
    action = "create",
  }: { input: EngineerInput; skills?: SkillMap; actor: Actor; now: string; action?: string },
): Promise<number> {
  const teamId = input.teamId ?? (await defaultTeamId(trx, now));
  const { id } = await trx
    .insertInto("engineer")
    .values({
      name: input.name,
      level_id: input.levelId,
      team_id: teamId,
      salary: input.salary,
      start_date: input.startDate,
      notes: input.notes,
      employee_id: input.employeeId ?? null,
      email: input.email ?? null,
      job_title: input.jobTitle ?? "",
      created_at: now,
      updated_at: now,
      updated_by: actor.name,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await replaceSkills(trx, { id, skills });
  await recordAudit(trx, {
    actor,
    at: now,
    action,
    entity: "engineer",
    entityId: id,
    summary: `Added "${input.name}" at ${input.levelId}`,
    after: auditView({ ...input, teamId }, skills),
  });
  return id;
}

/**
 * Changes an engineer's details and/or skills inside the caller's transaction, audited with the
 * values before and after. With `expectedVersion`, a save based on an older version is refused.
 */
export async function writeEngineer(
  trx: DB,
  {
    id,
    input,
    skills,
    expectedVersion,
    actor,
    now,
    action = "update",
  }: {
    id: number;
    input?: EngineerInput;
    skills?: SkillMap;
    expectedVersion?: number;
    actor: Actor;
    now: string;
    action?: string;
  },
): Promise<Saved> {
  const before = await getEngineer(trx, { id });
  if (!before) return MISSING;
  if (expectedVersion !== undefined && before.version !== expectedVersion)
    return { ok: false, reason: "conflict", by: before.updatedBy, at: before.updatedAt };
  const beforeView = auditView(before, skills ? before.skills : undefined);
  const afterView = auditView(
    input
      ? {
          ...input,
          teamId: input.teamId ?? before.teamId,
          employeeId: input.employeeId === undefined ? before.employeeId : input.employeeId,
          email: input.email === undefined ? before.email : input.email,
          jobTitle: input.jobTitle ?? before.jobTitle,
          leftOn: input.leftOn === undefined ? before.leftOn : input.leftOn,
        }
      : before,
    skills,
  );
  const changed = difference(beforeView, afterView);
  if (!changed) return { ok: true };
  const details = input
    ? {
        name: input.name,
        level_id: input.levelId,
        team_id: input.teamId ?? before.teamId,
        salary: input.salary,
        start_date: input.startDate,
        notes: input.notes,
        ...(input.employeeId === undefined ? {} : { employee_id: input.employeeId }),
        ...(input.email === undefined ? {} : { email: input.email }),
        ...(input.jobTitle === undefined ? {} : { job_title: input.jobTitle }),
        ...(input.leftOn === undefined ? {} : { left_on: input.leftOn }),
      }
    : {};
  await trx
    .updateTable("engineer")
    .set((eb) => ({ ...details, version: eb("version", "+", 1), updated_at: now, updated_by: actor.name }))
    .where("id", "=", id)
    .execute();
  if (skills) await replaceSkills(trx, { id, skills });
  const what = Object.keys(changed.after).join(", ");
  await recordAudit(trx, {
    actor,
    at: now,
    action,
    entity: "engineer",
    entityId: id,
    summary: `Changed ${what} of "${before.name}"`,
    ...changed,
  });
  return { ok: true };
}

/** Replaces an engineer's skills (0 means none) inside the caller's transaction. */
export async function replaceSkills(trx: DB, { id, skills }: { id: number; skills: SkillMap }): Promise<void> {
  await trx.deleteFrom("engineer_skill").where("engineer_id", "=", id).execute();
  const rows = Object.entries(skills).filter(([, p]) => p > 0);
  if (rows.length > 0)
    await trx
      .insertInto("engineer_skill")
      .values(rows.map(([skill_id, proficiency]) => ({ engineer_id: id, skill_id, proficiency })))
      .execute();
}

export async function createEngineer(
  db: DB,
  {
    input,
    skills = {},
    actor = SYSTEM,
    now = new Date().toISOString(),
  }: { input: EngineerInput; skills?: SkillMap } & Change,
): Promise<number> {
  return inTransaction(db, async (trx) => {
    const id = await insertEngineer(trx, { input, skills, actor, now });
    await snapshotRoster(trx, { now, reason: "edit", engineerIds: [id] });
    return id;
  });
}

/** Updates an engineer's details, refusing a save based on an older `expectedVersion`. */
export async function updateEngineer(
  db: DB,
  {
    id,
    input,
    expectedVersion,
    actor = SYSTEM,
    now = new Date().toISOString(),
  }: { id: number; input: EngineerInput; expectedVersion?: number } & Change,
): Promise<Saved> {
  return inTransaction(
    db,
    async (trx) => {
      const saved = await writeEngineer(trx, { id, input, expectedVersion, actor, now });
      if (saved.ok) await snapshotRoster(trx, { now, reason: "edit", engineerIds: [id] });
      return saved;
    },
    { engineer: id },
  );
}

/** Replaces an engineer's skills (0 means none), refusing a save based on an older `expectedVersion`. */
export async function setEngineerSkills(
  db: DB,
  {
    id,
    skills,
    expectedVersion,
    actor = SYSTEM,
    now = new Date().toISOString(),
  }: { id: number; skills: SkillMap; expectedVersion?: number } & Change,
): Promise<Saved> {
  return inTransaction(db, (trx) => writeEngineer(trx, { id, skills, expectedVersion, actor, now }), { engineer: id });
}

/** Deletes an engineer and their skills, audited; false when no such engineer. */
export async function deleteEngineer(
  db: DB,
  { id, actor = SYSTEM, now = new Date().toISOString() }: { id: number } & Change,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const before = await getEngineer(trx, { id });
    if (!before) return false;
    await trx.deleteFrom("engineer").where("id", "=", id).execute();
    await recordAudit(trx, {
      actor,
      at: now,
      action: "delete",
      entity: "engineer",
      entityId: id,
      summary: `Deleted "${before.name}"`,
      before: auditView(before, before.skills),
    });
    await snapshotRoster(trx, { now, reason: "edit", engineerIds: [id] });
    return true;
  });
}
