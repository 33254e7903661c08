/**
 * What the printed reports show: the scenario report's and the comparison report's data, built in
 * one place for the signed-in report pages and for share links (`/share/:token`). A share link's
 * reader is a viewer, and then some (`reader.shareLink`): every figure at band midpoints, no one
 * named, and no team or level of fewer than 3 people broken out, so no reader can single anyone out.
 */
import {
  pooledGroups,
  goalsInWords,
  fiscalPeriods,
  growthLimitWords,
  hiringChecks,
  monthOf,
  planWarnings,
  type LevelClass,
  type Projection,
  type Scenario,
  type Table,
  skillNamer,
  teamsTable,
  teamView,
} from "~/domain";
import type { DB } from "~/utils/db.server";
import { SHARE_LINK_SMALL_GROUP } from "~/utils/limits";
import type { ComparisonReportData, ScenarioReportData } from "~/utils/report-data";
import { formatDay, formatPeople } from "~/utils/format";
import { quarterInterviewSentence, quarterName, searchLines } from "~/utils/hiring-words";
import { seesSalaries, type User } from "./auth.server";
import { loadComparison, requireComparable } from "./comparison.server";
import { monteCarloOf, projectionOf } from "./compute.server";
import { assumptionsLedger, hiringQuartersTable, ledgerByLevel, planEventsTable } from "./exports.server";
import { listLevels, listSkills } from "./ladder.server";
import type { ScenarioView } from "./scenarios.server";
import { getWorkspace } from "./workspace.server";

/** The fewest people a team or level has for a share link to show it on its own. */
export const SMALL_GROUP = SHARE_LINK_SMALL_GROUP;
export const SMALL_TEAMS_NOTE = `Teams of fewer than ${SMALL_GROUP} people are not shown separately (with the next smallest team when only one is, so neither can be worked out from the whole).`;
export const SMALL_LEVELS_NOTE = `Levels with fewer than ${SMALL_GROUP} people (with the next smallest when only one is) are counted together as "other levels", and priced together at the average of their band midpoints.`;
const OTHER_LEVEL = { id: "other", title: "Other levels", class: "mid" as LevelClass };

/** Who reads a report: a signed-in user, or anyone holding a share link (a viewer, and then some). */
export type Reader = { user: User; shareLink?: false } | { user: User; shareLink: true };

/** A share link's reader: priced and named as a viewer is. */
export const SHARE_LINK_READER: User = {
  id: 0,
  email: "",
  name: "Someone with a share link",
  role: "viewer",
  mustChangePassword: false,
  readsShareLink: true,
};

/** The scenario's teams and levels a share link does not break out (`pooledGroups`), with the teams' names. */
function smallGroupsOf(scenario: Scenario) {
  const { levels, teams } = pooledGroups(scenario, SMALL_GROUP);
  return {
    levels,
    teamIds: teams,
    teamNames: (scenario.teams ?? []).filter((t) => teams.has(t.id)).map((t) => t.name),
  };
}
type SmallGroups = ReturnType<typeof smallGroupsOf>;

/** A headcount by level with the small levels summed into one "other" entry. */
function foldLevels(headcount: Record<string, number>, small: Set<string>): Record<string, number> {
  const folded: Record<string, number> = {};
  for (const [level, n] of Object.entries(headcount)) {
    const key = small.has(level) ? OTHER_LEVEL.id : level;
    folded[key] = (folded[key] ?? 0) + n;
  }
  return folded;
}

/** A projection (or a team's view) without its teams, its small levels counted together. */
function foldedRows<R extends { headcount: Record<string, number>; teams?: unknown }>(rows: R[], small: SmallGroups) {
  return rows.map(({ teams: _teams, ...row }) => ({ ...row, headcount: foldLevels(row.headcount, small.levels) }));
}
function foldedSummary<S extends { endHeadcount: Record<string, number>; teams?: unknown }>(
  summary: S,
  small: SmallGroups,
) {
  const { teams: _teams, ...rest } = summary;
  return { ...rest, endHeadcount: foldLevels(summary.endHeadcount, small.levels) };
}

/** The levels a chart stacks: the small ones as one "other levels". */
function levelsShown(scenario: Scenario, small: SmallGroups | null) {
  const levels = scenario.levels
    .filter((l) => !small?.levels.has(l.id))
    .map(({ id, title, class: levelClass }) => ({ id, title, class: levelClass }));
  return small && small.levels.size > 0 ? [...levels, OTHER_LEVEL] : levels;
}

