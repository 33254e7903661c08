import { requireUser, seesSalaries } from "~/services/auth.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { comparisonFileName, loadComparison, requireComparable } from "~/services/comparison.server";
import { listLevels } from "~/services/ladder.server";
import { comparisonWorkbookOf } from "~/services/compute.server";
import { XLSX_TYPE } from "~/services/workbook.server";
import { getDb } from "~/utils/db.server";

/** The comparison as an Excel workbook for finance, over the months every scenario covers. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewer");
  const db = await getDb();
  const url = new URL(request.url);
  url.searchParams.delete("team"); // the workbook is the whole org's: its verdicts must be too
  const comparison = requireComparable(await loadComparison(db, url, user, { signal: request.signal }));
  const bytes = await comparisonWorkbookOf(comparison.compared, {
    baselineIndex: comparison.baselineIndex,
    levels: await listLevels(db),
    salaries: seesSalaries(user),
    verdicts: comparison.verdicts,
    fiscalYearStartMonth: comparison.fiscalYearStartMonth,
    signal: request.signal,
  });
  return new Response(bytes, {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename="${comparisonFileName(comparison, "xlsx")}"`,
    },
  });
}
