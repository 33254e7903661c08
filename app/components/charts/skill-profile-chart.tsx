import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { PROFICIENCY_LABELS, type Skill, type SkillMap } from "~/domain";
import { AXIS_STYLE, ChartFrame } from "./chart-frame";

/** An engineer's proficiency per skill next to what their level and the next level expect. */
export function SkillProfileChart({
  skills,
  has,
  current,
  next,
}: {
  skills: Skill[];
  has: SkillMap;
  current: { title: string; expectations: SkillMap };
  next: { title: string; expectations: SkillMap } | null;
}) {
  const data = skills.map((skill) => ({
    skill: skill.name,
    has: has[skill.id] ?? 0,
    current: current.expectations[skill.id] ?? 0,
    next: next?.expectations[skill.id] ?? 0,
  }));
  return (
    <ChartFrame
      title="Skills against the ladder"
      caption={`Proficiency 0 (none) to 4 (can teach it). Bars show this engineer, what ${current.title} expects${next ? ` and what ${next.title} expects` : ""}.`}
      summary={`meets what ${current.title} expects in ${data.filter((d) => d.has >= d.current).length} of ${data.length} skills`}
      height={Math.max(320, skills.length * 34 + 80)}
    >
      {() => (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            accessibilityLayer={false}
            data={data}
            layout="vertical"
            margin={{ top: 4, right: 16, bottom: 24, left: 8 }}
            barGap={1}
            barCategoryGap="22%"
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis
              type="number"
              domain={[0, 4]}
              ticks={[0, 1, 2, 3, 4]}
              tick={AXIS_STYLE}
              label={{ value: "Proficiency (0-4)", position: "insideBottom", offset: -12, ...AXIS_STYLE }}
            />
            <YAxis type="category" dataKey="skill" tick={AXIS_STYLE} width={150} interval={0} />
            <Tooltip
              formatter={(value, name) => [`${Number(value)} - ${PROFICIENCY_LABELS[Number(value)] ?? ""}`, name]}
            />
            <Legend verticalAlign="top" height={28} />
            <Bar isAnimationActive={false} dataKey="has" name="This engineer" fill="#3a5bd9" radius={[0, 3, 3, 0]} />
            <Bar
              isAnimationActive={false}
              dataKey="current"
              name={`${current.title} expects`}
              fill="#b8c4e6"
              radius={[0, 3, 3, 0]}
            />
            {next ? (
              <Bar
                isAnimationActive={false}
                dataKey="next"
                name={`${next.title} expects`}
                fill="#47d1a4"
                radius={[0, 3, 3, 0]}
              />
            ) : null}
          </BarChart>
        </ResponsiveContainer>
      )}
    </ChartFrame>
  );
}
