import { requireUser } from "~/services/auth.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { comparisonFileName, loadComparison, requireComparable } from "~/services/comparison.server";
import { pdfResponse } from "~/services/pdf.server";
import { getDb } from "~/utils/db.server";

/** The comparison report as a PDF file. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewer");
  const comparison = requireComparable(
    await loadComparison(await getDb(), new URL(request.url), user, { signal: request.signal }),
  );
  const title = `Comparison report: ${comparison.compared.map((c) => c.scenario.name).join(" vs ")}`;
  return pdfResponse(request, {
    reportPath: "/compare/report",
    title,
    fileName: comparisonFileName(comparison, "pdf").replace(/\.pdf$/, "-report.pdf"),
  });
}
