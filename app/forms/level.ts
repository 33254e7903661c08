import { z } from "zod";
import { LEVEL_CLASSES, levelProblems, MAX_INTERVIEW_HOURS, MAX_TIME_TO_FILL_MONTHS, type Level } from "~/domain";
import { dollars, numberIn, skillLevels } from "./parse";

/**
 * Everything about a level a person can edit: the engine's level without its id, plus its summary;
 * a ladder level always has its hiring figures (0 when none are set).
 */
export type LevelChanges = Omit<Level, "id"> &
  Required<Pick<Level, "timeToFillMonths" | "interviewHours">> & { summary: string };

/**
 * The edit-level form. Rates are typed as percentages a year; the ladder rules (band order,
 * attrition + promotion, none on the top level) are the engine's own `levelProblems`.
 */
export function levelFormSchema(skillIds: readonly string[], isTopLevel: boolean) {
  return z
    .object({
      title: z
        .string({ error: "Enter a title" })
        .trim()
        .min(1, "Enter a title")
        .max(80, "Keep the title under 80 characters"),
      class: z.enum(LEVEL_CLASSES, { error: "Choose junior, mid or senior" }),
      years: z.string().trim().max(40, "Keep it short, like 3-5").default(""),
      summary: z.string().trim().max(1000, "Keep the summary under 1,000 characters").default(""),
      bandMin: dollars("Band minimum"),
      bandMid: dollars("Band midpoint"),
      bandMax: dollars("Band maximum"),
      output: numberIn("Output", 0, 10),
      rampMonths: numberIn("Ramp-up", 0, 36),
      attritionPercent: numberIn("Attrition", 0, 100),
      promotionPercent: numberIn("Promotion rate", 0, 100),
      mentorHours: numberIn("Mentor hours", 0, 40),
      menteeHours: numberIn("Mentee hours", 0, 40),
      timeToFillMonths: numberIn("Time to fill", 0, MAX_TIME_TO_FILL_MONTHS).pipe(
        z.number().int("Time to fill must be a whole number of months"),
      ),
      interviewHours: numberIn("Interview hours", 0, MAX_INTERVIEW_HOURS),
    })
    .and(skillLevels(skillIds, "expect").transform((expectations) => ({ expectations })))
    .transform((form, ctx): LevelChanges => {
      const changes: LevelChanges = {
        title: form.title,
        class: form.class,
        years: form.years,
        summary: form.summary,
        band: { min: form.bandMin, mid: form.bandMid, max: form.bandMax },
        output: form.output,
        rampMonths: form.rampMonths,
        annualAttrition: form.attritionPercent / 100,
        annualPromotion: form.promotionPercent / 100,
        mentorHours: form.mentorHours,
        menteeHours: form.menteeHours,
        expectations: form.expectations,
        timeToFillMonths: form.timeToFillMonths,
        interviewHours: form.interviewHours,
      };
      for (const problem of levelProblems(changes, isTopLevel)) {
        const field =
          problem.field === "band"
            ? "bandMid"
            : problem.field === "annualPromotion"
              ? "promotionPercent"
              : "attritionPercent";
        const message =
          problem.field === "band"
            ? "The band must run from minimum to midpoint to maximum"
            : problem.field === "annualPromotion"
              ? "The top level has no level to be promoted to: set 0%"
              : "Attrition and promotion together can be at most 100% a year";
        ctx.addIssue({ code: "custom", path: [field], message });
      }
      return changes;
    });
}

/** The edit-level form filled in with a level's current values, as the user would see them. */
export function levelFormValues(level: LevelChanges, skillIds: readonly string[]): Record<string, string> {
  return {
    title: level.title,
    class: level.class,
    years: level.years,
    summary: level.summary,
    bandMin: String(level.band.min),
    bandMid: String(level.band.mid),
    bandMax: String(level.band.max),
    output: String(level.output),
    rampMonths: String(level.rampMonths),
    attritionPercent: String(Math.round(level.annualAttrition * 1000) / 10),
    promotionPercent: String(Math.round(level.annualPromotion * 1000) / 10),
    mentorHours: String(level.mentorHours),
    menteeHours: String(level.menteeHours),
    timeToFillMonths: String(level.timeToFillMonths),
    interviewHours: String(level.interviewHours),
    ...Object.fromEntries(skillIds.map((id) => [`expect.${id}`, String(level.expectations[id] ?? 0)])),
  };
}
