/**
 * Roster import: a CSV or XLSX file from a spreadsheet becomes a plan of creates and updates,
 * each row checked with the same form rules as the add/edit pages. Nothing is written until the
 * plan is applied, and then in one transaction. Reading the file, within its limits, is
 * app/utils/spreadsheet.ts.
 */
import type { Skill } from "~/domain";
import { inTransaction, type DB } from "~/utils/db.server";
import type { ReadResult, Sheet } from "~/utils/spreadsheet";
import { readUploadedSheet } from "./compute.server";
import { SYSTEM, type Actor } from "./auth.server";
import { insertEngineer, writeEngineer } from "./engineers.server";
import type { LadderLevel } from "./ladder.server";
import { ROSTER_COLUMNS } from "~/forms/roster-columns";
import type { ImportPlan } from "./roster-plan.server";

export type { ReadResult, Sheet };
export { planRosterImport, type ImportPlan, type PlannedRow } from "./roster-plan.server";

/** A CSV or XLSX upload as a sheet of engineers, within the upload limits (app/utils/spreadsheet.ts). */
export async function readRosterFile(
  bytes: Uint8Array,
  { signal }: { signal?: AbortSignal } = {},
): Promise<ReadResult> {
  const read = await readUploadedSheet(bytes, { signal });
  if (!read.ok) return read;
  if (read.sheet.header.length === 0)
    return {
      ok: false,
      message: "The file is empty. The first row must name the columns; download the template to see them.",
    };
  if (read.sheet.rows.length === 0) return { ok: false, message: "The file has column names but no engineers." };
  return read;
}

/**
 * Writes a plan in one transaction: every valid row, or nothing. Returns how many engineers were
 * created and updated.
 */
export async function applyRosterImport(
  db: DB,
  plan: ImportPlan,
  { actor = SYSTEM, now = new Date().toISOString() }: { actor?: Actor; now?: string } = {},
): Promise<{ created: number; updated: number }> {
  return inTransaction(db, async (trx) => {
    let created = 0;
    let updated = 0;
    // For the fault test only: the process dies here, half way through the transaction.
    const crashAfter = Number(process.env.TEAMSHAPE_TEST_CRASH_AFTER_IMPORT_ROWS) || Infinity;
    for (const row of plan.rows) {
      if (created + updated >= crashAfter) process.kill(process.pid, "SIGKILL");
      if (row.errors.length > 0 || !row.input || row.action === "unchanged") continue;
      if (row.action === "create") {
        await insertEngineer(trx, { input: row.input, skills: row.skills, actor, now, action: "import" });
        created += 1;
      } else {
        await writeEngineer(trx, {
          id: row.engineerId!,
          input: row.input,
          skills: row.skills ?? {},
          actor,
          now,
          action: "import",
        });
        updated += 1;
      }
    }
    return { created, updated };
  });
}

/** The template download: the columns, and two example rows. */
export function rosterTemplate(
  levels: LadderLevel[],
  skills: Skill[],
): { header: string[]; rows: (string | number)[][] } {
  const shownSkills = skills.slice(0, 3);
  return {
    header: [
      ...ROSTER_COLUMNS.filter((c) => c.field !== "levelTitle").map((c) => c.header),
      ...shownSkills.map((s) => `Skill: ${s.name} (0-4)`),
    ],
    rows: [
      [
        "",
        "Ada Example",
        "",
        levels[1]?.id ?? levels[0]?.id ?? "",
        125000,
        "2025-09-01",
        "Joined from the platform team",
        ...shownSkills.map((_, i) => [3, 2, 0][i] ?? 0),
      ],
      [
        "",
        "Grace Example",
        "",
        levels.at(-2)?.title ?? levels[0]?.title ?? "",
        185000,
        "2022-02-14",
        "",
        ...shownSkills.map((_, i) => [4, 3, 3][i] ?? 0),
      ],
    ],
  };
}
