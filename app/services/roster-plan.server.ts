/**
 * What importing a sheet would do to the roster: each row matched to an engineer or new, checked
 * with the add/edit form's own rules, and its changes in words. Pure, so the compute thread can
 * plan a 5,000-row file (about 150-250 ms) off the request's event loop.
 */
import { z } from "zod";
import type { Skill, SkillMap } from "~/domain";
import { engineerFormSchema } from "~/forms/engineer";
import type { ImportChoices, ImportReading, Leaver, PlannedTitle } from "~/forms/import-choices";
import { skillLevels } from "~/forms/parse";
import {
  ROSTER_COLUMNS,
  findHeaderRow,
  guessColumns,
  isTemplateExample,
  normaliseHeader,
  rowKind,
  suggestLevel,
  type ColumnUse,
  type RowKind,
} from "~/forms/roster-columns";
import { decideDates, HOURS_A_YEAR, PAY_PERIODS, readDate, readPay, readPayPeriod } from "~/utils/import-values";
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
// The plan

/** What earlier imports left behind: the mapping of a file with these headers, and the levels of job titles. */
export type { ImportChoices };

export interface ImportMemory {
  columns?: ColumnUse[];
  titles?: Record<string, string>;
}

export interface PlannedRow {
  line: number;
  name: string;
  action: "create" | "update" | "unchanged";
  engineerId?: number;
  /** For an update, what changes, in words: "salary $120,000 → $125,000". */
  changes: string[];
  errors: string[];
  input?: EngineerInput;
  /** A team the import creates for this row (its name), when `input.teamId` is not set yet. */
  newTeam?: string;
  /** The skills the file gives for this row (for an update, merged with what they had). */
  skills?: SkillMap;
}

/** What importing a sheet would do: how it is read (shared with the page), and each row. */
export interface ImportPlan extends ImportReading {
  rows: PlannedRow[];
  /** Ignored columns' headers (kept for the page's "not used" line). */
  ignoredColumns: string[];
}

const FIELD_LABELS: Record<string, string> = {
  name: "name",
  levelId: "level",
  teamId: "team",
  salary: "salary",
  startDate: "start date",
  notes: "notes",
};

/** A job title as a key: lower case, single spaces. */
export const titleKey = (title: string) => title.trim().replace(/\s+/g, " ").toLowerCase();

/** The file's headers as one key, for remembering how a file of that shape was mapped. */
export const headerKey = (header: readonly string[]) => header.map(normaliseHeader).join("|");

/** Below this, a salary with no period written is taken for a month's or an hour's pay and flagged. */
const LOWEST_YEARLY_PAY = 15_000;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * What importing a sheet would do to the roster. The header row is found (a title line may come
 * first) and every column read as `choices.columns` says, else as the last file with the same
 * headers was, else as its header suggests. A row is matched to an engineer by Teamshape id, then
 * employee id, then work email, then name; blank cells on a row that updates an engineer keep
 * what they had; a new engineer needs a name, level, salary and start date.
 */
