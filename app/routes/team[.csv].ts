import { requireUser } from "~/services/auth.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, tableToCsv } from "~/utils/csv";
import { getDb } from "~/utils/db.server";
import { listEngineers } from "~/services/engineers.server";
import { rosterTable } from "~/services/exports.server";
import { listLevels, listSkills } from "~/services/ladder.server";
import { listTeams } from "~/services/teams.server";

/** The roster as CSV, one column per skill. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "planner");
  const db = await getDb();
  const [engineers, levels, skills, teams] = await Promise.all([
    listEngineers(db),
    listLevels(db),
    listSkills(db),
    listTeams(db),
  ]);
  const today = new Date().toISOString().slice(0, 10);
  return csvResponse(
    tableToCsv(rosterTable(engineers, levels, skills, teams), { forSpreadsheets: true }),
    `teamshape-roster-${today}.csv`,
  );
}