/** Text that may name a small team, with the name replaced. */
function withoutSmallTeams(text: string, small: SmallGroups | null): string {
  if (!small) return text;
  return small.teamNames.reduce((t, name) => t.split(name).join(`a team not shown separately`), text);
}

/** What hiring asks, for a share link without the names of teams it does not break out. */
function hiringShown<H extends { searches: string[] }>(hiring: H, small: SmallGroups | null): H {
  return small ? { ...hiring, searches: hiring.searches.map((line) => withoutSmallTeams(line, small)) } : hiring;
}

/**
 * The plan as a reader may see it. A share link's plan names levels by title and people by level
 * only ("someone at Senior Engineer"), or not at all in a level of fewer than 3, and hides small teams.
 */
function planOf(scenario: Scenario, reader: Reader, small: SmallGroups | null): Table {
  const table = planEventsTable(scenario, { salaries: seesSalaries(reader.user) });
  if (!small) return table;
  const who = table.header.indexOf("Who");
  const teamColumn = table.header.indexOf("Team");
  const title = new Map(scenario.levels.map((l) => [l.id, l.title]));
  const hidden = `a team not shown separately`;
  return {
    header: table.header,
    rows: table.rows.map((row) =>
      row.map((cell, i) => {
        if (typeof cell !== "string") return cell;
        if (i === who && cell.startsWith("someone at ")) {
          const level = cell.slice("someone at ".length);
          return small.levels.has(level) ? "someone" : `someone at ${title.get(level) ?? level}`;
        }
        if (i === teamColumn && small.teamNames.includes(cell)) return hidden;
        return withoutSmallTeams(cell, small);
      }),
    ),
  };
}

/** The team at the start, by level: people and payroll (individuals are in the workbook). */
function teamByLevel(scenario: Scenario, small: SmallGroups | null): Table {
  const rows = scenario.levels
    .filter((level) => !small?.levels.has(level.id))
    .map((level) => {
      const entries = scenario.team.filter((t) => t.level === level.id);
      return [
        `${level.id} ${level.title}`,
        entries.reduce((n, t) => n + t.count, 0),
        entries.reduce((sum, t) => sum + t.count * t.salary, 0),
      ];
    })
    .filter((row) => (row[1] as number) > 0);
  if (small) {
    const others = scenario.team.filter((t) => small.levels.has(t.level));
    const people = others.reduce((n, t) => n + t.count, 0);
    // Small levels together are shown only when they are not themselves a small group.
    if (people >= SMALL_GROUP)
      rows.push([OTHER_LEVEL.title, people, others.reduce((sum, t) => sum + t.count * t.salary, 0)]);
  }
  return { header: ["Level", "People", "Payroll ($ a year)"], rows };
}

/**
 * What hiring asks of the team (MODEL.md section 7), in words: when each search must open, the
 * busiest quarter's interviews, joiners per quarter against the limits set, first-year leavers.
 */
function hiringOf(scenario: Scenario, projection: Projection) {
  const checks = hiringChecks(scenario, projection);
  const busiest = checks.quarters.reduce<(typeof checks.quarters)[number] | null>(
    (top, q) => (q.interviewHours > (top?.interviewHours ?? 0) ? q : top),
    null,
  );
  // Without any time to fill, interview hours or hiring assumptions there is nothing to say but the joiners.
  const shown =
    scenario.assumptions.hiring !== undefined ||
    scenario.levels.some((l) => (l.timeToFillMonths ?? 0) > 0 || (l.interviewHours ?? 0) > 0);
  return {
    shown,
    searches: searchLines(scenario, checks).map((line) => line.text),
    busiestQuarter: busiest ? quarterInterviewSentence(busiest, scenario.assumptions.hoursPerWeek) : null,
    firstYearLeavers: projection.summary.totalFirstYearLeavers,
    /** Null without the hiring assumptions: then first-year leavers are not followed. */
    firstYearMultiplier: scenario.assumptions.hiring?.firstYearAttritionMultiplier ?? null,
    joiners: joinersSentence(scenario, checks),
    overLimits: hiringQuartersTable(scenario, checks),
  };
}

/**
 * The busiest quarter for joiners against the limits set: "At most 3 people join in a quarter
 * (Jan 2027 to Mar 2027), within what 2 recruiters can hire and a third of the team." Null
 * without joiners.
 */
