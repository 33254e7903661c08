/**
 * What importing a sheet would do to the roster: each row matched to an engineer or new, checked
 * with the add/edit form's own rules, and its changes in words. Pure, so the compute thread can
 * plan a 5,000-row file (about 150-250 ms) off the request's event loop.
 */
import { z } from "zod";
import type { Skill, SkillMap } from "~/domain";
import { engineerFormSchema } from "~/forms/engineer";
import { skillLevels } from "~/forms/parse";
import { ROSTER_COLUMNS, type RosterField as Field } from "~/forms/roster-columns";
import { unneutraliseCell } from "~/utils/csv";
import { formatMoney } from "~/utils/format";
import { UPLOAD_LIMITS } from "~/utils/limits";
import type { Sheet } from "~/utils/spreadsheet";
import type { Engineer, EngineerInput } from "./engineers.server";
import type { LadderLevel } from "./ladder.server";

/** A team a row may name. */
export interface TeamChoice {
  id: number;
  name: string;
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

const FIELD_LABELS: Record<string, string> = {
  name: "name",
  levelId: "level",
  teamId: "team",
  salary: "salary",
  startDate: "start date",
  notes: "notes",
};

/**
 * What importing a sheet would do to the roster. Blank cells on a row that updates an engineer
 * keep what they had; a new engineer needs a name, level, salary and start date.
 */
export function planRosterImport({
  sheet,
  engineers,
  levels,
  skills,
  teams = [],
}: {
  sheet: Sheet;
  engineers: Engineer[];
  levels: LadderLevel[];
  skills: Skill[];
  /** The teams an engineer may join. */
  teams?: TeamChoice[];
}): ImportPlan {
  const columns = mapColumns(sheet.header, skills);
  const plan: ImportPlan = {
    fileErrors: [],
    ignoredColumns: columns.ignored,
    rows: [],
    counts: { create: 0, update: 0, unchanged: 0, invalid: 0 },
  };
  if (columns.fields.name === undefined) {
    plan.fileErrors.push(
      `The first row has no Name column (it reads: ${sheet.header.map((h) => `"${h}"`).join(", ")}). The first row must name the columns; download the template to see them.`,
    );
    return plan;
  }
  const schema = engineerFormSchema(
    levels.map((l) => l.id),
    teams,
  );
  const teamFor = (text: string) => teams.find((t) => t.name.toLowerCase() === text.toLowerCase());
  const teamList = teams.map((t) => t.name).join(", ");
  const skillSchema = skillLevels(
    columns.skills.map((s) => s.skillId),
    "skill",
  );
  const byId = new Map(engineers.map((e) => [e.id, e]));
  const byName = new Map<string, Engineer[]>();
  for (const e of engineers)
    byName.set(e.name.trim().toLowerCase(), [...(byName.get(e.name.trim().toLowerCase()) ?? []), e]);
  const seen = new Map<string, number>();
  const levelFor = (text: string) =>
    levels.find((l) => l.id.toLowerCase() === text.toLowerCase() || l.title.toLowerCase() === text.toLowerCase());
  const levelList = levels.map((l) => `${l.id} ${l.title}`).join(", ");

  for (const { line, cells } of sheet.rows) {
    // Our own exports put an apostrophe before text a spreadsheet would run: take it off again.
    const cell = (field: Field) =>
      unneutraliseCell(columns.fields[field] === undefined ? "" : (cells[columns.fields[field]] ?? ""));
    const errors: string[] = [];
    const problem = (field: string, value: string, message: string) =>
      errors.push(`line ${line}: ${field}${value === "" ? "" : ` "${value}"`}: ${message}`);

    // Which engineer this row is about.
    let existing: Engineer | undefined;
    const idText = cell("id");
    if (idText !== "") {
      existing = /^\d+$/.test(idText) ? byId.get(Number(idText)) : undefined;
      if (!existing) problem("id", idText, "no engineer on the team has this id; leave it empty to add a new engineer");
    } else {
      const matches = byName.get(cell("name").toLowerCase()) ?? [];
      if (matches.length > 1)
        problem(
          "name",
          cell("name"),
          `${matches.length} engineers on the team have this name; add the Id column (from the roster download) to say which`,
        );
      existing = matches.length === 1 ? matches[0] : undefined;
    }
    const key = existing ? `id:${existing.id}` : `name:${cell("name").toLowerCase()}`;
    if (cell("name") !== "" || existing) {
      const earlier = seen.get(key);
      if (earlier !== undefined)
        problem("name", cell("name") || existing!.name, `the same engineer is already on line ${earlier}`);
      else seen.set(key, line);
    }

    // The level, by id or title.
    const levelText = cell("level") || cell("levelTitle");
    const level = levelText === "" ? undefined : levelFor(levelText);
    if (levelText !== "" && !level) problem("level", levelText, `not a level of the ladder (${levelList})`);
    const titled = cell("level") !== "" && cell("levelTitle") !== "" ? levelFor(cell("levelTitle")) : undefined;
    if (level && titled && titled.id !== level.id)
      problem(
        "level title",
        cell("levelTitle"),
        `is ${titled.id}, but Level says ${level.id} ${level.title}: make them agree, or leave one empty`,
      );

    // The team, by name; blank keeps an existing engineer's (a new one joins the first team).
    const teamText = cell("team");
    const team = teamText === "" ? undefined : teamFor(teamText);
    if (teamText !== "" && !team)
      problem("team", teamText, `not a team (teams: ${teamList}); add it on the Teams page first`);

    // Blank cells keep what an existing engineer has.
    const keep = (text: string, current: string | number | undefined) =>
      text === "" && current !== undefined ? String(current) : text;
    const values = {
      // Matched by name, a name written in another case is the same person: keep theirs.
      name: existing && idText === "" ? existing.name : keep(cell("name"), existing?.name),
      levelId: level?.id ?? (levelText === "" ? (existing?.levelId ?? "") : levelText),
      teamId: team ? String(team.id) : existing ? String(existing.teamId) : "",
      salary: keep(cell("salary"), existing?.salary),
      startDate: keep(cell("startDate"), existing?.startDate),
      // Notes are optional, so an empty Notes cell means no notes (other blank cells keep the value).
      notes: columns.fields.notes === undefined ? (existing?.notes ?? "") : cell("notes"),
    };
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      const said = new Set<string>();
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        if (said.has(field)) continue; // one problem per field, the first
        said.add(field);
        if (field === "levelId" && levelText !== "" && !level) continue; // already said, with the ladder's titles
        if (field === "teamId" && teamText !== "" && !team) continue; // already said, with the teams' names
        problem(
          FIELD_LABELS[field] ?? field,
          field === "levelId"
            ? levelText
            : field === "teamId"
              ? teamText
              : (values[field as keyof typeof values] ?? ""),
          issue.message,
        );
      }
    }

