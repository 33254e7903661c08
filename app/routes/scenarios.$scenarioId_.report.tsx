import { requireUser, seesSalaries } from "~/services/auth.server";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
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
import {
  goalsInWords,
  fiscalPeriods,
  goalsMetWords,
  growthLimitWords,
  hiringChecks,
  monthOf,
  planWarnings,
  type Projection,
  type Scenario,
  type Table,
  skillNamer,
  teamsTable,
  teamView,
} from "~/domain";
import { monteCarloOf, projectionOf } from "~/services/compute.server";
import { assumptionsLedger, hiringQuartersTable, ledgerByLevel, planEventsTable } from "~/services/exports.server";
import { listLevels, listSkills } from "~/services/ladder.server";
import { requireScenario } from "~/services/scenarios.server";
import { getWorkspace } from "~/services/workspace.server";
import { getDb } from "~/utils/db.server";
import {
  formatDay,
  formatExpectedPeople,
  formatMoneyShort,
  formatNumber,
  formatPeople,
  formatPercent,
} from "~/utils/format";
import { quarterInterviewSentence, quarterName, searchLines } from "~/utils/hiring-words";
import { requireId } from "~/utils/params";
import reportPrint from "~/styles/report-print.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportPrint }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Staffing report: ${data?.scenario.name ?? "scenario"} · Teamshape` },
];

/** The team at the start, by level: people and payroll (individuals are in the workbook). */
function teamByLevel(scenario: Scenario): Table {
  const rows = scenario.levels
    .map((level) => {
      const entries = scenario.team.filter((t) => t.level === level.id);
      return [
        `${level.id} ${level.title}`,
        entries.reduce((n, t) => n + t.count, 0),
        entries.reduce((sum, t) => sum + t.count * t.salary, 0),
      ];
    })
    .filter((row) => (row[1] as number) > 0);
  return { header: ["Level", "People", "Payroll ($ a year)"], rows };
}

/**
 * What hiring asks of the team (MODEL.md section 7), in words: when each search must open, the
 * busiest quarter's interviews, joiners per quarter against the limits set, first-year leavers.
 */
function hiringOf(scenario: Scenario, projection: Projection) {
  const checks = hiringChecks(scenario, projection);
  const busiest = checks.quarters.reduce<(typeof checks.quarters)[number] | null>(
    (top, q) => (q.interviewHours > (top?.interviewHours ?? 0) ? q : top),
    null,
  );
  // Without any time to fill, interview hours or hiring assumptions there is nothing to say but the joiners.
  const shown =
    scenario.assumptions.hiring !== undefined ||
    scenario.levels.some((l) => (l.timeToFillMonths ?? 0) > 0 || (l.interviewHours ?? 0) > 0);
  return {
    shown,
    searches: searchLines(scenario, checks).map((line) => line.text),
    busiestQuarter: busiest ? quarterInterviewSentence(busiest, scenario.assumptions.hoursPerWeek) : null,
    firstYearLeavers: projection.summary.totalFirstYearLeavers,
    /** Null without the hiring assumptions: then first-year leavers are not followed. */
    firstYearMultiplier: scenario.assumptions.hiring?.firstYearAttritionMultiplier ?? null,
    joiners: joinersSentence(scenario, checks),
    overLimits: hiringQuartersTable(scenario, checks),
  };
}

/**
 * The busiest quarter for joiners against the limits set: "At most 3 people join in a quarter
 * (Jan 2027 to Mar 2027), within what 2 recruiters can hire and a third of the team." Null
 * without joiners.
 */
function joinersSentence(scenario: Scenario, checks: ReturnType<typeof hiringChecks>): string | null {
  const top = checks.quarters.reduce<(typeof checks.quarters)[number] | null>(
    (best, q) => (q.joiners > (best?.joiners ?? 0) ? q : best),
    null,
  );
  if (!top || top.joiners < 0.05) return null;
  const hiring = scenario.assumptions.hiring;
  const limits = [
    hiring?.recruiters === undefined
      ? ""
      : `what ${hiring.recruiters} recruiter${hiring.recruiters === 1 ? "" : "s"} can hire`,
    hiring ? `${growthLimitWords(hiring.maxGrowthPerQuarter)} of the team` : "",
  ].filter(Boolean);
  const over = checks.quarters.filter((q) => q.overRecruiters || q.overGrowth).length;
  const against =
    limits.length === 0
      ? " (no recruiters or growth limit set)"
      : over === 0
        ? `, within ${limits.join(" and ")} every quarter`
        : `; ${over} quarter${over === 1 ? " goes" : "s go"} past ${limits.join(" or ")}:`;
  return `${quarterName(top)} has the most joiners: ${formatPeople(top.joiners)}${against}${over === 0 || limits.length === 0 ? "." : ""}`;
}

