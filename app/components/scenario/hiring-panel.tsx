import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useDeferredValue, useMemo } from "react";
import { InterviewHoursChart } from "~/components/charts/interview-hours-chart";
import { DataTable } from "~/components/tables/data-table";
import { StatCard } from "~/components/ui/stat-card";
import {
  addMonths,
  growthLimitWords,
  hiringChecks,
  stepMonths,
  type HiringQuarter,
  type Projection,
  type Scenario,
} from "~/domain";
import {
  formatExpectedPeople,
  formatMonth,
  formatNumber,
  formatPercent,
  formatPeople,
  formatWholePeople,
} from "~/utils/format";
import { quarterInterviewSentence, quarterName, searchLines } from "~/utils/hiring-words";
import { useLastValid } from "./use-last-valid";

/** The assumption inputs this panel points to (their ids follow the field's path in the document). */
const RECRUITERS_FIELD = "#field-assumptions-hiring-recruiters";
const FIRST_YEAR_FIELD = "#field-assumptions-hiring-firstYearAttritionMultiplier";
const LEVELS_TABLE = "#scenario-levels";

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, HiringQuarter>();

const people = (n: number) => <span title={formatExpectedPeople(n)}>{formatPeople(n)}</span>;

const quarterColumns = helper.columns([
  helper.display({ id: "quarter", header: "Quarter of the plan", cell: ({ row }) => quarterName(row.original) }),
  helper.accessor("joiners", {
    header: "Joiners",
    meta: { numeric: true, title: "Planned hires and expected backfills starting in the quarter" },
    cell: (info) => people(info.getValue()),
  }),
  helper.display({
    id: "verdict",
    header: "Check",
    cell: ({ row: { original: q } }) =>
      q.overRecruiters || q.overGrowth ? (
        <span className="pill bad">
          {q.overRecruiters && q.overGrowth
            ? "Over recruiters and growth"
            : q.overRecruiters
              ? "Over the recruiters"
              : "Over the growth limit"}
        </span>
      ) : q.recruiterCapacity === null && q.growthLimit === null ? null : (
        <span className="pill good">Fine</span>
      ),
  }),
  helper.accessor("recruiterCapacity", {
    header: "Recruiters can hire",
    meta: { numeric: true },
    cell: (info) => {
      const capacity = info.getValue();
      return capacity === null ? <span className="muted">not set</span> : formatNumber(capacity);
    },
  }),
  helper.accessor("growthLimit", {
    header: "Growth limit",
    meta: { numeric: true, title: "The most joiners the team can absorb in a quarter, from its size at the start" },
    cell: ({ row: { original: q } }) =>
      q.growthLimit === null ? (
        <span className="muted">not set</span>
      ) : (
        <span title={`Of ${formatNumber(Math.round(q.headcountAtStart * 10) / 10)} people at the quarter's start`}>
          {formatNumber(Math.round(q.growthLimit * 10) / 10)}
        </span>
      ),
  }),
  helper.display({
    id: "split",
    header: "Hires + backfills",
    meta: { numeric: true },
    cell: ({ row: { original: q } }) => `${formatNumber(q.hires)} + ${formatWholePeople(q.backfills)}`,
  }),
]);

/** Joiners per quarter of the plan against the recruiters and the growth limit. */
function QuarterTable({ quarters }: { quarters: HiringQuarter[] }) {
  const table = useTable({ features, columns: quarterColumns, data: quarters });
  return <DataTable table={table} />;
}

/**
 * What the plan's hiring asks of the team (MODEL.md section 7), in a manager's words: when each
 * search must open, the interviews by month and the capacity they cost, joiners per quarter
 * against the recruiters and the growth limit, and the first-year leavers. Always the whole org's.
 */
