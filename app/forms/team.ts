import { z } from "zod";
import { readNumber } from "./parse";

/** The longest team name. */
export const MAX_TEAM_NAME = 80;

/** A ratio bound from what a person typed: empty is none. */
const bound = (label: string) =>
  z.preprocess(
    (v) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : readNumber(v)),
    z
      .number({ error: `${label} must be a number of juniors per senior, like 1.5` })
      .min(0, `${label} must be at least 0`)
      .max(100, `${label} must be at most 100`)
      .nullable(),
  );

/**
 * The add/edit team form: a name, and optionally the team's own juniors-per-senior band (both
 * ends, or neither for the workspace's).
 */
export const teamFormSchema = z
  .object({
    name: z
      .string({ error: "Enter the team's name" })
      .trim()
      .min(1, "Enter the team's name")
      .max(MAX_TEAM_NAME, `Keep the name under ${MAX_TEAM_NAME} characters`),
    ratioLow: bound("The lowest ratio"),
    ratioHigh: bound("The highest ratio"),
  })
  .transform((form, ctx) => {
    const { name, ratioLow, ratioHigh } = form;
    if ((ratioLow === null) !== (ratioHigh === null)) {
      ctx.addIssue({
        code: "custom",
        path: [ratioLow === null ? "ratioLow" : "ratioHigh"],
        message: "Give both ends of the band, or leave both empty to use the workspace's",
      });
      return z.NEVER;
    }
    if (ratioLow !== null && ratioHigh !== null && ratioLow > ratioHigh) {
      ctx.addIssue({ code: "custom", path: ["ratioHigh"], message: "The highest ratio must be at least the lowest" });
      return z.NEVER;
    }
    return {
      name,
      ratioTarget: ratioLow === null || ratioHigh === null ? null : ([ratioLow, ratioHigh] as [number, number]),
    };
  });
