import { z } from "zod";
import { dollars, isoDate, readNumber, skillLevels } from "./parse";

/**
 * The add/edit engineer form. `levelIds` are the ladder's levels, so an unknown one is named;
 * `teams` the teams one may join. A form without a team keeps the engineer's (a new one joins the
 * first team).
 */
export function engineerFormSchema(levelIds: readonly string[], teams: readonly { id: number; name: string }[] = []) {
  return z.object({
    teamId: z
      .preprocess(
        (v) => (v === undefined || v === "" ? undefined : readNumber(v)),
        z
          .number({ error: "Choose a team" })
          .refine((id) => teams.some((team) => team.id === id), {
            error: `Choose one of the teams: ${teams.map((t) => t.name).join(", ")}`,
          })
          .optional(),
      )
      .optional(),
    name: z
      .string({ error: "Enter a name" })
      .trim()
      .min(1, "Enter a name")
      .max(120, "Keep the name under 120 characters"),
    levelId: z
      .string({ error: "Choose a level" })
      .min(1, "Choose a level")
      .refine((id) => levelIds.includes(id), {
        error: (issue) => `Unknown level "${String(issue.input)}": choose one of ${levelIds.join(", ")}`,
      }),
    salary: dollars("Salary"),
    startDate: z.string({ error: "Enter a start date" }).pipe(isoDate),
    notes: z.string().trim().max(2000, "Keep notes under 2,000 characters").default(""),
  });
}

export type EngineerForm = z.output<ReturnType<typeof engineerFormSchema>>;

/** The skills form on an engineer's page: proficiency 0-4 for each skill of the catalog. */
export function engineerSkillsFormSchema(skillIds: readonly string[]) {
  return skillLevels(skillIds, "skill");
}
