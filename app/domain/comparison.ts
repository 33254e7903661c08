/**
 * Comparing scenarios fairly: over the months they all cover (the common window), and in words
 * against a baseline (the verdict). A 12-month plan beside a 24-month one is compared over the 12
 * months both hold, never over each one's own horizon.
 */
import type { GoalsInWords } from "./goals";
import { hiringChecks } from "./hiring";
import { addMonths, monthsBetween } from "./months";
import { summarizeProjection, type Projection, type ProjectionView, type ViewRow } from "./projection";
import type { Scenario } from "./scenario";

/** A compared scenario's name and projection, whole (over its own horizon). */
export interface ComparedProjection {
  name: string;
  projection: Pick<Projection, "rows" | "summary">;
}

/** The months a scenario's rows cover: whole steps from its start. */
export interface MonthSpan {
  /** First month, `YYYY-MM`. */
  first: string;
  /** Last month, `YYYY-MM`, included. */
  last: string;
  months: number;
}

/** The months every compared scenario covers, in whole steps of each (a quarter is never split). */
export interface CommonWindow extends MonthSpan {
  /** Each scenario's own months, in the order given. */
  own: (MonthSpan & { name: string; stepMonths: number })[];
  /** Shorter than some scenario's own months: the page says which months are compared. */
  cut: boolean;
  /** Shorter than the months all cover, so that every scenario's steps fit whole. */
  trimmedToWholeSteps: boolean;
}

export type WindowAnswer = { ok: true; window: CommonWindow } | { ok: false; reason: string };

const STEP_WORDS: Record<number, string> = { 1: "month", 3: "quarter", 12: "year" };
const stepWord = (stepMonths: number) => STEP_WORDS[stepMonths] ?? `${stepMonths} months`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const spanWords = (s: MonthSpan) => (s.months === 1 ? s.first : `${s.first} to ${s.last}`);

function spanOf(first: string, months: number): MonthSpan {
  return { first, last: addMonths(first, months - 1), months };
}

/**
 * The common window of the compared scenarios: from the latest start to the earliest end, moved
 * in to the nearest months where every scenario's steps begin and end (a quarterly plan beside a
 * monthly one is compared over whole quarters). Refused, with a reason naming each scenario and
 * its months, when they share no month or no whole step.
 */
export function commonWindow(compared: readonly ComparedProjection[]): WindowAnswer {
  if (compared.length === 0) return { ok: false, reason: "There is no scenario to compare." };
  const own = compared.map(({ name, projection: { rows, summary } }) => ({
    name,
    stepMonths: summary.stepMonths,
    ...spanOf(rows[0]!.period, rows.length * summary.stepMonths),
  }));
  // Months counted from the first scenario's start: each scenario holds [from, to).
  const origin = own[0]!.first;
  const frames = own.map((s) => ({ from: monthsBetween(origin, s.first), to: 0, step: s.stepMonths }));
  frames.forEach((f, i) => (f.to = f.from + own[i]!.months));
  const lo = Math.max(...frames.map((f) => f.from));
  const hi = Math.min(...frames.map((f) => f.to));
  const spans = own.map((s) => `"${s.name}" covers ${spanWords(s)}`).join(", ");
  if (lo >= hi) {
    return {
      ok: false,
      reason: `These scenarios share no month, so there is nothing fair to compare: ${spans}. Pick scenarios whose months overlap.`,
    };
  }
  const boundary = (m: number) => frames.every((f) => (m - f.from) % f.step === 0);
  let from = lo;
  while (from < hi && !boundary(from)) from++;
  let to = hi;
  while (to > from && !boundary(to)) to--;
  if (to <= from) {
    const measured = own.map((s) => `"${s.name}" is counted by the ${stepWord(s.stepMonths)} from ${s.first}`);
    return {
      ok: false,
      reason: `These scenarios share months (${spanWords(spanOf(addMonths(origin, lo), hi - lo))}) but no whole period of each: ${measured.join(", ")}. Pick scenarios counted by the same period, or starting together.`,
    };
  }
  const window = spanOf(addMonths(origin, from), to - from);
  return {
    ok: true,
    window: {
      ...window,
      own,
      cut: own.some((s) => s.months !== window.months),
      trimmedToWholeSteps: to - from < hi - lo,
    },
  };
}

