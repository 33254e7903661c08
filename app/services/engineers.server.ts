import type { SkillMap } from "~/domain";
import type { EngineerRow } from "../../db/schema";
import type { DB } from "~/utils/db.server";

export interface Engineer {
  id: number;
  name: string;
  levelId: string;
  /** Dollars a year. */
  salary: number;
  /** YYYY-MM-DD */
  startDate: string;
  notes: string;
  skills: SkillMap;
  version: number;
  updatedAt: string;
}

export interface EngineerInput {
  name: string;
  levelId: string;
  salary: number;
  startDate: string;
  notes: string;
}

function engineerRowToEngineer(row: EngineerRow, skills: SkillMap): Engineer {
  return {
    id: row.id,
    name: row.name,
    levelId: row.level_id,
    salary: row.salary,
    startDate: row.start_date,
    notes: row.notes,
    skills,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

async function skillsOf(db: DB, engineerIds?: number[]): Promise<Map<number, SkillMap>> {
  let query = db.selectFrom("engineer_skill").select(["engineer_id", "skill_id", "proficiency"]);
  if (engineerIds) query = query.where("engineer_id", "in", engineerIds);
  const map = new Map<number, SkillMap>();
  for (const row of await query.execute()) {
    const skills = map.get(row.engineer_id) ?? {};
    skills[row.skill_id] = row.proficiency;
    map.set(row.engineer_id, skills);
  }
  return map;
}

/** Every engineer with their skills, by name. */
export async function listEngineers(db: DB): Promise<Engineer[]> {
  const [rows, skills] = await Promise.all([db.selectFrom("engineer").selectAll().orderBy("name").execute(), skillsOf(db)]);
  return rows.map((row) => engineerRowToEngineer(row, skills.get(row.id) ?? {}));
}

export async function getEngineer(db: DB, { id }: { id: number }): Promise<Engineer | undefined> {
  const row = await db.selectFrom("engineer").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  const skills = await skillsOf(db, [id]);
  return engineerRowToEngineer(row, skills.get(id) ?? {});
}

/** Inserts an engineer and their skills inside the caller's transaction; returns the new id. */
export async function insertEngineer(trx: DB, { input, skills = {}, now }: { input: EngineerInput; skills?: SkillMap; now: string }): Promise<number> {
  const { id } = await trx
    .insertInto("engineer")
    .values({ name: input.name, level_id: input.levelId, salary: input.salary, start_date: input.startDate, notes: input.notes, created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await replaceSkills(trx, { id, skills });
  return id;
}

/** Sets an engineer's details inside the caller's transaction; false when no such engineer. */
export async function writeEngineer(trx: DB, { id, input, now }: { id: number; input?: EngineerInput; now: string }): Promise<boolean> {
  const details = input ? { name: input.name, level_id: input.levelId, salary: input.salary, start_date: input.startDate, notes: input.notes } : {};
  const result = await trx
    .updateTable("engineer")
    .set((eb) => ({ ...details, version: eb("version", "+", 1), updated_at: now }))
    .where("id", "=", id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Replaces an engineer's skills (0 means none) inside the caller's transaction. */
export async function replaceSkills(trx: DB, { id, skills }: { id: number; skills: SkillMap }): Promise<void> {
  await trx.deleteFrom("engineer_skill").where("engineer_id", "=", id).execute();
  const rows = Object.entries(skills).filter(([, p]) => p > 0);
  if (rows.length > 0) await trx.insertInto("engineer_skill").values(rows.map(([skill_id, proficiency]) => ({ engineer_id: id, skill_id, proficiency }))).execute();
}

export async function createEngineer(db: DB, { input, skills = {}, now = new Date().toISOString() }: { input: EngineerInput; skills?: SkillMap; now?: string }): Promise<number> {
  return db.transaction().execute((trx) => insertEngineer(trx, { input, skills, now }));
}

/** Updates an engineer's details; false when no such engineer. */
export async function updateEngineer(db: DB, { id, input, now = new Date().toISOString() }: { id: number; input: EngineerInput; now?: string }): Promise<boolean> {
  return writeEngineer(db, { id, input, now });
}

/** Replaces an engineer's skills (0 means none); false when no such engineer. */
export async function setEngineerSkills(db: DB, { id, skills, now = new Date().toISOString() }: { id: number; skills: SkillMap; now?: string }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!(await writeEngineer(trx, { id, now }))) return false;
    await replaceSkills(trx, { id, skills });
    return true;
  });
}

/** Deletes an engineer and their skills; false when no such engineer. */
export async function deleteEngineer(db: DB, { id }: { id: number }): Promise<boolean> {
  const result = await db.deleteFrom("engineer").where("id", "=", id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
