/** Which scenarios a comparison link asks for, projected: one reading shared by the page, its report and its downloads. */
import {
  goalsInWords,
  commonWindow,
  comparisonVerdicts,
  fiscalPeriods,
  hiringOver,
  monthOf,
  nextFiscalYear,
  projectionOver,
  skillNamer,
  teamView,
  windowSentence,
  type CommonWindow,
  type GoalsInWords,
  type ComparedHiring,
  type FiscalPeriod,
  type ProjectionView,
} from "~/domain";
import type { DB } from "~/utils/db.server";
import { formatMoneyShort } from "~/utils/format";
import { MAX_COMPARED } from "~/utils/limits";
import type { Compared } from "./exports.server";
import { seesSalaries, type User } from "./auth.server";
import { projectionOf } from "./compute.server";
import { listSkills } from "./ladder.server";
import { getScenario, listScenarioNames, slugify, viewOf, type StoredScenario } from "./scenarios.server";
import { getWorkspace } from "./workspace.server";

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
  /**
   * Each scenario with what the page shows of it: the whole org's figures, or the chosen team's.
   * `projection` and `view` hold the common window's months only (the whole projection when no
   * window could be found, and then `refused` says why).
   */
  compared: (Compared & {
    id: number;
    view: ProjectionView;
    ratioTarget: [number, number];
    /** The whole org's interviewing, first-year leavers and recruiter check over the window, whichever team is shown. */
    hiring: ComparedHiring;
    /** Its goals, judged over its own months (its whole projection), whatever the window or team. */
    goals: GoalsInWords;
  })[];
  /** The months every compared scenario covers; null with fewer than two scenarios or when refused. */
  window: CommonWindow | null;
  /** The window in words ("Compared over 2027-01 to 2027-12, the 12 months all three scenarios cover."). */
  windowWords: string | null;
  /** Why these scenarios cannot be compared (no month in common), naming them and their months. */
  refused: string | null;
  /** One line per scenario against the baseline, in `compared`'s order (empty when not compared). */
  verdicts: string[];
  /**
   * Each scenario's cost, people and hires by the workspace's fiscal year over the common window,
   * in `compared`'s order (empty when not compared): the same years for every scenario.
   */
  fiscalYears: FiscalPeriod[][];
  /** The workspace's fiscal year's first month (1-12). */
  fiscalYearStartMonth: number;
  /** The fiscal year after today's (2028), for "next year" marks. */
  nextFiscalYear: number;
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
  const answer =
    projected.length >= 2
      ? commonWindow(projected.map((c) => ({ name: c.scenario.name, projection: c.projection })))
      : null;
  const window = answer?.ok ? answer.window : null;
  const compared = projected.map((c) => {
    const own = team === null ? undefined : c.scenario.teams!.find((t) => t.name === team)!;
    const projection = window ? projectionOver(c.projection, window) : c.projection;
    return {
      ...c,
      projection,
      view: own ? teamView(projection, own.id)! : projection,
      ratioTarget: own?.ratioTarget ?? c.scenario.assumptions.ratioTarget,
      hiring: hiringOver(c.scenario, c.projection, window),
      goals: goalsInWords(c.scenario, c.projection),
    };
  });
  const baseline = Number(url.searchParams.get("baseline"));
  const baselineIndex = Math.max(
    0,
    compared.findIndex((c) => c.id === baseline),
  );
  const verdicts = window
    ? comparisonVerdicts(
        compared.map((c) => ({
          name: c.scenario.name,
          view: c.view,
          ratioTarget: c.ratioTarget,
          hiring: c.hiring,
          goals: c.goals,
        })),
        baselineIndex,
        { money: formatMoneyShort, skillName: skillNamer(await listSkills(db)) },
      )
    : [];
  const { fiscalYearStartMonth } = await getWorkspace(db);
  const fiscalYears = window ? compared.map((c) => fiscalPeriods(c.view, { by: "year", fiscalYearStartMonth })) : [];
  return {
    compared,
    fiscalYears,
    fiscalYearStartMonth,
    nextFiscalYear: nextFiscalYear([], { today: monthOf(new Date()), fiscalYearStartMonth }).fiscalYear,
    baselineIndex,
    window,
    windowWords: window ? windowSentence(window) : null,
    refused: answer && !answer.ok ? answer.reason : null,
    verdicts,
    team,
    teams,
    missing: ids.length - found.length,
    available,
    pricedAtBandMidpoints: !seesSalaries(user),
  };
}

/**
 * The comparison a report or download can be made of: at least two scenarios with months in
 * common; otherwise a 400 that says why.
 */
export function requireComparable(comparison: Comparison): Comparison & { window: CommonWindow } {
  if (comparison.compared.length < 2) throw new Response("Pick at least two scenarios to compare.", { status: 400 });
  if (!comparison.window)
    throw new Response(comparison.refused ?? "These scenarios cannot be compared.", { status: 400 });
  return comparison as Comparison & { window: CommonWindow };
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
