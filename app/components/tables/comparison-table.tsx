import { Link } from "@remix-run/react";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useMemo } from "react";
import type { ViewSummary } from "~/domain";
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

interface Measure {
  label: string;
  value: (s: ViewSummary) => number;
  format: (v: number) => string;
  /** Which direction is better; null when neither is. */
  better: "lower" | "higher" | null;
  /** A share (0-1): differences read in percentage points. */
  share?: boolean;
  /** People: whole, with the expected value in a tooltip; differences in whole people. */
  people?: boolean;
}

export const COMPARED_MEASURES: Measure[] = [
  { label: "Total cost", value: (s) => s.totalCost, format: formatMoneyShort, better: "lower" },
  { label: "Recruiting cost", value: (s) => s.totalRecruitingCost, format: formatMoneyShort, better: "lower" },
  {
    label: "End headcount",
    value: (s) => s.endTotalHeadcount,
    format: (v) => formatPeople(v),
    better: null,
    people: true,
  },
  { label: "Mean capacity", value: (s) => s.meanCapacity, format: (v) => formatNumber(v), better: "higher" },
  {
    label: "Cost per month of a mid-level engineer's work",
    value: (s) => s.costPerCapacityMonth ?? Infinity,
    format: (v) => (Number.isFinite(v) ? formatMoney(v) : "n/a"),
    better: "lower",
  },
  {
    label: "Lowest mentoring coverage",
    value: (s) => s.lowestCoverage,
    format: (v) => formatPercent(v),
    better: "higher",
    share: true,
  },
  {
    label: "Months with mentoring short",
    value: (s) => s.stepsCoverageBelowOne * s.stepMonths,
    format: (v) => String(v),
    better: "lower",
  },
  {
    label: "Months with juniors per senior out of band",
    value: (s) => s.stepsRatioOutOfBand * s.stepMonths,
    format: (v) => String(v),
    better: "lower",
  },
  {
    label: "Skills with fewer than two owners at the end",
    value: (s) => s.skillsAtRisk.length,
    format: (v) => String(v),
    better: "lower",
  },
];

interface Compared {
  id: number;
  name: string;
  summary: ViewSummary;
}

interface Row {
  measure: Measure;
  values: number[];
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

/** Summary figures side by side, each with its difference from the baseline. */
export function ComparisonTable({
  compared,
  baselineId,
  baselineHref,
}: {
  compared: Compared[];
  baselineId: number;
  baselineHref?: (id: number) => string;
}) {
  const baseIndex = Math.max(
    0,
    compared.findIndex((c) => c.id === baselineId),
  );
  const data = useMemo(
    () => COMPARED_MEASURES.map((measure) => ({ measure, values: compared.map((c) => measure.value(c.summary)) })),
    [compared],
  );
  const columns = useMemo(
    () =>
      helper.columns([
        helper.display({
          id: "measure",
          header: () => <VisuallyHidden>Measure</VisuallyHidden>,
          cell: ({ row }) => <strong>{row.original.measure.label}</strong>,
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
              const { measure, values } = row.original;
              const value = values[k]!;
              const d = k === baseIndex ? null : delta(measure, value, values[baseIndex]!);
              return (
                <span title={measure.people ? formatExpectedPeople(value) : undefined}>
                  {measure.format(value)} {d ? <span className={`pill ${d.tone}`}>{d.text}</span> : null}
                </span>
              );
            },
          }),
        ),
      ]),
    [compared, baseIndex, baselineHref],
  );
  const table = useTable({ features, columns, data });
  return <DataTable table={table} className="data comparison" />;
}