export function planRosterImport({
  sheet: given,
  engineers,
  levels,
  skills,
  teams = [],
  choices = {},
  memory = {},
  today = new Date(),
}: {
  sheet: Sheet;
  engineers: Engineer[];
  levels: LadderLevel[];
  skills: Skill[];
  /** The teams an engineer may join. */
  teams?: TeamChoice[];
  choices?: ImportChoices;
  memory?: ImportMemory;
  today?: Date;
}): ImportPlan {
  const sheet = withHeaderRow(given);
  const guessed = guessColumns(
    sheet.header,
    skills,
    sheet.header.map((_, i) => sheet.rows.slice(0, 50).map((r) => r.cells[i] ?? "")),
  );
  const fits = (uses: ColumnUse[] | undefined) => uses !== undefined && uses.length === sheet.header.length;
  const uses = fits(choices.columns) ? choices.columns! : fits(memory.columns) ? memory.columns! : guessed;
  const columnOf = (use: ColumnUse) => {
    const index = uses.indexOf(use);
    return index < 0 ? undefined : index;
  };
  const plan: ImportPlan = {
    fileErrors: [],
    notes: [],
    headerLine: sheet.headerLine,
    columns: sheet.header.map((header, i) => ({
      header,
      use: uses[i] ?? "",
      samples: sheet.rows
        .map((r) => r.cells[i] ?? "")
        .filter((v) => v !== "")
        .slice(0, 3),
    })),
    columnsRemembered: !fits(choices.columns) && fits(memory.columns),
    dates: null,
    titles: [],
    leftOut: [],
    examples: 0,
    leavers: [],
    newTeams: [],
    createTeams: choices.createTeams !== false,
    periodPay: 0,
    convertPay: choices.convertPay === true,
    rows: [],
    counts: { create: 0, update: 0, unchanged: 0, invalid: 0 },
    ignoredColumns: sheet.header.filter((h, i) => h !== "" && (uses[i] ?? "") === ""),
  };
  const twice = uses.find((use, i) => use !== "" && uses.indexOf(use) !== i);
  if (twice) {
    const label = ROSTER_COLUMNS.find((c) => c.field === twice)?.label ?? twice.replace(/^skill:/, "Skill ");
    const headers = sheet.header.filter((_, i) => uses[i] === twice).map((h) => `"${h}"`);
    plan.fileErrors.push(`Two columns are read as ${label}: ${headers.join(" and ")}. Choose one of them.`);
    return plan;
  }
  const hasName =
    columnOf("name") !== undefined || columnOf("firstName") !== undefined || columnOf("lastName") !== undefined;
  if (!hasName) {
    plan.fileErrors.push(
      `No column holds the name (the columns read: ${sheet.header.map((h) => `"${h}"`).join(", ")}). Choose the name column below, or the first and last name columns.`,
    );
    return plan;
  }
  const at = (cells: string[], use: ColumnUse) => {
    const index = columnOf(use);
    // Our own exports put an apostrophe before text a spreadsheet would run: take it off again.
    return index === undefined ? "" : unneutraliseCell((cells[index] ?? "").trim());
  };
  const nameOf = (cells: string[]) =>
    at(cells, "name") || [at(cells, "firstName"), at(cells, "lastName")].filter(Boolean).join(" ");

  // Which rows: the template's examples never; rows outside engineering, contractors and leavers unless kept.
  const kinds: Exclude<RowKind, "engineer">[] = ["outside engineering", "contractor", "left"];
  const leftOut = new Map(
    kinds.map((kind) => [
      kind,
      { kind, names: [] as string[], groups: new Map<string, number>(), leftOut: choices.keep?.[kind] !== true },
    ]),
  );
  const rows: typeof sheet.rows = [];
  const leftRows: typeof sheet.rows = [];
  for (const row of sheet.rows) {
    if (isTemplateExample(nameOf(row.cells))) {
      plan.examples += 1;
      continue;
    }
    const kind = rowKind({
      jobTitle: at(row.cells, "jobTitle"),
      department: at(row.cells, "department"),
      employmentType: at(row.cells, "employmentType"),
      status: at(row.cells, "status"),
    });
    if (kind !== "engineer") {
      const group = leftOut.get(kind)!;
      group.names.push(nameOf(row.cells) || `line ${row.line}`);
      const by = at(row.cells, "department") || at(row.cells, "jobTitle") || "no department";
      group.groups.set(by, (group.groups.get(by) ?? 0) + 1);
      if (kind === "left") leftRows.push(row);
      if (group.leftOut) continue;
    }
    rows.push(row);
  }
  plan.leftOut = [...leftOut.values()]
    .filter((g) => g.names.length > 0)
    .map((g) => ({
      kind: g.kind,
      names: g.names,
      groups: [...g.groups].sort((a, b) => b[1] - a[1]).map(([by, n]) => `${by} (${n})`),
      leftOut: g.leftOut,
    }));

  // Dates: the order of numbers-only dates is decided from the whole column.
  const startColumn = columnOf("startDate");
  if (startColumn !== undefined) {
    plan.dates = decideDates(
      rows.map((r) => at(r.cells, "startDate")),
      choices.dayOrder,
    );
    if (plan.dates.decidedBy !== "none") plan.notes.push(`Start dates: ${plan.dates.description}`);
  }

  // Job titles: each distinct one read as a level, chosen, remembered or suggested.
  const titleLevels = new Map<string, PlannedTitle>();
  if (columnOf("jobTitle") !== undefined) {
    for (const row of rows) {
      const title = at(row.cells, "jobTitle");
      if (title === "") continue;
      const key = titleKey(title);
      const known = titleLevels.get(key);
      if (known) {
        known.count += 1;
        continue;
      }
      const valid = (id: string | undefined) => (id !== undefined && levels.some((l) => l.id === id) ? id : undefined);
      const saved = valid(memory.titles?.[key]);
      const suggestion = suggestLevel(title, levels);
      const otherwise = saved ?? suggestion?.levelId;
      // The page sends every title's level back: a choice is one that differs from what it would be anyway.
      const picked = valid(choices.titles?.[key]);
      const chosen = picked !== undefined && picked !== otherwise ? picked : undefined;
      titleLevels.set(key, {
        title,
        key,
        count: 1,
        levelId: chosen ?? otherwise ?? "",
        from: chosen ? "choice" : saved ? "saved" : "suggested",
        sure: chosen !== undefined || saved !== undefined || (suggestion?.sure ?? false),
      });
    }
  }
  plan.titles = [...titleLevels.values()].sort((a, b) => b.count - a.count || a.title.localeCompare(b.title));

  // Pay: the currency most salaries are in; the others are flagged.
  const payOf = (cells: string[]) => {
    const text = at(cells, "salary");
    if (text === "") return undefined;
    const read = readPay(text);
    if (!read.ok) return read;
    const code = at(cells, "currency").toUpperCase();
    return { ok: true as const, value: { ...read.value, currency: code || read.value.currency } };
  };
  const currencies = new Map<string, number>();
  for (const row of rows) {
    const pay = payOf(row.cells);
    if (pay?.ok) currencies.set(pay.value.currency ?? "", (currencies.get(pay.value.currency ?? "") ?? 0) + 1);
  }
  const written = [...currencies].filter(([code]) => code !== "").sort((a, b) => b[1] - a[1]);
  const mainCurrency = written[0]?.[0];
  if (written.length > 1)
    plan.notes.push(
      `Salaries are in ${written.length} currencies (${written.map(([code, n]) => `${code}: ${n}`).join(", ")}). Teamshape plans in one currency, so the rows in ${written
        .slice(1)
        .map(([code]) => code)
        .join(" and ")} are held back: convert them to ${mainCurrency} in the file first.`,
    );
  else if (mainCurrency && mainCurrency !== "USD")
    plan.notes.push(
      `Salaries are in ${mainCurrency}. Teamshape writes every amount with $: they are used as they are, so read $ as ${mainCurrency}.`,
    );

  const schema = engineerFormSchema(
    levels.map((l) => l.id),
    teams,
  );
  const teamFor = (text: string) => teams.find((t) => t.name.toLowerCase() === text.toLowerCase());
  const teamList = teams.map((t) => t.name).join(", ");
  const skillColumns = uses.flatMap((use, index) =>
    use.startsWith("skill:") ? [{ skillId: use.slice("skill:".length), index }] : [],
  );
  const skillSchema = skillLevels(
    skillColumns.map((s) => s.skillId),
    "skill",
  );
  const byId = new Map(engineers.map((e) => [e.id, e]));
  const byEmployeeId = new Map(engineers.filter((e) => e.employeeId).map((e) => [e.employeeId!, e]));
  const byEmail = new Map(engineers.filter((e) => e.email).map((e) => [e.email!, e]));
  const byName = new Map<string, Engineer[]>();
  for (const e of engineers) {
    const key = e.name.trim().toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), e]);
  }
  const seen = new Map<string, number>();
  const levelFor = (text: string) =>
    levels.find((l) => l.id.toLowerCase() === text.toLowerCase() || l.title.toLowerCase() === text.toLowerCase());
  const levelList = levels.map((l) => `${l.id} ${l.title}`).join(", ");
  const newTeams = new Map<string, string>();

  /** The engineer a row is about, by Teamshape id, employee id, email, then name; with the problems in matching it. */
  const engineerOf = (cells: string[]) => {
    const problems: [field: string, value: string, message: string][] = [];
    const employeeId = at(cells, "employeeId");
    const emailText = at(cells, "email").toLowerCase();
    const email = EMAIL.test(emailText) ? emailText : "";
    const rowName = nameOf(cells);
    let engineer: Engineer | undefined;
    const idText = at(cells, "id");
    if (idText !== "") {
      engineer = /^\d+$/.test(idText) ? byId.get(Number(idText)) : undefined;
      if (!engineer)
        problems.push(["id", idText, "no engineer on the team has this id; leave it empty to add a new engineer"]);
    }
    engineer ??= (employeeId && byEmployeeId.get(employeeId)) || (email && byEmail.get(email)) || undefined;
    if (!engineer && idText === "") {
      // By name, only someone the HR system has not given another id or email yet.
      const matches = (byName.get(rowName.toLowerCase()) ?? []).filter(
        (e) =>
          (employeeId === "" || e.employeeId === null || e.employeeId === employeeId) &&
          (email === "" || e.email === null || e.email === email),
      );
      if (matches.length > 1)
        problems.push([
          "name",
          rowName,
          `${matches.length} engineers on the team have this name; add an employee id or email column to say which`,
        ]);
      engineer = matches.length === 1 ? matches[0] : undefined;
    }
    return { engineer, problems };
  };
  const matched = new Set<number>();

  /**
   * Who may have left: people on the team the file lists as having left (marked, on the file's
   * date when it has one), then people it does not list at all (not marked: a file may be partial).
   */
  const leaversOf = (): Leaver[] => {
    const endReading = decideDates(
      leftRows.map((r) => at(r.cells, "endDate")),
      choices.dayOrder ?? (plan.dates?.decidedBy === "values" ? plan.dates.order : undefined),
    );
    const found = new Map<number, { reason: Leaver["reason"]; fileDate: string }>();
    for (const row of leftRows) {
      const { engineer } = engineerOf(row.cells);
      if (!engineer || engineer.leftOn !== null || matched.has(engineer.id)) continue;
      const end = at(row.cells, "endDate");
      const read = end === "" ? undefined : readDate(end, endReading, today);
      found.set(engineer.id, { reason: "left", fileDate: read?.ok ? read.value : "" });
    }
    for (const engineer of engineers)
      if (engineer.leftOn === null && !matched.has(engineer.id) && !found.has(engineer.id))
        found.set(engineer.id, { reason: "missing", fileDate: "" });
    const todayIso = today.toISOString().slice(0, 10);
    return [...found].map(([engineerId, { reason, fileDate }]) => {
      const engineer = byId.get(engineerId)!;
      const chosen = choices.leavers?.[engineerId];
      const marked = chosen ? chosen.marked : reason === "left";
      const on = chosen ? chosen.on : fileDate;
      const leaver: Leaver = { engineerId, name: engineer.name, reason, marked, on };
      if (!marked) return leaver;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(on) || !readDate(on, endReading, today).ok)
        leaver.error = on === "" ? "choose the day they left" : `"${on}" is not a date`;
      else if (on > todayIso) leaver.error = "the day they left cannot be after today";
      else if (on < engineer.startDate) leaver.error = `they started on ${engineer.startDate}, after that day`;
      return leaver;
    });
  };

  for (const { line, cells } of rows) {
    const cell = (use: ColumnUse) => at(cells, use);
    const errors: string[] = [];
    const problem = (field: string, value: string, message: string) =>
      errors.push(`line ${line}: ${field}${value === "" ? "" : ` "${value}"`}: ${message}`);
    const rowName = nameOf(cells);

    // The HR system's keys.
    const employeeId = cell("employeeId");
    const emailText = cell("email").toLowerCase();
    if (emailText !== "" && !EMAIL.test(emailText)) problem("email", cell("email"), "not an email address");
    const email = EMAIL.test(emailText) ? emailText : "";

    // Which engineer this row is about: by Teamshape id, employee id, email, then name.
    const found = engineerOf(cells);
    for (const [field, value, message] of found.problems) problem(field, value, message);
    const existing = found.engineer;
    if (existing) matched.add(existing.id);
    const key = existing
      ? `id:${existing.id}`
      : employeeId
        ? `employee:${employeeId}`
        : email
          ? `email:${email}`
          : `name:${rowName.toLowerCase()}`;
    if (rowName !== "" || existing) {
      const earlier = seen.get(key);
      if (earlier !== undefined)
        problem("name", rowName || existing!.name, `the same engineer is already on line ${earlier}`);
      else seen.set(key, line);
    }

    // The level: a Level (or Level title) cell, else the job title's level.
    const levelText = cell("level") || cell("levelTitle");
    const jobTitle = cell("jobTitle");
    const titled = jobTitle === "" ? undefined : titleLevels.get(titleKey(jobTitle));
    const level = levelText !== "" ? levelFor(levelText) : titled ? levelFor(titled.levelId) : undefined;
    if (levelText !== "" && !level) problem("level", levelText, `not a level of the ladder (${levelList})`);
    const sameTitle = cell("level") !== "" && cell("levelTitle") !== "" ? levelFor(cell("levelTitle")) : undefined;
    if (level && sameTitle && sameTitle.id !== level.id)
      problem(
        "level title",
        cell("levelTitle"),
        `is ${sameTitle.id}, but Level says ${level.id} ${level.title}: make them agree, or leave one empty`,
      );

    // The team by name (or the department, when the file has no team column).
    // A list of teams (Rippling's "Mobile, Web") gives the first; a department its name without a
    // manager in brackets (Workday's "Platform Engineering (Ruth Abernathy-Osei)").
    const teamText =
      columnOf("team") !== undefined
        ? cell("team").split(/\s*[,;]\s*/)[0]!
        : cell("department").replace(/\s*\([^)]*\)\s*$/, "");
    const team = teamText === "" ? undefined : teamFor(teamText);
    let newTeam: string | undefined;
    if (teamText !== "" && !team) {
      if (plan.createTeams) {
        newTeam = newTeams.get(teamText.toLowerCase()) ?? teamText;
        newTeams.set(teamText.toLowerCase(), newTeam);
      } else
        problem(
          "team",
          teamText,
          `not a team (teams: ${teamList}); add it on the Teams page, or let the import create it`,
        );
    }

    // Pay: a year's, in the file's main currency.
    let salaryText = "";
    const pay = payOf(cells);
    if (pay && !pay.ok) problem("salary", cell("salary"), pay.message);
    else if (pay) {
      const { amount, currency } = pay.value;
      const stated = cell("payPeriod");
      const statedPeriod = stated === "" ? null : readPayPeriod(stated);
      if (statedPeriod === undefined) problem("pay period", stated, "not a pay period: write Year, Month or Hour");
      const period = pay.value.period ?? statedPeriod ?? null;
      if (currency && mainCurrency && currency !== mainCurrency)
        problem(
          "salary",
          cell("salary"),
          `in ${currency}, while most salaries are in ${mainCurrency}: convert it first`,
        );
      else if (period === "hour" || period === "month") {
        plan.periodPay += 1;
        if (plan.convertPay) salaryText = String(Math.round(amount * PAY_PERIODS[period].perYear));
        else
          problem(
            "salary",
            cell("salary"),
            `pay ${PAY_PERIODS[period].words}, not a year: tick "Turn hourly and monthly pay into a year's" (an hour x ${HOURS_A_YEAR.toLocaleString("en-US")}, a month x 12), or write the year's salary`,
          );
      } else if (period === null && amount < LOWEST_YEARLY_PAY)
        problem(
          "salary",
          cell("salary"),
          `looks like pay for a month or an hour, not a year: say which in a pay period column, or write the year's salary`,
        );
      else salaryText = String(amount);
    }

    // The start date, as its column is read.
    let startText = "";
    if (cell("startDate") !== "") {
      const read = readDate(cell("startDate"), plan.dates!, today);
      if (read.ok) startText = read.value;
      else problem("start date", cell("startDate"), read.message);
    }

    // Blank cells keep what an existing engineer has.
    const keep = (text: string, current: string | number | undefined) =>
      text === "" && current !== undefined ? String(current) : text;
    const values = {
      // Matched by name, a name written in another case is the same person: keep theirs.
      name:
        existing && rowName.toLowerCase() === existing.name.toLowerCase()
          ? existing.name
          : keep(rowName, existing?.name),
      levelId: level?.id ?? (levelText === "" ? (existing?.levelId ?? "") : levelText),
      teamId: team ? String(team.id) : existing ? String(existing.teamId) : "",
      salary: pay ? salaryText : keep("", existing?.salary),
      startDate: cell("startDate") !== "" ? startText : keep("", existing?.startDate),
      // Notes are optional, so an empty Notes cell means no notes (other blank cells keep the value).
      notes: columnOf("notes") === undefined ? (existing?.notes ?? "") : cell("notes"),
    };
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      const said = new Set<string>();
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        if (said.has(field)) continue; // one problem per field, the first
        said.add(field);
        if (field === "levelId" && levelText !== "" && !level) continue; // already said, with the ladder's titles
        if (field === "teamId" && (newTeam || (teamText !== "" && !team))) continue;
        if (field === "salary" && pay && salaryText === "") continue; // already said, with the pay's own problem
        if (field === "startDate" && cell("startDate") !== "" && startText === "") continue;
        if (field === "levelId" && levelText === "" && jobTitle === "" && !existing) {
          problem("level", "", "empty: choose a level column, or a job title column and each title's level");
          continue;
        }
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
    for (const { skillId, index } of skillColumns)
      skillFields[`skill.${skillId}`] = keep((cells[index] ?? "").trim(), existing?.skills[skillId] ?? 0);
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

    const name = values.name || rowName;
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
    const input: EngineerInput = {
      ...parsed.data,
      ...(employeeId !== "" ? { employeeId } : {}),
      ...(email !== "" ? { email } : {}),
      ...(jobTitle !== "" ? { jobTitle } : {}),
      // Someone who had left and is in the file again is back on the team.
      ...(existing?.leftOn ? { leftOn: null } : {}),
    };
    const rowSkills = existing ? { ...existing.skills, ...parsedSkills.data } : parsedSkills.data;
    const changes = existing ? describeChanges(existing, input, rowSkills, levels, skills, teams, newTeam) : [];
    const action = !existing ? "create" : changes.length === 0 ? "unchanged" : "update";
    plan.rows.push({
      line,
      name: input.name,
      action,
      engineerId: existing?.id,
      changes,
      errors: [],
      input,
      ...(newTeam ? { newTeam } : {}),
      skills: rowSkills,
    });
    plan.counts[action] += 1;
  }
  plan.newTeams = [...newTeams.values()];
  plan.leavers = leaversOf();
  return plan;
}

