/** The "Share a read-only link" form: a label and the last day the link opens. */
import { z } from "zod";
import { addDays } from "date-fns";

export const SHARE_LABEL_MAX = 80;
export const SHARE_DAYS_DEFAULT = 14;
export const SHARE_DAYS_MAX = 90;
/** Active (not expired or revoked) links a workspace may hold at once. */
export const ACTIVE_SHARE_LINKS_MAX = 100;

/** A day as YYYY-MM-DD, in UTC. */
export const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/** The earliest, default and latest last day a link made on `now` may have. */
export function expiryRange(now: Date) {
  return {
    earliest: dayOf(addDays(now, 1)),
    suggested: dayOf(addDays(now, SHARE_DAYS_DEFAULT)),
    latest: dayOf(addDays(now, SHARE_DAYS_MAX)),
  };
}

export function shareLinkSchema(now: Date) {
  const { earliest, latest } = expiryRange(now);
  return z.object({
    label: z
      .string()
      .trim()
      .max(SHARE_LABEL_MAX, `Keep the label to ${SHARE_LABEL_MAX} characters or fewer`)
      .default(""),
    expiresOn: z
      .string()
      .trim()
      .regex(/^\d{4}-\d\d-\d\d$/, "Write the expiry date as YYYY-MM-DD, for example 2027-01-31")
      .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && dayOf(new Date(`${d}T00:00:00Z`)) === d, {
        message: "The expiry date is not a real day",
      })
      .refine((d) => d >= earliest, { message: `The expiry date must be tomorrow (${earliest}) or later` })
      .refine((d) => d <= latest, {
        message: `The expiry date can be at most ${SHARE_DAYS_MAX} days ahead (${latest})`,
      }),
  });
}
export type ShareLinkInput = z.infer<ReturnType<typeof shareLinkSchema>>;
