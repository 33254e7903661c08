import type { SerializeFrom } from "@remix-run/node";
import type { ReactNode } from "react";
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
import type { ComparisonReportData } from "~/utils/report-data";

/** The printable comparison of two or more scenarios: the report page's and a share link's. */
export function ComparisonReport({
  data,
  back,
  downloads,
  children,
}: {
  data: SerializeFrom<ComparisonReportData>;
  /** Where the toolbar leads back to, and the files it offers: none on a share link. */
  back: { to: string; label: string } | null;
  downloads: { to: string; label: string }[];
  /** Anything the page adds at the end, such as the share panel. */
  children?: ReactNode;
}) {
  const {
    prepared,
    baselineId,
    compared,
    pricedAtBandMidpoints,
    team,
    windowWords,
    verdicts,
    fiscalYears,
    fiscalYearStartMonth,
    today,
    nextFiscalYear,
    goalsOwnMonths,
    smallTeamsNote,
  } = data;
  const yearNote = fiscalYearNote(fiscalYearStartMonth, today);
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
        back={back}
        downloads={downloads}
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
      {smallTeamsNote ? <p className="card-note">{smallTeamsNote}</p> : null}
      <p className="card-note">
        Every assumption of every scenario, and their projections month by month, are in the XLSX download.
      </p>
      {children}
    </article>
  );
}
