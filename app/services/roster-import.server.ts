/**
 * Roster import: a CSV or XLSX file from a spreadsheet becomes a plan of creates and updates,
 * each row checked with the same form rules as the add/edit pages. Nothing is written until the
 * plan is applied, and then in one transaction. Reading the file, within its limits, is
 * app/utils/spreadsheet.ts.
 */
import type { Skill, SkillMap } from "~/domain";
import { engineerFormSchema } from "~/forms/engineer";
import { skillLevels } from "~/forms/parse";
import { unneutraliseCell } from "~/utils/csv";
import { formatMoney } from "~/utils/format";
import { inTransaction, type DB } from "~/utils/db.server";
import { readSpreadsheet, type ReadResult, type Sheet } from "~/utils/spreadsheet";
import { SYSTEM, type Actor } from "./auth.server";
import { insertEngineer, writeEngineer, type Engineer, type EngineerInput } from "./engineers.server";
import type { LadderLevel } from "./ladder.server";
import { ROSTER_COLUMNS, type RosterField as Field } from "~/forms/roster-columns";

export type { ReadResult, Sheet };

/** A CSV or XLSX upload as a sheet of engineers, within the upload limits (app/utils/spreadsheet.ts). */
export async function readRosterFile(bytes: Uint8Array): Promise<ReadResult> {
  const read = await readSpreadsheet(bytes);
  if (!read.ok) return read;
  if (read.sheet.header.length === 0) return { ok: false, message: "The file is empty. The first row must name the columns; download the template to see them." };
  if (read.sheet.rows.length === 0) return { ok: false, message: "The file has column names but no engineers." };
  return read;
}

// ---------------------------------------------------------------------------------------------
// Columns

