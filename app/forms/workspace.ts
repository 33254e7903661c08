import { z } from "zod";
import { MAX_FIRST_YEAR_MULTIPLIER, MAX_RECRUITERS, type WorkspaceHiring } from "~/domain";
import { numberIn, readNumber } from "./parse";

/** The months a fiscal year may start in, 1 = January. */
export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

const CHOOSE_MONTH = "Choose the month the fiscal year starts in, from January to December";

/** The admin's fiscal year form: the month (1-12) the workspace's fiscal year starts in. */
export const fiscalYearSchema = z.object({
  fiscalYearStartMonth: z.preprocess(
    (v) => (typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
    z.number({ error: CHOOSE_MONTH }).int(CHOOSE_MONTH).min(1, CHOOSE_MONTH).max(12, CHOOSE_MONTH),
  ),
});

/** The `intent` of the recruiters card's form on the Ladder page. */
export const HIRING_INTENT = "hiring";

/**
 * The recruiters card on the Ladder page: how many recruiters run the searches (blank: not set,
 * so no scenario checks their capacity), the hires each can make a quarter, and the first-year
 * attrition multiplier the scenarios the app creates carry (MODEL.md section 7).
 */
export const hiringSettingsSchema: z.ZodType<WorkspaceHiring> = z.object({
  recruiters: z.preprocess(
    (v) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : readNumber(v)),
    numberIn("Recruiters", 0, MAX_RECRUITERS).pipe(z.number().int("Recruiters must be a whole number")).nullable(),
  ),
  hiresPerRecruiterPerQuarter: numberIn("Hires per recruiter a quarter", 0, 1_000),
  firstYearAttritionMultiplier: numberIn("First-year attrition", 1, MAX_FIRST_YEAR_MULTIPLIER),
});

/** The recruiters form filled in with the workspace's settings. */
export function hiringSettingsValues(settings: WorkspaceHiring): Record<string, string> {
  return {
    recruiters: settings.recruiters === null ? "" : String(settings.recruiters),
    hiresPerRecruiterPerQuarter: String(settings.hiresPerRecruiterPerQuarter),
    firstYearAttritionMultiplier: String(settings.firstYearAttritionMultiplier),
  };
}
