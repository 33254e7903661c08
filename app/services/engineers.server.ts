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

export async function createEngineer(db: DB, { input, skills = {}, now = new Date().toISOString() }: { input: EngineerInput; skills?: SkillMap; now?: string }): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("engineer")
      .values({ name: input.name, level_id: input.levelId, salary: input.salary, start_date: input.startDate, notes: input.notes, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    const rows = Object.entries(skills).filter(([, p]) => p > 0);
    if (rows.length > 0) await trx.insertInto("engineer_skill").values(rows.map(([skill_id, proficiency]) => ({ engineer_id: id, skill_id, proficiency }))).execute();
    return id;
  });
}

/** Updates an engineer's details; false when no such engineer. */
export async function updateEngineer(db: DB, { id, input, now = new Date().toISOString() }: { id: number; input: EngineerInput; now?: string }): Promise<boolean> {
  const result = await db
    .updateTable("engineer")
    .set((eb) => ({ name: input.name, level_id: input.levelId, salary: input.salary, start_date: input.startDate, notes: input.notes, version: eb("version", "+", 1), updated_at: now }))
    .where("id", "=", id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Replaces an engineer's skills (0 means none); false when no such engineer. */
export async function setEngineerSkills(db: DB, { id, skills, now = new Date().toISOString() }: { id: number; skills: SkillMap; now?: string }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.updateTable("engineer").set((eb) => ({ version: eb("version", "+", 1), updated_at: now })).where("id", "=", id).executeTakeFirst();
    if (result.numUpdatedRows === 0n) return false;
    await trx.deleteFrom("engineer_skill").where("engineer_id", "=", id).execute();
    const rows = Object.entries(skills).filter(([, p]) => p > 0);
    if (rows.length > 0) await trx.insertInto("engineer_skill").values(rows.map(([skill_id, proficiency]) => ({ engineer_id: id, skill_id, proficiency }))).execute();
    return true;
  });
}

/** Deletes an engineer and their skills; false when no such engineer. */
export async function deleteEngineer(db: DB, { id }: { id: number }): Promise<boolean> {
  const result = await db.deleteFrom("engineer").where("id", "=", id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