/** The sheet with its header row found: a title line and blank lines may come first. */
export function withHeaderRow(sheet: Sheet): Sheet & { headerLine: number } {
  const all = [sheet.header, ...sheet.rows.map((r) => r.cells)];
  const at = findHeaderRow(all);
  if (at === 0) return { ...sheet, headerLine: 1 };
  const header = sheet.rows[at - 1]!;
  return { header: header.cells, rows: sheet.rows.slice(at), headerLine: header.line };
}

function describeChanges(
  before: Engineer,
  after: EngineerInput,
  skills: SkillMap,
  levels: LadderLevel[],
  catalog: Skill[],
  teams: TeamChoice[],
  newTeam?: string,
): string[] {
  const changes: string[] = [];
  const title = (id: string) => levels.find((l) => l.id === id)?.title ?? id;
  const teamName = (id: number) => teams.find((t) => t.id === id)?.name ?? `team ${id}`;
  if (before.name !== after.name) changes.push(`name "${before.name}" → "${after.name}"`);
  if (before.leftOn && after.leftOn === null) changes.push(`back on the team (had left on ${before.leftOn})`);
  if (newTeam) changes.push(`team ${teamName(before.teamId)} → ${newTeam} (a new team)`);
  else if (after.teamId !== undefined && before.teamId !== after.teamId)
    changes.push(`team ${teamName(before.teamId)} → ${teamName(after.teamId)}`);
  if (after.employeeId !== undefined && before.employeeId !== after.employeeId)
    changes.push(
      before.employeeId ? `employee id ${before.employeeId} → ${after.employeeId}` : `employee id ${after.employeeId}`,
    );
  if (after.email !== undefined && before.email !== after.email)
    changes.push(before.email ? `email ${before.email} → ${after.email}` : `email ${after.email}`);
  if (after.jobTitle !== undefined && before.jobTitle !== after.jobTitle)
    changes.push(
      before.jobTitle ? `job title "${before.jobTitle}" → "${after.jobTitle}"` : `job title "${after.jobTitle}"`,
    );
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
  choices,
  memory,
}: {
  sheetText: string;
  engineers: Engineer[];
  levels: LadderLevel[];
  skills: Skill[];
  teams?: TeamChoice[];
  choices?: ImportChoices;
  memory?: ImportMemory;
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
  return {
    ok: true,
    plan: planRosterImport({ sheet: parsed.data, engineers, levels, skills, teams, choices, memory }),
  };
}
