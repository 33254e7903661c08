import { Link } from "@remix-run/react";
import { useMemo, useState } from "react";
import { PeriodsTable } from "~/components/tables/periods-table";
import {
  fiscalPeriods,
  fiscalYearFrame,
  fiscalYearOf,
  nextFiscalYear,
  type FiscalPeriod,
  type PeriodKind,
  type PeriodStepRow,
} from "~/domain";
import { MONTH_NAMES } from "~/forms/workspace";
import { formatMoneyShort, formatMonth, formatPeople } from "~/utils/format";

/** What the panel reads: the org's projection or one team's view, and the workspace's fiscal year. */
export interface PeriodsInput {
  view: { rows: readonly PeriodStepRow[]; summary: { stepMonths: number } };
  fiscalYearStartMonth: number;
  /** This month, `YYYY-MM`: next year is the fiscal year after the one holding it. */
  today: string;
}

/** "Fiscal years start in April: FY2028 is April 2027 to March 2028." */
export function fiscalYearNote(fiscalYearStartMonth: number, today: string): string {
  const next = fiscalYearFrame(fiscalYearOf(today, fiscalYearStartMonth) + 1, fiscalYearStartMonth);
  return fiscalYearStartMonth === 1
    ? `Fiscal years are calendar years: ${next.name} is ${next.months}.`
    : `Fiscal years start in ${MONTH_NAMES[fiscalYearStartMonth - 1]} and are named by the year they end in: ${next.name} is ${next.months}.`;
}

/**
 * Next fiscal year at a glance: its total cost, people at its end and hires; or, plainly, that the
 * plan does not reach it, or covers only part of it.
 */
export function NextFiscalYear({
  years,
  fiscalYearStartMonth,
  today,
}: { years: FiscalPeriod[] } & Omit<PeriodsInput, "view">) {
  const next = nextFiscalYear(years, { today, fiscalYearStartMonth });
  const title = (
    <>
      <strong>{next.name}</strong> ({next.months})
    </>
  );
  const p = next.period;
  let value = "Not in this plan";
  let hint;
  if (p) {
    value = formatMoneyShort(p.totalCost);
    const partial = p.coveredMonths < p.monthCount;
    hint = (
      <>
        {title}: total cost{partial ? ` of the ${p.coveredMonths} of its ${p.monthCount} months this plan covers` : ""},{" "}
        {formatPeople(p.endHeadcount)} people {partial ? `in ${formatMonth(p.lastCoveredMonth)}` : "at the year's end"},{" "}
        {formatPeople(p.hires, "hire")} (replacements for leavers included).
      </>
    );
  } else {
    const first = years[0]?.firstCoveredMonth;
    const last = years.at(-1)?.lastCoveredMonth;
    const { firstMonth } = fiscalYearFrame(next.fiscalYear, fiscalYearStartMonth);
    hint =
      first && firstMonth < first ? (
        <>
          This plan starts in {formatMonth(first)}, after {title} ends.
        </>
      ) : (
        <>
          This plan ends in {last ? formatMonth(last) : "its first month"}, before {title} starts: make the plan longer
          to see it.
        </>
      );
  }
  return (
    <div className={`card next-year${p ? "" : " warn"}`} data-testid="next-fiscal-year">
      <p className="stat-label">Next fiscal year</p>
      <p className="stat-value">{value}</p>
      <p className="stat-hint">{hint}</p>
    </div>
  );
}

/**
 * Cost, people at the end and hires by fiscal year or quarter, with next year first, for the org
 * or the team picked. Recomputed from whatever projection it is given (the page's live what-if).
 */
export function PeriodsPanel({
  view,
  fiscalYearStartMonth,
  today,
  teamName,
  csvPath,
}: PeriodsInput & {
  /** The team shown, if one is picked. */
  teamName?: string;
  /** The scenario's CSV download, to link its by-quarter and by-year variants. */
  csvPath?: string;
}) {
  const [by, setBy] = useState<PeriodKind>("year");
  const years = useMemo(() => fiscalPeriods(view, { by: "year", fiscalYearStartMonth }), [view, fiscalYearStartMonth]);
  const quarters = useMemo(
    () => fiscalPeriods(view, { by: "quarter", fiscalYearStartMonth }),
    [view, fiscalYearStartMonth],
  );
  const next = nextFiscalYear(years, { today, fiscalYearStartMonth });
  return (
    <section className="card section periods-panel" aria-labelledby="periods-title">
      <h2 id="periods-title">{teamName ? `${teamName}: cost` : "Cost"} by fiscal year and quarter</h2>
      <p className="card-note">
        {fiscalYearNote(fiscalYearStartMonth, today)} Total cost is salaries plus overhead plus recruiting fees.
      </p>
      <div className="periods-glance">
        <NextFiscalYear years={years} fiscalYearStartMonth={fiscalYearStartMonth} today={today} />
        <div className="button-row" role="group" aria-label="Fiscal years or quarters">
          {(["year", "quarter"] as const).map((kind) => (
            <button
              key={kind}
              type="button"
              className={`button${by === kind ? "" : " button-light"}`}
              aria-pressed={by === kind}
              onClick={() => setBy(kind)}
            >
              By {kind}
            </button>
          ))}
          {csvPath ? (
            <span className="muted">
              CSV:{" "}
              <Link to={`${csvPath}?by=year`} reloadDocument>
                by year
              </Link>
              ,{" "}
              <Link to={`${csvPath}?by=quarter`} reloadDocument>
                by quarter
              </Link>
            </span>
          ) : null}
        </div>
      </div>
      <PeriodsTable periods={by === "year" ? years : quarters} nextYear={by === "year" ? next.fiscalYear : null} />
    </section>
  );
}
