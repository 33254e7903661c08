/** Which scenarios a comparison link asks for, projected: one reading shared by the page, its report and its downloads. */
import { projectScenario } from "~/domain";
import type { DB } from "~/utils/db.server";
import { MAX_COMPARED } from "~/utils/limits";
import type { Compared } from "./exports.server";
import type { User } from "./auth.server";
import { getScenario, listScenarioNames, slugify, visibleTo, type StoredScenario } from "./scenarios.server";

/** Scenario ids from `?ids=1&ids=2` or `?ids=1,2`, in order, without repeats. */
function requestedIds(url: URL): number[] {
  const ids = url.searchParams
    .getAll("ids")
    .flatMap((v) => v.split(","))
    .map((v) => Number(v.trim()))
    .filter((n) => Number.isSafeInteger(n) && n > 0);
  return [...new Set(ids)];
}

export interface Comparison {
  compared: (Compared & { id: number })[];
  /** Index into `compared` of the scenario the others are measured against. */
  baselineIndex: number;
  /** How many asked-for scenarios no longer exist. */
  missing: number;
  available: { id: number; name: string }[];
}

/** With no `ids` yet, the saved scenarios in the order the list shows them. */
export async function loadComparison(db: DB, url: URL, user: User): Promise<Comparison> {
  const available = await listScenarioNames(db, { user });
  const asked = url.searchParams.has("ids") ? requestedIds(url) : available.map((s) => s.id);
  const ids = asked.slice(0, MAX_COMPARED);
  // A scenario the user may not see counts as missing.
  const found = (await Promise.all(ids.map((id) => getScenario(db, { id })))).filter((s) => s !== undefined && visibleTo(user, s.scenario)) as StoredScenario[];
  const compared = found.map((stored) => ({ id: stored.id, scenario: stored.scenario, projection: projectScenario(stored.scenario) }));
  const baseline = Number(url.searchParams.get("baseline"));
  return { compared, baselineIndex: Math.max(0, compared.findIndex((c) => c.id === baseline)), missing: ids.length - found.length, available };
}

/** `teamshape-compare-hire-4-juniors-vs-hire-2-seniors-2026-11.xlsx` */
export function comparisonFileName(comparison: Comparison, extension: string): string {
  const slug = comparison.compared.map((c) => slugify(c.scenario.name).slice(0, 30)).join("-vs-");
  return `teamshape-compare-${slug || "scenarios"}-${new Date().toISOString().slice(0, 7)}.${extension}`;
}
