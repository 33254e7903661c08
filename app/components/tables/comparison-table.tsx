import { Link } from "@remix-run/react";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useMemo } from "react";
import { goalsMetWords, type GoalsInWords, type ComparedHiring, type ViewSummary } from "~/domain";
import {
  formatExpectedPeople,
  formatMoney,
  formatMoneyShort,
  formatNumber,
  formatPercent,
  formatPeople,
} from "~/utils/format";
import { VisuallyHidden } from "~/components/ui/visually-hidden";
import { DataTable } from "./data-table";

/** What a row reads of a compared plan: its summary (org or team) and the org's hiring. */
interface Figures {
  summary: ViewSummary;
  hiring: ComparedHiring;
}

interface Measure {
  label: string;
  /** Null: not checked for this plan (it reads `missing`, with no difference). */
  value: (c: Figures) => number | null;
  format: (v: number) => string;
  missing?: string;
  /** The whole org's figure even when a team is shown (interviews and recruiters are shared). */
  org?: boolean;
  /** Which direction is better; null when neither is. */
  better: "lower" | "higher" | null;
  /** A share (0-1): differences read in percentage points. */
  share?: boolean;
  /** People: whole, with the expected value in a tooltip; differences in whole people. */
  people?: boolean;
}

export const COMPARED_MEASURES: Measure[] = [
  { label: "Total cost", value: ({ summary: s }) => s.totalCost, format: formatMoneyShort, better: "lower" },
  {
    label: "Recruiting cost",
    value: ({ summary: s }) => s.totalRecruitingCost,
    format: formatMoneyShort,
    better: "lower",
  },
  {
    label: "End headcount",
    value: ({ summary: s }) => s.endTotalHeadcount,
    format: (v) => formatPeople(v),
    better: null,
    people: true,
  },
  {
    label: "Mean capacity",
    value: ({ summary: s }) => s.meanCapacity,
    format: (v) => formatNumber(v),
    better: "higher",
  },
  {
    label: "Cost per month of a mid-level engineer's work",
    value: ({ summary: s }) => s.costPerCapacityMonth ?? Infinity,
    format: (v) => (Number.isFinite(v) ? formatMoney(v) : "n/a"),
    better: "lower",
  },
  {
    label: "Lowest mentoring coverage",
    value: ({ summary: s }) => s.lowestCoverage,
    format: (v) => formatPercent(v),
    better: "higher",
    share: true,
  },
  {
    label: "Months with mentoring short",
    value: ({ summary: s }) => s.stepsCoverageBelowOne * s.stepMonths,
    format: (v) => String(v),
    better: "lower",
  },
  {
    label: "Months with juniors per senior out of band",
    value: ({ summary: s }) => s.stepsRatioOutOfBand * s.stepMonths,
    format: (v) => String(v),
    better: "lower",
  },
  {
    label: "Skills with fewer than two owners at the end",
    value: ({ summary: s }) => s.skillsAtRisk.length,
    format: (v) => String(v),
    better: "lower",
  },
  {
    label: "Peak share of an interviewer's week",
    value: ({ hiring }) => hiring.peakInterviewShare,
    format: (v) => formatPercent(v),
    better: "lower",
    share: true,
    org: true,
  },
  {
    label: "Peak interview hours a week",
    value: ({ hiring }) => hiring.peakInterviewHoursPerWeek,
    format: (v) => formatNumber(v, 0),
    better: "lower",
    org: true,
  },
  {
    label: "Expected first-year leavers",
    value: ({ hiring }) => hiring.firstYearLeavers,
    format: (v) => formatNumber(v),
    missing: "not counted",
    better: "lower",
    org: true,
  },
  {
    label: "Quarters with more joiners than the recruiters can hire",
    value: ({ hiring }) => hiring.quartersOverRecruiters,
    format: (v) => String(v),
    missing: "not checked",
    better: "lower",
    org: true,
  },
];

interface Compared extends Figures {
  id: number;
  name: string;
  goals: GoalsInWords;
}

/** A measure's row, or the goals' row (each plan against its own goals, with no difference). */
type Row = { measure: Measure; values: (number | null)[] } | { goals: GoalsInWords[] };