    const skillFields: Record<string, string> = {};
    for (const { skillId, index } of columns.skills)
      skillFields[`skill.${skillId}`] = keep(cells[index] ?? "", existing?.skills[skillId] ?? 0);
    const parsedSkills = skillSchema.safeParse(skillFields);
    if (!parsedSkills.success) {
      for (const issue of parsedSkills.error.issues) {
        const skillId = String(issue.path[0]).slice("skill.".length);
        problem(
          `skill ${skills.find((s) => s.id === skillId)?.name ?? skillId}`,
          skillFields[String(issue.path[0])] ?? "",
          "must be a whole number from 0 (none) to 4 (can teach it)",
        );
      }
    }

    const name = values.name || cell("name");
    if (errors.length > 0 || !parsed.success || !parsedSkills.success) {
      plan.rows.push({
        line,
        name,
        action: existing ? "update" : "create",
        engineerId: existing?.id,
        changes: [],
        errors,
      });
      plan.counts.invalid += 1;
      continue;
    }
    const input = parsed.data;
    const rowSkills = existing ? { ...existing.skills, ...parsedSkills.data } : parsedSkills.data;
    const changes = existing ? describeChanges(existing, input, rowSkills, levels, skills, teams) : [];
    const action = !existing ? "create" : changes.length === 0 ? "unchanged" : "update";
    plan.rows.push({
      line,
      name: input.name,
      action,
      engineerId: existing?.id,
      changes,
      errors: [],
      input,
      skills: rowSkills,
    });
    plan.counts[action] += 1;
  }
  return plan;
}

