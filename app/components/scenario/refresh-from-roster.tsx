import { Form, Link } from "@remix-run/react";
import { formatMoney, formatNumber } from "~/utils/format";
import type { RefreshPreview } from "~/utils/refresh-preview";

const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** "14 people in 3 teams", "1 person" */
function headcount({ people, teams }: { people: number; teams: number }): string {
  return `${plural(people, "person", "people")}${teams > 0 ? ` in ${plural(teams, "team")}` : ""}`;
}

function valueOf(value: number, unit: string): string {
  if (unit === "%") return `${Number((value * 100).toFixed(1))}%`;
  if (unit === "$") return formatMoney(value);
  if (unit === "months") return `${formatNumber(value)} months`;
  if (unit === "hours") return `${formatNumber(value)} h/week`;
  return formatNumber(value, 2);
}

/** The differences grouped by level, in the order they come. */
function byLevel(differences: RefreshPreview["levelDifferences"]) {
  const groups = new Map<string, RefreshPreview["levelDifferences"]>();
  for (const d of differences) groups.set(d.level, [...(groups.get(d.level) ?? []), d]);
  return [...groups];
}

/**
 * Refreshing a roster scenario from the roster, in two steps that work without JavaScript: a link
 * that asks the page for a summary of what would be replaced, then the summary with the button
 * that replaces the team.
 */
export function RefreshFromRoster({
  scenarioId,
  version,
  summary,
  dirty,
}: {
  scenarioId: number;
  version: number;
  summary: RefreshPreview | null;
  dirty: boolean;
}) {
  const page = `/scenarios/${scenarioId}`;
  if (!summary)
    return (
      <p style={{ marginTop: 14 }}>
        {dirty ? (
          <span className="muted">Save or discard your changes to refresh the team from the roster.</span>
        ) : (
          <>
            <Link className="button button-light" to={`${page}?refresh#refresh`} preventScrollReset>
              Refresh the team from the roster…
            </Link>{" "}
            <span className="muted">
              This scenario keeps its own copy of the team; refresh it to take in roster changes. You will see what
              changes before anything does.
            </span>
          </>
        )}
      </p>
    );
  const { levelDifferences: differences } = summary;
  return (
    <section className="notice refresh-summary" id="refresh" aria-labelledby="refresh-title" style={{ marginTop: 14 }}>
      <h3 id="refresh-title" style={{ marginTop: 0 }}>
        Refresh the team from the roster?
      </h3>
      <p>
        <strong>Replaced:</strong> the team entries. {headcount(summary.now)} become the roster&apos;s{" "}
        {headcount(summary.roster)}.
      </p>
      <p>
        <strong>Kept:</strong> the plan ({plural(summary.events, "event")}
        {summary.dropped > 0
          ? `; ${plural(summary.dropped, "event")} for people, levels or teams no longer there would be removed`
          : ""}
        {summary.placed > 0 ? `; ${plural(summary.placed, "hire")} whose team is gone would join the first team` : ""}
        ), the assumptions, and this scenario&apos;s own level settings unless you tick below.
      </p>
      {differences.length > 0 ? (
        <>
          <p style={{ marginBottom: 4 }}>This scenario&apos;s level settings that differ from the ladder:</p>
          <ul style={{ marginTop: 0 }}>
            {byLevel(differences).map(([level, settings]) => (
              <li key={level}>
                {level}:{" "}
                {settings
                  .map(
                    (d) =>
                      `${d.setting} ${valueOf(d.scenario, d.unit)} here, ${valueOf(d.ladder, d.unit)} on the ladder`,
                  )
                  .join("; ")}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>Its level settings are the ladder&apos;s.</p>
      )}
      <Form method="post" action={page} className="button-row">
        <input type="hidden" name="version" value={version} />
        <label className="checkbox-label">
          <input type="checkbox" name="resetLevels" disabled={dirty} /> Also reset the levels to the ladder
        </label>
        <button className="button" name="intent" value="refresh" disabled={dirty}>
          Replace the team
        </button>
        <Link className="button button-light" to={page} preventScrollReset>
          Cancel
        </Link>
        {dirty ? <span className="muted">Save or discard your changes first.</span> : null}
      </Form>
    </section>
  );
}
