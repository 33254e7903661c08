import {
  addMonths,
  planWarnings,
  skillNamer,
  type PlanWarning,
  type Projection,
  type Scenario,
  type Skill,
  type ViewRow,
} from "~/domain";
import { formatMonth } from "~/utils/format";
import { monthAnchor } from "./month-table";

// The warnings of a projection, once per view (the org, or a team) and skill names. The server keeps
// a stored document and its projection between requests, so a page view does not word them again.
const worded = new WeakMap<Projection, Map<string, PlanWarning[]>>();

/** `planWarnings` of `scenario` and its `projection`, kept with the projection. */
export function warningsOf(
  scenario: Scenario,
  projection: Projection,
  skills: readonly Skill[],
  teamId?: string,
): PlanWarning[] {
  let byView = worded.get(projection);
  if (!byView) worded.set(projection, (byView = new Map<string, PlanWarning[]>()));
  const key = JSON.stringify([teamId ?? null, skills.map((s) => [s.id, s.name])]);
  let warnings = byView.get(key);
  if (!warnings) byView.set(key, (warnings = planWarnings(scenario, projection, skillNamer(skills), teamId)));
  return warnings;
}

/**
 * Where the plan breaks a target, in words; a warning about a month links to that month's row in
 * the month-by-month table (a plain anchor, so it works before the page's scripts run).
 */
export function PlanWarnings({
  warnings,
  rows,
  start,
  teamName,
}: {
  warnings: PlanWarning[];
  rows: readonly Pick<ViewRow, "monthOffset">[];
  start: string;
  teamName?: string;
}) {
  if (warnings.length === 0)
    return (
      <p className="notice section">
        {teamName ? `In ${teamName}, this` : "This"} plan keeps mentoring covered, the ratio in band and every skill
        with two owners.
      </p>
    );
  return (
    <section className="card section warnings" aria-label="Warnings">
      <h2>Where this plan breaks a target{teamName ? ` in ${teamName}` : ""}</h2>
      <ul>
        {warnings.map((w) => (
          <li key={w.message}>
            {w.message}
            {w.month === undefined ? null : (
              <>
                {" "}
                <a className="warning-month" href={`#${monthAnchor(rows, w.month)}`}>
                  See {formatMonth(addMonths(start, w.month))}
                </a>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
