/**
 * The columns a roster import reads, and how a file's headers are matched to them: Teamshape's
 * own roster download, and the employee exports of HR systems (BambooHR, Workday, Rippling,
 * HiBob, Gusto, Personio). Shared by the import page (which shows and documents the match) and
 * the server (which reads the file with it).
 */

export type RosterField =
  | "id"
  | "employeeId"
  | "email"
  | "name"
  | "firstName"
  | "lastName"
  | "jobTitle"
  | "level"
  | "levelTitle"
  | "team"
  | "department"
  | "salary"
  | "payPeriod"
  | "currency"
  | "startDate"
  | "endDate"
  | "employmentType"
  | "status"
  | "notes";

export interface RosterColumn {
  field: RosterField;
  /** The header Teamshape's own files use. */
  header: string;
  /** What the mapping select calls it. */
  label: string;
  /** Headers that mean this field, normalised (`normaliseHeader`), best first. */
  aliases: string[];
  help: string;
}

/** The columns a roster file may have, with the names people and HR systems give them. */
export const ROSTER_COLUMNS: RosterColumn[] = [
  {
    field: "id",
    header: "Id",
    label: "Teamshape id",
    aliases: ["teamshape id"],
    help: "Teamshape's id, as in the roster download (whose Id column is read as this). The row updates that engineer.",
  },
  {
    field: "employeeId",
    header: "Employee id",
    label: "Employee id",
    aliases: [
      "employee id",
      "employee number",
      "gusto employee id",
      "employee no",
      "emp id",
      "worker id",
      "person id",
      "personnel number",
      "staff id",
      "id",
    ],
    help: "The HR system's id. When present it is the key: importing next month's file updates the same people.",
  },
  {
    field: "email",
    header: "Email",
    label: "Work email",
    aliases: [
      "work email",
      "email",
      "email address",
      "e mail",
      "email primary work",
      "work email address",
      "business email",
      "company email",
    ],
    help: "The work email: the key when there is no employee id.",
  },
  {
    field: "name",
    header: "Name",
    label: "Full name",
    aliases: [
      "name",
      "full name",
      "employee name",
      "engineer",
      "worker",
      "legal name",
      "display name",
      "preferred full name",
      "employee",
      "person",
    ],
    help: "The person's name; or give First name and Last name columns instead.",
  },
  {
    field: "firstName",
    header: "First name",
    label: "First name",
    aliases: ["first name", "given name", "legal first name", "firstname", "forename"],
    help: "With Last name, makes the name when there is no full-name column.",
  },
  {
    field: "lastName",
    header: "Last name",
    label: "Last name",
    aliases: ["last name", "surname", "family name", "legal last name", "lastname"],
    help: "With First name, makes the name.",
  },
  {
    field: "jobTitle",
    header: "Job title",
    label: "Job title",
    aliases: ["job title", "title", "business title", "position", "role", "job", "job profile", "position title"],
    help: "Each distinct title is matched to a level of the ladder, which you can correct; the match is kept for the next import.",
  },
  {
    field: "level",
    header: "Level",
    label: "Level",
    aliases: ["level", "level id", "grade", "job level", "career level", "job grade", "seniority"],
    help: "The level's id or title, ignoring case (L3 or Senior engineer). When empty, the job title gives the level.",
  },
  {
    field: "levelTitle",
    header: "Level title",
    label: "Level title",
    aliases: ["level title"],
    help: "Read when the Level cell is empty; when both are filled they must name the same level.",
  },
  {
    field: "team",
    header: "Team",
    label: "Team",
    aliases: ["team", "team name", "teams", "squad", "sub department", "group"],
    help: "The team's name, as on the Teams page; teams the file names that do not exist yet can be created with the import.",
  },
  {
    field: "department",
    header: "Department",
    label: "Department",
    aliases: ["department", "dept", "division", "supervisory organization", "org unit", "organization", "cost center"],
    help: "Tells engineering from other departments; it is also the team when there is no Team column.",
  },
  {
    field: "salary",
    header: "Salary ($ a year)",
    label: "Salary",
    aliases: [
      "salary",
      "base salary",
      "annual salary",
      "pay rate",
      "total base pay annualized amount",
      "total base pay annualized",
      "base pay",
      "annual base salary",
      "compensation",
      "fix salary",
      "fixed salary",
      "yearly salary",
      "base compensation",
      "pay",
    ],
    help: "A year's pay: 120000, 120,000, $120,000, 120k, USD 150,000 and 72.000,00 € all read. Hourly or monthly pay is flagged, and converted only if you ask.",
  },
  {
    field: "payPeriod",
    header: "Pay period",
    label: "Pay period (year, month, hour)",
    aliases: [
      "pay period",
      "pay per",
      "pay frequency",
      "pay rate unit",
      "payment unit",
      "per",
      "salary pay period",
      "pay rate period",
      "compensation period",
      "pay type",
      "pay basis",
    ],
    help: "What the salary is for: Year, Month or Hour (Salary and Hourly read too).",
  },
  {
    field: "currency",
    header: "Currency",
    label: "Currency",
    aliases: [
      "currency",
      "pay currency",
      "salary currency",
      "base salary currency",
      "total base pay annualized currency",
    ],
    help: "The salary's currency code. Teamshape plans in one currency: a file in several is flagged.",
  },
  {
    field: "startDate",
    header: "Start date (YYYY-MM-DD)",
    label: "Start date",
    aliases: [
      "start date",
      "hire date",
      "start",
      "started",
      "date hired",
      "original hire date",
      "joined",
      "join date",
      "joining date",
      "date joined",
      "employment start date",
      "date of joining",
      "first day",
      "seniority date",
    ],
    help: "The day they joined: 2019-03-14, 03/14/2019, 14/03/2019, 14.03.2019, Mar 14, 2019 and spreadsheet dates all read; the page says how the column was read.",
  },
  {
    field: "endDate",
    header: "Left on",
    label: "Date they left",
    aliases: [
      "left on",
      "termination date",
      "end date",
      "dismissal date",
      "leave date",
      "leaving date",
      "last day",
      "last working day",
      "date left",
      "exit date",
      "separation date",
    ],
    help: "For people who have left: the day they left, offered as the date to mark them as left.",
  },
  {
    field: "employmentType",
    header: "Employment type",
    label: "Employment type",
    aliases: [
      "employment type",
      "employment status",
      "worker type",
      "employee type",
      "contract type",
      "worker category",
      "type",
    ],
    help: "Employees and contractors: contractors can be left out.",
  },
  {
    field: "status",
    header: "Status",
    label: "Status",
    aliases: [
      "status",
      "employee status",
      "active status",
      "lifecycle status",
      "employment state",
      "role state",
      "worker status",
      "active",
    ],
    help: "Active or not: people who have left can be left out.",
  },
  {
    field: "notes",
    header: "Notes",
    label: "Notes",
    aliases: ["notes", "note", "comments", "comment"],
    help: "Optional text; on an update, an empty cell clears the note.",
  },
];