export function HiringPanel({
  scenario: given,
  projection,
  teamName,
}: {
  /** The draft, when it is valid; null while it has errors (the last valid one is shown). */
  scenario: Scenario | null;
  /** The projection the page shows: the last valid draft's. */
  projection: Projection;
  teamName?: string;
}) {
  const scenario = useLastValid(given);
  const input = useMemo(() => (scenario ? { scenario, projection } : null), [scenario, projection]);
  // Follows the page's figures at a lower priority, like the charts, so typing stays immediate.
  const deferred = useDeferredValue(input);
  const figures = useMemo(() => {
    if (!deferred) return null;
    const { scenario: s, projection: p } = deferred;
    const checks = hiringChecks(s, p);
    const L = stepMonths(s);
    const months = checks.monthlyInterviewHours.map((hours, month) => ({
      period: addMonths(s.start, month),
      hours,
      share: p.rows[Math.floor(month / L)]?.interviewShare ?? 0,
    }));
    const most = Math.max(0, ...checks.quarters.map((q) => q.interviewHours));
    const busiest = most > 0 ? checks.quarters.filter((q) => q.interviewHours >= most - 0.5) : [];
    const peakRow = p.rows.find((row) => row.interviewShare === p.summary.peakInterviewShare && row.interviewShare > 0);
    return { checks, lines: searchLines(s, checks), months, busiest, peakRow };
  }, [deferred]);
  if (!scenario || !figures || !deferred) return null;
  const { checks, lines, months, busiest, peakRow } = figures;
  const { summary } = deferred.projection;
  const hiring = deferred.scenario.assumptions.hiring;
  const hoursPerWeek = deferred.scenario.assumptions.hoursPerWeek;
  const recruiters = hiring?.recruiters;
  const perRecruiter = hiring?.hiresPerRecruiterPerQuarter ?? 0;
  const early = lines.filter((line) => line.beforePlan).length;

  const caption =
    summary.totalInterviewHours < 0.5 ? (
      <>
        No interview hours are counted: set each level&apos;s interview hours in the{" "}
        <a href={LEVELS_TABLE}>level parameters</a> below.
      </>
    ) : (
      <>
        {busiest.map((q) => quarterInterviewSentence(q, hoursPerWeek)).join(" ")}
        {peakRow ? (
          <>
            {" "}
            At the busiest, in {formatMonth(peakRow.period)}, interviews take{" "}
            <strong>{formatPercent(peakRow.interviewShare)}</strong> of each settled mid-level and senior
            engineer&apos;s week, and that much of their capacity.
          </>
        ) : null}
      </>
    );

  return (
    <section className="card section hiring-panel" id="hiring" aria-labelledby="hiring-title">
      <h2 id="hiring-title">Hiring</h2>
      <p className="card-note">
        What the plan&apos;s hires ask of the team: when each search must open, the interviews it takes, and whether the
        recruiters and the team can keep up.
        {teamName ? ` For the whole org, not only ${teamName}: recruiters and interviewers serve every team.` : ""}
      </p>

      <div className="grid grid-cards">
        <StatCard
          label="Searches to open"
          value={formatNumber(checks.searches.reduce((sum, s) => sum + s.count, 0))}
          hint={early > 0 ? `${early} must open before the plan starts` : "Every one inside the plan"}
          tone={early > 0 ? "bad" : undefined}
        />
        <StatCard
          label="Busiest interview load"
          value={formatPercent(summary.peakInterviewShare)}
          hint={
            peakRow
              ? `of each interviewer's week, in ${formatMonth(peakRow.period)}`
              : "of an interviewer's week: no interviews"
          }
          tone={summary.peakInterviewShare >= 0.2 ? "bad" : summary.peakInterviewShare >= 0.1 ? "warn" : undefined}
        />
        <StatCard
          label="Quarters over the recruiters"
          value={recruiters !== undefined ? formatNumber(checks.quartersOverRecruiters) : "Not checked"}
          hint={
            recruiters !== undefined ? (
              `of ${checks.quarters.length}, at ${formatNumber(perRecruiter)} hires per recruiter a quarter`
            ) : (
              <a href={RECRUITERS_FIELD}>Set the number of recruiters to check this</a>
            )
          }
          tone={recruiters !== undefined ? (checks.quartersOverRecruiters > 0 ? "bad" : "good") : undefined}
        />
        {/* The engine follows first-year joiners only with the hiring assumptions (MODEL.md section 7). */}
        {hiring ? (
          <StatCard
            label="First-year leavers"
            value={
              <span title={formatExpectedPeople(summary.totalFirstYearLeavers)}>
                {formatPeople(summary.totalFirstYearLeavers)}
              </span>
            }
            hint={
              hiring.firstYearAttritionMultiplier === 1
                ? "Expected to leave in their first year, at the usual rate"
                : `Expected to leave in their first year, at ${formatNumber(hiring.firstYearAttritionMultiplier)} times the usual rate`
            }
          />
        ) : (
          <StatCard
            label="First-year leavers"
            value="Not counted"
            hint={<a href={FIRST_YEAR_FIELD}>Set first-year attrition to count them</a>}
          />
        )}
      </div>

      <div className="hiring-parts">
        <div>
          <h3>When each search must open</h3>
          {lines.length === 0 ? (
            <p className="muted">No hires in the plan yet.</p>
          ) : (
            <ul className="search-lines">
              {lines.map((line) => (
                <li key={line.events.join(",")}>
                  {line.beforePlan ? (
                    <>
                      <span className="pill bad">Before the plan</span>{" "}
                    </>
                  ) : null}
                  {line.text}
                </li>
              ))}
            </ul>
          )}
        </div>
        <InterviewHoursChart months={months} caption={caption} />
      </div>

      <h3>Joiners per quarter</h3>
      <p className="card-note">
        {recruiters !== undefined
          ? `${formatNumber(recruiters)} recruiter${recruiters === 1 ? "" : "s"} can hire ${formatNumber(recruiters * perRecruiter)} people a quarter. `
          : null}
        {hiring
          ? `A team rarely absorbs more than ${growthLimitWords(hiring.maxGrowthPerQuarter)} of its size in new people a quarter.`
          : "Growth is not checked yet."}{" "}
        {recruiters !== undefined ? null : <a href={RECRUITERS_FIELD}>Set the number of recruiters to check this.</a>}
      </p>
      <QuarterTable quarters={checks.quarters} />
    </section>
  );
}
