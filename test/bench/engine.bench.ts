/**
 * npm run bench: how fast the engine is on a large team. Prints medians; not a test.
 * (a) expected-value projection of 1,000 named engineers over 60 monthly steps,
 * (b) Monte Carlo of 1,000 trials of the same team, (c) validation of its document, (d) the
 * projection of the same engineers in 10 teams (MODEL.md section 6), with transfers, and the peak
 * memory of this process; (e) projection and Monte Carlo of the 1,000 engineers with the hiring
 * fields of MODEL.md section 7 on (the recommended time to fill and interview hours, backfills
 * after the time to fill, first-year attrition at 1.5x, tenure on a third of the team); (i) the
 * projection of 10,000 engineers over 120 monthly steps; (j) 10 engineers over 30, 60 and 120
 * months, to show how the cost grows with the horizon.
 *
 * Projections are timed as a what-if edit runs them: each run projects a scenario parsed anew from
 * the document with one assumption changed, so its team is an equal copy in a new array (the
 * compiled team is kept between them, see app/domain/README.md). (a) and (i) also print the time
 * with the team compiled afresh on every run, as after an edit to the team.
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
import { forgetCompiledTeams } from "../../app/domain/compile";
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

/**
 * Times `f` as `time` does, each run just after a run of the gauge; gives both medians, and the
 * median CPU time of the process per run of `f` (what other jobs on the machine change least:
 * time the process waits for a core is not in it).
 */
function paced(runs: number, warmup: number, f: () => unknown) {
  for (let i = 0; i < warmup; i++) {
    gauge();
    f();
  }
  const pace: number[] = [];
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    gauge();
    pace.push(performance.now() - start);
    const cpuStart = process.cpuUsage();
    start = performance.now();
    f();
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { median: median(times), pace: median(pace), cpu: median(cpu) };
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

function mustParse(doc: ScenarioInput): Scenario {
  const parsed = parseScenario(doc);
  if (!parsed.ok) throw new Error(`benchmark scenario is invalid: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
  return parsed.scenario;
}

/**
 * Times projections as what-if edits make them: run i projects the document parsed with an
 * overhead rate of 0.30 or 0.31 in turn (every projection a new scenario, its team an equal copy
 * in a new array). `afresh`: the compiled team is forgotten before each run, as after a team edit.
 */
function whatIf(doc: ScenarioInput, runs: number, warmup: number, afresh = false) {
  const edits = [0.3, 0.31].map((overheadRate) =>
    mustParse({ ...doc, assumptions: { ...doc.assumptions, overheadRate } }),
  );
  let i = 0;
  return paced(runs, warmup, () => {
    if (afresh) forgetCompiledTeams();
    return projectScenario(edits[i++ % 2]!);
  });
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
const project = whatIf(doc, 100, 20);
console.log(
  `(a) expected-value projection:                median ${format(project.median)}, CPU ${format(project.cpu)} (100 runs; target < 1 ms; the machine's pace: ${format(project.pace)})`,
);
const projectAfresh = whatIf(doc, 100, 20, true);
console.log(
  `    with the team compiled afresh each run:   median ${format(projectAfresh.median)}, CPU ${format(projectAfresh.cpu)} (100 runs; the machine's pace: ${format(projectAfresh.pace)})`,
);
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
const large = largeTeamDocument(10_000, 120);
const largeRun = whatIf(large, 30, 10);
console.log(
  `(i) 10,000 engineers, 120 monthly steps:      median ${format(largeRun.median)}, CPU ${format(largeRun.cpu)} (30 runs; target < 10 ms; the machine's pace: ${format(largeRun.pace)})`,
);
const largeAfresh = whatIf(large, 30, 10, true);
console.log(
  `    with the team compiled afresh each run:   median ${format(largeAfresh.median)}, CPU ${format(largeAfresh.cpu)} (30 runs; the machine's pace: ${format(largeAfresh.pace)})`,
);
const byHorizon = [30, 60, 120].map((months) => whatIf(largeTeamDocument(10, months), 200, 50).cpu);
console.log(
  `(j) 10 engineers over 30 / 60 / 120 months:   CPU ${byHorizon.map(format).join(" / ")} (200 runs each; x${(byHorizon[1]! / byHorizon[0]!).toFixed(1)}, x${(byHorizon[2]! / byHorizon[1]!).toFixed(1)} per doubling: linear is x2)`,
);
const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(
  `peak memory (max resident set size):           ${peakMb.toFixed(0)} MB (target < 200 MB; ${startRssMb.toFixed(0)} MB before any work)`,
);