/** A header as the aliases are written: lower case, no brackets, no "Skill:", words and digits only. */
export function normaliseHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, "")
    .replace(/^skill:/, "")
    .replace(/#/g, " number ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const STATUS_WORDS =
  /^(?:active|employed|inactive|terminated|left|hired|accepted|onboarding|on leave|leave|garden leave|dismissed|resigned|yes|no)$/i;

/** Headers only Teamshape's own files have: a file with one is Teamshape's roster download or template. */
const OWN_HEADERS = new Set(["Level title", "Salary ($ a year)", "Start date (YYYY-MM-DD)"]);

/** The columns of the import template, in order (its skill columns follow). */
export const TEMPLATE_FIELDS: RosterField[] = [
  "employeeId",
  "name",
  "email",
  "jobTitle",
  "team",
  "level",
  "salary",
  "startDate",
  "notes",
];

/** A column's reading: a field, a skill of the catalog (`skill:<id>`), or nothing. */
export type ColumnUse = RosterField | `skill:${string}` | "";

/**
 * What each header means, as far as its name tells: the best-matching alias wins each field (so
 * Workday's Business Title is the job title, not its Job Profile), a skill's column is named after
 * the skill, and anything else is not used. A column headed Id is Teamshape's id in Teamshape's
 * own roster download (which has a Level title column), and the HR system's employee id in any
 * other file.
 */
export function guessColumns(
  header: readonly string[],
  skills: readonly { id: string; name: string }[],
  values: readonly (readonly string[])[] = [],
): ColumnUse[] {
  // "Employment status" is Full-Time or Contractor in some systems (BambooHR) and Active or
  // Terminated in others (Rippling): its values tell which.
  const keys = header.map((title, column) => {
    const key = normaliseHeader(title);
    const seen = (values[column] ?? []).filter((v) => v.trim() !== "");
    const statuses = seen.filter((v) => STATUS_WORDS.test(v.trim())).length;
    return key === "employment status" && statuses * 2 > seen.length ? "employment state" : key;
  });
  const ownDownload = header.some((h) => OWN_HEADERS.has(h.trim()));
  const uses: ColumnUse[] = keys.map(() => "");
  const best = new Map<RosterField, { column: number; rank: number }>();
  keys.forEach((key, column) => {
    if (key === "") return;
    if (ownDownload && key === "id") {
      uses[column] = "id";
      best.set("id", { column, rank: -1 });
      return;
    }
    for (const c of ROSTER_COLUMNS) {
      const rank = c.aliases.indexOf(key);
      if (rank < 0) continue;
      const held = best.get(c.field);
      if (!held || rank < held.rank) best.set(c.field, { column, rank });
      return;
    }
  });
  for (const [field, { column }] of best) uses[column] = field;
  keys.forEach((key, column) => {
    if (uses[column] !== "" || key === "") return;
    const skill = skills.find((s) => normaliseHeader(s.id) === key || normaliseHeader(s.name) === key);
    if (skill && !uses.includes(`skill:${skill.id}`)) uses[column] = `skill:${skill.id}`;
  });
  return uses;
}

/** The header row: the first of the file's first rows with at least two headers Teamshape knows (a title line may come first). */
export function findHeaderRow(rows: readonly (readonly string[])[]): number {
  const known = new Set(ROSTER_COLUMNS.flatMap((c) => c.aliases));
  for (let i = 0; i < Math.min(rows.length, 10); i++) {
    const hits = rows[i]!.filter((cell) => known.has(normaliseHeader(cell))).length;
    if (hits >= 2) return i;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Which rows

/** Who a row is, as far as the import's row filters go. */
export type RowKind = "engineer" | "outside engineering" | "contractor" | "left";

const ENGINEERING_TITLE =
  /engineer|developer|programmer|\bsre\b|devops|architect|\bswe\b|\bsde\b|site reliability|tech(?:nical)? lead|\bcto\b|\bqa\b|test automation/i;
const ENGINEERING_DEPARTMENT =
  /engineering|development|\br\s*&\s*d\b|platform|infrastructure|technology|\btech\b|software|mobile|\bsre\b|devops|backend|frontend|\bdata\b|security|\bit\b|product development/i;
const NON_ENGINEERING_DEPARTMENT =
  /\b(?:sales|marketing|finance|accounting|people|hr|human resources|talent|recruiting|legal|customer|support|success|revenue|g&a|admin|administration|operations|office|facilities|procurement|partnerships|business development)\b/i;
const CONTRACTOR =
  /contract|contingent|freelanc|external|extern\b|consultant|\btemp\b|temporary|agency|1099|vendor|supplier/i;
const LEFT =
  /terminat|inactive|\bleft\b|former|departed|resigned|offboard|dismiss|ended|separated|withdrawn|^no$|^false$|^0$|^n$/i;

/** Whether a row is an engineer who works here now, from its title, department, employment type and status. */
export function rowKind(cells: {
  jobTitle: string;
  department: string;
  employmentType: string;
  status: string;
}): RowKind {
  if (cells.status !== "" && LEFT.test(cells.status.trim())) return "left";
  // A hand-made sheet may say "Contractor" in its Status column.
  if (CONTRACTOR.test(cells.employmentType) || CONTRACTOR.test(cells.status)) return "contractor";
  // The department decides when it says; one it does not know (Payments) leaves it to the title.
  const { jobTitle, department } = cells;
  if (NON_ENGINEERING_DEPARTMENT.test(department)) return "outside engineering";
  if (ENGINEERING_DEPARTMENT.test(department)) return "engineer";
  if (jobTitle !== "" && !ENGINEERING_TITLE.test(jobTitle)) return "outside engineering";
  return "engineer";
}

/** The template's example rows (Ada Example, Grace Example): never imported as people. */
export function isTemplateExample(name: string): boolean {
  return /^(ada|grace) example$/i.test(name.trim());
}

// ---------------------------------------------------------------------------------------------
// Titles to levels

/** Seniority a job title says, on a scale the ladder's levels are placed on. */
const TITLE_RANKS: [RegExp, number][] = [
  [/\b(?:intern|internship|apprentice|trainee|working student|werkstudent)\b/i, 0],
  [/\b(?:junior|jr|associate|entry|graduate|grad|assistant)\b|\b(?:i|1)$|\blevel 1\b|\bl1\b/i, 0],
  [/\b(?:principal|distinguished|fellow|chief)\b|\b(?:v|5)$|\bl5\b/i, 5],
  [/\b(?:staff|lead|architect|head|manager|director)\b|\b(?:iv|4)$|\bl4\b/i, 4],
  [/\b(?:senior|sr|snr)\b|\b(?:iii|3)$|\bl3\b/i, 3],
  [/\b(?:ii|2|intermediate|mid|medior)\b|\bl2\b/i, 1],
];

/** A level of the ladder, as the title matcher needs it. */
export interface LadderStep {
  id: string;
  title: string;
  class: "junior" | "mid" | "senior";
}

/**
 * The level a job title suggests, with how sure the match is: a title that is a level's own
 * title or id is that level; otherwise the words of seniority (Junior, II, Senior, Staff,
 * Principal, Lead...) place it on the ladder: junior words on the first level, II on the second,
 * no word on the first mid-level one, Senior on the first senior-class level, Staff or Lead on the
 * next, Principal on the top. Undefined for an empty ladder.
 */
export function suggestLevel(
  title: string,
  levels: readonly LadderStep[],
): { levelId: string; sure: boolean } | undefined {
  if (levels.length === 0) return undefined;
  const text = title.trim().toLowerCase();
  const own = levels.find((l) => l.title.toLowerCase() === text || l.id.toLowerCase() === text);
  if (own) return { levelId: own.id, sure: true };
  const rank = TITLE_RANKS.find(([words]) => words.test(text))?.[1];
  const at = (i: number) => levels[Math.max(0, Math.min(levels.length - 1, i))]!.id;
  const firstOf = (cls: LadderStep["class"]) => levels.findIndex((l) => l.class === cls);
  const firstSenior = firstOf("senior") >= 0 ? firstOf("senior") : levels.length - 1;
  const firstMid = firstOf("mid") >= 0 ? firstOf("mid") : Math.min(1, levels.length - 1);
  if (rank === undefined) return { levelId: at(firstMid), sure: false };
  if (rank === 0) return { levelId: at(0), sure: true };
  if (rank === 1) return { levelId: at(Math.min(1, firstMid)), sure: true };
  if (rank === 3) return { levelId: at(firstSenior), sure: true };
  if (rank === 4) return { levelId: at(firstSenior + 1), sure: !/manager|director|head/i.test(text) };
  return { levelId: at(levels.length - 1), sure: true };
}
