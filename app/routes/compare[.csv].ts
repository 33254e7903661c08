import { requireUser } from "~/services/auth.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { comparisonFileName, loadComparison, requireComparable } from "~/services/comparison.server";
import { comparisonTable } from "~/services/exports.server";
import { csvResponse, tableToCsv } from "~/utils/csv";
import { getDb } from "~/utils/db.server";

/**
 * The compared figures as CSV: a column per scenario, then each one's difference from the
 * baseline, over the months every scenario covers (its first rows say which), with the verdicts
 * and each fiscal year's cost, people and hires.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewer");
  const url = new URL(request.url);
  url.searchParams.delete("team"); // the download is the whole org's, like its workbook
  const comparison = requireComparable(await loadComparison(await getDb(), url, user, { signal: request.signal }));
  return csvResponse(
    tableToCsv(
      comparisonTable(comparison.compared, comparison.baselineIndex, comparison.window, {
        verdicts: comparison.verdicts,
        fiscalYears: comparison.fiscalYears,
      }),
      {
        forSpreadsheets: true,
      },
    ),
    comparisonFileName(comparison, "csv"),
  );
}
