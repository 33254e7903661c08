import { addMonths, type PlanWarning, type ViewRow } from "~/domain";
import { formatMonth } from "~/utils/format";
import { monthAnchor } from "./month-table";

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
