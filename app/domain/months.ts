/** Calendar months as `YYYY-MM` strings; plan months are counted from a scenario's start. */

/** The month `offset` months after `start` (`YYYY-MM`), e.g. addMonths("2026-11", 3) = "2027-02". */
export function addMonths(start: string, offset: number): string {
  const [year, month] = start.split("-").map(Number) as [number, number];
  const index = year * 12 + (month - 1) + offset;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Months from `start` to `month` (both `YYYY-MM`); negative when `month` is earlier. */
export function monthsBetween(start: string, month: string): number {
  const [y1, m1] = start.split("-").map(Number) as [number, number];
  const [y2, m2] = month.split("-").map(Number) as [number, number];
  return (y2 - y1) * 12 + (m2 - m1);
}

export const MONTH_NAMES = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
] as const;

/** "Mar 2027" for `2027-03` (or a day in it, `2027-03-14`). */
export function monthInWords(month: string): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return `${MONTH_NAMES[m - 1]} ${year}`;
}

/** The last day of a `YYYY-MM` month, `YYYY-MM-DD`. */
export function lastDayOf(month: string): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  const day = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, "0")}`;
}
