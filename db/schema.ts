/**
 * The database as Kysely sees it: one interface per table, written by hand (Kysely's own
 * convention). Money is whole dollars a year (INTEGER); dates are ISO text; booleans are 0/1.
 */
import type { Generated, Insertable, Selectable, Updateable } from "kysely";

export interface WorkspaceTable {
  id: Generated<number>;
  name: string;
  /** 1 while the workspace holds the seeded demo team. */
  is_demo: number;
  /** JSON of scenario assumption overrides (MODEL.md section 3), or null for the defaults. */
  assumptions: string | null;
  created_at: string;
  updated_at: string;
  /** The fiscal year's first month, 1 (January) to 12 (December). */
  fiscal_year_start_month: Generated<number>;
  /** Recruiters who run the searches (MODEL.md section 7); null: not set, so not checked. */
  recruiters: number | null;
  /** Hires one recruiter can make a quarter. */
  hires_per_recruiter_per_quarter: Generated<number>;
  /** First-year attrition against the usual rate, for the scenarios the app creates (1 to 10). */
  first_year_attrition_multiplier: Generated<number>;
}

export interface LevelTable {
  id: string;
  /** 0 for the lowest level. */
  position: number;
  title: string;
  class: "junior" | "mid" | "senior";
  years: string;
  /** What the level is for, in a few plain sentences. */
  summary: string;
  band_min: number;
  band_mid: number;
  band_max: number;
  output: number;
  ramp_months: number;
  annual_attrition: number;
  annual_promotion: number;
  mentor_hours: number;
  mentee_hours: number;
  /** Where the band came from: the default ladder, the team's salaries, or typed in. */
  band_source: Generated<"default" | "team" | "manual">;
  /** Whole months a search for the level takes, 0 to 24 (MODEL.md section 7). */
  time_to_fill_months: Generated<number>;
  /** Engineer hours of interviewing per hire at the level, 0 to 2,000. */
  interview_hours: Generated<number>;
  /** The name of the user who last changed it ("" before accounts existed). */
  updated_by: Generated<string>;
  version: Generated<number>;
  updated_at: string;
}

export interface SkillTable {
  id: string;
  name: string;
  position: number;
}

export interface LevelExpectationTable {
  level_id: string;
  skill_id: string;
  proficiency: number;
}

