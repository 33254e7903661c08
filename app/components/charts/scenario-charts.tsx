import { memo } from "react";
import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { LevelClass, MonteCarloResult, ProjectionRow, ViewRow } from "~/domain";
import { formatMoneyShort, formatNumber, formatPercent } from "~/utils/format";
import { AXIS_STYLE, ChartFrame, fromFirstToLast } from "./chart-frame";

const LEVEL_SHADES: Record<LevelClass, string[]> = {
  junior: ["#a9bcff", "#7c9cff", "#5a7ef5"],
  mid: ["#7fd0e3", "#47b7d1", "#2f97b0"],
  senior: ["#6fc39b", "#2f8a63", "#1f6b4b"],
};

const periodAxis = { dataKey: "period", tick: AXIS_STYLE, minTickGap: 24 } as const;

interface Stack {
  key: string;
  name: string;
  color: string;
}

/** Engineers over time as stacked areas, one per `stacks` entry (its `key` in each point of `data`). */
function EngineersStacked({
  title,
  caption,
  data,
  stacks,
  fillOpacity,
}: {
  title: string;
  caption: string;
  data: Record<string, string | number>[];
  stacks: Stack[];
  fillOpacity: number;
}) {
  const total = (point: Record<string, string | number>) =>
    stacks.reduce((sum, stack) => sum + Number(point[stack.key] ?? 0), 0);
  const summary = `${fromFirstToLast(
    data.map((point) => ({ period: String(point.period), value: total(point) })),
    (v) => `about ${formatNumber(v, 0)}`,
  )} engineers, in ${stacks.map((s) => s.name).join(", ")}`;
  return (
    <ChartFrame title={title} caption={caption} summary={summary}>
      {() => (
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis {...periodAxis} />
            <YAxis
              tick={AXIS_STYLE}
              label={{ value: "Engineers", angle: -90, position: "insideLeft", ...AXIS_STYLE }}
            />
            <Tooltip formatter={(value, name) => [formatNumber(Number(value)), name]} />
            <Legend />
            {stacks.map((stack) => (
              <Area
                isAnimationActive={false}
                key={stack.key}
                type="monotone"
                dataKey={stack.key}
                name={stack.name}
                stackId="1"
                stroke={stack.color}
                fill={stack.color}
                fillOpacity={fillOpacity}
              />
            ))}
          </ComposedChart>
        </ResponsiveContainer>
      )}
    </ChartFrame>
  );
}

/** Engineers per level over time, stacked. */
export const HeadcountOverTimeChart = memo(function HeadcountOverTimeChart({
  rows,
  levels,
}: {
  rows: ViewRow[];
  levels: { id: string; title: string; class: LevelClass }[];
}) {
  const used: Record<LevelClass, number> = { junior: 0, mid: 0, senior: 0 };
  const stacks = levels.map((level) => {
    const shades = LEVEL_SHADES[level.class];
    return { key: level.id, name: `${level.id} ${level.title}`, color: shades[used[level.class]++ % shades.length]! };
  });
  return (
    <EngineersStacked
      title="Headcount by level"
      caption="Expected engineers at each level, month by month (fractions are expectations, not people)."
      data={rows.map((r) => ({ period: r.period, ...r.headcount }))}
      stacks={stacks}
      fillOpacity={0.85}
    />
  );
});

/** Engineers per team over time, stacked: where the org's people are, and where the plan adds them. */
export const TeamHeadcountChart = memo(function TeamHeadcountChart({
  rows,
  teams,
}: {
  rows: ProjectionRow[];
  teams: { id: string; name: string }[];
}) {
  return (
    <EngineersStacked
      title="Headcount by team"
      caption="Expected engineers in each team, month by month."
      data={rows.map((r) => ({
        period: r.period,
        ...Object.fromEntries(teams.map((t, k) => [`t${k}`, r.teams?.[t.id]?.totalHeadcount ?? 0])),
      }))}
      stacks={teams.map((team, k) => ({
        key: `t${k}`,
        name: team.name,
        color: SERIES_COLORS[k % SERIES_COLORS.length]!,
      }))}
      fillOpacity={0.55}
    />
  );
});