/** The columns of `table` named in `headers` (old header to new), in that order. */
function pickColumns(table: Table, headers: Record<string, string>): Table {
  const index = Object.keys(headers).map((h) => table.header.indexOf(h));
  return { header: Object.values(headers), rows: table.rows.map((row) => index.map((i) => row[i] ?? null)) };
}

const stepWord = (scenario: Pick<Scenario, "step">) =>
  scenario.step === "month" ? "Month" : scenario.step === "quarter" ? "Quarter" : "Year";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "viewer");
  const db = await getDb();
  const stored = await requireScenario(db, user, requireId(params.scenarioId));
  const { scenario } = stored;
  const [levels, skills, { fiscalYearStartMonth }] = await Promise.all([
    listLevels(db),
    listSkills(db),
    getWorkspace(db),
  ]);
  const [projection, simulated] = await Promise.all([
    projectionOf(scenario, { signal: request.signal }),
    monteCarloOf(scenario, { signal: request.signal }),
  ]);
  const skillName = skillNamer(skills);
  // Sums of the projection's rows, which a viewer already receives priced at band midpoints.
  const years = (view: Parameters<typeof fiscalPeriods>[0]) =>
    fiscalPeriods(view, { by: "year", fiscalYearStartMonth });
  return {
    id: stored.id,
    // Only what the page shows: the document itself holds every salary.
    scenario: {
      name: scenario.name,
      description: scenario.description,
      start: scenario.start,
      step: scenario.step,
      levels: scenario.levels.map(({ id, title, class: levelClass }) => ({ id, title, class: levelClass })),
      assumptions: { ratioTarget: scenario.assumptions.ratioTarget },
    },
    prepared: formatDay(new Date()),
    projection,
    monteCarlo: simulated.ok ? simulated.result : null,
    monteCarloProblem: simulated.ok ? null : simulated.message,
    warnings: planWarnings(scenario, projection, skillName),
    // Judged on the projection a viewer receives (priced at band midpoints), so a goal's words and
    // its met or not say nothing of anyone's pay.
    goals: goalsInWords(scenario, projection),
    hiring: hiringOf(scenario, projection),
    periods: {
      fiscalYearStartMonth,
      today: monthOf(new Date()),
      years: years(projection),
      quarters: fiscalPeriods(projection, { by: "quarter", fiscalYearStartMonth }),
    },
    teams: scenario.teams
      ? {
          // The workbook's Teams sheet, narrowed to what fits the printed page.
          table: pickColumns(teamsTable(scenario, projection), {
            Team: "Team",
            "Start headcount": "People at the start",
            "End headcount": "At the end",
            "Total cost ($)": "Total cost ($)",
            "Lowest mentoring coverage (0-1)": "Lowest mentoring coverage (0-1)",
            "Steps with juniors per senior out of band": `${stepWord(scenario)}s out of its band`,
          }),
          each: scenario.teams.map((team) => {
            const view = teamView(projection, team.id)!;
            const { summary } = view;
            return {
              id: team.id,
              name: team.name,
              band: team.ratioTarget ?? scenario.assumptions.ratioTarget,
              startHeadcount: summary.startHeadcount,
              endHeadcount: summary.endTotalHeadcount,
              totalCost: summary.totalCost,
              years: years(view),
              warnings: planWarnings(scenario, projection, skillName, team.id),
            };
          }),
        }
      : null,
    plan: planEventsTable(scenario, { salaries: seesSalaries(user) }),
    team: teamByLevel(scenario),
    pricedAtBandMidpoints: stored.pricedAtBandMidpoints,
    // The file field names are for modellers; they stay in the workbook, as does the ledger's
    // one row per level parameter.
    ledger: ledgerByLevel(scenario, assumptionsLedger(scenario, levels)),
    canEdit: seesSalaries(user),
  };
}

export default function ScenarioReport() {
  const {
    id,
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
    canEdit,
    pricedAtBandMidpoints,
  } = useLoaderData<typeof loader>();
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
    </article>
  );
}
