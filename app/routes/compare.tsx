import { requireUser } from "~/services/auth.server";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { ComparisonCharts } from "~/components/charts/scenario-charts";
import { ComparisonTable, COMPARED_MEASURES } from "~/components/tables/comparison-table";
import { PageHeader } from "~/components/ui/page-header";
import { TeamPicker, WHOLE_ORG } from "~/components/ui/team-picker";
import { BAND_MIDPOINT_NOTE } from "~/components/report/report-parts";
import { VerdictList } from "~/components/report/verdict-list";
import { fiscalYearNote } from "~/components/scenario/periods-panel";
import { ComparedYearsTable } from "~/components/tables/compared-years-table";
import { loadComparison } from "~/services/comparison.server";
import { MAX_COMPARED } from "~/utils/limits";
import { monthOf } from "~/domain";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Compare scenarios · Teamshape" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewer");
  const comparison = await loadComparison(await getDb(), new URL(request.url), user, { signal: request.signal });
  const { compared, baselineIndex, missing, available, team, teams, windowWords, refused, verdicts } = comparison;
  return {
    fiscalYears: comparison.fiscalYears,
    yearNote: fiscalYearNote(comparison.fiscalYearStartMonth, monthOf(new Date())),
    nextFiscalYear: comparison.nextFiscalYear,
    windowWords,
    /** Shorter than some scenario's own months: said above the verdicts, not only under the table. */
    windowCut: comparison.window?.cut ?? false,
    refused,
    verdicts,
    compared: compared.map((c) => ({
      id: c.id,
      name: c.scenario.name,
      summary: c.view.summary,
      rows: c.view.rows,
      ratioTarget: c.ratioTarget,
      hiring: c.hiring,
      goals: c.goals,
    })),
    team,
    teams,
    baselineId: compared[baselineIndex]?.id,
    missing,
    available,
    pricedAtBandMidpoints: comparison.pricedAtBandMidpoints,
  };
}

export default function Compare() {
  const {
    compared,
    baselineId,
    missing,
    available,
    pricedAtBandMidpoints,
    team,
    teams,
    windowWords,
    windowCut,
    refused,
    verdicts,
    fiscalYears,
    yearNote,
    nextFiscalYear,
  } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const search = (ids: number[], baseline?: number, withTeam = true) =>
    `?${ids.map((id) => `ids=${id}`).join("&")}${baseline ? `&baseline=${baseline}` : ""}${withTeam && team ? `&team=${encodeURIComponent(team)}` : ""}`;
  const query = (ids: number[], baseline?: number) => `/compare${search(ids, baseline)}`;
  const ids = compared.map((c) => c.id);
  const series = compared.map((c) => ({ name: c.name, rows: c.rows, colorKey: c.id }));
  return (
    <>
      <PageHeader
        title="Compare scenarios"
        crumbs={[{ to: "/scenarios", label: "Scenarios" }]}
        description="The same figures side by side, with each difference against the baseline: green is better, red is worse. This page's address can be bookmarked and shared."
        actions={
          compared.length >= 2 && !refused ? (
            <>
              <Link className="button button-light" to={`/compare/report${search(ids, baselineId)}`}>
                Report
              </Link>
              <Link
                className="button button-light"
                to={`/compare.xlsx${search(ids, baselineId, false)}`}
                reloadDocument
              >
                Download XLSX
              </Link>
              <Link className="button button-light" to={`/compare.csv${search(ids, baselineId, false)}`} reloadDocument>
                CSV
              </Link>
            </>
          ) : null
        }
      />
      {missing > 0 ? (
        <p className="form-error">
          {missing === 1
            ? "One scenario in this link no longer exists."
            : `${missing} scenarios in this link no longer exist.`}
        </p>
      ) : null}
      <div className="card" style={{ marginBottom: 16 }}>
        <p className="card-note" style={{ marginBottom: 6 }}>
          Scenarios compared ({compared.length} of at most {MAX_COMPARED}):
        </p>
        <div className="button-row">
          {available.map((s) =>
            ids.includes(s.id) ? (
              <Link
                key={s.id}
                className="pill accent chip"
                to={query(
                  ids.filter((id) => id !== s.id),
                  baselineId === s.id ? undefined : baselineId,
                )}
                aria-label={`Remove ${s.name}`}
              >
                ✓ {s.name}
              </Link>
            ) : ids.length < MAX_COMPARED ? (
              <Link
                key={s.id}
                className="pill chip"
                to={query([...ids, s.id], baselineId)}
                aria-label={`Add ${s.name}`}
              >
                + {s.name}
              </Link>
            ) : null,
          )}
        </div>
      </div>
      {teams.length > 0 && compared.length >= 2 ? (
        <Form method="get" className="section button-row picker-row" onChange={(e) => submit(e.currentTarget)}>
          {ids.map((id) => (
            <input key={id} type="hidden" name="ids" value={id} />
          ))}
          {baselineId ? <input type="hidden" name="baseline" value={baselineId} /> : null}
          <TeamPicker teams={teams.map((name) => ({ id: name, name }))} value={team ?? WHOLE_ORG} name="team" />
          <noscript>
            <button className="button button-light">Show</button>
          </noscript>
          <span className="muted">
            {team
              ? `${team} in each plan: its own people, cost, mentoring and band.`
              : "All teams together. Pick a team to compare what each plan does to it."}
          </span>
        </Form>
      ) : null}
      {compared.length < 2 ? (
        <p className="card">Pick at least two scenarios to compare.</p>
      ) : refused ? (
        <p className="form-error" role="alert">
          {refused}
        </p>
      ) : (
        <>
          <section className="card verdicts" style={{ marginBottom: 16 }} aria-labelledby="verdicts-title">
            <h2 id="verdicts-title">In short{team ? `, for ${team}` : ""}</h2>
            {windowCut ? <p className="window-cut">{windowWords}</p> : null}
            <VerdictList verdicts={verdicts} names={compared.map((c) => c.name)} />
          </section>
          <ComparisonTable
            compared={compared}
            baselineId={baselineId!}
            baselineHref={(id) => query(ids, id)}
            team={team}
            goalsOwnMonths={windowCut}
          />
          <p className="legend-note">
            {COMPARED_MEASURES.length} figures{team ? ` for ${team}` : ""}. {windowWords}
            {pricedAtBandMidpoints ? ` ${BAND_MIDPOINT_NOTE}` : ""}
          </p>
          <section className="card section" aria-labelledby="years-title">
            <h2 id="years-title">Cost by fiscal year{team ? `, for ${team}` : ""}</h2>
            <p className="muted">
              Total cost, people at the year&apos;s end and hires in each plan, over the months compared. {yearNote}
            </p>
            <ComparedYearsTable
              names={compared.map((c) => c.name)}
              years={fiscalYears}
              baselineIndex={compared.findIndex((c) => c.id === baselineId)}
              nextYear={nextFiscalYear}
            />
          </section>
          <ComparisonCharts className="grid grid-2 section" series={series} ratioTarget={compared[0]!.ratioTarget} />
        </>
      )}
    </>
  );
}
