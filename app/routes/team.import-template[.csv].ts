import { requireUser } from "~/services/auth.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { listLevels, listSkills } from "~/services/ladder.server";
import { rosterTemplate } from "~/services/roster-import.server";
import { csvResponse, tableToCsv } from "~/utils/csv";
import { getDb } from "~/utils/db.server";

/** A CSV with the import's columns and two example rows. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "planner");
  const db = await getDb();
  const [levels, skills] = await Promise.all([listLevels(db), listSkills(db)]);
  return csvResponse(
    tableToCsv(rosterTemplate(levels, skills), { forSpreadsheets: true }),
    "teamshape-team-import-template.csv",
  );
}