/** "3 of 4" in bold, then the goals not met in `evaluateGoals`'s words; "No goals set" muted. */
function GoalsCell({ goals }: { goals: GoalsInWords }) {
  if (goals.total === 0) return <span className="muted">{goalsMetWords(goals)}</span>;
  const unmet = goals.goals.filter((g) => !g.met);
  return (
    <span className="compared-goals">
      <strong>{goalsMetWords(goals)}</strong>{" "}
      <span className={`pill ${unmet.length === 0 ? "good" : "bad"}`}>
        {unmet.length === 0 ? "all met" : `${unmet.length} not met`}
      </span>
      {unmet.map((g) => (
        <span key={g.label} className="compared-goal-miss">
          {g.message}
        </span>
      ))}
    </span>
  );
}

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, Row>();

function delta(measure: Measure, value: number, base: number): { text: string; tone: "good" | "bad" | "" } {
  const diff = value - base;
  if (!Number.isFinite(diff) || Math.abs(diff) < 1e-9) return { text: "same", tone: "" };
  const sign = diff > 0 ? "+" : "−";
  const size = Math.abs(diff);
  if (measure.people && Math.round(size) === 0) return { text: "same", tone: "" };
  const shown = measure.share
    ? `${(size * 100).toFixed(0)} pts`
    : measure.people
      ? formatPeople(Math.round(size))
      : measure.format(size);
  // A difference that rounds to nothing on screen ("+0 pts", "+$0") reads as the same.
  if (Number(shown.replace(/[^0-9.]/g, "")) === 0) return { text: "same", tone: "" };
  const text = `${sign}${shown}`;
  const better = measure.better === null ? null : measure.better === "lower" ? diff < 0 : diff > 0;
  return { text, tone: better === null ? "" : better ? "good" : "bad" };
}

/**
 * Summary figures side by side, each with its difference from the baseline, after a row of how
 * many of its own goals each plan meets. With a `team` shown, the hiring rows say they are the
 * whole org's and the goals' row that it is the whole plan's; `goalsOwnMonths` (the window is
 * shorter than some plan) says the goals are judged over each plan's own months.
 */
export function ComparisonTable({
  compared,
  baselineId,
  baselineHref,
  team = null,
  goalsOwnMonths = false,
}: {
  compared: Compared[];
  baselineId: number;
  baselineHref?: (id: number) => string;
  team?: string | null;
  goalsOwnMonths?: boolean;
}) {
  const baseIndex = Math.max(
    0,
    compared.findIndex((c) => c.id === baselineId),
  );
  const data = useMemo<Row[]>(
    () => [
      { goals: compared.map((c) => c.goals) },
      ...COMPARED_MEASURES.map((measure) => ({ measure, values: compared.map((c) => measure.value(c)) })),
    ],
    [compared],
  );
  const columns = useMemo(
    () =>
      helper.columns([
        helper.display({
          id: "measure",
          header: () => <VisuallyHidden>Measure</VisuallyHidden>,
          cell: ({ row }) => {
            if ("goals" in row.original)
              return (
                <>
                  <strong>Meets the goals{team ? " (the whole plan)" : ""}</strong>
                  {goalsOwnMonths ? (
                    <span className="compared-goal-note">judged over each plan&apos;s own months</span>
                  ) : null}
                </>
              );
            const { label, org } = row.original.measure;
            return (
              <strong>
                {label}
                {org && team ? " (all teams)" : ""}
              </strong>
            );
          },
        }),
        ...compared.map((c, k) =>
          helper.display({
            id: `s${c.id}`,
            header: () => (
              <span>
                {c.name}
                <br />
                {k === baseIndex ? (
                  <span className="pill accent">baseline</span>
                ) : baselineHref ? (
                  <Link to={baselineHref(c.id)} className="muted" style={{ fontWeight: 400, textTransform: "none" }}>
                    make baseline
                  </Link>
                ) : null}
              </span>
            ),
            cell: ({ row }) => {
              if ("goals" in row.original) return <GoalsCell goals={row.original.goals[k]!} />;
              const { measure, values } = row.original;
              const value = values[k]!;
              const base = values[baseIndex]!;
              if (value === null) return <span className="muted">{measure.missing}</span>;
              const d = k === baseIndex || base === null ? null : delta(measure, value, base);
              return (
                <span title={measure.people ? formatExpectedPeople(value) : undefined}>
                  {measure.format(value)} {d ? <span className={`pill ${d.tone}`}>{d.text}</span> : null}
                </span>
              );
            },
          }),
        ),
      ]),
    [compared, baseIndex, baselineHref, team, goalsOwnMonths],
  );
  const table = useTable({ features, columns, data });
  return <DataTable table={table} className="data comparison" />;
}
