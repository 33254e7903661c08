import { requireUser } from "~/services/auth.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { projectionTable, teamNamer } from "~/domain";
import { projectionOf } from "~/services/compute.server";
import { exportFileName } from "~/services/exports.server";
import { requireScenario } from "~/services/scenarios.server";
import { csvResponse, tableToCsv } from "~/utils/csv";
import { getDb } from "~/utils/db.server";
import { requireId } from "~/utils/params";

/** The projection as CSV: one row per step, every measure, units in the headers; with teams, each team's rows after the org's. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewer");
  const stored = await requireScenario(await getDb(), user, requireId(params.scenarioId));
  return csvResponse(
    tableToCsv(
      projectionTable(await projectionOf(stored.scenario, { signal: request.signal }), undefined, {
        teamName: teamNamer(stored.scenario),
      }),
      { forSpreadsheets: true },
    ),
    exportFileName(stored.scenario, "projection", "csv"),
  );
}
