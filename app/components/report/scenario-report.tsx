import type { SerializeFrom } from "@remix-run/node";
import type { ReactNode } from "react";
import {
  CapacityChart,
  CostChart,
  HeadcountOverTimeChart,
  MentoringOverTimeChart,
  RatioChart,
} from "~/components/charts/scenario-charts";
import {
  BAND_MIDPOINT_NOTE,
  GoalList,
  ReportHeader,
  ReportSection,
  WarningList,
} from "~/components/report/report-parts";
import { fiscalYearNote, NextFiscalYear } from "~/components/scenario/periods-panel";
import { SummaryCards } from "~/components/scenario/summary-cards";
import { PeriodsTable } from "~/components/tables/periods-table";
import { ReportTable } from "~/components/tables/report-table";
import { goalsMetWords } from "~/domain";
import type { ScenarioReportData } from "~/utils/report-data";
import { formatExpectedPeople, formatMoneyShort, formatNumber, formatPeople, formatPercent } from "~/utils/format";

/** The printable staffing report of one scenario: the report page's and a share link's. */
export function ScenarioReport({
  data,
  back,
  downloads,
  children,
}: {
  data: SerializeFrom<ScenarioReportData>;
  /** Where the toolbar leads back to, and the files it offers: none on a share link. */
  back: { to: string; label: string } | null;
  downloads: { to: string; label: string }[];
  /** Anything the page adds at the end, such as the share panel. */
  children?: ReactNode;
}) {
  const {
    scenario,
    prepared,
    projection,
    monteCarlo,
    monteCarloProblem,
    warnings,
    goals,
    hiring,
    periods,
    plan,
    team,
    teams,
    ledger,
    smallGroupNotes,
    pricedAtBandMidpoints,
  } = data;
  const { summary, rows } = projection;
  const months = summary.steps * summary.stepMonths;
  const stepLabel = scenario.step === "month" ? "month" : scenario.step === "quarter" ? "quarter" : "year";
  // With teams, each team's warnings are read once, in its own section.
  const orgWarnings = teams ? warnings.filter((w) => w.team === undefined) : warnings;
  const teamsBreaking = teams ? teams.each.filter((t) => t.warnings.length > 0).map((t) => t.name) : [];
  return (
    <article className="report">
      <ReportHeader
        kind="Staffing report"
        title={scenario.name}
        prepared={prepared}
        question={
          scenario.description || `What does this plan do to the team's cost, capacity and shape over ${months} months?`
        }
        facts={`From ${scenario.start}, over ${months} months, ${stepLabel} by ${stepLabel}; ${formatPeople(summary.startHeadcount)} engineers at the start.${pricedAtBandMidpoints ? ` ${BAND_MIDPOINT_NOTE}` : ""}`}
        back={back}
        downloads={downloads}
      />

      <ReportSection title="In short">
        <p className="report-lede">
          Over {months} months this plan costs <strong>{formatMoneyShort(summary.totalCost)}</strong> fully loaded
          {monteCarlo
            ? ` (in 80% of ${monteCarlo.trials.toLocaleString("en-US")} simulated futures, between ${formatMoneyShort(monteCarlo.horizonCost.p10)} and ${formatMoneyShort(monteCarlo.horizonCost.p90)})`
            : ""}
          , and the team goes from {formatPeople(summary.startHeadcount)} to{" "}
          <strong title={formatExpectedPeople(summary.endTotalHeadcount)}>
            {formatPeople(summary.endTotalHeadcount)}
          </strong>{" "}
          engineers.
          {monteCarlo
            ? ` The ratio stays in band in ${formatPercent(monteCarlo.probabilityRatioInBand)} of futures; mentoring is always covered in ${formatPercent(monteCarlo.probabilityFullCoverage)}.`
            : ""}
        </p>
        {monteCarloProblem ? <p className="form-error">{monteCarloProblem}</p> : null}
        <SummaryCards summary={summary} stepLabel={stepLabel} />
      </ReportSection>

      {goals.total > 0 ? (
        <ReportSection
          title={`Goals: ${goalsMetWords(goals)} met`}
          note={`The goals set for this plan, judged over its ${months} months${monteCarlo ? `, and how often each is met in ${monteCarlo.trials.toLocaleString("en-US")} simulated futures` : ""}.`}
        >
          <GoalList goals={goals.goals} likelihoods={monteCarlo?.goals} />
        </ReportSection>
      ) : null}

      <ReportSection title={warnings.length > 0 ? "Where this plan breaks a target" : "Targets"}>
        {orgWarnings.length > 0 || teamsBreaking.length === 0 ? (
          <WarningList warnings={orgWarnings} />
        ) : (
          <p>The org as a whole keeps its targets.</p>
        )}
        {teamsBreaking.length > 0 ? (
          <p className="card-note">
            Where each team breaks its own targets is under its name below: {teamsBreaking.join(", ")}.
          </p>
        ) : null}
      </ReportSection>

      {hiring.shown && (hiring.searches.length > 0 || hiring.joiners) ? (
        <ReportSection title="Hiring">
          {hiring.searches.length > 0 ? (
            <ul style={{ margin: "6px 0", paddingLeft: 20 }}>
              {hiring.searches.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : null}
          <p>
            {hiring.busiestQuarter
              ? `In the busiest quarter, ${hiring.busiestQuarter.charAt(0).toLowerCase()}${hiring.busiestQuarter.slice(1)} `
              : ""}
            {hiring.firstYearMultiplier === null
              ? "First-year leavers are not counted: the plan sets no hiring assumptions."
              : `Expected to leave in their first year: ${formatPeople(hiring.firstYearLeavers)} (${hiring.firstYearMultiplier === 1 ? "at the usual rate" : `at ${formatNumber(hiring.firstYearMultiplier)} times the usual rate`}).`}
          </p>
          {hiring.joiners ? <p>{hiring.joiners}</p> : null}
          {hiring.overLimits.rows.length > 0 ? <ReportTable table={hiring.overLimits} /> : null}
        </ReportSection>
      ) : null}

      <ReportSection
        title="By fiscal year"
        note={`${fiscalYearNote(periods.fiscalYearStartMonth, periods.today)} Total cost is salaries plus overhead plus recruiting fees.${pricedAtBandMidpoints ? ` ${BAND_MIDPOINT_NOTE}` : ""}`}
      >
        <div className="periods-glance">
          <NextFiscalYear
            years={periods.years}
            fiscalYearStartMonth={periods.fiscalYearStartMonth}
            today={periods.today}
          />
        </div>
        <PeriodsTable periods={periods.years} compact />
      </ReportSection>

      <ReportSection title="By fiscal quarter">
        <PeriodsTable periods={periods.quarters} compact />
      </ReportSection>

      <div className="report-charts">
        <HeadcountOverTimeChart rows={rows} levels={scenario.levels} />
        <CostChart rows={rows} />
        <CapacityChart rows={rows} monteCarlo={monteCarlo} />
        <RatioChart rows={rows} target={scenario.assumptions.ratioTarget} />
        <MentoringOverTimeChart rows={rows} />
      </div>

      {teams ? (
        <>
          <ReportSection
            title="Teams"
            note={`Each team against its own juniors-per-senior band, over ${months} months.${pricedAtBandMidpoints ? ` ${BAND_MIDPOINT_NOTE}` : ""}`}
          >
            <ReportTable table={teams.table} />
            {smallGroupNotes.teams ? <p className="card-note">{smallGroupNotes.teams}</p> : null}
          </ReportSection>
          {teams.each.map((t) => (
            <ReportSection key={t.id} title={t.name}>
              <p>
                From {formatPeople(t.startHeadcount)} to{" "}
                <strong title={formatExpectedPeople(t.endHeadcount)}>{formatPeople(t.endHeadcount)}</strong> engineers,
                costing {formatMoneyShort(t.totalCost)} fully loaded; juniors per senior held to {t.band[0]}-{t.band[1]}
                .
              </p>
              <WarningList warnings={t.warnings} />
              <PeriodsTable periods={t.years} compact />
            </ReportSection>
          ))}
        </>
      ) : null}

      <ReportSection
        title="The plan"
        note={`Hires, promotions, departures${teams ? " and moves between teams" : ""} in date order.`}
      >
        <ReportTable table={plan} empty="No hires, promotions or departures: the team as it is." />
      </ReportSection>

      <ReportSection
        title="The team at the start"
        note={pricedAtBandMidpoints ? "Payroll at each level's band midpoint." : undefined}
      >
        <ReportTable table={team} />
        {smallGroupNotes.levels ? <p className="card-note">{smallGroupNotes.levels}</p> : null}
      </ReportSection>

      <ReportSection
        title="Assumptions ledger"
        note="Every assumption and level parameter behind these figures, and where it came from: the default, the workspace's ladder, or this scenario."
      >
        <ReportTable table={ledger.assumptions} unitsInRows />
        <h3 className="report-subhead">
          Each level{ledger.notDefault.length === 0 ? ": every value is the default" : ""}
        </h3>
        <ReportTable table={ledger.levels} unitsInRows />
        {ledger.notDefault.length > 0 ? (
          <p className="card-note">
            Not the default: {ledger.notDefault.join("; ")}. Every other level value is the default.
          </p>
        ) : null}
      </ReportSection>
      {children}
    </article>
  );
}