function joinersSentence(scenario: Scenario, checks: ReturnType<typeof hiringChecks>): string | null {
  const top = checks.quarters.reduce<(typeof checks.quarters)[number] | null>(
    (best, q) => (q.joiners > (best?.joiners ?? 0) ? q : best),
    null,
  );
  if (!top || top.joiners < 0.05) return null;
  const hiring = scenario.assumptions.hiring;
  const limits = [
    hiring?.recruiters === undefined
      ? ""
      : `what ${hiring.recruiters} recruiter${hiring.recruiters === 1 ? "" : "s"} can hire`,
    hiring ? `${growthLimitWords(hiring.maxGrowthPerQuarter)} of the team` : "",
  ].filter(Boolean);
  const over = checks.quarters.filter((q) => q.overRecruiters || q.overGrowth).length;
  const against =
    limits.length === 0
      ? " (no recruiters or growth limit set)"
      : over === 0
        ? `, within ${limits.join(" and ")} every quarter`
        : `; ${over} quarter${over === 1 ? " goes" : "s go"} past ${limits.join(" or ")}:`;
  return `${quarterName(top)} has the most joiners: ${formatPeople(top.joiners)}${against}${over === 0 || limits.length === 0 ? "." : ""}`;
}

/** The columns of `table` named in `headers` (old header to new), in that order. */
function pickColumns(table: Table, headers: Record<string, string>): Table {
  const index = Object.keys(headers).map((h) => table.header.indexOf(h));
  return { header: Object.values(headers), rows: table.rows.map((row) => index.map((i) => row[i] ?? null)) };
}

const stepWord = (scenario: Pick<Scenario, "step">) =>
  scenario.step === "month" ? "Month" : scenario.step === "quarter" ? "Quarter" : "Year";

/**
 * The scenario report's data for `reader`: `stored` must already be priced for them (`viewOf`).
 * A share link's reader gets it with small teams and levels folded away.
 */
export async function scenarioReportData(
  db: DB,
  {
    stored,
    reader,
    signal,
    now = new Date(),
  }: { stored: ScenarioView; reader: Reader; signal?: AbortSignal; now?: Date },
): Promise<ScenarioReportData> {
  const { scenario } = stored;
  const small = reader.shareLink ? smallGroupsOf(scenario) : null;
  const [levels, skills, { fiscalYearStartMonth }] = await Promise.all([
    listLevels(db),
    listSkills(db),
    getWorkspace(db),
  ]);
  const [projection, simulated] = await Promise.all([
    projectionOf(scenario, { signal }),
    monteCarloOf(scenario, { signal }),
  ]);
  const skillName = skillNamer(skills);
  // Sums of the projection's rows, which a viewer already receives priced at band midpoints.
  const years = (view: Parameters<typeof fiscalPeriods>[0]) =>
    fiscalPeriods(view, { by: "year", fiscalYearStartMonth });
  const shownTeams = (scenario.teams ?? []).filter((t) => !small?.teamIds.has(t.id));
  const teamsTableShown = (): Table => {
    const table = pickColumns(teamsTable(scenario, projection), {
      Team: "Team",
      "Start headcount": "People at the start",
      "End headcount": "At the end",
      "Total cost ($)": "Total cost ($)",
      "Lowest mentoring coverage (0-1)": "Lowest mentoring coverage (0-1)",
      "Steps with juniors per senior out of band": `${stepWord(scenario)}s out of its band`,
    });
    const names = new Set(shownTeams.map((t) => t.name));
    return small ? { ...table, rows: table.rows.filter((r) => names.has(String(r[0]))) } : table;
  };
  const goals = goalsInWords(scenario, projection);
  return {
    id: stored.id,
    // Only what the page shows: the document itself holds every salary.
    scenario: {
      name: scenario.name,
      description: scenario.description === undefined ? undefined : withoutSmallTeams(scenario.description, small),
      start: scenario.start,
      step: scenario.step,
      levels: levelsShown(scenario, small),
      assumptions: { ratioTarget: scenario.assumptions.ratioTarget },
    },
    prepared: formatDay(now),
    projection: small
      ? {
          ...projection,
          teamIds: [],
          rows: foldedRows(projection.rows, small),
          summary: foldedSummary(projection.summary, small),
        }
      : projection,
    monteCarlo: simulated.ok ? simulated.result : null,
    monteCarloProblem: simulated.ok ? null : simulated.message,
    warnings: planWarnings(scenario, projection, skillName).filter((w) => !small || !small.teamIds.has(w.team ?? "")),
    // Judged on the projection a viewer receives (priced at band midpoints), so a goal's words and
    // its met or not say nothing of anyone's pay.
    goals: small
      ? { ...goals, goals: goals.goals.map((g) => ({ ...g, message: withoutSmallTeams(g.message, small) })) }
      : goals,
    hiring: hiringShown(hiringOf(scenario, projection), small),
    periods: {
      fiscalYearStartMonth,
      today: monthOf(now),
      years: years(projection),
      quarters: fiscalPeriods(projection, { by: "quarter", fiscalYearStartMonth }),
    },
    teams: scenario.teams
      ? {
          // The workbook's Teams sheet, narrowed to what fits the printed page.
          table: teamsTableShown(),
          each: shownTeams.map((team) => {
            const view = teamView(projection, team.id)!;
            const { summary } = view;
            return {
              id: team.id,
              name: team.name,
              band: team.ratioTarget ?? scenario.assumptions.ratioTarget,
              startHeadcount: summary.startHeadcount,
              endHeadcount: summary.endTotalHeadcount,
              totalCost: summary.totalCost,
              years: years(view),
              warnings: planWarnings(scenario, projection, skillName, team.id),
            };
          }),
        }
      : null,
    /** Said where teams or levels would be broken out, when a share link leaves some out. */
    smallGroupNotes: {
      teams: small && small.teamIds.size > 0 ? SMALL_TEAMS_NOTE : null,
      levels: small && small.levels.size > 0 ? SMALL_LEVELS_NOTE : null,
    },
    plan: planOf(scenario, reader, small),
    team: teamByLevel(scenario, small),
    pricedAtBandMidpoints: stored.pricedAtBandMidpoints,
    // The file field names are for modellers; they stay in the workbook, as does the ledger's
    // one row per level parameter.
    ledger: ledgerByLevel(scenario, assumptionsLedger(scenario, levels)),
    canEdit: !reader.shareLink && seesSalaries(reader.user),
  };
}

