/**
 * Dates and pay as HR systems and people write them, read for the roster import. Each reader says
 * how it read a value, or why it could not; nothing is guessed silently. Dates are parsed by
 * date-fns against explicit formats; which format a column uses is decided here, from all of its
 * values, because 03/04/2019 alone cannot say whether it is March or April.
 */
import { format as formatDate, isValid, parse } from "date-fns";

// ---------------------------------------------------------------------------------------------
// Dates

const DAY_MS = 86_400_000;

/**
 * A date cell's serial number as YYYY-MM-DD. Excel's 1900 system counts 1 as 1900-01-01 and keeps
 * Lotus 1-2-3's 29 February 1900 (serial 60); the 1904 system counts 0 as 1904-01-01. A serial
 * under one day is a time of day, not a date: undefined.
 */
export function excelDate(serial: number, date1904: boolean): string | undefined {
  if (!(serial >= (date1904 ? 0 : 1)) || serial >= 2_958_466) return undefined; // 2,958,466 is 10000-01-01
  if (!date1904 && serial >= 60 && serial < 61) return "1900-02-29";
  // Days from 1970-01-01 back to each system's day 0 (for 1900, the day 0 that makes 61 = 1 March).
  const offset = date1904 ? 24_107 : serial < 60 ? 25_568 : 25_569;
  return new Date(Math.round((serial - offset) * DAY_MS)).toISOString().slice(0, 10);
}

/** How dates written with numbers only (03/04/2019) are read: US month first, or day first. */
export type DayOrder = "month-first" | "day-first";

export const DAY_ORDER_LABELS: Record<DayOrder, string> = {
  "month-first": "Month first (US): 03/04/2019 is 4 March 2019",
  "day-first": "Day first: 03/04/2019 is 3 April 2019",
};

/** How a column of dates is read, decided from all its values (`decideDates`). */
export interface DateReading {
  order: DayOrder;
  /** How the order was decided: from a day above 12, the user's choice, or a default no value contradicts. */
  decidedBy: "values" | "choice" | "default" | "none";
  /** The reading in words, for the page. */
  description: string;
}

/** Start dates before this are taken for typing mistakes, as are those far in the future. */
const EARLIEST = "1950-01-01";
const LATEST_YEARS_AHEAD = 2;
/** Excel serial day numbers of 1950-01-01 and 2100-01-01. */
const SERIAL_FROM = 18_264;
const SERIAL_TO = 73_051;

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
/** 03/14/2019, 14-03-2019, 14.03.2019 and two-digit years. */
const NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/;
const SERIAL = /^\d{5}(?:\.\d+)?$/;
const HAS_LETTERS = /\p{L}/u;

/** Formats of dates with a month's name, in date-fns tokens: Mar 14, 2019; 14 March 2019; 14-Mar-19. */
const NAMED_FORMATS = [
  "MMM d yyyy",
  "MMMM d yyyy",
  "d MMM yyyy",
  "d MMMM yyyy",
  "MMM d yy",
  "d MMM yy",
  "EEE MMM d yyyy",
  "EEEE MMMM d yyyy",
  "yyyy MMM d",
];

type Shape = "iso" | "numeric" | "dotted" | "named" | "serial" | "unknown";

function shapeOf(value: string): Shape {
  if (ISO.test(value)) return "iso";
  const numeric = NUMERIC.exec(value);
  if (numeric) return numeric[2] === "." ? "dotted" : "numeric";
  if (SERIAL.test(value)) return "serial";
  if (HAS_LETTERS.test(value)) return "named";
  return "unknown";
}

const REFERENCE = new Date(2000, 0, 1);
const LONG = (iso: string) => formatDate(parse(iso, "yyyy-MM-dd", REFERENCE), "d MMMM yyyy");

