/**
 * Plan against what happened (issue 18): the plan of record's projection beside the roster's
 * recorded history, month by month from the day the plan was adopted to today.
 *
 * - **Planned** figures are the plan's own projection rows (a quarterly or yearly step's money is
 *   spread evenly over its months, its joiners counted in its first month).
 * - **Actual** figures are the people on the team at each month's end (today, for the current
 *   month): someone is on the team from their start date until their leave date (or the day they
 *   were deleted from the roster), with the level, team and salary the snapshots recorded for that
 *   day. Dates come from the newest record, so a start or leave date imported late counts in the
 *   month it happened. Money follows section 4's rules: a month's payroll is a twelfth of each
 *   person's salary, loaded cost adds `overheadRate`, and a joiner's fee is `recruitingFeeRate` of
 *   their salary. Capacity follows section 4's steps 4 to 6 for that month's people: ramping while
 *   their months since starting (at the speed the month's mentoring coverage allows) are below
 *   their level's ramp, mentors giving their share of the mentoring asked for. Interview time is
 *   not taken off (what was interviewed is not recorded), so actual capacity can read slightly high
 *   in months the plan had many searches open.
 * - With `pricedAtBandMidpoints` (viewers), every actual salary is its level's band midpoint, as
 *   the plan's are (see pricing.ts), so no actual money figure depends on anyone's pay.
 * - **Hires**: each planned hire (a plan event's count, one by one) is matched to a joiner of the
 *   same level (and team, when the plan names one) who started on or after the adoption day, in
 *   order: the earliest planned hire takes the earliest joiner. It was made early, on time or
 *   late by the month the joiner started; unmatched, it is overdue once its month has come, else
 *   not due yet. Joiners no planned hire took were not in the plan.
 * - **Leavers** since the adoption day; a leaver is planned when the plan has a `depart` event for
 *   them. The plan's expected attrition to date is its leavers over the months so far, less its
 *   planned departures in them.
 */
import type { Level } from "./ladder";
import { addMonths, lastDayOf, monthInWords, monthsBetween } from "./months";
import type { Projection, ProjectionRow } from "./projection";
import { memberId, teamKey } from "./roster";
import type { Goals, PlanEvent, Scenario } from "./scenario";
import { shortDollars } from "./goals";

/** An engineer's state as a roster snapshot recorded it, from the day `from` on. */
export interface RecordedPersonState {
  from: string;
  name: string;
  levelId: string;
  /** The workspace team's id (the scenario names it `t<id>`). */
  teamId: number | null;
  salary: number;
  startDate: string;
  leftOn: string | null;
  removed: boolean;
}

/** One engineer's recorded history, oldest state first. */
export interface RecordedPerson {
  engineerId: number;
  states: RecordedPersonState[];
}

export interface MonthFigures {
  headcount: number;
  /** People per level id. */
  byLevel: Record<string, number>;
  /** People per scenario team id (`t<id>`); empty without teams. */
  byTeam: Record<string, number>;
  payroll: number;
  loadedCost: number;
  recruitingCost: number;
  totalCost: number;
  capacity: number;
  joiners: number;
  leavers: number;
}

export interface VarianceMonth {
  month: string;
  /** The month holding `asOf`: its actual figures are today's. */
  current: boolean;
  planned: MonthFigures;
  actual: MonthFigures;
}

export type HireStatus = "early" | "on time" | "late" | "overdue" | "not due";

export interface PlannedHireOutcome {
  levelId: string;
  levelTitle: string;
  /** The scenario team id, or null when the plan names none. */
  team: string | null;
  teamName: string | null;
  plannedMonth: string;
  status: HireStatus;
  /** The joiner who made it. `started` is false for someone on the roster whose start date is still ahead. */
  person: { engineerId: number; name: string; startDate: string; started: boolean } | null;
}

export interface PersonMove {
  engineerId: number;
  name: string;
  levelId: string;
  levelTitle: string;
  team: string | null;
  teamName: string | null;
  /** YYYY-MM-DD: the start date of a joiner, the leave date of a leaver. */
  on: string;
  /** A joiner a planned hire took, or a leaver the plan has a departure for. */
  planned: boolean;
}

