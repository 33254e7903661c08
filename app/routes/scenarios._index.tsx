import { requireUser, seesSalaries } from "~/services/auth.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ScenarioTable } from "~/components/tables/scenario-table";
import { BAND_MIDPOINT_NOTE } from "~/components/report/report-parts";
import { PageHeader } from "~/components/ui/page-header";
import { listScenarios } from "~/services/scenarios.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Scenarios · Teamshape" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewer");
  const archived = new URL(request.url).searchParams.get("archived") === "1";
  return {
    scenarios: await listScenarios(await getDb(), { archived, user, signal: request.signal }),
    archived,
    canEdit: seesSalaries(user),
  };
}

export default function Scenarios() {
  const { scenarios, archived, canEdit } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  return (
    <>
      <PageHeader
        title={archived ? "Archived scenarios" : "Scenarios"}
        description={`Hiring plans played out over time. Tick two to six to compare them side by side.${canEdit ? "" : ` ${BAND_MIDPOINT_NOTE}`}`}
        actions={
          <>
            <Link className="button button-light" to={archived ? "/scenarios" : "/scenarios?archived=1"}>
              {archived ? "Active scenarios" : "Archived"}
            </Link>
            {canEdit ? (
              <>
                <Link className="button button-light" to="/scenarios/import">
                  Import
                </Link>
                <Link className="button" to="/scenarios/new">
                  New scenario
                </Link>
              </>
            ) : null}
          </>
        }
      />
      {search.get("imported") ? <p className="notice">Imported.</p> : null}
      {scenarios.length === 0 ? (
        <div className="card">
          <p>No {archived ? "archived " : ""}scenarios yet.</p>
          {canEdit ? (
            <Link className="button" to="/scenarios/new">
              Make one from your team
            </Link>
          ) : null}
        </div>
      ) : (
        <Form method="get" action="/compare">
          <ScenarioTable scenarios={scenarios} />
          <div className="button-row" style={{ marginTop: 12 }}>
            <button type="submit" className="button">
              Compare selected
            </button>
            <span className="muted">The first in the list is the baseline; you can change it on the next page.</span>
          </div>
        </Form>
      )}
    </>
  );
}
