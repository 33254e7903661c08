/**
 * Random planner instances (MODEL.md section 8) for the planner's tests and benchmark: a small
 * team on a slice of the default ladder, goals set around what its own plan reaches, and a
 * search space of a given size. Deterministic: instance i of a seed is always the same.
 */
import {
  createRandom,
  defaultLevels,
  projectScenario,
  type PlannerOptions,
  type Random,
  type Scenario,
  type ScenarioInput,
} from "~/domain";
import { makeScenario } from "./scenario";

export interface PlannerInstance {
  scenario: Scenario;
  options: PlannerOptions;
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random.next() * items.length)]!;
const between = (random: Random, low: number, high: number) => low + random.next() * (high - low);
const whole = (random: Random, low: number, high: number) => Math.floor(between(random, low, high + 1));

/** The goals, set around the baseline so that some instances can meet them and some cannot. */
function goalsAround(random: Random, scenario: Scenario): ScenarioInput["goals"] {
  const base = projectScenario(scenario);
  const rows = base.rows;
  const month = () => whole(random, 0, scenario.horizonMonths - 1);
  const goals: NonNullable<ScenarioInput["goals"]> = {};
  const kinds = ["capacity", "capacity", "ratio", "coverage", "maxHeadcount", "totalCost", "yearlyCost"] as const;
  const count = whole(random, 1, 3);
  for (let i = 0; i < count; i++) {
    const kind = pick(random, kinds);
    if (kind === "capacity") {
      const fromMonth = month();
      const at = rows[Math.floor(fromMonth / (rows.length ? scenario.horizonMonths / rows.length : 1))] ?? rows[0]!;
      goals.capacity = { atLeast: Math.round(at.capacity * between(random, 1, 1.7) * 10) / 10, fromMonth };
    } else if (kind === "ratio") goals.ratio = { fromMonth: month() };
    else if (kind === "coverage") goals.coverage = { atLeast: pick(random, [0.5, 0.8, 1]), fromMonth: month() };
    else if (kind === "maxHeadcount")
      goals.maxHeadcount = Math.ceil(Math.max(...rows.map((r) => r.totalHeadcount))) + whole(random, 0, 6);
    else if (kind === "totalCost")
      goals.budget = { ...goals.budget, maxTotalCost: Math.round(base.summary.totalCost * between(random, 1, 1.35)) };
    else {
      const yearly = Math.max(...rows.map((r) => r.totalCost)) * Math.min(12, scenario.horizonMonths);
      goals.budget = { ...goals.budget, maxLoadedCostPerYear: Math.round(yearly * between(random, 0.9, 1.4)) };
    }
  }
  return goals;
}

/**
 * Instance `index` of `seed`: `team` engineers (2 to 3 levels of the ladder), sometimes in teams,
 * sometimes with backfill, mentoring and the hiring limits; a search space of at most `maxPlans`
 * plans (with `slots`, that many slots or the next whole number of months, and as many hires per
 * slot as fit; else both at random).
 */