const normalise = (header: string) =>
  header
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, "")
    .replace(/^skill:/, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

interface ColumnMap {
  fields: Partial<Record<Field, number>>;
  skills: { skillId: string; index: number }[];
  ignored: string[];
}

function mapColumns(header: string[], skills: Skill[]): ColumnMap {
  const map: ColumnMap = { fields: {}, skills: [], ignored: [] };
  header.forEach((title, index) => {
    const key = normalise(title);
    const column = ROSTER_COLUMNS.find((c) => c.aliases.includes(key));
    const skill = skills.find((s) => normalise(s.id) === key || normalise(s.name) === key);
    if (column && map.fields[column.field] === undefined) map.fields[column.field] = index;
    else if (skill && !map.skills.some((s) => s.skillId === skill.id)) map.skills.push({ skillId: skill.id, index });
    else if (title !== "") map.ignored.push(title);
  });
  return map;
}

// ---------------------------------------------------------------------------------------------
// The plan

export interface PlannedRow {
  line: number;
  name: string;
  action: "create" | "update" | "unchanged";
  engineerId?: number;
  /** For an update, what changes, in words: "salary $120,000 → $125,000". */
  changes: string[];
  errors: string[];
  input?: EngineerInput;
  /** The skills the file gives for this row (for an update, merged with what they had). */
  skills?: SkillMap;
}

export interface ImportPlan {
  /** Problems with the file as a whole (no Name column): nothing can be imported. */
  fileErrors: string[];
  ignoredColumns: string[];
  rows: PlannedRow[];
  counts: { create: number; update: number; unchanged: number; invalid: number };
}

const FIELD_LABELS: Record<string, string> = { name: "name", levelId: "level", salary: "salary", startDate: "start date", notes: "notes" };

/**
 * What importing a sheet would do to the roster. Blank cells on a row that updates an engineer
 * keep what they had; a new engineer needs a name, level, salary and start date.
 */
export function planRosterImport({ sheet, engineers, levels, skills }: { sheet: Sheet; engineers: Engineer[]; levels: LadderLevel[]; skills: Skill[] }): ImportPlan {
  const columns = mapColumns(sheet.header, skills);
  const plan: ImportPlan = { fileErrors: [], ignoredColumns: columns.ignored, rows: [], counts: { create: 0, update: 0, unchanged: 0, invalid: 0 } };
  if (columns.fields.name === undefined) {
    plan.fileErrors.push(
      `The first row has no Name column (it reads: ${sheet.header.map((h) => `"${h}"`).join(", ")}). The first row must name the columns; download the template to see them.`
    );
    return plan;
  }
  const schema = engineerFormSchema(levels.map((l) => l.id));
  const skillSchema = skillLevels(
    columns.skills.map((s) => s.skillId),
    "skill"
  );
  const byId = new Map(engineers.map((e) => [e.id, e]));
  const byName = new Map<string, Engineer[]>();
  for (const e of engineers) byName.set(e.name.trim().toLowerCase(), [...(byName.get(e.name.trim().toLowerCase()) ?? []), e]);
  const seen = new Map<string, number>();
  const levelFor = (text: string) => levels.find((l) => l.id.toLowerCase() === text.toLowerCase() || l.title.toLowerCase() === text.toLowerCase());
  const levelList = levels.map((l) => `${l.id} ${l.title}`).join(", ");

  for (const { line, cells } of sheet.rows) {
    // Our own exports put an apostrophe before text a spreadsheet would run: take it off again.
    const cell = (field: Field) => unneutraliseCell(columns.fields[field] === undefined ? "" : cells[columns.fields[field]!] ?? "");
    const errors: string[] = [];
    const problem = (field: string, value: string, message: string) => errors.push(`line ${line}: ${field}${value === "" ? "" : ` "${value}"`}: ${message}`);

    // Which engineer this row is about.
    let existing: Engineer | undefined;
    const idText = cell("id");
    if (idText !== "") {
      existing = /^\d+$/.test(idText) ? byId.get(Number(idText)) : undefined;
      if (!existing) problem("id", idText, "no engineer on the team has this id; leave it empty to add a new engineer");
    } else {
      const matches = byName.get(cell("name").toLowerCase()) ?? [];
      if (matches.length > 1) problem("name", cell("name"), `${matches.length} engineers on the team have this name; add the Id column (from the roster download) to say which`);
      existing = matches.length === 1 ? matches[0] : undefined;
    }
    const key = existing ? `id:${existing.id}` : `name:${cell("name").toLowerCase()}`;
    if (cell("name") !== "" || existing) {
      const earlier = seen.get(key);
      if (earlier !== undefined) problem("name", cell("name") || existing!.name, `the same engineer is already on line ${earlier}`);
      else seen.set(key, line);
    }

    // The level, by id or title.
    const levelText = cell("level") || cell("levelTitle");
    const level = levelText === "" ? undefined : levelFor(levelText);
    if (levelText !== "" && !level) problem("level", levelText, `not a level of the ladder (${levelList})`);
    const titled = cell("level") !== "" && cell("levelTitle") !== "" ? levelFor(cell("levelTitle")) : undefined;
    if (level && titled && titled.id !== level.id)
      problem("level title", cell("levelTitle"), `is ${titled.id}, but Level says ${level.id} ${level.title}: make them agree, or leave one empty`);

    // Blank cells keep what an existing engineer has.
    const keep = (text: string, current: string | number | undefined) => (text === "" && current !== undefined ? String(current) : text);
    const values = {
      // Matched by name, a name written in another case is the same person: keep theirs.
      name: existing && idText === "" ? existing.name : keep(cell("name"), existing?.name),
      levelId: level?.id ?? (levelText === "" ? existing?.levelId ?? "" : levelText),
      salary: keep(cell("salary"), existing?.salary),
      startDate: keep(cell("startDate"), existing?.startDate),
      // Notes are optional, so an empty Notes cell means no notes (other blank cells keep the value).
      notes: columns.fields.notes === undefined ? existing?.notes ?? "" : cell("notes"),
    };
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      const said = new Set<string>();
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        if (said.has(field)) continue; // one problem per field, the first
        said.add(field);
        if (field === "levelId" && levelText !== "" && !level) continue; // already said, with the ladder's titles
        problem(FIELD_LABELS[field] ?? field, field === "levelId" ? levelText : values[field as keyof typeof values] ?? "", issue.message);
      }
    }

    const skillFields: Record<string, string> = {};
    for (const { skillId, index } of columns.skills) skillFields[`skill.${skillId}`] = keep(cells[index] ?? "", existing?.skills[skillId] ?? 0);
    const parsedSkills = skillSchema.safeParse(skillFields);
    if (!parsedSkills.success) {
      for (const issue of parsedSkills.error.issues) {
        const skillId = String(issue.path[0]).slice("skill.".length);
        problem(
          `skill ${skills.find((s) => s.id === skillId)?.name ?? skillId}`,
          skillFields[String(issue.path[0])] ?? "",
          "must be a whole number from 0 (none) to 4 (can teach it)"
        );
      }
    }

    const name = values.name || cell("name");
    if (errors.length > 0 || !parsed.success || !parsedSkills.success) {
      plan.rows.push({ line, name, action: existing ? "update" : "create", engineerId: existing?.id, changes: [], errors });
      plan.counts.invalid += 1;
      continue;
    }
    const input = parsed.data;
    const rowSkills = existing ? { ...existing.skills, ...parsedSkills.data } : parsedSkills.data;
    const changes = existing ? describeChanges(existing, input, rowSkills, levels, skills) : [];
    const action = !existing ? "create" : changes.length === 0 ? "unchanged" : "update";
    plan.rows.push({ line, name: input.name, action, engineerId: existing?.id, changes, errors: [], input, skills: rowSkills });
    plan.counts[action] += 1;
  }
  return plan;
}

