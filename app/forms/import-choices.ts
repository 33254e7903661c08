/**
 * What the person importing a roster file chose on the import page: how each column is read,
 * each job title's level, how dates are read, which rows are left out, and whether hourly and
 * monthly pay is turned into a year's and new teams are created. Read from the page's form;
 * anything not sent is guessed or remembered by the planner.
 */
import type { DateReading, DayOrder } from "~/utils/import-values";
import { ROSTER_COLUMNS, type ColumnUse, type RowKind } from "./roster-columns";

export type LeftOutKind = Exclude<RowKind, "engineer">;
export const LEFT_OUT_KINDS: LeftOutKind[] = ["outside engineering", "contractor", "left"];

export interface ImportChoices {
  /** Per column of the header row, what it holds. */
  columns?: ColumnUse[];
  /** Per job title (its key: lower case, single spaces), the level chosen. */
  titles?: Record<string, string>;
  /** How numbers-only dates are read. */
  dayOrder?: DayOrder;
  /** Rows of each kind are left out unless kept. */
  keep?: Partial<Record<LeftOutKind, boolean>>;
  /** Turn hourly and monthly pay into a year's (an hour x 2,080, a month x 12). */
  convertPay?: boolean;
  /** Create the teams the file names that do not exist yet (true unless set to false). */
  createTeams?: boolean;
  /** Per engineer id, whether to mark them as left, and on which day (YYYY-MM-DD). */
  leavers?: Record<number, { marked: boolean; on: string }>;
}

/** A column of the file and how it is read. */
export interface PlannedColumn {
  header: string;
  use: ColumnUse;
  /** The first few values, for the mapping page. */
  samples: string[];
}

/** A distinct job title of the file and the level it is read as. */
export interface PlannedTitle {
  title: string;
  key: string;
  count: number;
  levelId: string;
  /** Where the level came from: chosen on the page, kept from an earlier import, or suggested now. */
  from: "choice" | "saved" | "suggested";
  /** False for a suggestion to check (a manager's title, or no word of seniority). */
  sure: boolean;
}

/** Rows of one kind the import can leave out. */
export interface LeftOut {
  kind: LeftOutKind;
  names: string[];
  /** By department (or title), for rows outside engineering: "Sales (3)". */
  groups: string[];
  leftOut: boolean;
}

/** Someone on the team the file says has left, or does not list: offered to mark as left on a day. */
export interface Leaver {
  engineerId: number;
  name: string;
  /** "left": the file lists them as having left; "missing": the file does not list them. */
  reason: "left" | "missing";
  marked: boolean;
  /** YYYY-MM-DD: the date chosen, or the file's, or "" for the page to ask. */
  on: string;
  /** Why the date cannot be used, when marked. */
  error?: string;
}

/** How a sheet is read and what importing it would do, as the import page shows it. */
export interface ImportReading {
  /** Problems with the file as a whole (no name column, a field read twice): nothing can be imported. */
  fileErrors: string[];
  /** Things to know about the whole file: how dates were read, the currency. */
  notes: string[];
  /** The line of the header row (a title line may come before it). */
  headerLine: number;
  columns: PlannedColumn[];
  /** Whether the mapping came from an earlier import of a file with the same headers. */
  columnsRemembered: boolean;
  dates: DateReading | null;
  titles: PlannedTitle[];
  leftOut: LeftOut[];
  /** Template example rows, never imported. */
  examples: number;
  /** People on the team the file says have left, or does not list, to mark as left. */
  leavers: Leaver[];
  /** Teams the file names that do not exist; created by the import when `createTeams`. */
  newTeams: string[];
  createTeams: boolean;
  /** Rows whose pay was hourly or monthly, and whether it is turned into a year's. */
  periodPay: number;
  convertPay: boolean;
  counts: { create: number; update: number; unchanged: number; invalid: number };
}

/** The form's field names, shared by the page that writes them and `importChoicesOf`, which reads them. */
export const CHOICE_FIELDS = {
  sent: "choices",
  column: (i: number) => `column.${i}`,
  titleKey: (i: number) => `titleKey.${i}`,
  titleLevel: (i: number) => `titleLevel.${i}`,
  dayOrder: "dayOrder",
  leaveOut: (kind: LeftOutKind) => `leaveOut.${kind}`,
  convertPay: "convertPay",
  createTeams: "createTeams",
  leaver: (id: number) => `leaver.${id}`,
  leaverMarked: (id: number) => `leaverMarked.${id}`,
  leaverOn: (id: number) => `leaverOn.${id}`,
};

/** The most columns and titles a form may carry: the upload limits' columns, and a title per row. */
const MAX_FIELDS = 10_000;

/**
 * The choices a submitted import form carries, or undefined when it carries none (a first
 * upload). Unknown column uses and levels are dropped, to be guessed again; the planner names a
 * field chosen for two columns.
 */
export function importChoicesOf(
  form: FormData,
  { skillIds, levelIds }: { skillIds: readonly string[]; levelIds: readonly string[] },
): ImportChoices | undefined {
  if (form.get(CHOICE_FIELDS.sent) !== "1") return undefined;
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const fields = new Set<string>(ROSTER_COLUMNS.map((c) => c.field));
  const columns: ColumnUse[] = [];
  for (let i = 0; i < MAX_FIELDS; i++) {
    const use = text(CHOICE_FIELDS.column(i));
    if (use === undefined) break;
    const known = use === "" || fields.has(use) || (use.startsWith("skill:") && skillIds.includes(use.slice(6)));
    columns.push(known ? (use as ColumnUse) : "");
  }
  const titles: Record<string, string> = {};
  for (let i = 0; i < MAX_FIELDS; i++) {
    const key = text(CHOICE_FIELDS.titleKey(i));
    if (key === undefined) break;
    const level = text(CHOICE_FIELDS.titleLevel(i)) ?? "";
    if (levelIds.includes(level)) titles[key] = level;
  }
  const leavers: Record<number, { marked: boolean; on: string }> = {};
  for (const [name, value] of form) {
    const id = /^leaver\.(\d+)$/.exec(name)?.[1];
    if (!id || typeof value !== "string" || Object.keys(leavers).length >= MAX_FIELDS) continue;
    leavers[Number(id)] = {
      marked: form.get(CHOICE_FIELDS.leaverMarked(Number(id))) === "on",
      on: text(CHOICE_FIELDS.leaverOn(Number(id))) ?? "",
    };
  }
  const dayOrder = text(CHOICE_FIELDS.dayOrder);
  return {
    ...(columns.length > 0 ? { columns } : {}),
    titles,
    ...(dayOrder === "month-first" || dayOrder === "day-first" ? { dayOrder } : {}),
    keep: Object.fromEntries(LEFT_OUT_KINDS.map((kind) => [kind, form.get(CHOICE_FIELDS.leaveOut(kind)) !== "on"])),
    convertPay: form.get(CHOICE_FIELDS.convertPay) === "on",
    createTeams: form.get(CHOICE_FIELDS.createTeams) === "on",
    leavers,
  };
}
