import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ScenarioReport } from "~/components/report/scenario-report";
import { requireUser } from "~/services/auth.server";
import { scenarioReportData } from "~/services/reports.server";
import { requireScenario } from "~/services/scenarios.server";
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
  return scenarioReportData(db, { stored, reader: { user }, signal: request.signal });
}

export default function ScenarioReportPage() {
  const data = useLoaderData<typeof loader>();
  const { id, canEdit } = data;
  return (
    <ScenarioReport
      data={data}
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
    />
  );
}
