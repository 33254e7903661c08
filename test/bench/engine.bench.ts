/**
 * npm run bench: how fast the engine is on a large team. Prints medians; not a test.
 * (a) expected-value projection of 1,000 named engineers over 60 monthly steps,
 * (b) Monte Carlo of 1,000 trials of the same team, (c) validation of its document, (d) the
 * projection of the same engineers in 10 teams (MODEL.md section 6), with transfers, and the peak
 * memory of this process; (e) projection and Monte Carlo of the 1,000 engineers with the hiring
 * fields of MODEL.md section 7 on (the recommended time to fill and interview hours, backfills
 * after the time to fill, first-year attrition at 1.5x, tenure on a third of the team).
 */
import { performance } from "node:perf_hooks";
import {
  parseScenario,
  recommendedLevels,
  RECOMMENDED_FIRST_YEAR_ATTRITION_MULTIPLIER,
  projectScenario,
  simulateMonteCarlo,
  type Scenario,
  type ScenarioInput,
} from "../../app/domain";
import { largeTeamDocument } from "./large-team";

/** The same document with its engineers and hires spread over `teams` teams, and a transfer every quarter. */
function inTeams(doc: ScenarioInput, teams: number): ScenarioInput {
  const ids = Array.from({ length: teams }, (_, i) => `t${i}`);
  const plan = (doc.plan ?? []).map((event, i) =>
    event.type === "hire" ? { ...event, team: ids[i % teams]! } : event,
  );
  for (let month = 1; month < doc.horizonMonths; month += 3)
    plan.push({ type: "transfer", member: `e${month * 13 + 2}`, team: ids[month % teams]!, month });
  return {
    ...doc,
    name: `Benchmark: 1,000 engineers in ${teams} teams`,
    teams: ids.map((id) => ({ id, name: `Team ${id}` })),
    team: (doc.team ?? []).map((entry, i) => ({ ...entry, team: ids[i % teams]! })),
    plan,
    assumptions: { mentorship: { crossTeamShare: 0.25 } },
  };
}

function median(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function time(runs: number, warmup: number, f: () => unknown): number {
  for (let i = 0; i < warmup; i++) f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    f();
    times.push(performance.now() - start);
  }
  return median(times);
}

/**
 * A fixed piece of arithmetic, as a gauge of the machine's pace: on a shared machine the same
 * loop takes up to 1.6 times as long in busy spells, and so does everything timed then.
 */
function gauge(): number {
  const values = new Float64Array(10_000);
  let sum = 0;
  for (let round = 0; round < 50; round++)
    for (let i = 0; i < values.length; i++) {
      values[i]! += i * 0.5;
      sum += values[i]!;
    }
  return sum;
}

/** Times `f` as `time` does, each run just after a run of the gauge; gives both medians. */
function paced(runs: number, warmup: number, f: () => unknown) {
  for (let i = 0; i < warmup; i++) {
    gauge();
    f();
  }
  const pace: number[] = [];
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    gauge();
    pace.push(performance.now() - start);
    start = performance.now();
    f();
    times.push(performance.now() - start);
  }
  return { median: median(times), pace: median(pace) };
}

/** The document with section 7's hiring fields on, as the app creates scenarios. */
function withHiring(doc: ScenarioInput): ScenarioInput {
  return {
    ...doc,
    name: `${doc.name}, hiring fields on`,
    levels: recommendedLevels(),
    team: (doc.team ?? []).map((entry, i) => (i % 3 === 0 ? { ...entry, tenureMonths: i % 24 } : entry)),
    assumptions: {
      backfill: { useTimeToFill: true },
      hiring: { firstYearAttritionMultiplier: RECOMMENDED_FIRST_YEAR_ATTRITION_MULTIPLIER, recruiters: 4 },
    },
  };
}

const format = (ms: number) => (ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`);

const startRssMb = process.memoryUsage().rss / 2 ** 20;
const doc = largeTeamDocument();
const parsed = parseScenario(doc);
if (!parsed.ok) throw new Error(`benchmark scenario is invalid: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
const scenario: Scenario = parsed.scenario;

console.log(
  `Node ${process.version}, ${process.arch}; 1,000 named engineers, 60 monthly steps, ${doc.plan!.length} plan events`,
);
const validate = time(30, 5, () => parseScenario(doc));
console.log(`(c) validation of the scenario document:      median ${format(validate)} (30 runs)`);
const project = time(50, 10, () => projectScenario(scenario));
console.log(`(a) expected-value projection:                median ${format(project)} (50 runs; target < 5 ms)`);
const teamsParsed = parseScenario(inTeams(doc, 10));
if (!teamsParsed.ok) throw new Error(`teams scenario is invalid: ${JSON.stringify(teamsParsed.issues.slice(0, 3))}`);
const teamsScenario = teamsParsed.scenario;
const teams = paced(100, 10, () => projectScenario(teamsScenario));
console.log(`(d) the same in 10 teams, with transfers:     median ${format(teams.median)} (100 runs; target < 5 ms)`);
console.log(
  `    the machine's pace meanwhile: a fixed loop took ${format(teams.pace)} (median; 0.8-0.9 ms when the machine is quiet)`,
);
const monteCarlo = time(5, 1, () => simulateMonteCarlo(scenario, { trials: 1000, seed: 1 }));
console.log(`(b) Monte Carlo, 1,000 trials:                 median ${format(monteCarlo)} (5 runs; target < 1.5 s)`);
const hiringParsed = parseScenario(withHiring(doc));
if (!hiringParsed.ok) throw new Error(`hiring scenario is invalid: ${JSON.stringify(hiringParsed.issues.slice(0, 3))}`);
const hiringScenario = hiringParsed.scenario;
const hiring = paced(100, 10, () => projectScenario(hiringScenario));
console.log(`(e) the same with the hiring fields on:       median ${format(hiring.median)} (100 runs; target < 5 ms)`);
const hiringMonteCarlo = time(5, 1, () => simulateMonteCarlo(hiringScenario, { trials: 1000, seed: 1 }));
console.log(
  `    and its Monte Carlo, 1,000 trials:        median ${format(hiringMonteCarlo)} (5 runs; target < 1.5 s)`,
);
const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(
  `peak memory (max resident set size):           ${peakMb.toFixed(0)} MB (target < 200 MB; ${startRssMb.toFixed(0)} MB before any work)`,
);
