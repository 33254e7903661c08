/** Which scenarios a comparison link asks for, projected: one reading shared by the page, its report and its downloads. */
import type { DB } from "~/utils/db.server";
import { MAX_COMPARED } from "~/utils/limits";
import type { Compared } from "./exports.server";
import { seesSalaries, type User } from "./auth.server";
import { projectionOf } from "./compute.server";
import { getScenario, listScenarioNames, slugify, viewOf, type StoredScenario } from "./scenarios.server";

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
  /** Viewers' figures are priced at band midpoints. */
  pricedAtBandMidpoints: boolean;
  available: { id: number; name: string }[];
}

/** With no `ids` yet, the saved scenarios in the order the list shows them. */
export async function loadComparison(
  db: DB,
  url: URL,
  user: User,
  { signal }: { signal?: AbortSignal } = {},
): Promise<Comparison> {
  const available = await listScenarioNames(db);
  const asked = url.searchParams.has("ids") ? requestedIds(url) : available.map((s) => s.id);
  const ids = asked.slice(0, MAX_COMPARED);
  const found = (await Promise.all(ids.map((id) => getScenario(db, { id }))))
    .filter((s): s is StoredScenario => s !== undefined)
    .map((s) => viewOf(user, s));
  const compared = await Promise.all(
    found.map(async (view) => ({
      id: view.id,
      scenario: view.scenario,
      projection: await projectionOf(view.scenario, { signal }),
    })),
  );
  const baseline = Number(url.searchParams.get("baseline"));
  return {
    compared,
    baselineIndex: Math.max(
      0,
      compared.findIndex((c) => c.id === baseline),
    ),
    missing: ids.length - found.length,
    available,
    pricedAtBandMidpoints: !seesSalaries(user),
  };
}

/** `teamshape-compare-hire-4-juniors-vs-hire-2-seniors-2026-11.xlsx` */
export function comparisonFileName(comparison: Comparison, extension: string): string {
  const slug = comparison.compared.map((c) => slugify(c.scenario.name).slice(0, 30)).join("-vs-");
  return `teamshape-compare-${slug || "scenarios"}-${new Date().toISOString().slice(0, 7)}.${extension}`;
}
