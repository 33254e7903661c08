import type { ProjectionRow, Skill } from "~/domain";
import { formatNumber } from "~/utils/format";

/** Owners per skill at the start, the middle and the end, thinnest first. */
export function SkillsOverTime({ rows, skills }: { rows: ProjectionRow[]; skills: Skill[] }) {
  const first = rows[0]!;
  const middle = rows[Math.floor((rows.length - 1) / 2)]!;
  const last = rows[rows.length - 1]!;
  const lines = skills
    .map((skill) => ({ skill, start: first.skillOwners[skill.id] ?? 0, middle: middle.skillOwners[skill.id] ?? 0, end: last.skillOwners[skill.id] ?? 0 }))
    .sort((a, b) => a.end - b.end || a.skill.name.localeCompare(b.skill.name));
  const cell = (n: number) => <td className={`num${n < 2 ? " thin" : ""}`}>{formatNumber(n)}</td>;
  return (
    <div className="card">
      <h2>Skills with owners over time</h2>
      <p className="card-note">Engineers at proficiency 3 or more; fewer than two is a bus-factor risk (red).</p>
      <div className="table-scroll" style={{ maxHeight: 300 }}>
        <table className="data">
          <thead>
            <tr>
              <th>Skill</th>
              <th className="num">{first.period}</th>
              <th className="num">{middle.period}</th>
              <th className="num">{last.period}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.skill.id}>
                <td>{line.skill.name}</td>
                {cell(line.start)}
                {cell(line.middle)}
                {cell(line.end)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
