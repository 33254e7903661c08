import { z } from "zod";

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
