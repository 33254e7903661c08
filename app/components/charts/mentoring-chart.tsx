import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatNumber, formatPercent } from "~/utils/format";
import { AXIS_STYLE, ChartFrame } from "./chart-frame";

/** Mentoring hours a week offered by settled engineers against hours juniors and new hires need. */
export function MentoringChart({ supply, demand, coverage }: { supply: number; demand: number; coverage: number }) {
  const data = [
    { name: "Offered", hours: supply, fill: "#2f8a63" },
    { name: "Needed", hours: demand, fill: demand > supply ? "#c0362c" : "#7c9cff" },
  ];
  return (
    <ChartFrame
      title="Mentoring: hours a week"
      caption={`Coverage ${formatPercent(coverage)}: ${
        demand > supply
          ? "juniors and new hires need more mentoring than the team can give."
          : coverage < 1
            ? "enough hours in all, but not in the teams whose people need them (mentoring happens inside a team)."
            : "the team can give all the mentoring it needs."
      }`}
      summary={`${formatNumber(supply)} hours offered, ${formatNumber(demand)} needed, coverage ${formatPercent(coverage)}`}
      height={200}
    >
      {() => (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            accessibilityLayer={false}
            data={data}
            layout="vertical"
            margin={{ top: 4, right: 24, bottom: 20, left: 8 }}
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis
              type="number"
              tick={AXIS_STYLE}
              label={{ value: "Hours a week", position: "insideBottom", offset: -10, ...AXIS_STYLE }}
            />
            <YAxis type="category" dataKey="name" tick={AXIS_STYLE} width={70} />
            <Tooltip formatter={(value) => [`${Number(value).toFixed(1)} h/week`, "Mentoring"]} />
            <Bar isAnimationActive={false} dataKey="hours" radius={[0, 4, 4, 0]}>
              {data.map((d) => (
                <Cell key={d.name} fill={d.fill} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      )}
    </ChartFrame>
  );
}
