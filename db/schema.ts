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

export interface EngineerTable {
  id: Generated<number>;
  name: string;
  level_id: string;
  salary: number;
  /** YYYY-MM-DD */
  start_date: string;
  notes: string;
  version: Generated<number>;
  created_at: string;
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
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface Database {
  workspace: WorkspaceTable;
  level: LevelTable;
  skill: SkillTable;
  level_expectation: LevelExpectationTable;
  engineer: EngineerTable;
  engineer_skill: EngineerSkillTable;
  scenario: ScenarioTable;
}

export type Workspace = Selectable<WorkspaceTable>;
export type LevelRow = Selectable<LevelTable>;
export type NewLevelRow = Insertable<LevelTable>;
export type LevelUpdate = Updateable<LevelTable>;
export type SkillRow = Selectable<SkillTable>;
export type EngineerRow = Selectable<EngineerTable>;
export type NewEngineerRow = Insertable<EngineerTable>;
export type EngineerUpdate = Updateable<EngineerTable>;
export type ScenarioRow = Selectable<ScenarioTable>;
export type NewScenarioRow = Insertable<ScenarioTable>;
