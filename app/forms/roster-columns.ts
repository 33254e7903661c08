/** The columns a roster import reads; shared by the import page (which documents them) and the server (which reads them). */

/** The most rows one import takes. */
export const MAX_IMPORT_ROWS = 5000;

export type RosterField = "id" | "name" | "team" | "level" | "levelTitle" | "salary" | "startDate" | "notes";

/** The columns a roster file may have, with the names people give them; units in brackets are ignored. */
export const ROSTER_COLUMNS: { field: RosterField; header: string; aliases: string[]; help: string }[] = [
  {
    field: "id",
    header: "Id",
    aliases: ["id", "engineer id"],
    help: "Teamshape's id, as in the roster download. Optional: when present, the row updates that engineer.",
  },
  {
    field: "name",
    header: "Name",
    aliases: ["name", "full name", "engineer"],
    help: "Required. Without an Id, a row whose name matches an engineer (ignoring case) updates them; otherwise it adds a new engineer.",
  },
  {
    field: "team",
    header: "Team",
    aliases: ["team", "team name", "squad"],
    help: "The team's name, ignoring case, as on the Teams page. Optional: a new engineer without one joins the first team; on an update, an empty cell keeps theirs.",
  },
  {
    field: "level",
    header: "Level",
    aliases: ["level", "level id", "grade"],
    help: "The level's id or title, ignoring case (L3 or Senior engineer).",
  },
  {
    field: "levelTitle",
    header: "Level title",
    aliases: ["level title", "title"],
    help: "Read when the Level cell is empty; when both are filled they must name the same level.",
  },
  {
    field: "salary",
    header: "Salary ($ a year)",
    aliases: ["salary", "base salary", "annual salary"],
    help: "Dollars a year: 120000, 120,000, $120,000 and 120k all work.",
  },
  {
    field: "startDate",
    header: "Start date (YYYY-MM-DD)",
    aliases: ["start date", "start", "started", "hire date"],
    help: "The day they joined, written YYYY-MM-DD.",
  },
  {
    field: "notes",
    header: "Notes",
    aliases: ["notes", "note", "comments"],
    help: "Optional text; on an update, an empty cell clears the note.",
  },
];
