import type { BandSource, Level, Skill, SkillMap } from "~/domain";
import type { LevelRow } from "../../db/schema";
import type { LevelChanges } from "~/forms/level";
import { inTransaction, readThrough, type DB } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { SYSTEM } from "./auth.server";
import { difference, MISSING, type Change, type Saved } from "./changes.server";

/** A level of the workspace's ladder, as the engine knows it plus what the ladder page shows. */
export interface LadderLevel extends Level {
  position: number;
  summary: string;
  /** Where the band came from: the default ladder, the team's salaries, or typed in. */
  bandSource: BandSource;
  /** Months a search takes and engineer interview hours a hire costs (MODEL.md section 7): set on every ladder level. */
  timeToFillMonths: number;
  interviewHours: number;
  version: number;
}

function levelRowToLevel(row: LevelRow, expectations: SkillMap): LadderLevel {
  return {
    id: row.id,
    position: row.position,
    title: row.title,
    class: row.class,
    years: row.years,
    summary: row.summary,
    band: { min: row.band_min, mid: row.band_mid, max: row.band_max },
    output: row.output,
    rampMonths: row.ramp_months,
    annualAttrition: row.annual_attrition,
    annualPromotion: row.annual_promotion,
    mentorHours: row.mentor_hours,
    menteeHours: row.mentee_hours,
    expectations,
    timeToFillMonths: row.time_to_fill_months,
    interviewHours: row.interview_hours,
    bandSource: row.band_source,
    version: row.version,
  };
}

/** The ladder, lowest level first, with each level's expected skills. */
export function listLevels(db: DB): Promise<LadderLevel[]> {
  return readThrough(db, "levels", () => readLevels(db));
}

async function readLevels(db: DB): Promise<LadderLevel[]> {
  const [rows, expectations] = await Promise.all([
    db.selectFrom("level").selectAll().orderBy("position").execute(),
    db
      .selectFrom("level_expectation")
      .innerJoin("skill", "skill.id", "level_expectation.skill_id")
      .select(["level_id", "skill_id", "proficiency"])
      .orderBy("skill.position")
      .execute(),
  ]);
  const byLevel = new Map<string, SkillMap>();
  for (const e of expectations) {
    const map = byLevel.get(e.level_id) ?? {};
    map[e.skill_id] = e.proficiency;
    byLevel.set(e.level_id, map);
  }
  return rows.map((row) => levelRowToLevel(row, byLevel.get(row.id) ?? {}));
}

export async function getLevel(db: DB, { id }: { id: string }): Promise<LadderLevel | undefined> {
  return (await listLevels(db)).find((level) => level.id === id);
}

/** The skills catalog, in its display order. */
export function listSkills(db: DB): Promise<Skill[]> {
  return readThrough(db, "skills", () => db.selectFrom("skill").select(["id", "name"]).orderBy("position").execute());
}

/**
 * Saves a level and its expected skills together (skills at 0 carry no expectation), audited.
 * With `expectedVersion`, a save based on an older version is refused. A band changed here is
 * typed in ("manual") unless `bandSource` says where it came from; `note` ends the audit's summary.
 */
