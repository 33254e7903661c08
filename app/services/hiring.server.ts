/**
 * The workspace's hiring settings (MODEL.md section 7): its recruiters, the hires each can make a
 * quarter and the first-year attrition multiplier. The scenarios the app creates carry them; saved
 * scenarios keep their own.
 */
import type { WorkspaceHiring } from "~/domain";
import { inTransaction, readThrough, type DB } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { SYSTEM } from "./auth.server";
import { difference, type Change } from "./changes.server";

export function getHiringSettings(db: DB): Promise<WorkspaceHiring> {
  return readThrough(db, "hiring settings", async () => {
    const row = await db
      .selectFrom("workspace")
      .select(["recruiters", "hires_per_recruiter_per_quarter", "first_year_attrition_multiplier"])
      .where("id", "=", 1)
      .executeTakeFirstOrThrow();
    return {
      recruiters: row.recruiters,
      hiresPerRecruiterPerQuarter: row.hires_per_recruiter_per_quarter,
      firstYearAttritionMultiplier: row.first_year_attrition_multiplier,
    };
  });
}

/** "2 recruiters, 6 hires each a quarter; first-year attrition 1.5 times the usual rate" */
export function hiringSettingsWords(settings: WorkspaceHiring): string {
  const recruiters =
    settings.recruiters === null
      ? "recruiters not set"
      : `${settings.recruiters} recruiter${settings.recruiters === 1 ? "" : "s"}`;
  return `${recruiters}, ${settings.hiresPerRecruiterPerQuarter} hires each a quarter; first-year attrition ${settings.firstYearAttritionMultiplier} times the usual rate`;
}

/** Sets the workspace's hiring settings (validated by the form), audited with the values before and after. */
export async function setHiringSettings(
  db: DB,
  { settings, actor = SYSTEM, now = new Date().toISOString() }: { settings: WorkspaceHiring } & Change,
): Promise<{ changed: boolean }> {
  return inTransaction(db, async (trx) => {
    const before = await getHiringSettings(trx);
    const changed = difference(before as unknown as Record<string, unknown>, { ...settings });
    if (!changed) return { changed: false };
    await trx
      .updateTable("workspace")
      .set({
        recruiters: settings.recruiters,
        hires_per_recruiter_per_quarter: settings.hiresPerRecruiterPerQuarter,
        first_year_attrition_multiplier: settings.firstYearAttritionMultiplier,
        updated_at: now,
      })
      .where("id", "=", 1)
      .execute();
    await recordAudit(trx, {
      actor,
      at: now,
      action: "update",
      entity: "workspace",
      entityId: 1,
      summary: `Changed the hiring settings to ${hiringSettingsWords(settings)} (was ${hiringSettingsWords(before)})`,
      ...changed,
    });
    return { changed: true };
  });
}