export interface Variance {
  /** From the adoption month (or the plan's start) to the month holding `asOf` (or the plan's end). */
  months: VarianceMonth[];
  hires: PlannedHireOutcome[];
  /** Joiners since the adoption day no planned hire took. */
  unplannedJoiners: PersonMove[];
  leavers: PersonMove[];
  /** The plan's expected leavers from attrition over the months so far (not its planned departures). */
  expectedAttrition: number;
  /** Sums over the months so far. */
  toDate: { planned: MonthFigures; actual: MonthFigures };
  /** The answer in words, a clause per measure: "2 of 3 hires planned by Mar 2027 have started". */
  words: string[];
}

const emptyFigures = (): MonthFigures => ({
  headcount: 0,
  byLevel: {},
  byTeam: {},
  payroll: 0,
  loadedCost: 0,
  recruitingCost: 0,
  totalCost: 0,
  capacity: 0,
  joiners: 0,
  leavers: 0,
});

/** The state of `person` on `day`: the newest recorded on or before it, else the first (a late record). */
function stateOn(person: RecordedPerson, day: string): RecordedPersonState {
  let found: RecordedPersonState | undefined;
  for (const state of person.states) {
    if (state.from > day) break;
    if (!state.removed) found = state;
  }
  return found ?? person.states.find((s) => !s.removed) ?? person.states[0]!;
}

/** Start and leave dates as the newest record says; a deleted engineer left on the day of deletion. */
function datesOf(person: RecordedPerson): { startDate: string; leftOn: string | null } {
  const latest = person.states.at(-1)!;
  const known = [...person.states].reverse().find((s) => !s.removed) ?? latest;
  const leftOn = latest.removed ? (known.leftOn ?? latest.from) : known.leftOn;
  return { startDate: known.startDate, leftOn };
}

const DAYS_PER_MONTH = 365.25 / 12;
/** Days since 1970 of a YYYY-MM-DD day. */
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/**
 * Section 4, steps 4 to 6, for the people on the team on a day: their capacity this month.
 * `monthsIn[i]` is person i's months since starting.
 */
function capacityOf(levelsOf: readonly Level[], monthsIn: readonly number[], hoursPerWeek: number): number {
  const n = levelsOf.length;
  const ramping = new Uint8Array(n);
  const coverageOf = () => {
    let supply = 0;
    let demand = 0;
    for (let i = 0; i < n; i++) {
      const level = levelsOf[i]!;
      if (!ramping[i]) supply += level.mentorHours;
      demand += level.menteeHours + (ramping[i] ? 4 : 0);
    }
    return { supply, demand, coverage: demand > 0 ? Math.min(1, supply / demand) : 1 };
  };
  const markRamping = (speed: number) => {
    for (let i = 0; i < n; i++) {
      const level = levelsOf[i]!;
      ramping[i] = level.rampMonths > 0 && monthsIn[i]! * speed < level.rampMonths ? 1 : 0;
    }
  };
  // Ramp speed (1 + c) / 2 depends on coverage, which depends on who ramps: one refinement suffices.
  markRamping(1);
  const speed = (1 + coverageOf().coverage) / 2;
  markRamping(speed);
  const { supply, demand } = coverageOf();
  const mentorShare = supply > 0 ? Math.min(1, demand / supply) / hoursPerWeek : 0;
  let capacity = 0;
  for (let i = 0; i < n; i++) {
    const level = levelsOf[i]!;
    const ramp = level.rampMonths === 0 ? 1 : Math.min(1, (monthsIn[i]! * speed) / level.rampMonths);
    const mentoring = ramping[i] ? 0 : level.mentorHours * mentorShare;
    capacity += level.output * ramp * (1 - mentoring);
  }
  return capacity;
}

/** The plan's figures for one month: the row of the step holding it, its money spread over the step's months. */
function plannedMonth(row: ProjectionRow, stepMonths: number, firstOfStep: boolean): MonthFigures {
  const share = 1 / stepMonths;
  return {
    headcount: row.totalHeadcount,
    byLevel: { ...row.headcount },
    byTeam: Object.fromEntries(Object.entries(row.teams ?? {}).map(([id, team]) => [id, team.totalHeadcount])),
    payroll: row.payroll * share,
    loadedCost: row.loadedCost * share,
    recruitingCost: row.recruitingCost * share,
    totalCost: row.totalCost * share,
    capacity: row.capacity,
    joiners: firstOfStep ? row.joiners : 0,
    leavers: row.leavers * share,
  };
}