/**
 * The comparison report's data for `reader`, of the scenarios `url` asks for (`?ids=&baseline=&team=`).
 * A share link's comparison is of the whole org (no `team`), its small teams and levels folded away.
 */
export async function comparisonReportData(
  db: DB,
  { url, reader, signal, now = new Date() }: { url: URL; reader: Reader; signal?: AbortSignal; now?: Date },
): Promise<ComparisonReportData> {
  const comparison = requireComparable(await loadComparison(db, url, reader.user, { signal }));
  const skillName = skillNamer(await listSkills(db));
  return {
    query: url.search,
    prepared: formatDay(now),
    baselineId: comparison.compared[comparison.baselineIndex]!.id,
    pricedAtBandMidpoints: comparison.pricedAtBandMidpoints,
    team: comparison.team,
    windowWords: comparison.windowWords!,
    verdicts: comparison.verdicts,
    fiscalYears: comparison.fiscalYears,
    fiscalYearStartMonth: comparison.fiscalYearStartMonth,
    today: monthOf(now),
    nextFiscalYear: comparison.nextFiscalYear,
    goalsOwnMonths: comparison.window.cut,
    smallTeamsNote:
      reader.shareLink && comparison.compared.some((c) => smallGroupsOf(c.scenario).teamIds.size > 0)
        ? SMALL_TEAMS_NOTE
        : null,
    compared: comparison.compared.map(({ id, scenario, projection, view, ratioTarget, hiring, goals }) => {
      const small = reader.shareLink ? smallGroupsOf(scenario) : null;
      return {
        id,
        name: scenario.name,
        description: scenario.description === undefined ? undefined : withoutSmallTeams(scenario.description, small),
        summary: small ? foldedSummary(view.summary, small) : view.summary,
        rows: small ? foldedRows(view.rows, small) : view.rows,
        ratioTarget,
        hiring,
        goals: small
          ? { ...goals, goals: goals.goals.map((g) => ({ ...g, message: withoutSmallTeams(g.message, small) })) }
          : goals,
        warnings: planWarnings(
          scenario,
          projection,
          skillName,
          scenario.teams?.find((t) => t.name === comparison.team)?.id,
        ).filter((w) => !small || !small.teamIds.has(w.team ?? "")),
        plan: planOf(scenario, reader, small),
      };
    }),
  };
}