/** One of the org's teams (MODEL.md section 6). */
export interface TeamTable {
  id: Generated<number>;
  name: string;
  /** The team's own juniors-per-senior band; both null: the workspace's. */
  ratio_low: number | null;
  ratio_high: number | null;
  archived_at: string | null;
  updated_by: Generated<string>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface EngineerTable {
  id: Generated<number>;
  name: string;
  level_id: string;
  /** Every engineer's team; null only in a row no service wrote (the teams migration fills it). */
  team_id: number | null;
  salary: number;
  /** YYYY-MM-DD */
  start_date: string;
  notes: string;
  /** The HR system's employee id: the import's key, so next month's file updates the same people. */
  employee_id: string | null;
  /** Work email, lower case: the import's key when the file has no employee id. */
  email: string | null;
  /** The HR system's job title ("" when none was imported). */
  job_title: Generated<string>;
  /** YYYY-MM-DD: the day they left (they are then off the team, kept for the record); null while on the team. */
  left_on: string | null;
  /** The name of the user who last changed it ("" before accounts existed). */
  updated_by: Generated<string>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** The level a job title from an HR system's export means, kept from one import to the next. */
export interface TitleLevelTable {
  /** The title in lower case with single spaces: the key. */
  title_key: string;
  /** The title as it was last written. */
  title: string;
  level_id: string;
  updated_by: Generated<string>;
  updated_at: string;
}

/** How the columns of a file with these headers were read, kept for the next file of the same shape. */
export interface ImportMappingTable {
  /** The file's headers, normalised and joined. */
  header_key: string;
  /** JSON: one use per column (a field, `skill:<id>` or ""). */
  columns: string;
  updated_at: string;
}

export interface EngineerSkillTable {
  engineer_id: number;
  skill_id: string;
  proficiency: number;
}

export interface ScenarioTable {
  id: Generated<number>;
  name: string;
  description: string;
  /** The teamshape.scenario/v1 document, as JSON: a snapshot, independent of later roster edits. */
  document: string;
  /** "roster" (a snapshot of the team) or "cohorts" (a top-down plan). */
  source: "roster" | "cohorts";
  archived_at: string | null;
  /** The name of the user who last changed it ("" before accounts existed). */
  updated_by: Generated<string>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export type Role = "admin" | "planner" | "viewer";

export interface UserTable {
  id: Generated<number>;
  /** Lower case; the sign-in name. */
  email: string;
  name: string;
  role: Role;
  /** scrypt$N$r$p$salt$hash (base64): see app/services/passwords.server.ts. */
  password_hash: string;
  /** 1 while the password is one an admin set: every page sends the user to change it. */
  must_change_password: Generated<number>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  /** 32 random bytes, base64url; the cookie holds it, signed. */
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

/** A one-time link the admin made for a person to set their own password; only its hash is kept. */
export interface InviteTable {
  id: Generated<number>;
  /** SHA-256 of the link's 32 random bytes, base64url. */
  token_hash: string;
  /** Lower case; the account's sign-in name. */
  email: string;
  name: string;
  role: Role;
  /** The name of the admin who made it. */
  invited_by: string;
  created_at: string;
  expires_at: string;
  /** When the link was used, and the account it made. */
  used_at: string | null;
  user_id: number | null;
  revoked_at: string | null;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  user_name: string;
  /** create, update, delete, import, sign-in... */
  action: string;
  /** engineer, level, scenario, user, workspace */
  entity: string;
  entity_id: string;
  /** One line in words: 'Changed salary of "Aiko Tanaka"'. */
  summary: string;
  /** JSON of the values before and after, or null. */
  before: string | null;
  after: string | null;
}

export interface SignInFailureTable {
  /** "account:<email>" or "address:<ip>" */
  key: string;
  /** Milliseconds since 1970. */
  at: number;
  /** Which sign-in attempt reserved the row (one attempt reserves a row per key); null before 2026-12-07. */
  attempt: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface Database {
  workspace: WorkspaceTable;
  level: LevelTable;
  skill: SkillTable;
  level_expectation: LevelExpectationTable;
  team: TeamTable;
  engineer: EngineerTable;
  engineer_skill: EngineerSkillTable;
  title_level: TitleLevelTable;
  import_mapping: ImportMappingTable;
  scenario: ScenarioTable;
  user: UserTable;
  session: SessionTable;
  invite: InviteTable;
  audit: AuditTable;
  setting: SettingTable;
  sign_in_failure: SignInFailureTable;
  scenario_version: ScenarioVersionTable;
  plan_adoption: PlanAdoptionTable;
  roster_snapshot: RosterSnapshotTable;
  roster_snapshot_change: RosterSnapshotChangeTable;
  headcount_request: HeadcountRequestTable;
  share_link: ShareLinkTable;
  share_view: ShareViewTable;
}

export type Workspace = Selectable<WorkspaceTable>;
export type LevelRow = Selectable<LevelTable>;
export type NewLevelRow = Insertable<LevelTable>;
export type LevelUpdate = Updateable<LevelTable>;
export type SkillRow = Selectable<SkillTable>;
export type TeamRow = Selectable<TeamTable>;
export type EngineerRow = Selectable<EngineerTable>;
export type NewEngineerRow = Insertable<EngineerTable>;
export type EngineerUpdate = Updateable<EngineerTable>;
export type ScenarioRow = Selectable<ScenarioTable>;
export type NewScenarioRow = Insertable<ScenarioTable>;
export type UserRow = Selectable<UserTable>;
export type AuditRow = Selectable<AuditTable>;
export type InviteRow = Selectable<InviteTable>;

/** One saved state of a scenario: every save keeps one, the newest few per scenario (SCENARIO_VERSIONS_KEPT). */
export interface ScenarioVersionTable {
  scenario_id: number;
  /** 1, 2, 3... per scenario, never reused. */
  number: number;
  /** The teamshape.scenario/v1 document as it was saved. */
  document: string;
  /** What the save was, in words: "Changed plan", "Refreshed from the roster", "Restored version 2". */
  note: string;
  saved_at: string;
  saved_by: string;
}

export type ScenarioVersionRow = Selectable<ScenarioVersionTable>;

/** An admin's adoption of a saved scenario as the plan of record, from a date; the newest is the plan of record. */
export interface PlanAdoptionTable {
  id: Generated<number>;
  /** Null once the scenario is deleted: the adopted document stays. */
  scenario_id: number | null;
  scenario_name: string;
  /** The scenario_version number adopted. */
  version_number: number;
  /** The adopted version's teamshape.scenario/v1 document, frozen. */
  document: string;
  /** YYYY-MM-DD: the plan is held against what happens from this day. */
  adopted_from: string;
  note: Generated<string>;
  adopted_at: string;
  adopted_by: Generated<string>;
}

/** One day's record of the roster: its changes are in roster_snapshot_change. */
export interface RosterSnapshotTable {
  id: Generated<number>;
  /** YYYY-MM-DD, one snapshot a day at most. */
  taken_on: string;
  /** What the day's snapshot was taken for: "edit", "import", "monthly" (comma-joined when several). */
  reason: string;
  /** People on the team (started, not left) that day. */
  people: Generated<number>;
  /** Engineers whose state this snapshot records (changed since the snapshot before). */
  changes: Generated<number>;
  taken_at: string;
}

/** An engineer's state from a snapshot on, until a later snapshot records another. */
export interface RosterSnapshotChangeTable {
  snapshot_id: number;
  engineer_id: number;
  name: string;
  level_id: string;
  team_id: number | null;
  salary: number;
  start_date: string;
  left_on: string | null;
  /** 1: deleted from the roster by that day. */
  removed: Generated<number>;
}

export type PlanAdoptionRow = Selectable<PlanAdoptionTable>;
export type RosterSnapshotRow = Selectable<RosterSnapshotTable>;
export type RosterSnapshotChangeRow = Selectable<RosterSnapshotChangeTable>;
export type HeadcountRequestStatus = "requested" | "approved" | "declined" | "withdrawn";

/** A planner's request for a hire, and the admin's decision on it (issue 18). */
export interface HeadcountRequestTable {
  id: Generated<number>;
  level_id: string;
  /** Null only in a workspace with no teams (or once the team is deleted: team_name stays). */
  team_id: number | null;
  /** The team's name when requested, for the record. */
  team_name: Generated<string>;
  /** YYYY-MM: the month the hire is wanted to start. */
  month: string;
  reason: string;
  /** Whole dollars a year, or null for the level's band midpoint. */
  salary: number | null;
  status: Generated<HeadcountRequestStatus>;
  requested_by: number | null;
  requested_by_name: string;
  created_at: string;
  decided_by_name: string | null;
  /** When it was approved, declined or withdrawn. */
  decided_at: string | null;
  decision_note: Generated<string>;
  /** The plan of record's scenario, and the version of it, the approved hire went into. */
  added_to_scenario_id: number | null;
  added_to_version: number | null;
  version: Generated<number>;
  updated_at: string;
}

export type HeadcountRequestRow = Selectable<HeadcountRequestTable>;
/** A read-only link to a report (issue 18): only the SHA-256 of its token is kept. */
export interface ShareLinkTable {
  id: Generated<number>;
  /** SHA-256 of the link's 32 random bytes, base64url. */
  token_hash: string;
  kind: "scenario" | "comparison";
  /** The scenario of a scenario report. */
  scenario_id: number | null;
  /** A comparison's scenario ids, in order, as JSON text (`[3,5]`), and its baseline's id. */
  scenario_ids: string | null;
  baseline: number | null;
  /** What the maker typed ("For finance"); may be empty. */
  label: string;
  created_by: number | null;
  created_by_name: string;
  created_at: string;
  /** The last day (YYYY-MM-DD, UTC) the link opens. */
  expires_on: string;
  revoked_at: string | null;
  revoked_by_name: string | null;
}

/** One opening of a share link: when, and the first characters of the browser's name (no address). */
export interface ShareViewTable {
  id: Generated<number>;
  link_id: number;
  at: string;
  client: string;
}

export type ShareLinkRow = Selectable<ShareLinkTable>;