/** "one", "2", ... for counts of people in a sentence. */
const countWord = (n: number) => (n === 1 ? "one" : String(n));
const people = (n: number) => (n === 1 ? "one person" : `${n} people`);

/**
 * The plan of record against the recorded roster, from `adoptedFrom` (YYYY-MM-DD) to `asOf`
 * (YYYY-MM-DD, today). `plan` is the adopted document as the reader may see it (priced at band
 * midpoints for a viewer, with `pricedAtBandMidpoints`), `projection` its projection.
 */
export function planVariance(
  plan: Scenario,
  projection: Projection,
  history: readonly RecordedPerson[],
  {
    adoptedFrom,
    asOf,
    pricedAtBandMidpoints = false,
  }: { adoptedFrom: string; asOf: string; pricedAtBandMidpoints?: boolean },
): Variance {
  const levels = new Map(plan.levels.map((l) => [l.id, l]));
  const teamNames = new Map((plan.teams ?? []).map((t) => [t.id, t.name]));
  const hasTeams = (plan.teams?.length ?? 0) > 0;
  const a = plan.assumptions;
  const stepMonths = projection.summary.stepMonths;
  const planEnd = addMonths(plan.start, plan.horizonMonths - 1);
  const first = adoptedFrom.slice(0, 7) < plan.start ? plan.start : adoptedFrom.slice(0, 7);
  const today = asOf.slice(0, 7);
  const last = today > planEnd ? planEnd : today;
  const sinceDay = adoptedFrom < `${plan.start}-01` ? `${plan.start}-01` : adoptedFrom;

  // A state at a level the plan does not know (one added to the ladder since) cannot be counted
  // against it: it is read as the person's last state at a known level, and someone only ever at
  // unknown levels is left out.
  const recorded = history
    .map((p) => ({ ...p, states: p.states.filter((s) => s.removed || levels.has(s.levelId)) }))
    .filter((p) => p.states.some((s) => !s.removed))
    .map((p) => ({ ...p, dates: datesOf(p) }));
  const salaryOf = (state: RecordedPersonState) =>
    pricedAtBandMidpoints ? levels.get(state.levelId)!.band.mid : state.salary;
  const teamOf = (state: RecordedPersonState) => (hasTeams && state.teamId !== null ? teamKey(state.teamId) : null);
  const move = (p: (typeof recorded)[number], on: string, planned: boolean): PersonMove => {
    const state = stateOn(p, on);
    const team = teamOf(state);
    return {
      engineerId: p.engineerId,
      name: state.name,
      levelId: state.levelId,
      levelTitle: levels.get(state.levelId)!.title,
      team,
      teamName: team === null ? null : (teamNames.get(team) ?? null),
      on,
      planned,
    };
  };

  // Each person's state at each month's end: months are read in order, so a cursor per person
  // walks their states once (the state of a day is the newest recorded on or before it).
  type Cursor = {
    p: (typeof recorded)[number];
    states: RecordedPersonState[];
    startDate: string;
    leftOn: string | null;
    next: number;
    level: Level;
    levelId: string;
    team: string | null;
    salary: number;
    startDay: number;
    startMonth: string;
    leftMonth: string | null;
  };
  const take = (cursor: Cursor, state: RecordedPersonState) => {
    cursor.levelId = state.levelId;
    cursor.level = levels.get(state.levelId)!;
    cursor.team = teamOf(state);
    cursor.salary = salaryOf(state);
  };
  const cursors = recorded.map((p) => {
    const cursor = {
      p,
      states: p.states,
      startDate: p.dates.startDate,
      leftOn: p.dates.leftOn,
      next: 0,
      startDay: dayNumber(p.dates.startDate),
      startMonth: p.dates.startDate.slice(0, 7),
      leftMonth: p.dates.leftOn?.slice(0, 7) ?? null,
    } as Cursor;
    take(cursor, p.states.find((s) => !s.removed) ?? p.states[0]!);
    return cursor;
  });
  const months: VarianceMonth[] = [];
  for (let month = first; month <= last; month = addMonths(month, 1)) {
    const offset = monthsBetween(plan.start, month);
    const stepIndex = Math.floor(offset / stepMonths);
    const row = projection.rows[stepIndex];
    if (!row) break;
    const current = month === today;
    const day = current ? asOf : lastDayOf(month);
    const dayNow = dayNumber(day);
    const actual = emptyFigures();
    const byLevel = new Map<string, number>();
    const byTeam = new Map<string, number>();
    const presentLevels: Level[] = [];
    const monthsIn: number[] = [];
    for (const cursor of cursors) {
      const { states, startDate, leftOn } = cursor;
      while (cursor.next < states.length && states[cursor.next]!.from <= day) {
        const recordedState = states[cursor.next]!;
        if (!recordedState.removed) take(cursor, recordedState);
        cursor.next += 1;
      }
      if (cursor.startMonth === month && startDate >= sinceDay && startDate <= day) {
        actual.joiners += 1;
        actual.recruitingCost += cursor.salary * a.recruitingFeeRate;
      }
      if (cursor.leftMonth === month && leftOn! >= sinceDay && leftOn! <= day) actual.leavers += 1;
      if (!(startDate <= day && (leftOn === null || leftOn > day))) continue;
      actual.headcount += 1;
      byLevel.set(cursor.levelId, (byLevel.get(cursor.levelId) ?? 0) + 1);
      if (cursor.team !== null) byTeam.set(cursor.team, (byTeam.get(cursor.team) ?? 0) + 1);
      actual.payroll += cursor.salary / 12;
      presentLevels.push(cursor.level);
      monthsIn.push(Math.max(0, (dayNow - cursor.startDay) / DAYS_PER_MONTH));
    }
    actual.byLevel = Object.fromEntries(byLevel);
    actual.byTeam = Object.fromEntries(byTeam);
    actual.loadedCost = actual.payroll * (1 + a.overheadRate);
    actual.totalCost = actual.loadedCost + actual.recruitingCost;
    actual.capacity = capacityOf(presentLevels, monthsIn, a.hoursPerWeek);
    months.push({ month, current, planned: plannedMonth(row, stepMonths, offset % stepMonths === 0), actual });
  }

  // Planned hires, one by one, matched in order to joiners of the same level (and team).
  const keyOf = (levelId: string, team: string | null | undefined) => `${levelId}|${hasTeams ? (team ?? "") : ""}`;
  const planned = plan.plan
    .flatMap((event, order) =>
      event.type === "hire"
        ? Array.from({ length: event.count }, () => ({
            event,
            order,
            month: addMonths(plan.start, event.month),
          }))
        : [],
    )
    .filter((h) => h.month >= first)
    .sort((x, y) => (x.month < y.month ? -1 : x.month > y.month ? 1 : x.order - y.order));
  const joiners = recorded
    .filter((p) => p.dates.startDate >= sinceDay)
    .sort((x, y) =>
      x.dates.startDate < y.dates.startDate
        ? -1
        : x.dates.startDate > y.dates.startDate
          ? 1
          : x.engineerId - y.engineerId,
    );
  const waiting = new Map<string, (typeof joiners)[number][]>();
  for (const j of joiners) {
    const state = stateOn(j, j.dates.startDate);
    const key = keyOf(state.levelId, teamOf(state));
    const queue = waiting.get(key);
    if (queue) queue.push(j);
    else waiting.set(key, [j]);
  }
  const taken = new Set<number>();
  const hires: PlannedHireOutcome[] = planned.map(({ event, month }) => {
    const hire = event;
    const team = hasTeams ? (hire.team ?? null) : null;
    const queue = waiting.get(keyOf(hire.level, team)) ?? [];
    const joiner = queue.shift();
    const base = {
      levelId: hire.level,
      levelTitle: levels.get(hire.level)?.title ?? hire.level,
      team,
      teamName: team === null ? null : (teamNames.get(team) ?? null),
      plannedMonth: month,
    };
    if (!joiner) return { ...base, status: month <= last ? "overdue" : "not due", person: null };
    taken.add(joiner.engineerId);
    const started = joiner.dates.startDate.slice(0, 7);
    return {
      ...base,
      status: started < month ? "early" : started === month ? "on time" : "late",
      person: {
        engineerId: joiner.engineerId,
        name: stateOn(joiner, joiner.dates.startDate).name,
        startDate: joiner.dates.startDate,
        started: joiner.dates.startDate <= asOf,
      },
    };
  });
  const unplannedJoiners = joiners
    .filter((j) => !taken.has(j.engineerId) && j.dates.startDate <= asOf)
    .map((j) => move(j, j.dates.startDate, false));

  const departures = new Set(plan.plan.filter((e) => e.type === "depart").map((e) => e.member));
  const leavers = recorded
    .filter((p) => p.dates.leftOn !== null && p.dates.leftOn >= sinceDay && p.dates.leftOn <= asOf)
    .sort((x, y) => (x.dates.leftOn! < y.dates.leftOn! ? -1 : 1))
    .map((p) => move(p, p.dates.leftOn!, departures.has(memberId(p.engineerId))));

  const toDate = { planned: emptyFigures(), actual: emptyFigures() };
  for (const m of months)
    for (const side of ["planned", "actual"] as const) {
      const sum = toDate[side];
      const month = m[side];
      for (const key of ["payroll", "loadedCost", "recruitingCost", "totalCost", "joiners", "leavers"] as const)
        sum[key] += month[key];
      // Head counts and capacity are the latest month's, not sums.
      sum.headcount = month.headcount;
      sum.byLevel = month.byLevel;
      sum.byTeam = month.byTeam;
      sum.capacity = month.capacity;
    }
  const plannedDeparturesSoFar = plan.plan.filter((e) => {
    if (e.type !== "depart") return false;
    const month = addMonths(plan.start, e.month);
    return month >= first && month <= last;
  }).length;
  const expectedAttrition = Math.max(0, toDate.planned.leavers - plannedDeparturesSoFar);

  return {
    months,
    hires,
    unplannedJoiners,
    leavers,
    expectedAttrition,
    toDate,
    words:
      months.length === 0 ? [] : varianceWords({ hires, unplannedJoiners, leavers, expectedAttrition, toDate, last }),
  };
}

