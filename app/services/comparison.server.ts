/** Which scenarios a comparison link asks for, projected: one reading shared by the page, its report and its downloads. */
import { teamView, type ProjectionView } from "~/domain";
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
  /** Each scenario with what the page shows of it: the whole org's figures, or the chosen team's. */
  compared: (Compared & { id: number; view: ProjectionView; ratioTarget: [number, number] })[];
  /** The team shown (`?team=` a team's name), or null for the whole org. */
  team: string | null;
  /** The teams every compared scenario has, by name: the ones a comparison can show. */
  teams: string[];
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
  const requested = url.searchParams.has("ids") ? requestedIds(url) : available.map((s) => s.id);
  const ids = requested.slice(0, MAX_COMPARED);
  const found = (await Promise.all(ids.map((id) => getScenario(db, { id }))))
    .filter((s): s is StoredScenario => s !== undefined)
    .map((s) => viewOf(user, s));
  const projected = await Promise.all(
    found.map(async (view) => ({
      id: view.id,
      scenario: view.scenario,
      projection: await projectionOf(view.scenario, { signal }),
    })),
  );
  const teams = commonTeams(projected.map((c) => c.scenario));
  const asked = url.searchParams.get("team");
  const team = asked !== null && teams.includes(asked) ? asked : null;
  const compared = projected.map((c) => {
    const own = team === null ? undefined : c.scenario.teams!.find((t) => t.name === team)!;
    return {
      ...c,
      view: own ? teamView(c.projection, own.id)! : c.projection,
      ratioTarget: own?.ratioTarget ?? c.scenario.assumptions.ratioTarget,
    };
  });
  const baseline = Number(url.searchParams.get("baseline"));
  return {
    compared,
    baselineIndex: Math.max(
      0,
      compared.findIndex((c) => c.id === baseline),
    ),
    team,
    teams,
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

/** Team names every one of the scenarios has, in the first one's order. */
function commonTeams(scenarios: { teams?: { name: string }[] }[]): string[] {
  const [first, ...rest] = scenarios;
  return (first?.teams ?? [])
    .map((t) => t.name)
    .filter((name) => rest.every((s) => s.teams?.some((t) => t.name === name)));
}
