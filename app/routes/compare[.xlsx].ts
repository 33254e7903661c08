import { requireUser, seesSalaries } from "~/services/auth.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { comparisonFileName, loadComparison } from "~/services/comparison.server";
import { listLevels } from "~/services/ladder.server";
import { comparisonWorkbookOf } from "~/services/compute.server";
import { XLSX_TYPE } from "~/services/workbook.server";
import { getDb } from "~/utils/db.server";

/** The comparison as an Excel workbook for finance. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewer");
  const db = await getDb();
  const comparison = await loadComparison(db, new URL(request.url), user, { signal: request.signal });
  if (comparison.compared.length < 2) throw new Response("Pick at least two scenarios to compare.", { status: 400 });
  const bytes = await comparisonWorkbookOf(comparison.compared, {
    baselineIndex: comparison.baselineIndex,
    levels: await listLevels(db),
    salaries: seesSalaries(user),
    signal: request.signal,
  });
  return new Response(bytes, {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": `attachment; filename="${comparisonFileName(comparison, "xlsx")}"`,
    },
  });
}