/** The answer in words, one clause per measure. */
function varianceWords({
  hires,
  unplannedJoiners,
  leavers,
  expectedAttrition,
  toDate,
  last,
}: Pick<Variance, "hires" | "unplannedJoiners" | "leavers" | "expectedAttrition" | "toDate"> & {
  last: string;
}): string[] {
  const words: string[] = [];
  const by = monthInWords(last);
  const due = hires.filter((h) => h.plannedMonth <= last);
  const made = due.filter((h) => h.person?.started);
  const ahead = hires.filter((h) => h.plannedMonth > last && h.person?.started).length;
  let hiring =
    due.length === 0
      ? `no hire was planned by ${by}`
      : due.length === 1
        ? `the hire planned by ${by} has ${made.length === 1 ? "" : "not "}started`
        : `${made.length} of ${due.length} hires planned by ${by} ${made.length === 1 ? "has" : "have"} started`;
  if (ahead > 0) hiring += `, and ${countWord(ahead)} planned for later started early`;
  if (unplannedJoiners.length > 0)
    hiring += `; ${people(unplannedJoiners.length)} joined who ${unplannedJoiners.length === 1 ? "was" : "were"} not in the plan`;
  words.push(hiring);

  const unplanned = leavers.filter((l) => !l.planned);
  const expected = `the plan expected about ${expectedAttrition < 10 ? expectedAttrition.toFixed(1) : Math.round(expectedAttrition)} to leave by now`;
  if (unplanned.length === 0) words.push(`no one left unplanned (${expected})`);
  else {
    const byLevel = new Map<string, number>();
    for (const l of unplanned) byLevel.set(l.levelTitle, (byLevel.get(l.levelTitle) ?? 0) + 1);
    const who = [...byLevel].map(([title, n]) => `${countWord(n)} ${title}${n === 1 ? "" : "s"}`);
    words.push(
      unplanned.length === 1
        ? `${who[0]} left unplanned (${expected})`
        : `${unplanned.length} people left unplanned: ${who.join(", ")} (${expected})`,
    );
  }

  const cost = toDate.actual.totalCost - toDate.planned.totalCost;
  words.push(
    Math.abs(cost) < 1000
      ? "cost is on plan"
      : `cost is ${shortDollars(Math.abs(cost))} ${cost < 0 ? "under" : "over"} plan`,
  );
  return words;
}

