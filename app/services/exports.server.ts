/** What leaves Teamshape as files: tables with units in their headers, and their file names. */
import { projectionTable, projectScenario, roundMoney, type Skill, type Table } from "~/domain";
import type { Engineer } from "./engineers.server";
import type { LadderLevel } from "./ladder.server";
import { slugify, type StoredScenario } from "./scenarios.server";

/** `teamshape-hire-2-seniors-2027-01-projection.csv` */
export function exportFileName(scenario: { name: string; start: string }, what: string, extension: string): string {
  return `teamshape-${slugify(scenario.name)}-${scenario.start}-${what}.${extension}`;
}

/** One row per step with every measure of the projection. */
export function scenarioProjectionTable(stored: StoredScenario): Table {
  return projectionTable(projectScenario(stored.scenario));
}

/** The roster: one row per engineer, a column per skill of the catalog (proficiency 0-4). */
export function rosterTable(engineers: Engineer[], levels: LadderLevel[], skills: Skill[]): Table {
  const title = new Map(levels.map((l) => [l.id, l.title]));
  return {
    header: ["Id", "Name", "Level", "Level title", "Salary ($ a year)", "Start date (YYYY-MM-DD)", "Notes", ...skills.map((s) => `Skill: ${s.name} (0-4)`)],
    rows: engineers.map((e) => [e.id, e.name, e.levelId, title.get(e.levelId) ?? "", roundMoney(e.salary), e.startDate, e.notes, ...skills.map((s) => e.skills[s.id] ?? 0)]),
  };
}
