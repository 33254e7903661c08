import { requireUser } from "~/services/auth.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { PeriodKind } from "~/domain";
import { projectionCsv } from "~/services/compute.server";
import { exportFileName } from "~/services/exports.server";
import { requireScenario } from "~/services/scenarios.server";
import { getWorkspace } from "~/services/workspace.server";
import { csvResponse } from "~/utils/csv";
import { getDb } from "~/utils/db.server";
import { requireId } from "~/utils/params";

const BY = new Map<string, PeriodKind | null>([
  ["", null],
  ["quarter", "quarter"],
  ["year", "year"],
]);

/**
 * The projection as CSV: one row per step, every measure, units in the headers; with teams, each
 * team's rows after the org's; a column per goal the scenario sets, whether each step meets it. `?by=quarter` or `?by=year`: one row per fiscal quarter or year
 * (the workspace's fiscal year) instead.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewer");
  const by = BY.get(new URL(request.url).searchParams.get("by") ?? "");
  if (by === undefined)
    throw new Response('by: must be "quarter" or "year", or left out for every month', { status: 400 });
  const db = await getDb();
  const stored = await requireScenario(db, user, requireId(params.scenarioId));
  const periods = by && { by, fiscalYearStartMonth: (await getWorkspace(db)).fiscalYearStartMonth };
  return csvResponse(
    await projectionCsv(stored.scenario, periods, { signal: request.signal }),
    exportFileName(stored.scenario, by ? `by-${by}` : "projection", "csv"),
  );
}
