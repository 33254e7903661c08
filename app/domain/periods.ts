/**
 * Fiscal quarters and years: a projection's cost, headcount and hires summed by the periods
 * finance plans in. Pure: the same rows and fiscal start always give the same periods.
 */
import { MONTH_NAMES } from "./months";
import { teamView, type Projection, type ViewRow } from "./projection";
import { roundMeasure, roundMoney, WHOLE_ORG, type Cell, type Table } from "./projection-table";

export type PeriodKind = "quarter" | "year";

/** What a period needs of a step: the org's rows and a team view's rows both have it. */
export type PeriodStepRow = Pick<
  ViewRow,
  "monthOffset" | "period" | "totalHeadcount" | "joiners" | "payroll" | "loadedCost" | "recruitingCost" | "totalCost"
>;

export interface FiscalPeriod {
  kind: PeriodKind;
  /** "FY2028" or "FY2028 Q1": a fiscal year is named by the calendar year it ends in. */
  name: string;
  /** The period's calendar months in words: "Apr 2027 - Mar 2028", "Apr - Jun 2027". */
  months: string;
  fiscalYear: number;
  /** 1-4 for a quarter; null for a year. */
  quarter: number | null;
  /** The period's first and last months, `YYYY-MM`, whether or not the plan reaches them. */
  firstMonth: string;
  lastMonth: string;
  /** 3 for a quarter, 12 for a year. */
  monthCount: number;
  /** How many of the period's months the projection covers (below monthCount: a partial period). */
  coveredMonths: number;
  /** The first and last months the projection covers, `YYYY-MM`. */
  firstCoveredMonth: string;
  lastCoveredMonth: string;
  /** Salaries paid in the period, dollars. */
  payroll: number;
  loadedCost: number;
  recruitingCost: number;
  /** loadedCost + recruitingCost, dollars. */
  totalCost: number;
  /** Expected headcount in the period's last covered month. */
  endHeadcount: number;
  /** People who joined in the period: planned hires and backfills. */
  hires: number;
}

