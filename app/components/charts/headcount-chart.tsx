import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { LevelClass } from "~/domain";
import { formatNumber } from "~/utils/format";
import { AXIS_STYLE, CLASS_COLORS, ChartFrame } from "./chart-frame";

export interface LevelCount {
  id: string;
  title: string;
  class: LevelClass;
  count: number;
}

/** Engineers per level, coloured by junior / mid / senior. */
export function HeadcountChart({ data, caption }: { data: LevelCount[]; caption?: string }) {
  return (
    <ChartFrame
      title="Headcount by level"
      caption={caption}
      summary={data.map((d) => `${d.id} ${d.title}: ${formatNumber(d.count, 0)}`).join(", ")}
    >
      {() => (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 12, bottom: 24, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="id"
              tick={AXIS_STYLE}
              label={{ value: "Level", position: "insideBottom", offset: -14, ...AXIS_STYLE }}
            />
            <YAxis
              allowDecimals={false}
              tick={AXIS_STYLE}
              label={{ value: "Engineers", angle: -90, position: "insideLeft", ...AXIS_STYLE }}
            />
            <Tooltip
              formatter={(value) => [`${formatNumber(Number(value))} engineers`, "Headcount"]}
              labelFormatter={(id) => data.find((d) => d.id === id)?.title ?? id}
            />
            <Bar isAnimationActive={false} dataKey="count" name="Engineers" radius={[4, 4, 0, 0]}>
              {data.map((d) => (
                <Cell key={d.id} fill={CLASS_COLORS[d.class]} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      )}
    </ChartFrame>
  );
}