function describeChanges(before: Engineer, after: EngineerInput, skills: SkillMap, levels: LadderLevel[], catalog: Skill[]): string[] {
  const changes: string[] = [];
  const title = (id: string) => levels.find((l) => l.id === id)?.title ?? id;
  if (before.name !== after.name) changes.push(`name "${before.name}" → "${after.name}"`);
  if (before.levelId !== after.levelId) changes.push(`level ${title(before.levelId)} → ${title(after.levelId)}`);
  if (before.salary !== after.salary) changes.push(`salary ${formatMoney(before.salary)} → ${formatMoney(after.salary)}`);
  if (before.startDate !== after.startDate) changes.push(`start date ${before.startDate} → ${after.startDate}`);
  if (before.notes !== after.notes) changes.push("notes");
  for (const skill of catalog) {
    const from = before.skills[skill.id] ?? 0;
    const to = skills[skill.id] ?? 0;
    if (from !== to) changes.push(`${skill.name} ${from} → ${to}`);
  }
  return changes;
}

/**
 * Writes a plan in one transaction: every valid row, or nothing. Returns how many engineers were
 * created and updated.
 */
export async function applyRosterImport(
  db: DB,
  plan: ImportPlan,
  { actor = SYSTEM, now = new Date().toISOString() }: { actor?: Actor; now?: string } = {}
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
        await writeEngineer(trx, { id: row.engineerId!, input: row.input, skills: row.skills ?? {}, actor, now, action: "import" });
        updated += 1;
      }
    }
    return { created, updated };
  });
}

/** The template download: the columns, and two example rows. */
export function rosterTemplate(levels: LadderLevel[], skills: Skill[]): { header: string[]; rows: (string | number)[][] } {
  const shownSkills = skills.slice(0, 3);
  return {
    header: [...ROSTER_COLUMNS.filter((c) => c.field !== "levelTitle").map((c) => c.header), ...shownSkills.map((s) => `Skill: ${s.name} (0-4)`)],
    rows: [
      ["", "Ada Example", levels[1]?.id ?? levels[0]?.id ?? "", 125000, "2025-09-01", "Joined from the platform team", ...shownSkills.map((_, i) => [3, 2, 0][i] ?? 0)],
      ["", "Grace Example", levels.at(-2)?.title ?? levels[0]?.title ?? "", 185000, "2022-02-14", "", ...shownSkills.map((_, i) => [4, 3, 3][i] ?? 0)],
    ],
  };
}
