import { requireUser } from "~/services/auth.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { rosterExport } from "~/services/roster-export.server";
import { csvResponse, tableToCsv } from "~/utils/csv";
import { getDb } from "~/utils/db.server";

/** The roster as CSV, one column per skill. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "planner");
  const { table, fileName } = await rosterExport(await getDb(), "csv");
  return csvResponse(tableToCsv(table, { forSpreadsheets: true }), fileName);
}
