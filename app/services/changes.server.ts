import type { Actor } from "./auth.server";

/** Who makes a change and when: every service that writes takes these (the system and now by default). */
export type Change = { actor?: Actor; now?: string };

/** The outcome of saving something that others may have changed meanwhile (a version column). */
export type Saved =
  { ok: true } | { ok: false; reason: "missing" } | { ok: false; reason: "conflict"; by: string; at: string };

export const MISSING = { ok: false, reason: "missing" } as const;

/** "2026-11-23 17:22 UTC" */
function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The words a user sees when someone else saved first. */
export function conflictMessage(conflict: { by: string; at: string }): string {
  return `Changed by ${conflict.by || "someone else"} at ${when(
    conflict.at,
  )}, after you opened this page. Your changes were not saved: reload to see theirs, then make yours again.`;
}

/**
 * What a route says about a save: undefined when it was saved, the conflict message when someone
 * saved first; a thing that no longer exists throws 404 with `notFound`.
 */
export function refusalOf(saved: Saved, notFound: string): string | undefined {
  if (saved.ok) return undefined;
  if (saved.reason === "missing") throw new Response(notFound, { status: 404 });
  return conflictMessage(saved);
}

/** The fields whose values differ, as { before, after } objects for the audit trail. */
export function difference<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): { before: Partial<T>; after: Partial<T> } | null {
  const changedBefore: Partial<T> = {};
  const changedAfter: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changedBefore[key] = before[key];
      changedAfter[key] = after[key];
    }
  }
  return Object.keys(changedAfter).length > 0 ? { before: changedBefore, after: changedAfter } : null;
}