export function plannerInstance(
  seed: number,
  index: number,
  { maxPlans = 4_096, team = [3, 10] as [number, number], slots = undefined as number | undefined } = {},
): PlannerInstance {
  const random = createRandom(seed, index);
  const ladder = defaultLevels();
  const first = whole(random, 0, 2);
  const slice = ladder.slice(first, first + whole(random, 2, 3));
  // The slice's top level has nobody to be promoted to.
  const levels = slice.map((level, i) => (i === slice.length - 1 ? { ...level, annualPromotion: 0 } : level));
  const withTeams = random.next() < 0.4;
  const teams = withTeams
    ? [
        { id: "a", name: "A" },
        { id: "b", name: "B" },
      ]
    : undefined;
  const people = whole(random, team[0], team[1]);
  const entries = Array.from({ length: people }, (_, i) => {
    const level = pick(random, levels);
    return {
      id: `e${i}`,
      level: level.id,
      count: 1,
      salary: Math.round(between(random, level.band.min, level.band.max)),
      ...(teams ? { team: pick(random, teams).id } : {}),
    };
  });
  const step = random.next() < 0.7 ? "month" : "quarter";
  const horizonMonths = pick(random, [6, 9, 12, 18]);
  const fields: Partial<ScenarioInput> = {
    horizonMonths,
    step,
    levels,
    ...(teams ? { teams } : {}),
    team: entries,
    assumptions: {
      backfill: { enabled: random.next() < 0.5, delayMonths: whole(random, 0, 3), level: "same" },
      mentorship: { program: random.next() < 0.5, retentionEffect: 0.3 },
      ...(random.next() < 0.3 ? { hiring: { recruiters: whole(random, 1, 2), maxGrowthPerQuarter: 0.5 } } : {}),
    },
  };
  const scenario = makeScenario(fields);
  const withGoals = makeScenario({ ...fields, goals: goalsAround(random, scenario) });

  // The space: levels, teams and months, then the most per slot that keeps it within maxPlans.
  const months = Array.from({ length: Math.ceil(horizonMonths / 3) }, (_, i) => i * 3);
  const levelIds = levels.map((l) => l.id);
  const teamIds = teams?.map((t) => t.id) ?? [];
  const wanted = slots ?? whole(random, 1, 8);
  const chosenLevels = levelIds.slice(0, Math.max(1, Math.min(levelIds.length, whole(random, 1, 3))));
  const chosenTeams = teams ? teamIds.slice(0, whole(random, 1, 2)) : undefined;
  const perMonth = chosenLevels.length * (chosenTeams?.length ?? 1);
  const chosenMonths = months.slice(0, Math.max(1, Math.min(months.length, Math.floor(wanted / perMonth) || 1)));
  const slotCount = perMonth * chosenMonths.length;
  let largest = 1;
  while (largest < 5 && Math.pow(largest + 2, slotCount) <= maxPlans) largest++;
  const maxPerSlot = slots === undefined ? whole(random, 1, largest) : largest;
  return {
    scenario: withGoals,
    options: {
      levels: chosenLevels,
      ...(chosenTeams ? { teams: chosenTeams } : {}),
      months: chosenMonths,
      maxPerSlot,
      searchesBeforePlan: true,
    },
  };
}

/**
 * A large instance for the benchmark and the safety property: the whole ladder (5 levels), three
 * teams, `people` engineers over 24 months, and the space of every level, team and quarter (5 x 3
 * x 8 = 120 slots) with up to 5 hires each.
 */
export function largePlannerInstance(seed: number, index: number, people = 30): PlannerInstance {
  const random = createRandom(seed, 1_000_000 + index);
  const levels = defaultLevels();
  const teams = [
    { id: "platform", name: "Platform" },
    { id: "payments", name: "Payments" },
    { id: "mobile", name: "Mobile" },
  ];
  const weights = [0.25, 0.3, 0.25, 0.15, 0.05];
  const team = Array.from({ length: people }, (_, i) => {
    let u = random.next();
    let l = 0;
    while (l < weights.length - 1 && u > weights[l]!) u -= weights[l++]!;
    const level = levels[l]!;
    return {
      id: `e${i}`,
      level: level.id,
      count: 1,
      salary: Math.round(between(random, level.band.min, level.band.max)),
      team: teams[i % 3]!.id,
    };
  });
  const fields: Partial<ScenarioInput> = {
    horizonMonths: 24,
    step: "month",
    levels,
    teams,
    team,
    assumptions: {
      backfill: { enabled: true, delayMonths: 2, level: "same" },
      mentorship: { program: true, retentionEffect: 0.3 },
      ...(random.next() < 0.5 ? { hiring: { recruiters: 2, maxGrowthPerQuarter: 0.34 } } : {}),
    },
  };
  const base = projectScenario(makeScenario(fields));
  const at = base.rows[12]!;
  const goals: NonNullable<ScenarioInput["goals"]> = {
    capacity: { atLeast: Math.round(at.capacity * between(random, 1.2, 1.6) * 10) / 10, fromMonth: 12 },
    ...(random.next() < 0.6 ? { ratio: { fromMonth: 6 } } : {}),
    ...(random.next() < 0.5 ? { coverage: { atLeast: 0.8, fromMonth: 6 } } : {}),
    ...(random.next() < 0.5 ? { maxHeadcount: Math.ceil(people * between(random, 1.4, 1.8)) } : {}),
  };
  return { scenario: makeScenario({ ...fields, goals }), options: { maxPerSlot: 5 } };
}
