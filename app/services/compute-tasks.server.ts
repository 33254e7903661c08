/**
 * The heavy work the server hands to its compute threads (compute.server.ts), as
 * plain functions of plain data, so a small job can run inline with the very same code.
 * Scenario documents travel as JSON text: one string copies faster than a structured clone of
 * the object, and the thread parses it itself.
 */
import {
  budgetIssues,
  MAX_DOCUMENT_CHARS,
  monteCarloOverBudget,
  parseScenarioJson,
  planVariance,
  projectScenario,
  trialSamples,
  TrialRunner,
  type Level,
  type MonteCarloResult,
  type Projection,
  type RecordedPerson,
  type Scenario,
  type ScenarioIssue,
  type Variance,
  type Table,
  type TrialOutcomes,
} from "~/domain";
import { readSpreadsheet } from "~/utils/spreadsheet";
import { simulateInThreads, takeTrials, type SharedRunInput } from "./monte-carlo-threads.server";
import { planSentSheet } from "./roster-plan.server";
import { comparisonWorkbook, scenarioWorkbook, tableWorkbook } from "./workbook.server";

export type Validated = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

/** A document's text, validated by the engine's schema and within the work limits. */
function validate({ text }: { text: string }): Validated {
  if (text.length > MAX_DOCUMENT_CHARS) {
    return {
      ok: false,
      issues: [
        {
          path: "(document)",
          message: `is ${text.length.toLocaleString("en-US")} characters long; a scenario may be at most ${MAX_DOCUMENT_CHARS.toLocaleString("en-US")}`,
        },
      ],
    };
  }
  const parsed = parseScenarioJson(text.replace(/^\uFEFF/, ""));
  if (!parsed.ok) return parsed;
  const overBudget = budgetIssues(parsed.scenario);
  return overBudget.length > 0 ? { ok: false, issues: overBudget } : parsed;
}

/** An already validated document's text (a stored scenario, as the user may see it). */
const scenarioOf = (text: string) => JSON.parse(text) as Scenario;

/** The runner of the last run this thread helped with: the chunks of one run compile it once. */
let lastRun: { text: string; runner: TrialRunner } | null = null;
function runnerFor(text: string): TrialRunner {
  if (lastRun?.text !== text) lastRun = { text, runner: new TrialRunner(scenarioOf(text)) };
  return lastRun.runner;
}

export type Simulated = { ok: true; result: MonteCarloResult } | { ok: false; message: string };

async function simulate(scenario: Scenario, text: string, threads: number): Promise<Simulated> {
  const over = monteCarloOverBudget(scenario);
  return over
    ? { ok: false, message: over }
    : { ok: true, result: await simulateInThreads(scenario, text, { threads }) };
}

interface WorkbookInput {
  /** The scenarios' documents, as JSON text, one per line. */
  text: string;
  levels: Level[];
  salaries: boolean;
  baselineIndex?: number;
  /** A comparison's verdicts, one per scenario, as the page wrote them. */
  verdicts?: string[];
  /** The workspace's fiscal year's first month (1-12), for the By quarter and By year sheets. */
  fiscalYearStartMonth?: number;
  /** Threads for the scenario workbook's Monte Carlo (1 unless in the compute thread). */
  threads?: number;
}

export const TASKS = {
  validate,
  readSheet: ({ bytes }: { bytes: Uint8Array }) => readSpreadsheet(bytes),
  planImport: ({ text, ...team }: { text: string } & Omit<Parameters<typeof planSentSheet>[0], "sheetText">) =>
    planSentSheet({ sheetText: text, ...team }),
  project: ({ text }: { text: string }): Projection => projectScenario(scenarioOf(text)),
  /** The plan of record against the recorded roster; `text` holds the plan, the history and the options. */
  variance: ({ text }: { text: string }): Variance => {
    const { plan, history, options } = JSON.parse(text) as {
      plan: Scenario;
      history: RecordedPerson[];
      options: Parameters<typeof planVariance>[3];
    };
    return planVariance(plan, projectScenario(plan), history, options);
  },
  /** Monte Carlo over `threads` threads (more than 1 only in the compute thread, whose helpers they are). */
  monteCarlo: ({ text, trials, threads = 1 }: { text: string; trials?: number; threads?: number }) =>
    simulateInThreads(scenarioOf(text), text, { trials, threads }),
  /** A helper thread's part of a Monte Carlo run: the chunks it takes (runs with the same document share one runner). */
  monteCarloShare: ({ text, ...run }: SharedRunInput) => takeTrials(runnerFor(text), run),
  /** A scenario's workbook: its projection and Monte Carlo are computed here too. */
  scenarioWorkbook: async ({
    text,
    levels,
    salaries,
    fiscalYearStartMonth,
    threads = 1,
  }: WorkbookInput): Promise<ArrayBuffer> => {
    const scenario = scenarioOf(text);
    return scenarioWorkbook(scenario, levels, {
      salaries,
      fiscalYearStartMonth,
      projection: projectScenario(scenario),
      simulated: await simulate(scenario, text, threads),
    });
  },
  /** A table (as JSON text) as a one-sheet workbook. */
  tableWorkbook: ({ title, sheet, text }: { title: string; sheet: string; text: string }): Promise<ArrayBuffer> =>
    tableWorkbook(title, sheet, JSON.parse(text) as Table),
  comparisonWorkbook: ({
    text,
    levels,
    salaries,
    baselineIndex = 0,
    verdicts,
    fiscalYearStartMonth,
  }: WorkbookInput): Promise<ArrayBuffer> => {
    const compared = text.split("\n").map((line) => {
      const scenario = scenarioOf(line);
      return { scenario, projection: projectScenario(scenario) };
    });
    return comparisonWorkbook(compared, baselineIndex, levels, { salaries, verdicts, fiscalYearStartMonth });
  },
};

export type TaskName = keyof typeof TASKS;
export type TaskInput<T extends TaskName> = Parameters<(typeof TASKS)[T]>[0];
export type TaskOutput<T extends TaskName> = Awaited<ReturnType<(typeof TASKS)[T]>>;

/** What a compute thread receives and answers. */
export interface TaskRequest {
  id: number;
  task: TaskName;
  input: unknown;
}
export type TaskReply = { id: number; ok: true; output: unknown } | { id: number; ok: false; message: string };

/** What a reply can move to the other thread instead of copying: a workbook's bytes, Monte Carlo chunks' samples. */
export function transferablesOf(output: unknown): ArrayBuffer[] {
  if (output instanceof ArrayBuffer) return [output];
  const isChunk = (item: unknown) => typeof item === "object" && item !== null && "goalsMet" in item;
  if (Array.isArray(output) && output.every(isChunk))
    return (output as TrialOutcomes[]).flatMap((chunk) =>
      trialSamples(chunk).map((samples) => samples.buffer as ArrayBuffer),
    );
  return [];
}
