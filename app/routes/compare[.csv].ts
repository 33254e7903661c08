import { requireUser } from "~/services/auth.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { comparisonFileName, loadComparison } from "~/services/comparison.server";
import { comparisonTable } from "~/services/exports.server";
import { csvResponse, tableToCsv } from "~/utils/csv";
import { getDb } from "~/utils/db.server";

/** The compared figures as CSV: a column per scenario, then each one's difference from the baseline. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewer");
  const comparison = await loadComparison(await getDb(), new URL(request.url), user, { signal: request.signal });
  if (comparison.compared.length < 2) throw new Response("Pick at least two scenarios to compare.", { status: 400 });
  return csvResponse(
    tableToCsv(comparisonTable(comparison.compared, comparison.baselineIndex), { forSpreadsheets: true }),
    comparisonFileName(comparison, "csv"),
  );
}