/** Cost per period (bars) and cumulative cost (line). */
export const CostChart = memo(function CostChart({ rows }: { rows: ViewRow[] }) {
  return (
    <ChartFrame
      title="Cost"
      caption="Fully-loaded cost plus recruiting fees each month (bars) and in total so far (line)."
      summary={`${formatMoneyShort(rows[rows.length - 1]?.cumulativeCost ?? 0)} in total by ${rows[rows.length - 1]?.period ?? "the end"}`}
    >
      {() => (
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 8, bottom: 4, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis {...periodAxis} />
            <YAxis yAxisId="step" tick={AXIS_STYLE} tickFormatter={formatMoneyShort} />
            <YAxis yAxisId="total" orientation="right" tick={AXIS_STYLE} tickFormatter={formatMoneyShort} />
            <Tooltip formatter={(value, name) => [formatMoneyShort(Number(value)), name]} />
            <Legend />
            <Bar isAnimationActive={false} yAxisId="step" dataKey="totalCost" name="Cost this month" fill="#9fb3f5" />
            <Line
              isAnimationActive={false}
              yAxisId="total"
              type="monotone"
              dataKey="cumulativeCost"
              name="Cost so far"
              stroke="#1c2330"
              dot={false}
              strokeWidth={2}
            />
          </ComposedChart>
        </ResponsiveContainer>
      )}
    </ChartFrame>
  );
});

/**
 * The highest juniors per senior a chart draws: a team with hardly any senior (an expected 0.001
 * of one, promoted up from below) has thousands of juniors per senior, which would flatten the line
 * that matters. Higher values are drawn at the top.
 */
export const ratioChartTop = (target: readonly [number, number]) => Math.max(4, target[1] * 3);

/** Juniors per senior against the target band (shaded). */
export const RatioChart = memo(function RatioChart({ rows, target }: { rows: ViewRow[]; target: [number, number] }) {
  const data = rows.map((r) => ({ period: r.period, ratio: r.juniorsPerSenior }));
  const cap = ratioChartTop(target);
  const highest = Math.max(target[1] * 1.5, ...data.map((d) => d.ratio ?? 0));
  const top = Math.min(highest, cap);
  return (
    <ChartFrame
      title="Juniors per senior"
      caption={`The shaded band is the target, ${target[0]} to ${target[1]} juniors per senior.${highest > cap ? ` Above ${cap} (hardly any senior) is drawn at the top.` : ""}`}
      summary={`${fromFirstToLast(
        data.map((d) => ({ period: d.period, value: d.ratio })),
        (v) => formatNumber(v, 2),
      )} juniors per senior, against a target of ${target[0]} to ${target[1]}`}
    >
      {() => (
        <ResponsiveContainer width="100%" height="100%">
          <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis {...periodAxis} />
            <YAxis tick={AXIS_STYLE} domain={[0, Math.ceil(top * 2) / 2]} allowDataOverflow />
            <ReferenceArea y1={target[0]} y2={target[1]} fill="#47d1a4" fillOpacity={0.15} ifOverflow="extendDomain" />
            <Tooltip
              formatter={(value) => [
                value === null ? "no seniors" : formatNumber(Number(value), 2),
                "Juniors per senior",
              ]}
            />
            <Line
              isAnimationActive={false}
              type="monotone"
              dataKey="ratio"
              name="Juniors per senior"
              stroke="#3a5bd9"
              dot={false}
              strokeWidth={2}
              connectNulls={false}
            />
          </LineChart>
        </ResponsiveContainer>
      )}
    </ChartFrame>
  );
});

