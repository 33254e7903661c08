import { memo } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MonthFigures, VarianceMonth } from "~/domain";
import { formatMoneyShort, formatMonth, formatNumber } from "~/utils/format";
import { AXIS_STYLE, ChartFrame } from "./chart-frame";

const PLANNED_COLOR = "#5d6b82";
const ACTUAL_COLOR = "#3a5bd9";

/** One measure, planned (dashed) and actual (solid), month by month since the plan was adopted. */
function PlannedActualChart({
  title,
  caption,
  data,
  format,
  unit,
  fromZero = false,
}: {
  title: string;
  caption: string;
  data: { period: string; planned: number; actual: number }[];
  format: (v: number) => string;
  unit: string;
  /** Whether the axis starts at zero (running totals), or fits the values (people, capacity). */
  fromZero?: boolean;
}) {
  const last = data.at(-1);
  const summary = last
    ? `in ${last.period}, ${format(last.actual)} ${unit} against ${format(last.planned)} planned`
    : "no months yet";
  // A month or two draws as points: a line needs two of them.
  const dot = data.length <= 12 ? { r: 3 } : false;
  return (
    <ChartFrame title={title} caption={caption} summary={summary} height={240}>
      {() => (
        <ResponsiveContainer width="100%" height="100%">
          <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 12, bottom: 4, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="period" tick={AXIS_STYLE} minTickGap={24} />
            <YAxis
              tick={AXIS_STYLE}
              tickFormatter={(v) => format(Number(v))}
              width={56}
              domain={fromZero ? [0, "auto"] : ["auto", "auto"]}
              allowDecimals={false}
            />
            <Tooltip formatter={(value, name) => [format(Number(value)), name]} />
            <Legend />
            <Line
              isAnimationActive={false}
              type="linear"
              dataKey="planned"
              name="Planned"
              stroke={PLANNED_COLOR}
              strokeDasharray="5 4"
              strokeWidth={2}
              dot={dot}
            />
            <Line
              isAnimationActive={false}
              type="linear"
              dataKey="actual"
              name="Actual"
              stroke={ACTUAL_COLOR}
              strokeWidth={2.5}
              dot={dot}
            />
          </LineChart>
        </ResponsiveContainer>
      )}
    </ChartFrame>
  );
}

const series = (months: VarianceMonth[], value: (m: MonthFigures) => number) =>
  months.map((m) => ({ period: formatMonth(m.month), planned: value(m.planned), actual: value(m.actual) }));

/** People on the team at each month's end (today, this month), against the plan's expected headcount. */
export const PlanHeadcountChart = memo(function PlanHeadcountChart({ months }: { months: VarianceMonth[] }) {
  return (
    <PlannedActualChart
      title="People: planned and actual"
      caption="People on the team at each month's end (today for this month), against the plan's expected headcount."
      data={series(months, (m) => m.headcount)}
      format={(v) => formatNumber(v)}
      unit="people"
    />
  );
});

/** Total cost added up since the plan was adopted, planned and actual. */
export const PlanCostChart = memo(function PlanCostChart({ months }: { months: VarianceMonth[] }) {
  const data: { period: string; planned: number; actual: number }[] = [];
  for (const m of months) {
    const before = data.at(-1);
    data.push({
      period: formatMonth(m.month),
      planned: (before?.planned ?? 0) + m.planned.totalCost,
      actual: (before?.actual ?? 0) + m.actual.totalCost,
    });
  }
  return (
    <PlannedActualChart
      title="Cost so far: planned and actual"
      caption="Fully-loaded cost plus recruiting fees, added up month by month since the plan was adopted."
      data={data}
      format={formatMoneyShort}
      unit="spent"
      fromZero
    />
  );
});

/** Work the team can do each month, planned and actual. */
export const PlanCapacityChart = memo(function PlanCapacityChart({ months }: { months: VarianceMonth[] }) {
  return (
    <PlannedActualChart
      title="Capacity: planned and actual"
      caption="Work a month in mid-level-engineer equivalents, new people counted as they ramp up."
      data={series(months, (m) => m.capacity)}
      format={(v) => formatNumber(v)}
      unit="mid-level engineers' work"
    />
  );
});