function describeChanges(
  before: Engineer,
  after: EngineerInput,
  skills: SkillMap,
  levels: LadderLevel[],
  catalog: Skill[],
  teams: TeamChoice[],
): string[] {
  const changes: string[] = [];
  const title = (id: string) => levels.find((l) => l.id === id)?.title ?? id;
  const teamName = (id: number) => teams.find((t) => t.id === id)?.name ?? `team ${id}`;
  if (before.name !== after.name) changes.push(`name "${before.name}" → "${after.name}"`);
  if (after.teamId !== undefined && before.teamId !== after.teamId)
    changes.push(`team ${teamName(before.teamId)} → ${teamName(after.teamId)}`);
  if (before.levelId !== after.levelId) changes.push(`level ${title(before.levelId)} → ${title(after.levelId)}`);
  if (before.salary !== after.salary)
    changes.push(`salary ${formatMoney(before.salary)} → ${formatMoney(after.salary)}`);
  if (before.startDate !== after.startDate) changes.push(`start date ${before.startDate} → ${after.startDate}`);
  // A spreadsheet keeps a line break as LF (XML has no CR LF), so a CSV's CR LF coming back as LF is no change.
  if (lineBreaks(before.notes) !== lineBreaks(after.notes)) changes.push("notes");
  for (const skill of catalog) {
    const from = before.skills[skill.id] ?? 0;
    const to = skills[skill.id] ?? 0;
    if (from !== to) changes.push(`${skill.name} ${from} → ${to}`);
  }
  return changes;
}

const count = (n: number) => n.toLocaleString("en-US");
const lineBreaks = (text: string) => text.replace(/\r\n?/g, "\n");
const cellsSchema = z
  .array(
    z
      .string()
      .max(
        UPLOAD_LIMITS.cellChars,
        `A cell has more than ${count(UPLOAD_LIMITS.cellChars)} characters; Teamshape reads at most ${count(UPLOAD_LIMITS.cellChars)} characters in one cell.`,
      ),
  )
  .max(
    UPLOAD_LIMITS.columns,
    `A row has more than ${count(UPLOAD_LIMITS.columns)} columns; Teamshape reads at most ${count(UPLOAD_LIMITS.columns)} columns.`,
  );

/** The sheet as the preview sends it back on confirm, within the upload's limits; it is planned and checked again. */
const sheetSchema = z
  .object({
    header: cellsSchema,
    rows: z
      .array(z.object({ line: z.number().int().positive(), cells: cellsSchema }))
      .min(1)
      .max(
        UPLOAD_LIMITS.rows,
        `The file has more than ${count(UPLOAD_LIMITS.rows)} rows; Teamshape imports at most ${count(UPLOAD_LIMITS.rows)} at a time.`,
      ),
  })
  .refine(
    (sheet) =>
      [sheet.header, ...sheet.rows.map((r) => r.cells)].reduce(
        (sum, cells) => cells.reduce((n, c) => n + c.length, sum),
        0,
      ) <= UPLOAD_LIMITS.sheetChars,
    {
      error: `The file holds more than ${count(UPLOAD_LIMITS.sheetChars)} characters of text; Teamshape reads at most ${count(UPLOAD_LIMITS.sheetChars)} in one import.`,
    },
  );

export type SheetPlan = { ok: true; plan: ImportPlan } | { ok: false; message: string };

/**
 * A sheet sent as JSON text (the preview's, sent back on confirm, or one just read), checked
 * against the upload limits, then planned.
 */
export function planSentSheet({
  sheetText,
  engineers,
  levels,
  skills,
  teams = [],
}: {
  sheetText: string;
  engineers: Engineer[];
  levels: LadderLevel[];
  skills: Skill[];
  teams?: TeamChoice[];
}): SheetPlan {
  const again = "The preview could not be read back. Upload the file again.";
  let sent: unknown;
  try {
    sent = JSON.parse(sheetText);
  } catch {
    return { ok: false, message: again };
  }
  const parsed = sheetSchema.safeParse(sent);
  if (!parsed.success) {
    // A limit names itself; any other difference means the preview was not sent back as it was.
    const limit = parsed.error.issues.find((issue) => issue.code === "too_big" || issue.code === "custom");
    return { ok: false, message: limit?.message ?? again };
  }
  return { ok: true, plan: planRosterImport({ sheet: parsed.data, engineers, levels, skills, teams }) };
}
