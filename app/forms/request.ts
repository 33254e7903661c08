/**
 * The headcount request forms (issue 18): a planner asks for a hire; an admin approves or declines
 * it with a note. Whether the level and team exist is checked by the service against the database.
 */
import { z } from "zod";
import { readNumber } from "./parse";

/** The longest reason, and the longest decision note. */
export const MAX_REQUEST_REASON = 2_000;
export const MAX_DECISION_NOTE = 2_000;
/** A requested salary, whole dollars a year, outside which it is a typo rather than a pay rise. */
export const REQUEST_SALARY_RANGE = { min: 15_000, max: 2_000_000 } as const;
/** Requests waiting for a decision that the workspace holds at most. */
export const MAX_OPEN_REQUESTS = 500;
/** Rows the list shows at most. */
export const REQUESTS_LIST_LIMIT = 200;
/** How far ahead a hire may be asked for, in months (the longest plan the engine projects). */
export const MAX_MONTHS_AHEAD = 120;

export const REQUEST_STATUSES = ["requested", "approved", "declined", "withdrawn"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const longText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .superRefine((text, ctx) => {
      if (text.length > max)
        ctx.addIssue({
          code: "custom",
          message: `Keep the ${what} to ${max.toLocaleString("en-US")} characters (it has ${text.length.toLocaleString("en-US")})`,
        });
    });

export const requestFormSchema = z.object({
  levelId: z.string({ error: "Choose the level" }).trim().min(1, "Choose the level"),
  /** "" in a workspace with no teams; the service says when a team is needed. */
  teamId: z
    .string()
    .trim()
    .default("")
    .refine((text) => text === "" || /^\d+$/.test(text), "Choose a team from the list")
    .transform((text) => (text === "" ? null : Number(text))),
  month: z
    .string({ error: "Choose the month the hire should start" })
    .trim()
    .regex(MONTH, "Choose the month the hire should start, like 2027-04"),
  reason: longText(MAX_REQUEST_REASON, "reason").refine((text) => text.length > 0, "Say why the team needs this hire"),
  salary: z.preprocess(
    (v) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : readNumber(v)),
    z
      .number({ error: "Salary must be a number of dollars a year, like 140000, or left empty" })
      .int("Salary must be whole dollars a year, like 140000")
      .min(
        REQUEST_SALARY_RANGE.min,
        `Salary must be at least $${REQUEST_SALARY_RANGE.min.toLocaleString("en-US")} a year (dollars a year, like 140000), or left empty for the level's band midpoint`,
      )
      .max(
        REQUEST_SALARY_RANGE.max,
        `Salary must be at most $${REQUEST_SALARY_RANGE.max.toLocaleString("en-US")} a year, or left empty for the level's band midpoint`,
      )
      .nullable(),
  ),
});

export type RequestInput = z.infer<typeof requestFormSchema>;

export const decisionFormSchema = z
  .object({
    intent: z.enum(["approve", "decline"], { error: "Choose Approve or Decline" }),
    note: longText(MAX_DECISION_NOTE, "note").default(""),
  })
  .refine((form) => form.intent !== "decline" || form.note.length > 0, {
    path: ["note"],
    message: "Say why it is declined: the requester reads this note",
  });

export type DecisionInput = z.infer<typeof decisionFormSchema>;

/** The list's filters, from `?status=&team=&level=&mine=1` (anything else is ignored). */
export interface RequestFilter {
  status?: RequestStatus;
  teamId?: number;
  levelId?: string;
  /** Only the requests of this user. */
  requestedBy?: number;
}

export function requestFilterFrom(url: URL, userId: number): RequestFilter {
  const get = (key: string) => url.searchParams.get(key)?.trim() ?? "";
  const status = REQUEST_STATUSES.find((s) => s === get("status"));
  const team = get("team");
  return {
    ...(status ? { status } : {}),
    ...(/^\d+$/.test(team) ? { teamId: Number(team) } : {}),
    ...(get("level") ? { levelId: get("level") } : {}),
    ...(get("mine") === "1" ? { requestedBy: userId } : {}),
  };
}
