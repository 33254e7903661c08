import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useLocation, useRouteError } from "@remix-run/react";
import { ComparisonReport } from "~/components/report/comparison-report";
import { requireUser } from "~/services/auth.server";
import { comparisonReportData } from "~/services/reports.server";
import { getDb } from "~/utils/db.server";
import reportPrint from "~/styles/report-print.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportPrint }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Comparison report: ${data?.compared.map((c) => c.name).join(" vs ") ?? ""} · Teamshape` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewer");
  return comparisonReportData(await getDb(), { url: new URL(request.url), reader: { user }, signal: request.signal });
}

export default function ComparisonReportPage() {
  const data = useLoaderData<typeof loader>();
  const { query } = data;
  return (
    <ComparisonReport
      data={data}
      back={{ to: `/compare${query}`, label: "Back to compare" }}
      downloads={[
        { to: `/compare/report.pdf${query}`, label: "Download PDF" },
        { to: `/compare.xlsx${query}`, label: "XLSX" },
        { to: `/compare.csv${query}`, label: "CSV" },
      ]}
    />
  );
}

/**
 * A comparison that cannot be made (fewer than two scenarios, or no month in common) says why,
 * with the way back; anything else goes on to the app's error page.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const { search } = useLocation();
  if (!(isRouteErrorResponse(error) && error.status === 400 && typeof error.data === "string")) throw error;
  return (
    <article className="report">
      <h1>These scenarios cannot be compared</h1>
      <p className="form-error" role="alert">
        {error.data}
      </p>
      <p>
        <Link className="button button-light" to={`/compare${search}`}>
          Back to compare
        </Link>
      </p>
    </article>
  );
}
