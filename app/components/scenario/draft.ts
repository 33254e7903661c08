/**
 * The what-if page edits a scenario document in the browser. Values typed into fields that are
 * not numbers yet stay as text, so the engine's own validation names the field and the problem.
 */
import type { Scenario, ScenarioIssue } from "~/domain";

/** A scenario document while someone edits it: the shape of a Scenario, with any field possibly mid-edit. */
export type Draft = Scenario;

/** A copy of `draft` with the value at `path` replaced. */
export function setIn<T>(draft: T, path: (string | number)[], value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const source = draft as Record<string | number, unknown>;
  const copy = (Array.isArray(draft) ? [...draft] : { ...source }) as Record<string | number, unknown>;
  copy[head!] = setIn(source[head!], rest, value);
  return copy as T;
}

/** What a person typed, as a number when it is one (divided by `scale`, e.g. 100 for percent). */
export function typedNumber(text: string, scale = 1): number | string {
  const trimmed = text.trim();
  return /^-?(\d+\.?\d*|\.\d+)$/.test(trimmed) ? Number(trimmed) / scale : text;
}

/** A draft value as text for its field (multiplied by `scale`). */
export function shownNumber(value: unknown, scale = 1): string {
  if (typeof value === "number") return String(Number((value * scale).toFixed(6)));
  return typeof value === "string" ? value : "";
}

/** The engine's message for a field path such as `assumptions.overheadRate` or `plan[2].month`. */
export function issueAt(issues: readonly ScenarioIssue[], path: string): string | undefined {
  return issues.find((issue) => issue.path === path)?.message;
}

/** Messages for a path and everything under it (`plan[2]` covers `plan[2].month`). */
export function issuesUnder(issues: readonly ScenarioIssue[], path: string): ScenarioIssue[] {
  return issues.filter(
    (issue) => issue.path === path || issue.path.startsWith(`${path}.`) || issue.path.startsWith(`${path}[`),
  );
}

/** Dollars as a person types them: "$6,000,000", "6000000", "6M" or "310k" (anything else stays text). */
export function typedDollars(text: string): number | string {
  const plain = text.trim().replace(/[$,\s]/g, "");
  const suffix = /^(.*?)([kKmM])$/.exec(plain);
  const value = typedNumber(suffix ? suffix[1]! : plain);
  if (!suffix) return typeof value === "number" ? value : text;
  if (typeof value !== "number") return text;
  // Rounded to the cent, so 1.1M is 1,100,000 and not 1,100,000.0000000002.
  return Math.round(value * (/[kK]/.test(suffix[2]!) ? 1e3 : 1e6) * 100) / 100;
}
