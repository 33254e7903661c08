import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { isRouteErrorResponse, Link, useActionData, useLoaderData, useLocation, useRouteError } from "@remix-run/react";
import { ComparisonReport } from "~/components/report/comparison-report";
import { SharePanel } from "~/components/report/share-panel";
import { requireUser, type User } from "~/services/auth.server";
import { comparisonReportData } from "~/services/reports.server";
import { answerShareForm, sharingOf, type ShareTarget } from "~/services/share-links.server";
import { getDb } from "~/utils/db.server";
import reportPrint from "~/styles/report-print.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportPrint }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Comparison report: ${data?.compared.map((c) => c.name).join(" vs ") ?? ""} · Teamshape` },
];

/** The report of the comparison `request` asks for, and the share link target it makes: its scenarios and baseline. */
async function reportOf(request: Request, user: User) {
  const db = await getDb();
  const report = await comparisonReportData(db, {
    url: new URL(request.url),
    reader: { user },
    signal: request.signal,
  });
  const target: ShareTarget = {
    kind: "comparison",
    scenarioIds: report.compared.map((c) => c.id),
    baseline: report.baselineId,
  };
  return { db, report, target };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewer");
  const { db, report, target } = await reportOf(request, user);
  return { ...report, sharing: await sharingOf(db, { user, target }) };
}

/** The share panel's forms: make a read-only link to this comparison (of the whole org), or revoke one. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "planner");
  const { db, target } = await reportOf(request, user);
  const { result, status } = await answerShareForm(db, { request, user, target });
  return data(result, { status });
}

export default function ComparisonReportPage() {
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { query, sharing } = loaded;
  return (
    <ComparisonReport
      data={loaded}
      back={{ to: `/compare${query}`, label: "Back to compare" }}
      downloads={[
        { to: `/compare/report.pdf${query}`, label: "Download PDF" },
        { to: `/compare.xlsx${query}`, label: "XLSX" },
        { to: `/compare.csv${query}`, label: "CSV" },
      ]}
    >
      {sharing ? <SharePanel sharing={sharing} answer={answer} /> : null}
    </ComparisonReport>
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
