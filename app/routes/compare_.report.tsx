import { requireUser, seesSalaries } from "~/services/auth.server";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useLocation, useRouteError } from "@remix-run/react";
import { ComparisonCharts } from "~/components/charts/scenario-charts";
import {
  BAND_MIDPOINT_NOTE,
  GoalList,
  ReportHeader,
  ReportSection,
  WarningList,
} from "~/components/report/report-parts";
import { VerdictList } from "~/components/report/verdict-list";
import { fiscalYearNote } from "~/components/scenario/periods-panel";
import { ComparedYearsTable } from "~/components/tables/compared-years-table";
import { ComparisonTable } from "~/components/tables/comparison-table";
import { ReportTable } from "~/components/tables/report-table";
import { monthOf, planWarnings, skillNamer } from "~/domain";
import { loadComparison, requireComparable } from "~/services/comparison.server";
import { planEventsTable } from "~/services/exports.server";
import { listSkills } from "~/services/ladder.server";
import { getDb } from "~/utils/db.server";
import { formatDay } from "~/utils/format";
import reportPrint from "~/styles/report-print.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportPrint }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Comparison report: ${data?.compared.map((c) => c.name).join(" vs ") ?? ""} · Teamshape` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewer");
  const db = await getDb();
  const url = new URL(request.url);
  const comparison = requireComparable(await loadComparison(db, url, user, { signal: request.signal }));
  const skills = await listSkills(db);
  const skillName = skillNamer(skills);
  return {
    query: url.search,
    prepared: formatDay(new Date()),
    baselineId: comparison.compared[comparison.baselineIndex]!.id,
    pricedAtBandMidpoints: comparison.pricedAtBandMidpoints,
    team: comparison.team,
    windowWords: comparison.windowWords!,
    verdicts: comparison.verdicts,
    fiscalYears: comparison.fiscalYears,
    yearNote: fiscalYearNote(comparison.fiscalYearStartMonth, monthOf(new Date())),
    nextFiscalYear: comparison.nextFiscalYear,
    goalsOwnMonths: comparison.window.cut,
    compared: comparison.compared.map(({ id, scenario, projection, view, ratioTarget, hiring, goals }) => ({
      id,
      name: scenario.name,
      description: scenario.description,
      summary: view.summary,
      rows: view.rows,
      ratioTarget,
      hiring,
      goals,
      warnings: planWarnings(
        scenario,
        projection,
        skillName,
        scenario.teams?.find((t) => t.name === comparison.team)?.id,
      ),
      plan: planEventsTable(scenario, { salaries: seesSalaries(user) }),
    })),
  };
}

export default function ComparisonReport() {
  const {
    query,
    prepared,
    baselineId,
    compared,
    pricedAtBandMidpoints,
    team,
    windowWords,
    verdicts,
    fiscalYears,
    yearNote,
    nextFiscalYear,
    goalsOwnMonths,
  } = useLoaderData<typeof loader>();
  const series = compared.map((c) => ({ name: c.name, rows: c.rows, colorKey: c.id }));
  const names = compared.map((c) => c.name);
  return (
    <article className="report">
      <ReportHeader
        kind="Comparison report"
        title={names.join(" vs ")}
        prepared={prepared}
        question={`Which of these ${compared.length} plans should we follow${team ? ` for ${team}` : ""}?`}
        facts={`${team ? `${team}'s figures in each plan. ` : ""}${windowWords} Differences are against "${compared.find((c) => c.id === baselineId)!.name}".${pricedAtBandMidpoints ? ` ${BAND_MIDPOINT_NOTE}` : ""}`}
        back={{ to: `/compare${query}`, label: "Back to compare" }}
        downloads={[
          { to: `/compare/report.pdf${query}`, label: "Download PDF" },
          { to: `/compare.xlsx${query}`, label: "XLSX" },
          { to: `/compare.csv${query}`, label: "CSV" },
        ]}
      />

      <ReportSection title="In short">
        <VerdictList verdicts={verdicts} names={names} />
      </ReportSection>

      <ReportSection title="Side by side" note="Green is better than the baseline, red is worse.">
        <ComparisonTable compared={compared} baselineId={baselineId} team={team} goalsOwnMonths={goalsOwnMonths} />
      </ReportSection>

      <ReportSection
        title="Cost by fiscal year"
        note={`Total cost, people at the year's end and hires in each plan, over the months compared. ${yearNote}`}
      >
        <ComparedYearsTable
          names={names}
          years={fiscalYears}
          baselineIndex={compared.findIndex((c) => c.id === baselineId)}
          nextYear={nextFiscalYear}
        />
      </ReportSection>

      <ComparisonCharts className="report-charts" series={series} ratioTarget={compared[0]!.ratioTarget} />

      {compared.map((c) => (
        <ReportSection key={c.id} title={c.name} note={c.description || undefined}>
          <WarningList warnings={c.warnings} />
          {c.goals.total > 0 ? (
            <>
              <h3>Its goals{goalsOwnMonths ? ", over its own months" : ""}</h3>
              <GoalList goals={c.goals.goals} />
            </>
          ) : null}
          <h3>The plan</h3>
          <ReportTable table={c.plan} empty="No hires, promotions or departures." />
        </ReportSection>
      ))}
      <p className="card-note">
        Every assumption of every scenario, and their projections month by month, are in the XLSX download.
      </p>
    </article>
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
