import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ScenarioReport } from "~/components/report/scenario-report";
import { SharePanel } from "~/components/report/share-panel";
import { requireUser } from "~/services/auth.server";
import { scenarioReportData } from "~/services/reports.server";
import { requireScenario } from "~/services/scenarios.server";
import { answerShareForm, sharingOf } from "~/services/share-links.server";
import { getDb } from "~/utils/db.server";
import { requireId } from "~/utils/params";
import reportPrint from "~/styles/report-print.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportPrint }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Staffing report: ${data?.scenario.name ?? "scenario"} · Teamshape` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewer");
  const db = await getDb();
  const stored = await requireScenario(db, user, requireId(params.scenarioId));
  const [report, sharing] = await Promise.all([
    scenarioReportData(db, { stored, reader: { user }, signal: request.signal }),
    sharingOf(db, { user, target: { kind: "scenario", scenarioId: stored.id } }),
  ]);
  return { ...report, sharing };
}

/** The share panel's forms: make a read-only link to this report, or revoke one. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, "planner");
  const db = await getDb();
  const stored = await requireScenario(db, user, requireId(params.scenarioId));
  const { result, status } = await answerShareForm(db, {
    request,
    user,
    target: { kind: "scenario", scenarioId: stored.id },
  });
  return data(result, { status });
}

export default function ScenarioReportPage() {
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { id, canEdit, sharing } = loaded;
  return (
    <ScenarioReport
      data={loaded}
      back={
        canEdit
          ? { to: `/scenarios/${id}`, label: "Back to the scenario" }
          : { to: "/scenarios", label: "All scenarios" }
      }
      downloads={[
        { to: `/scenarios/${id}/report.pdf`, label: "Download PDF" },
        { to: `/scenarios/${id}.xlsx`, label: "XLSX" },
        { to: `/scenarios/${id}.csv`, label: "CSV" },
      ]}
    >
      {sharing ? <SharePanel sharing={sharing} answer={answer} /> : null}
    </ScenarioReport>
  );
}
