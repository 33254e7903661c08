import { requireUser, seesSalaries } from "~/services/auth.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportFileName } from "~/services/exports.server";
import { listLevels } from "~/services/ladder.server";
import { requireScenario } from "~/services/scenarios.server";
import { scenarioWorkbookOf } from "~/services/compute.server";
import { XLSX_TYPE } from "~/services/workbook.server";
import { getWorkspace } from "~/services/workspace.server";
import { getDb } from "~/utils/db.server";
import { requireId } from "~/utils/params";

/** The scenario as an Excel workbook for finance. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewer");
  const db = await getDb();
  const stored = await requireScenario(db, user, requireId(params.scenarioId));
  const bytes = await scenarioWorkbookOf(stored.scenario, {
    levels: await listLevels(db),
    salaries: seesSalaries(user),
    fiscalYearStartMonth: (await getWorkspace(db)).fiscalYearStartMonth,
    signal: request.signal,
  });
  return new Response(bytes, {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename="${exportFileName(stored.scenario, "plan", "xlsx")}"`,
    },
  });
}