/** Months since year 0 of a `YYYY-MM` month, and back. */
const indexOf = (month: string) => {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return year * 12 + m - 1;
};
const monthAt = (index: number) =>
  `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
const wordsAt = (index: number) => `${MONTH_NAMES[index % 12]} ${Math.floor(index / 12)}`;

/** "Apr 2027 - Mar 2028", or "Apr - Jun 2027" within one calendar year. */
function monthsInWords(first: number, last: number): string {
  if (first === last) return wordsAt(first);
  return Math.floor(first / 12) === Math.floor(last / 12)
    ? `${MONTH_NAMES[first % 12]} - ${wordsAt(last)}`
    : `${wordsAt(first)} - ${wordsAt(last)}`;
}

/** The fiscal year holding `month` (`YYYY-MM`): named by the calendar year it ends in. */
export function fiscalYearOf(month: string, fiscalYearStartMonth: number): number {
  const index = indexOf(month);
  const year = Math.floor(index / 12);
  return fiscalYearStartMonth === 1 || (index % 12) + 1 < fiscalYearStartMonth ? year : year + 1;
}

/** Month index of the first month of fiscal year `fiscalYear`. */
const yearStart = (fiscalYear: number, startMonth: number) =>
  (startMonth === 1 ? fiscalYear : fiscalYear - 1) * 12 + startMonth - 1;

/** A fiscal year's name and months: { name: "FY2028", months: "Apr 2027 - Mar 2028", ... }. */
export function fiscalYearFrame(
  fiscalYear: number,
  fiscalYearStartMonth: number,
): { name: string; months: string; firstMonth: string; lastMonth: string } {
  const first = yearStart(fiscalYear, fiscalYearStartMonth);
  return {
    name: `FY${fiscalYear}`,
    months: monthsInWords(first, first + 11),
    firstMonth: monthAt(first),
    lastMonth: monthAt(first + 11),
  };
}

/**
 * The fiscal quarters or years a projection's steps fall in, in time order, each with its cost,
 * headcount at its end and hires. `fiscalYearStartMonth` is the fiscal year's first calendar month
 * (1-12); a year is named by the calendar year it ends in (with April, FY2028 = Apr 2027 - Mar 2028).
 *
 * A step covers `stepMonths` months (1, 3 or 12; MODEL.md section 4) and may straddle a period's
 * boundary (quarterly steps from February, yearly steps): its payroll, loaded, recruiting and total
 * cost are split evenly over its months, each month's share going to the period holding it. Its
 * joiners count in the period of the step's first month (they join at the step's start). Headcount
 * at a period's end is that of the step holding the period's last covered month. A period the
 * projection only partly covers says so: `coveredMonths` below `monthCount`.
 */
export function fiscalPeriods(
  view: { rows: readonly PeriodStepRow[]; summary: { stepMonths: number } },
  { by, fiscalYearStartMonth }: { by: PeriodKind; fiscalYearStartMonth: number },
): FiscalPeriod[] {
  const { stepMonths } = view.summary;
  const length = by === "year" ? 12 : 3;
  const periods = new Map<number, FiscalPeriod>();
  /** The period holding month index `index`, made when first met. */
  const periodAt = (index: number): FiscalPeriod => {
    const fiscalYear = fiscalYearOf(monthAt(index), fiscalYearStartMonth);
    const yearFirst = yearStart(fiscalYear, fiscalYearStartMonth);
    const quarter = by === "quarter" ? Math.floor((index - yearFirst) / 3) + 1 : null;
    const first = quarter === null ? yearFirst : yearFirst + (quarter - 1) * 3;
    let period = periods.get(first);
    if (!period) {
      period = {
        kind: by,
        name: quarter === null ? `FY${fiscalYear}` : `FY${fiscalYear} Q${quarter}`,
        months: monthsInWords(first, first + length - 1),
        fiscalYear,
        quarter,
        firstMonth: monthAt(first),
        lastMonth: monthAt(first + length - 1),
        monthCount: length,
        coveredMonths: 0,
        firstCoveredMonth: monthAt(index),
        lastCoveredMonth: monthAt(index),
        payroll: 0,
        loadedCost: 0,
        recruitingCost: 0,
        totalCost: 0,
        endHeadcount: 0,
        hires: 0,
      };
      periods.set(first, period);
    }
    return period;
  };
  for (const row of view.rows) {
    const start = indexOf(row.period);
    periodAt(start).hires += row.joiners;
    for (let month = start; month < start + stepMonths; month++) {
      const period = periodAt(month);
      period.payroll += row.payroll / stepMonths;
      period.loadedCost += row.loadedCost / stepMonths;
      period.recruitingCost += row.recruitingCost / stepMonths;
      period.totalCost += row.totalCost / stepMonths;
      period.coveredMonths += 1;
      period.lastCoveredMonth = monthAt(month);
      period.endHeadcount = row.totalHeadcount;
    }
  }
  return [...periods.values()];
}

/** "partial: 9 of 12 months (Jul 2027 - Mar 2028)", or null for a period the plan covers whole. */
export function partialNote(period: FiscalPeriod): string | null {
  if (period.coveredMonths >= period.monthCount) return null;
  return `partial: ${period.coveredMonths} of ${period.monthCount} months (${monthsInWords(
    indexOf(period.firstCoveredMonth),
    indexOf(period.lastCoveredMonth),
  )})`;
}

/** The fiscal year after the one holding `today` (`YYYY-MM`), and its period in `years` if the plan reaches it. */
export function nextFiscalYear(
  years: readonly FiscalPeriod[],
  { today, fiscalYearStartMonth }: { today: string; fiscalYearStartMonth: number },
): { fiscalYear: number; name: string; months: string; period: FiscalPeriod | null } {
  const fiscalYear = fiscalYearOf(today, fiscalYearStartMonth) + 1;
  const { name, months } = fiscalYearFrame(fiscalYear, fiscalYearStartMonth);
  return {
    fiscalYear,
    name,
    months,
    period: years.find((p) => p.kind === "year" && p.fiscalYear === fiscalYear) ?? null,
  };
}

/** How a table names the periods' kind, for sheet titles and file names. */
export const PERIOD_TITLES: Record<PeriodKind, string> = { quarter: "By quarter", year: "By year" };

/**
 * A projection's fiscal periods as a table with units in the headers (the CSV and the workbook's
 * "By quarter" and "By year" sheets), rounded as `projectionTable` rounds. With teams, a Team
 * column comes first: the whole org's periods, then each team's (`teamName` names them).
 */
export function periodsTable(
  projection: Projection,
  {
    by,
    fiscalYearStartMonth,
    teamName = (id: string) => id,
  }: { by: PeriodKind; fiscalYearStartMonth: number; teamName?: (id: string) => string },
): Table {
  const header = [
    by === "year" ? "Fiscal year" : "Fiscal quarter",
    "Months",
    "First month (YYYY-MM)",
    "Last month (YYYY-MM)",
    "Months in the plan",
    "Months in the period",
    "Payroll ($)",
    "Loaded cost ($)",
    "Recruiting cost ($)",
    "Total cost ($)",
    "Headcount at the end",
    "Hires",
  ];
  const cells = (p: FiscalPeriod): Cell[] => [
    p.name,
    p.months,
    p.firstMonth,
    p.lastMonth,
    p.coveredMonths,
    p.monthCount,
    roundMoney(p.payroll),
    roundMoney(p.loadedCost),
    roundMoney(p.recruitingCost),
    roundMoney(p.totalCost),
    roundMeasure(p.endHeadcount),
    roundMeasure(p.hires),
  ];
  const options = { by, fiscalYearStartMonth };
  const org = fiscalPeriods(projection, options).map(cells);
  if (projection.teamIds.length === 0) return { header, rows: org };
  return {
    header: ["Team", ...header],
    rows: [
      ...org.map((row) => [WHOLE_ORG, ...row]),
      ...projection.teamIds.flatMap((id) =>
        fiscalPeriods(teamView(projection, id)!, options).map((p) => [teamName(id), ...cells(p)]),
      ),
    ],
  };
}
