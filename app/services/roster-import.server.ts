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
import { snapshotRoster } from "./snapshots.server";
import type { LadderLevel } from "./ladder.server";
import { ROSTER_COLUMNS, TEMPLATE_FIELDS, type ColumnUse, type RosterField } from "~/forms/roster-columns";
import { headerKey, type ImportMemory, type ImportPlan } from "./roster-plan.server";
import { createTeam } from "./teams.server";
import { recordAudit } from "./audit.server";

export type { ReadResult, Sheet };
export {
  planRosterImport,
  withHeaderRow,
  type ImportChoices,
  type ImportMemory,
  type ImportPlan,
  type PlannedRow,
} from "./roster-plan.server";

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

/** What applying needs of a plan: its rows, and what it creates and remembers. */
export type ApplicablePlan = Pick<ImportPlan, "rows"> &
  Partial<Pick<ImportPlan, "newTeams" | "titles" | "columns" | "leavers">>;

/**
 * Writes a plan in one transaction: the teams it creates, every valid row, and what the next
 * import remembers (the column mapping of files with these headers, and the job titles' levels);
 * or nothing. Returns how many engineers were created and updated.
 */
export async function applyRosterImport(
  db: DB,
  plan: ApplicablePlan,
  { actor = SYSTEM, now = new Date().toISOString() }: { actor?: Actor; now?: string } = {},
): Promise<{ created: number; updated: number; teams: number; left: number }> {
  return inTransaction(db, async (trx) => {
    let created = 0;
    let updated = 0;
    const teamIds = new Map<string, number>();
    for (const name of plan.newTeams ?? []) {
      const made = await createTeam(trx, { input: { name, ratioTarget: null }, actor, now });
      if (!made.ok) throw new Error(`The team "${name}" could not be created: ${made.message}`);
      teamIds.set(name, made.id);
    }
    // For the fault test only: the process dies here, half way through the transaction.
    const crashAfter = Number(process.env.TEAMSHAPE_TEST_CRASH_AFTER_IMPORT_ROWS) || Infinity;
    for (const row of plan.rows) {
      if (created + updated >= crashAfter) process.kill(process.pid, "SIGKILL");
      if (row.errors.length > 0 || !row.input || row.action === "unchanged") continue;
      const input = row.newTeam ? { ...row.input, teamId: teamIds.get(row.newTeam)! } : row.input;
      if (row.action === "create") {
        await insertEngineer(trx, { input, skills: row.skills, actor, now, action: "import" });
        created += 1;
      } else {
        await writeEngineer(trx, {
          id: row.engineerId!,
          input,
          skills: row.skills ?? {},
          actor,
          now,
          action: "import",
        });
        updated += 1;
      }
    }
    let left = 0;
    for (const leaver of plan.leavers ?? []) {
      if (!leaver.marked || leaver.error) continue;
      await trx
        .updateTable("engineer")
        .set((eb) => ({ left_on: leaver.on, version: eb("version", "+", 1), updated_at: now, updated_by: actor.name }))
        .where("id", "=", leaver.engineerId)
        .where("left_on", "is", null)
        .execute();
      await recordAudit(trx, {
        actor,
        at: now,
        action: "import",
        entity: "engineer",
        entityId: leaver.engineerId,
        summary: `Marked "${leaver.name}" as left on ${leaver.on}`,
        before: { leftOn: null },
        after: { leftOn: leaver.on },
      });
      left += 1;
    }
    if (plan.columns) {
      const header = plan.columns.map((c) => c.header);
      const columns = JSON.stringify(plan.columns.map((c) => c.use));
      await trx
        .insertInto("import_mapping")
        .values({ header_key: headerKey(header), columns, updated_at: now })
        .onConflict((oc) => oc.column("header_key").doUpdateSet({ columns, updated_at: now }))
        .execute();
    }
    for (const title of plan.titles ?? []) {
      if (title.levelId === "") continue;
      await trx
        .insertInto("title_level")
        .values({
          title_key: title.key,
          title: title.title,
          level_id: title.levelId,
          updated_by: actor.name,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc
            .column("title_key")
            .doUpdateSet({ title: title.title, level_id: title.levelId, updated_by: actor.name, updated_at: now }),
        )
        .execute();
    }
    await snapshotRoster(trx, { now, reason: "import" });
    return { created, updated, teams: teamIds.size, left };
  });
}

/** What earlier imports remember for a file with this header row: its column mapping, and every job title's level. */
export async function importMemory(db: DB, header: readonly string[]): Promise<ImportMemory> {
  const [mapping, titles] = await Promise.all([
    db.selectFrom("import_mapping").select("columns").where("header_key", "=", headerKey(header)).executeTakeFirst(),
    db.selectFrom("title_level").select(["title_key", "level_id"]).execute(),
  ]);
  let columns: ColumnUse[] | undefined;
  try {
    const parsed: unknown = mapping ? JSON.parse(mapping.columns) : undefined;
    if (Array.isArray(parsed) && parsed.every((use) => typeof use === "string")) columns = parsed as ColumnUse[];
  } catch {
    columns = undefined; // a mapping that no longer reads is guessed again
  }
  return { columns, titles: Object.fromEntries(titles.map((t) => [t.title_key, t.level_id])) };
}

/**
 * The template download: the columns, and two example rows (Ada Example, Grace Example) that show
 * how to fill them in and are never imported as people.
 */
export function rosterTemplate(
  levels: LadderLevel[],
  skills: Skill[],
): { header: string[]; rows: (string | number)[][] } {
  const shownSkills = skills.slice(0, 3);
  const header = (field: RosterField) => ROSTER_COLUMNS.find((c) => c.field === field)!.header;
  return {
    header: [...TEMPLATE_FIELDS.map(header), ...shownSkills.map((s) => `Skill: ${s.name} (0-4)`)],
    rows: [
      [
        "E-1001",
        "Ada Example",
        "ada@example.com",
        "Software Engineer II",
        "",
        levels[1]?.id ?? levels[0]?.id ?? "",
        125000,
        "2025-09-01",
        "Joined from the platform team",
        ...shownSkills.map((_, i) => [3, 2, 0][i] ?? 0),
      ],
      [
        "E-1002",
        "Grace Example",
        "grace@example.com",
        "Senior Software Engineer",
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
