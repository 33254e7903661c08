import { monthInWords } from "~/domain";
/**
 * How numbers read on screen. Rounding for display happens here and nowhere else. Formatters are
 * made once: building an Intl formatter costs about 0.1 ms, which adds up over a page of rows.
 */

const wholeDollars = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

/** $120,000 */
export function formatMoney(dollars: number): string {
  return wholeDollars.format(dollars);
}

/** $1.2M, $845k: for cards and chart axes. */
export function formatMoneyShort(dollars: number): string {
  const abs = Math.abs(dollars);
  if (abs >= 1e6) return `$${(dollars / 1e6).toFixed(abs >= 1e7 ? 1 : 2)}M`;
  if (abs >= 1e3) return `$${Math.round(dollars / 1e3)}k`;
  return `$${Math.round(dollars)}`;
}

/** 0.18 -> "18%" */
export function formatPercent(share: number, digits = 0): string {
  return `${(share * 100).toFixed(digits)}%`;
}

const wholeNumbers = new Intl.NumberFormat("en-US");
const decimals = new Map<number, Intl.NumberFormat>();

/** A count or measure: whole numbers stay whole, others get one decimal. */
export function formatNumber(x: number, digits = 1): string {
  if (Number.isInteger(x)) return wholeNumbers.format(x);
  let format = decimals.get(digits);
  if (!format)
    decimals.set(
      digits,
      (format = new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })),
    );
  return format.format(x);
}

/**
 * People as a reader counts them: whole. The engine's headcounts are expected values (28.2 is
 * "28, give or take a leaver"), so a fraction reads "about 28"; with a `noun`, a count of that
 * noun ("1 likely owner", "2 likely owners", "no likely owner"). `formatExpectedPeople` gives the
 * expected value itself, for a tooltip.
 */
export function formatPeople(count: number, noun?: string): string {
  const whole = Math.round(count);
  const shown = formatWholePeople(count);
  if (noun) return whole === 0 ? `no ${noun}` : `${shown} ${noun}${whole === 1 ? "" : "s"}`;
  return Math.abs(count - whole) < 0.05 ? shown : `about ${shown}`;
}

/** Just the whole number of people, for a column whose header already says "likely": 0.6 -> "1". */
export function formatWholePeople(count: number): string {
  const whole = Math.round(count);
  return wholeNumbers.format(whole === 0 ? 0 : whole);
}

/** The expected value behind `formatPeople`, to one decimal: "Expected: 28.2". */
export function formatExpectedPeople(count: number): string {
  return `Expected: ${formatNumber(Math.round(count * 10) / 10)}`;
}

/**
 * Whether a label's numbers count people ("End headcount", "Joiners", "How many", "Owners x"),
 * rather than a ratio ("Juniors per senior") or a count of skills or steps.
 */
export function countsPeople(label: string): boolean {
  return (
    /\b(headcount|joiners|leavers|promotions|hires|juniors|seniors|owners|people|how many|count|at the end)\b/i.test(
      label,
    ) && !/per senior|^skills\b|^steps\b/i.test(label)
  );
}

/** Units as a reader expects them: a share the files store as 0-1 reads as a percentage. */
export function unitsForReaders(label: string): string {
  return label.replaceAll("(0-1)", "(%)");
}

/** "2024-03-04" -> "Mar 2024" */
export const formatMonth = monthInWords;

/** Years and months since `isoDate` at `today`: "2 y 3 m". */
export function formatTenure(isoDate: string, today: Date): string {
  const [year, month] = isoDate.split("-").map(Number) as [number, number];
  const months = (today.getUTCFullYear() - year) * 12 + (today.getUTCMonth() + 1 - month);
  if (months < 0) return "starts soon";
  if (months < 12) return `${months} mo`;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return rest === 0 ? `${years} yr` : `${years} yr ${rest} mo`;
}

const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "23 November 2026" */
export function formatDay(date: Date): string {
  return dayFormat.format(date);
}

const shortTimeFormat = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
  timeZone: "UTC",
});

/** "16 Dec 2026", of a YYYY-MM-DD day or a moment (UTC); months read as they do elsewhere (Intl's en-GB writes "Sept"). */
export function formatShortDay(day: string | Date): string {
  const iso = typeof day === "string" && day.length === 10 ? day : new Date(day).toISOString().slice(0, 10);
  return `${Number(iso.slice(8, 10))} ${monthInWords(iso.slice(0, 7))}`;
}

/** "2 Dec 10:14 UTC" */
export function formatShortMoment(iso: string): string {
  const date = new Date(iso);
  return `${formatShortDay(date).replace(/ \d{4}$/, "")} ${shortTimeFormat.format(date)} UTC`;
}
