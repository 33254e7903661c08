import { requireUser } from "~/services/auth.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { tableWorkbookOf } from "~/services/compute.server";
import { rosterExport } from "~/services/roster-export.server";
import { XLSX_TYPE } from "~/services/workbook.server";
import { getDb } from "~/utils/db.server";

/** The roster as an Excel workbook: the CSV's columns, numbers stored as numbers; it imports back as it is. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "planner");
  const { table, fileName } = await rosterExport(await getDb(), "xlsx");
  const bytes = await tableWorkbookOf(table, { title: "Teamshape roster", sheet: "Roster", signal: request.signal });
  return new Response(bytes, {
    headers: { "Content-Type": XLSX_TYPE, "Content-Disposition": `attachment; filename="${fileName}"` },
  });
}
