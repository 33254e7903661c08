/** The roster as a download (CSV or XLSX): one table for both, so the two files always agree. */
import type { Table } from "~/domain";
import type { DB } from "~/utils/db.server";
import { listEngineers } from "./engineers.server";
import { rosterTable } from "./exports.server";
import { listLevels, listSkills } from "./ladder.server";
import { listTeams } from "./teams.server";

export async function rosterExport(db: DB, extension: "csv" | "xlsx"): Promise<{ table: Table; fileName: string }> {
  const [engineers, levels, skills, teams] = await Promise.all([
    listEngineers(db),
    listLevels(db),
    listSkills(db),
    listTeams(db),
  ]);
  const today = new Date().toISOString().slice(0, 10);
  return { table: rosterTable(engineers, levels, skills, teams), fileName: `teamshape-roster-${today}.${extension}` };
}