const TOGETHER = ["", "the one scenario", "both scenarios", "all three scenarios", "all four scenarios"];
const together = (n: number) => TOGETHER[n] ?? `all ${n} scenarios`;

/**
 * The window in words: "Compared over 2027-01 to 2027-12, the 12 months all three scenarios
 * cover." (or "... the same 24 months in every scenario." when none is cut).
 */
export function windowSentence(window: CommonWindow): string {
  const months = plural(window.months, "month");
  if (!window.cut) return `Compared over ${spanWords(window)}, the same ${months} in every scenario.`;
  const steps = window.trimmedToWholeSteps
    ? `, in whole ${[...new Set(window.own.map((s) => stepWord(s.stepMonths)))].filter((w) => w !== "month").join(" and ")}s`
    : "";
  return `Compared over ${spanWords(window)}, the ${months} ${together(window.own.length)} cover${steps}.`;
}

/**
 * The projection over the window only: its rows in the window (the cost so far counted from the
 * window's first month) and the summary of those rows, by the engine's own `summarizeProjection`.
 * The window must come from `commonWindow` over this projection: every row is either wholly inside
 * it or wholly outside.
 */
export function projectionOver(projection: Projection, window: MonthSpan): Projection {
  const L = projection.summary.stepMonths;
  const inside = projection.rows.filter((row) => {
    const k = monthsBetween(window.first, row.period);
    return k >= 0 && k + L <= window.months;
  });
  if (inside.length === 0) throw new Error(`No step of the projection lies in ${spanWords(window)}.`);
  if (inside.length === projection.rows.length) return projection;
  let cumulativeCost = 0;
  const rows = inside.map((row) => ({ ...row, cumulativeCost: (cumulativeCost += row.totalCost) }));
  return { ...projection, rows, summary: summarizeProjection(rows, L, projection.skillIds) };
}

/** The summary of a projection over the window only (see `projectionOver`). */
export function summaryOver(projection: Projection, window: MonthSpan): Projection["summary"] {
  return projectionOver(projection, window).summary;
}

/**
 * What hiring asks of a compared plan over the window (MODEL.md section 7): the whole org's, since
 * every settled mid or senior engineer interviews, whichever team the hire joins.
 */
export interface ComparedHiring {
  /** Engineer hours of interviewing in the window. */
  interviewHours: number;
  /** The highest share (0..1) of each interviewer's week, and hours a week, of any step in the window. */
  peakInterviewShare: number;
  peakInterviewHoursPerWeek: number;
  /**
   * Expected leavers in their first year, in the window; null when the scenario has no hiring
   * assumptions (the engine then follows nobody's first year).
   */
  firstYearLeavers: number | null;
  /**
   * Plan quarters wholly inside the window whose joiners are more than the recruiters can hire;
   * null when the scenario sets no recruiters (not checked).
   */
  quartersOverRecruiters: number | null;
  /** Plan quarters wholly inside the window. */
  quarters: number;
}

/**
 * The hiring figures of a compared plan over the window (the whole horizon when `window` is null).
 * `projection` is the whole projection: the recruiter check reads the plan's own quarters (months
 * 0-2, 3-5, ... from its start), and only those lying wholly inside the window count, as the
 * window never splits a step: a quarter cut by the window would count joiners from outside it.
 */