export async function updateLevel(
  db: DB,
  {
    id,
    changes,
    expectedVersion,
    bandSource,
    note,
    actor = SYSTEM,
    now = new Date().toISOString(),
  }: { id: string; changes: LevelChanges; expectedVersion?: number; bandSource?: BandSource; note?: string } & Change,
): Promise<Saved> {
  return inTransaction(db, async (trx) => {
    const current = (await listLevels(trx)).find((l) => l.id === id);
    if (!current) return MISSING;
    const row = await trx
      .selectFrom("level")
      .select(["version", "updated_at", "updated_by"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    if (expectedVersion !== undefined && row.version !== expectedVersion)
      return { ok: false, reason: "conflict", by: row.updated_by, at: row.updated_at };
    const { position: _p, version: _v, id: _id, ...before } = current;
    const { band } = changes;
    const bandChanged = band.min !== current.band.min || band.mid !== current.band.mid || band.max !== current.band.max;
    const source = bandSource ?? (bandChanged ? "manual" : current.bandSource);
    // Skills at 0 carry no expectation, so they are not stored: left in, every save would look like a change of skills.
    const expected = Object.fromEntries(Object.entries(changes.expectations).filter(([, p]) => p > 0));
    const changed = difference(before as unknown as Record<string, unknown>, {
      ...changes,
      expectations: expected,
      bandSource: source,
    });
    if (!changed) return { ok: true };
    await trx
      .updateTable("level")
      .set((eb) => ({
        title: changes.title,
        class: changes.class,
        years: changes.years,
        summary: changes.summary,
        band_min: changes.band.min,
        band_mid: changes.band.mid,
        band_max: changes.band.max,
        output: changes.output,
        ramp_months: changes.rampMonths,
        annual_attrition: changes.annualAttrition,
        annual_promotion: changes.annualPromotion,
        mentor_hours: changes.mentorHours,
        mentee_hours: changes.menteeHours,
        time_to_fill_months: changes.timeToFillMonths,
        interview_hours: changes.interviewHours,
        band_source: source,
        version: eb("version", "+", 1),
        updated_at: now,
        updated_by: actor.name,
      }))
      .where("id", "=", id)
      .execute();
    await trx.deleteFrom("level_expectation").where("level_id", "=", id).execute();
    const rows = Object.entries(expected);
    if (rows.length > 0) {
      await trx
        .insertInto("level_expectation")
        .values(rows.map(([skill_id, proficiency]) => ({ level_id: id, skill_id, proficiency })))
        .execute();
    }
    await recordAudit(trx, {
      actor,
      at: now,
      action: "update",
      entity: "level",
      entityId: id,
      summary: `Changed ${Object.keys(changed.after).join(", ")} of level ${id} ${current.title}${note ? `: ${note}` : ""}`,
      ...changed,
    });
    return { ok: true };
  });
}

/** A job title from an HR system's export and the level it means, as imports keep it. */
export interface TitleLevel {
  key: string;
  title: string;
  levelId: string;
  updatedBy: string;
  updatedAt: string;
}

/** The job titles imports have matched to levels, by title. */
export async function listTitleLevels(db: DB): Promise<TitleLevel[]> {
  const rows = await db.selectFrom("title_level").selectAll().orderBy("title").execute();
  return rows.map((r) => ({
    key: r.title_key,
    title: r.title,
    levelId: r.level_id,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  }));
}

/**
 * Sets the levels of job titles (an empty level forgets the title, so the next import suggests
 * one again), audited as one change. Unknown titles and levels are left alone.
 */
export async function saveTitleLevels(
  db: DB,
  { levels, actor = SYSTEM, now = new Date().toISOString() }: { levels: Record<string, string> } & Change,
): Promise<{ changed: number }> {
  return inTransaction(db, async (trx) => {
    const known = new Set((await trx.selectFrom("level").select("id").execute()).map((l) => l.id));
    const current = await listTitleLevels(trx);
    const before: Record<string, string> = {};
    const after: Record<string, string> = {};
    for (const title of current) {
      const next = levels[title.key];
      if (next === undefined || next === title.levelId || (next !== "" && !known.has(next))) continue;
      before[title.title] = title.levelId;
      after[title.title] = next === "" ? "(forgotten)" : next;
      if (next === "") await trx.deleteFrom("title_level").where("title_key", "=", title.key).execute();
      else
        await trx
          .updateTable("title_level")
          .set({ level_id: next, updated_by: actor.name, updated_at: now })
          .where("title_key", "=", title.key)
          .execute();
    }
    const changed = Object.keys(after).length;
    if (changed > 0)
      await recordAudit(trx, {
        actor,
        at: now,
        action: "update",
        entity: "level",
        entityId: "job titles",
        summary: `Changed the level of ${changed} job title${changed === 1 ? "" : "s"}`,
        before,
        after,
      });
    return { changed };
  });
}
