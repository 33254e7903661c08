import { memo, type ReactNode } from "react";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMonth, formatNumber, formatPercent } from "~/utils/format";
import { AXIS_STYLE, ChartFrame } from "./chart-frame";

/** One month of the plan: its interview hours and the share of an interviewer's week they take. */
export interface InterviewMonth {
  /** `YYYY-MM` */
  period: string;
  hours: number;
  /** 0..1 of each settled mid-level or senior engineer's week. */
  share: number;
}

/** Interview hours a month (bars) and the share of each interviewer's week they take (line). */
export const InterviewHoursChart = memo(function InterviewHoursChart({
  months,
  caption,
}: {
  months: InterviewMonth[];
  caption: ReactNode;
}) {
  const total = months.reduce((sum, m) => sum + m.hours, 0);
  const busiest = months.reduce<InterviewMonth | null>((top, m) => (top && top.hours >= m.hours ? top : m), null);
  const summary =
    busiest && busiest.hours > 0
      ? `about ${formatNumber(Math.round(total), 0)} hours in all, most in ${formatMonth(busiest.period)} (${formatNumber(Math.round(busiest.hours), 0)} hours, ${formatPercent(busiest.share)} of an interviewer's week)`
      : "no interviews in this plan";
  // The share axis in round steps: 0-30% by tens, up to 100% by twenties or quarters.
  const highest = Math.min(1, Math.max(0.1, ...months.map((m) => m.share)));
  const stepSize = highest <= 0.5 ? 0.1 : 0.25;
  const top = Math.min(1, Math.ceil(highest / stepSize - 1e-9) * stepSize);
  const shareTicks = Array.from({ length: Math.round(top / stepSize) + 1 }, (_, i) => i * stepSize);
  return (
    <ChartFrame title="Interview hours" caption={caption} summary={summary} height={260}>
      {() => (
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart accessibilityLayer={false} data={months} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="period" tick={AXIS_STYLE} minTickGap={24} />
            <YAxis
              yAxisId="hours"
              tick={AXIS_STYLE}
              allowDecimals={false}
              label={{ value: "Hours a month", angle: -90, position: "insideLeft", ...AXIS_STYLE }}
            />
            <YAxis
              yAxisId="share"
              orientation="right"
              domain={[0, top]}
              ticks={shareTicks}
              tick={AXIS_STYLE}
              tickFormatter={(v) => formatPercent(Number(v))}
            />
            <Tooltip
              labelFormatter={(period: unknown) => (typeof period === "string" ? formatMonth(period) : "")}
              formatter={(value, name) => [
                name === "Interview hours"
                  ? `${formatNumber(Math.round(Number(value)), 0)} h`
                  : formatPercent(Number(value)),
                name,
              ]}
            />
            <Legend />
            <Bar isAnimationActive={false} yAxisId="hours" dataKey="hours" name="Interview hours" fill="#9fb3f5" />
            <Line
              isAnimationActive={false}
              yAxisId="share"
              type="stepAfter"
              dataKey="share"
              name="Share of an interviewer's week"
              stroke="#b45309"
              dot={false}
              strokeWidth={2}
            />
          </ComposedChart>
        </ResponsiveContainer>
      )}
    </ChartFrame>
  );
});