/**
 * The rest of the plan of record, for a re-forecast starting at `start` (YYYY-MM): its planned
 * hires not made yet (an overdue one in the first month, the rest in their own months), and its
 * other events from `start` on, each counted in months from `start`. The caller fits them to the
 * roster (`fitPlanToRoster` drops departures of people who have gone).
 */
export function remainingPlan(plan: Scenario, variance: Pick<Variance, "hires">, start: string): PlanEvent[] {
  const events: PlanEvent[] = [];
  const hireOf = new Map<string, Extract<PlanEvent, { type: "hire" }>>();
  for (const event of plan.plan)
    if (event.type === "hire")
      hireOf.set(`${addMonths(plan.start, event.month)}|${event.level}|${event.team ?? ""}`, event);
  const counted = new Map<string, Extract<PlanEvent, { type: "hire" }>>();
  for (const hire of variance.hires) {
    if (hire.person !== null) continue;
    const source = hireOf.get(`${hire.plannedMonth}|${hire.levelId}|${hire.team ?? ""}`);
    const month = Math.max(0, monthsBetween(start, hire.plannedMonth));
    const key = `${month}|${hire.levelId}|${hire.team ?? ""}`;
    const existing = counted.get(key);
    if (existing) existing.count += 1;
    else {
      const event: Extract<PlanEvent, { type: "hire" }> = {
        type: "hire",
        level: hire.levelId,
        count: 1,
        month,
        ...(source?.salary !== undefined ? { salary: source.salary } : {}),
        ...(source?.skills !== undefined ? { skills: source.skills } : {}),
        ...(hire.team !== null ? { team: hire.team } : {}),
      };
      counted.set(key, event);
      events.push(event);
    }
  }
  for (const event of plan.plan) {
    if (event.type === "hire") continue;
    const month = monthsBetween(start, addMonths(plan.start, event.month));
    if (month >= 0) events.push({ ...event, month });
  }
  return events.sort((x, y) => x.month - y.month);
}