/** Mentoring hours offered and needed, with coverage. */
export const MentoringOverTimeChart = memo(function MentoringOverTimeChart({ rows }: { rows: ViewRow[] }) {
  return (
    <ChartFrame
      title="Mentoring"
      caption="Hours a week settled engineers can give, hours juniors and new hires need, and the share covered."
      summary={`coverage ${fromFirstToLast(
        rows.map((r) => ({ period: r.period, value: r.coverage })),
        (v) => formatPercent(v),
      )}`}
    >
      {() => (
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis {...periodAxis} />
            <YAxis
              yAxisId="hours"
              tick={AXIS_STYLE}
              label={{ value: "Hours a week", angle: -90, position: "insideLeft", ...AXIS_STYLE }}
            />
            <YAxis
              yAxisId="share"
              orientation="right"
              domain={[0, 1]}
              tick={AXIS_STYLE}
              tickFormatter={(v) => formatPercent(Number(v))}
            />
            <Tooltip
              formatter={(value, name) => [
                name === "Coverage" ? formatPercent(Number(value)) : `${formatNumber(Number(value))} h`,
                name,
              ]}
            />
            <Legend />
            <Line
              isAnimationActive={false}
              yAxisId="hours"
              type="monotone"
              dataKey="mentorSupplyHoursPerWeek"
              name="Offered"
              stroke="#2f8a63"
              dot={false}
              strokeWidth={2}
            />
            <Line
              isAnimationActive={false}
              yAxisId="hours"
              type="monotone"
              dataKey="mentorDemandHoursPerWeek"
              name="Needed"
              stroke="#c0362c"
              dot={false}
              strokeWidth={2}
            />
            <Line
              isAnimationActive={false}
              yAxisId="share"
              type="stepAfter"
              dataKey="coverage"
              name="Coverage"
              stroke="#8a94a6"
              strokeDasharray="4 3"
              dot={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      )}
    </ChartFrame>
  );
});

/** Capacity: the expected value, and the Monte Carlo likely range (P10 to P90) around the median once it has run. */
export const CapacityChart = memo(function CapacityChart({
  rows,
  monteCarlo,
}: {
  rows: ViewRow[];
  monteCarlo: MonteCarloResult | null;
}) {
  const data = rows.map((r, i) => {
    const d = monteCarlo?.steps[i]?.capacity;
    return { period: r.period, expected: r.capacity, p50: d?.p50, band: d ? [d.p10, d.p90] : undefined };
  });
  return (
    <ChartFrame
      title="Capacity"
      caption={
        monteCarlo
          ? `Work a month in mid-level-engineer equivalents. Shaded: the likely range (8 in 10 of ${monteCarlo.trials.toLocaleString("en-US")} simulated futures fall inside); line: the median.`
          : "Work a month in mid-level-engineer equivalents (expected value). Run the simulation for the range of outcomes."
      }
      summary={`${fromFirstToLast(
        rows.map((r) => ({ period: r.period, value: r.capacity })),
        (v) => formatNumber(v),
      )} mid-level engineers' work a month (expected)`}
    >
      {() => (
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis {...periodAxis} />
            <YAxis
              tick={AXIS_STYLE}
              label={{ value: "Mid-level equivalents", angle: -90, position: "insideLeft", ...AXIS_STYLE }}
            />
            <Tooltip
              formatter={(value, name) => [
                Array.isArray(value)
                  ? `${formatNumber(Number(value[0]))} to ${formatNumber(Number(value[1]))}`
                  : formatNumber(Number(value)),
                name,
              ]}
            />
            <Legend />
            {monteCarlo ? (
              <Area
                isAnimationActive={false}
                type="monotone"
                dataKey="band"
                name="Likely range"
                stroke="none"
                fill="#7c9cff"
                fillOpacity={0.25}
              />
            ) : null}
            {monteCarlo ? (
              <Line
                isAnimationActive={false}
                type="monotone"
                dataKey="p50"
                name="Median"
                stroke="#3a5bd9"
                dot={false}
                strokeWidth={2}
              />
            ) : null}
            <Line
              isAnimationActive={false}
              type="monotone"
              dataKey="expected"
              name="Expected"
              stroke="#1c2330"
              strokeDasharray={monteCarlo ? "5 4" : undefined}
              dot={false}
              strokeWidth={2}
            />
          </ComposedChart>
        </ResponsiveContainer>
      )}
    </ChartFrame>
  );
});

export interface Series {
  name: string;
  rows: ViewRow[];
  /** Picks the line's colour, so a scenario keeps its colour whatever it is compared with. */
  colorKey: number;
}

const SERIES_COLORS = ["#3a5bd9", "#d9673a", "#2f8a63", "#9c3ad9", "#c0362c", "#8a6d00"];

/** One measure of several scenarios over time, one line each. */
export const OverlayChart = memo(function OverlayChart({
  title,
  caption,
  series,
  value,
  format,
  top,
}: {
  title: string;
  caption?: string;
  series: Series[];
  value: (row: ViewRow) => number | null;
  format: (v: number) => string;
  /** The highest value drawn; higher ones are drawn at the top. */
  top?: number;
}) {
  // Lined up by month, not by row: a quarterly plan's row holds for each month of its quarter.
  const periods = [...new Set(series.flatMap((s) => s.rows.map((r) => r.period)))].sort();
  const at = series.map(() => -1);
  const data = periods.map((period) => {
    const point: Record<string, string | number | null> = { period };
    series.forEach((s, k) => {
      while (at[k]! + 1 < s.rows.length && s.rows[at[k]! + 1]!.period <= period) at[k]!++;
      const v = at[k]! >= 0 ? value(s.rows[at[k]!]!) : null;
      // Drawn at the top when higher (a line past the axis would be clipped away); read as it is.
      point[`s${k}`] = v === null || top === undefined ? v : Math.min(v, top);
      point[`v${k}`] = v;
    });
    return point;
  });
  const summary = series
    .map(
      (s) =>
        `${s.name} ${fromFirstToLast(
          s.rows.map((r) => ({ period: r.period, value: value(r) })),
          format,
        )}`,
    )
    .join("; ");
  return (
    <ChartFrame title={title} caption={caption} summary={summary}>
      {() => (
        <ResponsiveContainer width="100%" height="100%">
          <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 12, bottom: 4, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis {...periodAxis} />
            <YAxis
              tick={AXIS_STYLE}
              tickFormatter={(v) => format(Number(v))}
              {...(top === undefined ? {} : { domain: [0, top], allowDataOverflow: true })}
            />
            <Tooltip
              formatter={(v, name, item: { dataKey?: unknown; payload?: Record<string, number | null> }) => {
                const raw = item.payload?.[`v${String(item.dataKey).slice(1)}`] ?? v;
                return [raw === null ? "-" : format(Number(raw)), name];
              }}
            />
            <Legend />
            {series.map((s, k) => (
              <Line
                isAnimationActive={false}
                key={k}
                type="monotone"
                dataKey={`s${k}`}
                name={s.name}
                stroke={SERIES_COLORS[s.colorKey % SERIES_COLORS.length]}
                dot={false}
                strokeWidth={2}
                connectNulls={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      )}
    </ChartFrame>
  );
});

/** The comparison's four overlaid measures, shared by the compare page and its printable report. */
export function ComparisonCharts({
  series,
  ratioTarget,
  className,
}: {
  series: Series[];
  ratioTarget: [number, number];
  className: string;
}) {
  const top = ratioChartTop(ratioTarget);
  const overTop = series.some((s) => s.rows.some((r) => (r.juniorsPerSenior ?? 0) > top));
  return (
    <div className={className}>
      <OverlayChart title="Headcount" series={series} value={(r) => r.totalHeadcount} format={(v) => formatNumber(v)} />
      <OverlayChart title="Cost so far" series={series} value={(r) => r.cumulativeCost} format={formatMoneyShort} />
      <OverlayChart
        title="Capacity"
        caption="Mid-level engineer equivalents of work a month."
        series={series}
        value={(r) => r.capacity}
        format={(v) => formatNumber(v)}
      />
      <OverlayChart
        title="Juniors per senior"
        caption={`Target ${ratioTarget[0]}-${ratioTarget[1]}.${overTop ? ` Above ${top} (hardly any senior) is drawn at the top.` : ""}`}
        series={series}
        value={(r) => r.juniorsPerSenior}
        format={(v) => formatNumber(v, 2)}
        top={overTop ? top : undefined}
      />
    </div>
  );
}
