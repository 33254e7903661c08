import { z } from "zod";

/** The longest note an adoption keeps. */
export const MAX_ADOPTION_NOTE = 500;

const isRealDay = (value: string) => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

/** The admin's "Adopt as the plan of record" form: from which day, and why. */
export const adoptPlanSchema = z.object({
  adoptedFrom: z
    .string({ error: "Enter the day the plan starts to count" })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Write the day as YYYY-MM-DD, like 2027-01-01")
    .refine(isRealDay, "That day is not in the calendar"),
  note: z.string().trim().max(MAX_ADOPTION_NOTE, `The note can be at most ${MAX_ADOPTION_NOTE} characters`).default(""),
  expectedVersion: z.coerce.number().int().min(0),
});