/**
 * A re-forecast of the plan of record from `start` (YYYY-MM) to the plan's end: its name, months,
 * the rest of its plan (`remainingPlan`) and its goals moved to the new start (a goal from a month
 * already past holds from the first month; a total budget becomes what is left of it after the
 * cost so far, and is dropped when nothing is left). Null when the plan has ended by `start`.
 */
export function reforecastOf(
  plan: Scenario,
  variance: Pick<Variance, "hires" | "toDate">,
  start: string,
): { name: string; start: string; horizonMonths: number; plan: PlanEvent[]; goals: Goals | undefined } | null {
  const horizonMonths = monthsBetween(start, addMonths(plan.start, plan.horizonMonths - 1)) + 1;
  if (horizonMonths < 1) return null;
  const shift = monthsBetween(plan.start, start);
  const from = (month: number) => Math.max(0, month - shift);
  const goals = plan.goals;
  let moved: Goals | undefined;
  if (goals) {
    const left =
      goals.budget?.maxTotalCost === undefined
        ? undefined
        : goals.budget.maxTotalCost - variance.toDate.actual.totalCost;
    const budget = {
      ...(left !== undefined && left > 0 ? { maxTotalCost: left } : {}),
      ...(goals.budget?.maxLoadedCostPerYear !== undefined
        ? { maxLoadedCostPerYear: goals.budget.maxLoadedCostPerYear }
        : {}),
    };
    moved = {
      ...(goals.capacity ? { capacity: { ...goals.capacity, fromMonth: from(goals.capacity.fromMonth) } } : {}),
      ...(Object.keys(budget).length > 0 ? { budget } : {}),
      ...(goals.ratio ? { ratio: { fromMonth: from(goals.ratio.fromMonth) } } : {}),
      ...(goals.coverage ? { coverage: { ...goals.coverage, fromMonth: from(goals.coverage.fromMonth) } } : {}),
      ...(goals.maxHeadcount !== undefined ? { maxHeadcount: goals.maxHeadcount } : {}),
    };
  }
  return {
    name: `${plan.name} (re-forecast ${monthInWords(start)})`.slice(0, 200),
    start,
    horizonMonths,
    plan: remainingPlan(plan, variance, start),
    goals: moved,
  };
}