export function hiringOver(scenario: Scenario, projection: Projection, window: MonthSpan | null): ComparedHiring {
  const summary = window ? summaryOver(projection, window) : projection.summary;
  const inside = hiringChecks(scenario, projection).quarters.filter(
    (q) => !window || (monthsBetween(window.first, q.from) >= 0 && monthsBetween(q.to, window.last) >= 0),
  );
  return {
    interviewHours: summary.totalInterviewHours,
    peakInterviewShare: summary.peakInterviewShare,
    peakInterviewHoursPerWeek: summary.peakInterviewHoursPerWeek,
    // The engine follows first-year people only with the hiring assumptions (MODEL.md section 7).
    firstYearLeavers: scenario.assumptions.hiring ? summary.totalFirstYearLeavers : null,
    quartersOverRecruiters:
      scenario.assumptions.hiring?.recruiters === undefined ? null : inside.filter((q) => q.overRecruiters).length,
    quarters: inside.length,
  };
}

/** "misses 1 of 3 goals", "misses all 3 goals" (nothing when every goal is met or none is set). */
function goalsClause(goals: VerdictInput["goals"]): string {
  if (!goals || goals.met === goals.total) return "";
  if (goals.total === 1) return "misses its goal";
  return goals.met === 0
    ? `misses all ${goals.total} goals`
    : `misses ${goals.total - goals.met} of ${goals.total} goals`;
}

/** A scenario as the verdict reads it: its figures over the common window (org or one team). */
export interface VerdictInput {
  name: string;
  view: Pick<ProjectionView, "rows" | "summary">;
  /** Juniors per senior wanted, for the org or the team shown. */
  ratioTarget: readonly [number, number];
  /** The org's hiring over the window: a plan that asks more of its recruiters says so. */
  hiring?: Pick<ComparedHiring, "quartersOverRecruiters" | "quarters">;
  /** Its goals, judged over its own months: a plan that misses one says so. */
  goals?: Pick<GoalsInWords, "total" | "met">;
}

export interface VerdictWords {
  /** How money reads (the app's short format: "$461k", "$1.20M"). */
  money: (dollars: number) => string;
  skillName?: (id: string) => string;
}

/** A cost difference under this share of the baseline's total cost reads "about the same cost". */
export const SAME_COST_SHARE = 0.005;
/** A mean capacity difference under this share of the baseline's reads "about the same capacity". */
export const SAME_CAPACITY_SHARE = 0.01;

interface Months {
  total: number;
  below: number;
  above: number;
  noSenior: number;
  mentoringShort: number;
}

/** Months (not steps) of the view's rows in each state the verdict names. */
function monthsOf({ rows, summary }: VerdictInput["view"], [low, high]: readonly [number, number]): Months {
  const L = summary.stepMonths;
  const count = (test: (row: ViewRow) => boolean) => rows.filter(test).length * L;
  return {
    total: rows.length * L,
    below: count((r) => r.juniorsPerSenior !== null && r.juniorsPerSenior < low),
    above: count((r) => r.juniorsPerSenior !== null && r.juniorsPerSenior > high),
    noSenior: count((r) => r.juniorsPerSenior === null && r.juniors > 0),
    mentoringShort: count((r) => r.coverage < 1),
  };
}

/** "more joiners than the recruiters can hire in 2 of 8 quarters" (nothing when within or not checked). */
function recruiterClause(hiring: VerdictInput["hiring"]): string {
  const over = hiring?.quartersOverRecruiters ?? 0;
  if (over === 0) return "";
  const of = over === hiring!.quarters ? `every quarter` : `${over} of ${hiring!.quarters} quarters`;
  return `more joiners than the recruiters can hire in ${of}`;
}

/** "for 18 of 24 months", or "for all 24 months". */
const forMonths = (n: number, total: number) =>
  n === total ? `for all ${total} months` : `for ${n} of ${total} months`;

