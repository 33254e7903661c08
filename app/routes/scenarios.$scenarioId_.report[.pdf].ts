import { requireUser } from "~/services/auth.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportFileName } from "~/services/exports.server";
import { pdfResponse } from "~/services/pdf.server";
import { requireScenario } from "~/services/scenarios.server";
import { getDb } from "~/utils/db.server";
import { requireId } from "~/utils/params";

/** The printable staffing report as a PDF file. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewer");
  const id = requireId(params.scenarioId);
  const stored = await requireScenario(await getDb(), user, id);
  return pdfResponse(request, {
    reportPath: `/scenarios/${id}/report`,
    title: `Staffing report: ${stored.scenario.name}`,
    fileName: exportFileName(stored.scenario, "report", "pdf"),
  });
}
