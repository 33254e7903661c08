import { z } from "zod";
import { MAX_HORIZON_MONTHS } from "~/domain";
import { dollars, numberIn } from "./parse";

/** The new-scenario form: the frame, and for a top-down plan a count and salary per level. */
export function newScenarioFormSchema(levelIds: readonly string[]) {
  const cohortFields: Record<string, z.ZodType<unknown>> = {};
  for (const id of levelIds) {
    cohortFields[`count.${id}`] = z.preprocess(
      (v) => (v === "" || v === undefined ? 0 : v),
      numberIn(`${id} count`, 0, 100_000).pipe(z.number().int(`${id} count must be a whole number`)),
    );
    cohortFields[`salary.${id}`] = dollars(`${id} salary`);
  }
  return z
    .object({
      source: z.enum(["roster", "cohorts"], { error: "Choose where the team comes from" }),
      name: z
        .string({ error: "Enter a name" })
        .trim()
        .min(1, "Enter a name")
        .max(200, "Keep the name under 200 characters"),
      description: z.string().trim().max(4000).default(""),
      start: z.string({ error: "Choose a start month" }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Choose a start month"),
      horizonMonths: numberIn("Horizon", 1, MAX_HORIZON_MONTHS).pipe(
        z.number().int("Horizon must be a whole number of months"),
      ),
      step: z.enum(["month", "quarter", "year"], { error: "Choose month, quarter or year" }),
    })
    .and(z.object(cohortFields).partial())
    .superRefine((form, ctx) => {
      if (form.source !== "cohorts") return;
      const fields = form as Record<string, unknown>;
      const total = levelIds.reduce((sum, id) => sum + Number(fields[`count.${id}`] ?? 0), 0);
      if (total === 0)
        ctx.addIssue({
          code: "custom",
          path: [`count.${levelIds[0]}`],
          message: "Put at least one engineer in a cohort",
        });
      for (const id of levelIds) {
        if (Number(fields[`count.${id}`] ?? 0) > 0 && fields[`salary.${id}`] === undefined) {
          ctx.addIssue({ code: "custom", path: [`salary.${id}`], message: `Enter the ${id} salary` });
        }
      }
    });
}
