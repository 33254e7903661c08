import { requireUser } from "~/services/auth.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportFileName } from "~/services/exports.server";
import { listLevels } from "~/services/ladder.server";
import { getScenario } from "~/services/scenarios.server";
import { scenarioWorkbook, XLSX_TYPE } from "~/services/workbook.server";
import { getDb } from "~/utils/db.server";
import { requireId } from "~/utils/params";

/** The scenario as an Excel workbook for finance. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewer");
  const db = await getDb();
  const stored = await getScenario(db, { id: requireId(params.scenarioId) });
  if (!stored) throw new Response("Scenario not found", { status: 404 });
  const bytes = await scenarioWorkbook(stored.scenario, await listLevels(db));
  return new Response(bytes, {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename="${exportFileName(stored.scenario, "plan", "xlsx")}"`,
    },
  });
}