/** A real calendar date from its parts, as YYYY-MM-DD; undefined when there is no such day. */
function fromParts(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Two-digit years: 00-69 are 2000-2069 and 70-99 are 1970-1999 (as spreadsheets read them). */
const fullYear = (text: string) =>
  text.length === 4 ? Number(text) : Number(text) + (Number(text) < 70 ? 2000 : 1900);

/**
 * How a column's dates are read, from all its values. Numbers-only dates with a day above 12 in
 * the first place are day first; above 12 in the second, month first; when no value tells, month
 * first (as US exports write them), said in the description so the user can change it. `chosen`
 * is the user's own choice, which wins.
 */
export function decideDates(values: readonly string[], chosen?: DayOrder): DateReading {
  let firstOver12 = "";
  let secondOver12 = "";
  let example = "";
  for (const value of values) {
    const match = NUMERIC.exec(value.trim());
    if (!match || match[2] === ".") continue;
    example ||= value.trim();
    if (Number(match[1]) > 12) firstOver12 ||= value.trim();
    if (Number(match[3]) > 12) secondOver12 ||= value.trim();
  }
  if (!example)
    return { order: chosen ?? "month-first", decidedBy: "none", description: "Dates are read as they are written." };
  const read = (order: DayOrder, value = example) => {
    const match = NUMERIC.exec(value)!;
    const [a, b] = [Number(match[1]), Number(match[3])];
    const iso = order === "month-first" ? fromParts(fullYear(match[4]!), a, b) : fromParts(fullYear(match[4]!), b, a);
    return iso ? `${value} is ${LONG(iso)}` : value;
  };
  if (chosen)
    return {
      order: chosen,
      decidedBy: "choice",
      description: `Read ${chosen === "month-first" ? "month first (US)" : "day first"}, as you chose: ${read(chosen)}.`,
    };
  if (firstOver12 && !secondOver12)
    return {
      order: "day-first",
      decidedBy: "values",
      description: `Read day first, because ${read("day-first", firstOver12).replace(" is ", " can only be ")}.`,
    };
  if (secondOver12 && !firstOver12)
    return {
      order: "month-first",
      decidedBy: "values",
      description: `Read month first (US), because ${read("month-first", secondOver12).replace(" is ", " can only be ")}.`,
    };
  if (firstOver12 && secondOver12)
    return {
      order: "month-first",
      decidedBy: "values",
      description: `The column mixes day-first dates (${firstOver12}) and month-first ones (${secondOver12}): read month first (US); the rows that do not fit are named below. Choose day first if most are.`,
    };
  return {
    order: "month-first",
    decidedBy: "default",
    description: `No date in the column has a day above 12, so its order cannot be told from the file: read month first (US), so ${read("month-first")}. Choose day first if that is wrong.`,
  };
}

export type Read<T> = { ok: true; value: T; note?: string } | { ok: false; message: string };

/**
 * One date, as YYYY-MM-DD, read as its column is (`reading`). ISO dates, numbers-only dates (dots
 * are always day first: 14.03.2019), dates with the month's name (Mar 14, 2019) and spreadsheet
 * serial day numbers (43538) all read; the message of a refusal says what was expected.
 */
export function readDate(text: string, reading: DateReading, today = new Date()): Read<string> {
  const value = text.trim().replace(/\s+/g, " ");
  let iso: string | undefined;
  let note: string | undefined;
  switch (shapeOf(value)) {
    case "iso": {
      const [, y, m, d] = ISO.exec(value)!;
      iso = fromParts(Number(y), Number(m), Number(d));
      break;
    }
    case "numeric":
    case "dotted": {
      const [, a, separator, b, y] = NUMERIC.exec(value)!;
      const dayFirst = separator === "." || reading.order === "day-first";
      iso = dayFirst ? fromParts(fullYear(y!), Number(b), Number(a)) : fromParts(fullYear(y!), Number(a), Number(b));
      if (!iso)
        return {
          ok: false,
          message: `not a date when read ${dayFirst ? "day first (DD/MM/YYYY)" : "month first (MM/DD/YYYY)"}${
            separator === "." ? "" : ", as the column is"
          }`,
        };
      break;
    }
    case "serial": {
      const serial = Number(value);
      if (serial < SERIAL_FROM || serial >= SERIAL_TO)
        return { ok: false, message: "a number, but not a spreadsheet date between 1950 and 2100" };
      iso = excelDate(Math.floor(serial), false);
      note = `spreadsheet day ${Math.floor(serial)}`;
      break;
    }
    case "named": {
      // "Sept" is a common abbreviation date-fns does not know; punctuation between parts is noise.
      const cleaned = value
        .replace(/\bsept\b/i, "Sep")
        .replace(/(\d)(st|nd|rd|th)\b/gi, "$1")
        .replace(/[,.\-/]+/g, " ")
        .replace(/\s+/g, " ")
        .trim();
      for (const format of NAMED_FORMATS) {
        const date = parse(cleaned, format, REFERENCE);
        if (isValid(date)) {
          iso = formatDate(date, "yyyy-MM-dd");
          break;
        }
      }
      if (!iso)
        return { ok: false, message: "not a date Teamshape can read: write it like 2019-03-14 or Mar 14, 2019" };
      break;
    }
    default:
      return { ok: false, message: "not a date: write it like 2019-03-14, 03/14/2019 or Mar 14, 2019" };
  }
  if (!iso) return { ok: false, message: "that date does not exist" };
  const latest = `${today.getUTCFullYear() + LATEST_YEARS_AHEAD}${today.toISOString().slice(4, 10)}`;
  if (iso < EARLIEST || iso > latest)
    return { ok: false, message: `reads as ${iso}, which is not a plausible start date` };
  return note ? { ok: true, value: iso, note } : { ok: true, value: iso };
}

// ---------------------------------------------------------------------------------------------
// Pay

/** What a pay amount is for. */
export type PayPeriod = "year" | "month" | "hour";

/** Hours a year of full-time work, and months: to turn hourly and monthly pay into a year's. */
export const HOURS_A_YEAR = 2080;
export const PAY_PERIODS: Record<PayPeriod, { perYear: number; words: string }> = {
  year: { perYear: 1, words: "a year" },
  month: { perYear: 12, words: "a month" },
  hour: { perYear: HOURS_A_YEAR, words: "an hour" },
};

/** Amount, currency (ISO code, or null when none is written) and period (null: not written). */
export interface Pay {
  amount: number;
  currency: string | null;
  period: PayPeriod | null;
}

const SYMBOLS: [RegExp, string][] = [
  [/US\$|U\$S|USD/i, "USD"],
  [/C\$|CA\$|CAD/i, "CAD"],
  [/A\$|AU\$|AUD/i, "AUD"],
  [/NZ\$|NZD/i, "NZD"],
  [/S\$|SGD/i, "SGD"],
  [/R\$|BRL/i, "BRL"],
  [/€|EUR\b|euros?\b/i, "EUR"],
  [/£|GBP/i, "GBP"],
  [/¥|JPY/i, "JPY"],
  [/₹|INR|Rs\.?/i, "INR"],
  [/₪|ILS/i, "ILS"],
  [/zł|PLN/i, "PLN"],
  [/CHF|Fr\./i, "CHF"],
  [/SEK|NOK|DKK/i, ""],
  [/MXN/i, "MXN"],
  [/ZAR/i, "ZAR"],
  [/\$/, "USD"],
];

const PERIOD_WORDS: [RegExp, PayPeriod][] = [
  [/(?:\/|\bper\s*|\ba\s+|\bp\.?\s*)(?:h|hr|hrs|hour)\b\.?|\bhourly\b/i, "hour"],
  [/(?:\/|\bper\s*|\ba\s+|\bp\.?\s*)(?:m|mo|mth|month)\b\.?|\bmonthly\b/i, "month"],
  [
    /(?:\/|\bper\s*|\ba\s+|\bp\.?\s*)(?:y|yr|year|annum|a)\b\.?|\b(?:yearly|annual(?:ly)?|annualized|p\.a\.?)(?:\s|$)/i,
    "year",
  ],
];

/** A pay period as an HR system writes it in its own column: Year, Hourly, Salary, Monthly... */
export function readPayPeriod(text: string): PayPeriod | null | undefined {
  const value = text.trim().toLowerCase();
  if (value === "") return null;
  if (/^(?:hour|hourly|hr|per hour|h|hourly wage|wage)$/.test(value)) return "hour";
  if (/^(?:month|monthly|mo|per month|m)$/.test(value)) return "month";
  if (/^(?:year|yearly|annual|annually|annum|yr|per year|a|salary|salaried|exempt|fixed|pa|p a)$/.test(value))
    return "year";
  return undefined;
}

/**
 * A pay amount as people and HR systems write it: symbols and codes ($, €, USD 150,000, 72.000,00
 * €), "k" (120k), thousands separators (120,000; 120.000; 120 000; 120'000) and decimals (72000.50,
 * 72.000,50), with a period when one is written (65/hr, $9,000 a month).
 */
export function readPay(text: string): Read<Pay> {
  let rest = text.trim();
  if (rest === "") return { ok: false, message: "empty" };
  if (/^[(-]|^\D*-\s*\d/.test(rest)) return { ok: false, message: "must be more than 0" };
  let currency: string | null = null;
  for (const [symbol, code] of SYMBOLS) {
    if (!symbol.test(rest)) continue;
    if (code === "")
      return { ok: false, message: "in a currency Teamshape does not read; write the amount in dollars" };
    if (currency && currency !== code) return { ok: false, message: `names two currencies (${currency} and ${code})` };
    currency = code;
    rest = rest.replace(symbol, " ");
  }
  let period: PayPeriod | null = null;
  for (const [words, name] of PERIOD_WORDS) {
    if (!words.test(rest)) continue;
    if (period) return { ok: false, message: `says both ${PAY_PERIODS[period].words} and ${PAY_PERIODS[name].words}` };
    period = name;
    rest = rest.replace(words, " ");
  }
  rest = rest.replace(/[\s\u00a0\u202f']+/g, "");
  const thousands = /^(.*\d)k$/i.exec(rest);
  if (thousands) rest = thousands[1]!;
  const amount = readAmount(rest, thousands !== null);
  if (amount === undefined) return { ok: false, message: "not an amount of money: write it like 120000 or $120,000" };
  return { ok: true, value: { amount: thousands ? amount * 1000 : amount, currency, period } };
}

/** A number written with thousands separators and a decimal point or comma; undefined if it is not one. */
function readAmount(text: string, kilo: boolean): number | undefined {
  if (/^\d+(?:\.\d+)?$/.test(text) && (kilo || !/^\d{1,3}\.\d{3}$/.test(text))) return Number(text);
  if (kilo) return /^\d+,\d+$/.test(text) ? Number(text.replace(",", ".")) : undefined;
  // One kind of separator: groups of three are thousands (120,000; 120.000), one or two digits a decimal (72000,50).
  if (/^\d{1,3}(?:,\d{3})+$/.test(text) || /^\d{1,3}(?:\.\d{3})+$/.test(text)) return Number(text.replace(/[.,]/g, ""));
  if (/^\d+,\d{1,2}$/.test(text)) return Number(text.replace(",", "."));
  // Both: the last one is the decimal point (120,000.50; 72.000,50).
  const both = /^(\d{1,3}(?:([.,])\d{3})*)([.,])(\d{1,2})$/.exec(text);
  if (both && both[2] !== undefined && both[2] !== both[3])
    return Number(`${both[1]!.replace(/[.,]/g, "")}.${both[4]}`);
  return undefined;
}