function ratioClauses(m: Months): string[] {
  const band = [
    m.below > 0 ? `below the target ${forMonths(m.below, m.total)}` : "",
    m.above > 0 ? `above ${m.below > 0 ? "it" : "the target"} ${forMonths(m.above, m.total)}` : "",
  ].filter(Boolean);
  return [
    band.length > 0
      ? `juniors per senior ${band.join(" and ")}`
      : m.noSenior === 0
        ? "juniors per senior in band throughout"
        : "",
    m.noSenior > 0 ? `juniors with no senior ${forMonths(m.noSenior, m.total)}` : "",
  ].filter(Boolean);
}

const listed = (names: string[]) =>
  names.length <= 2 ? names.join(" and ") : `${names.slice(0, 2).join(", ")} and ${names.length - 2} more`;

function near(x: number, base: number, share: number): boolean {
  return Math.abs(x - base) <= share * Math.abs(base) || Math.abs(x - base) < 1e-9;
}

/**
 * One line per scenario against the baseline, most important first: cost and capacity, goals
 * missed (judged over the plan's own months), then juniors per senior against its band, months with mentoring short, skills left with fewer
 * than two owners at the end where they differ, and quarters with more joiners than the recruiters
 * can hire. "Hire 2 seniors: $461k cheaper and more capacity;
 * juniors per senior below the target for 18 of 24 months." The baseline's own line says where it
 * stands. Counts are months of the window, each scenario's figures over the same months.
 */
export function comparisonVerdicts(
  compared: readonly VerdictInput[],
  baselineIndex: number,
  { money, skillName = (id) => id }: VerdictWords,
): string[] {
  const base = compared[baselineIndex]!;
  const baseMonths = monthsOf(base.view, base.ratioTarget);
  const baseAtRisk = new Set(base.view.summary.skillsAtRisk.map((r) => r.skill));
  return compared.map((c, i) => {
    const m = monthsOf(c.view, c.ratioTarget);
    const mentoring =
      m.mentoringShort > 0
        ? `mentoring short ${forMonths(m.mentoringShort, m.total)}`
        : i === baselineIndex || baseMonths.mentoringShort > 0
          ? "mentoring covered throughout"
          : "";
    const atRisk = c.view.summary.skillsAtRisk.map((r) => r.skill);
    if (i === baselineIndex) {
      const named = atRisk.length <= 2 ? listed(atRisk.map(skillName)) : `${atRisk.length} skills`;
      const skills = atRisk.length > 0 ? `${named} with fewer than two owners at the end` : "";
      return `${c.name} (the baseline): ${[goalsClause(c.goals), ...ratioClauses(m), mentoring, skills, recruiterClause(c.hiring)].filter(Boolean).join("; ")}.`;
    }
    const s = c.view.summary;
    const b = base.view.summary;
    const costDiff = s.totalCost - b.totalCost;
    const cost = near(s.totalCost, b.totalCost, SAME_COST_SHARE)
      ? "about the same cost"
      : `${money(Math.abs(costDiff))} ${costDiff < 0 ? "cheaper" : "more expensive"}`;
    const capacity = near(s.meanCapacity, b.meanCapacity, SAME_CAPACITY_SHARE)
      ? "about the same capacity"
      : s.meanCapacity > b.meanCapacity
        ? "more capacity"
        : "less capacity";
    const headline =
      cost === "about the same cost" && capacity === "about the same capacity"
        ? "about the same cost and capacity"
        : `${cost} and ${capacity}`;
    const added = atRisk.filter((id) => !baseAtRisk.has(id)).map(skillName);
    const covered = [...baseAtRisk].filter((id) => !atRisk.includes(id)).map(skillName);
    const skills = [
      added.length > 0 ? `leaves ${listed(added)} with fewer than two owners at the end` : "",
      covered.length > 0 ? `gives ${listed(covered)} a second owner by the end` : "",
    ];
    return `${c.name}: ${[headline, goalsClause(c.goals), ...ratioClauses(m), mentoring, ...skills, recruiterClause(c.hiring)].filter(Boolean).join("; ")}.`;
  });
}
