/**
 * Heavy work off the request's event loop. Projections of large documents, Monte Carlo runs,
 * validation of large documents (and uploads) run in a compute thread (node:worker_threads) with
 * a time limit and a memory limit; a job is dropped when every request waiting for it has gone;
 * results are kept by the content they were computed from, so a page view does not recompute.
 * Small jobs (a few milliseconds) run inline with the same code. `/healthz` and sign-in never
 * wait behind any of it.
 */
import { createHash } from "node:crypto";
import { Worker } from "node:worker_threads";
import {
  monteCarloOverBudget,
  periodsTable,
  projectionOverBudget,
  projectionTable,
  teamNamer,
  type PeriodKind,
  workOf,
  type Level,
  type MonteCarloResult,
  type Projection,
  type RecordedPerson,
  type Scenario,
  type Skill,
  type Table,
  type Variance,
} from "~/domain";
import { tableToCsv } from "~/utils/csv";
import type { ReadResult } from "~/utils/spreadsheet";
import { withGoalColumns, type Compared } from "./exports.server";
import type { Engineer } from "./engineers.server";
import type { LadderLevel } from "./ladder.server";
import type { ImportChoices, ImportMemory, SheetPlan } from "./roster-plan.server";
import {
  TASKS,
  type TaskInput,
  type TaskName,
  type TaskOutput,
  type TaskReply,
  type Validated,
} from "./compute-tasks.server";
import { computeWorkerFile, monteCarloThreads } from "./monte-carlo-threads.server";

export const COMPUTE_LIMITS = {
  /** A job running longer is stopped. */
  timeMs: 30_000,
  /** The compute thread's heap (V8 old generation); a job that needs more is stopped. */
  memoryMb: 512,
  /** Jobs waiting for the thread, per server process; more are refused as busy. */
  queue: 8,
  /** Results kept, per server process. */
  cached: 200,
};

/** What the compute thread has done in this process, for tests and monitoring. */
export const computeStats = { jobsRun: 0, threadsStopped: 0 };

/**
 * Below these the job takes a few milliseconds: inline is cheaper than a trip to the thread. Long
 * horizons go to the thread whatever the team's size: each step's promotions start new groups.
 */
const INLINE = { projectionWork: 50_000, steps: 36, monteCarloWork: 2_000_000, textChars: 100_000 };

const inlineProjection = (scenario: Scenario) => {
  const work = workOf(scenario);
  return work.projection <= INLINE.projectionWork && work.steps <= INLINE.steps;
};

const refuse = (status: number, message: string) =>
  new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

interface Job {
  id: number;
  task: TaskName;
  input: unknown;
  resolve: (output: unknown) => void;
  reject: (error: unknown) => void;
  signal: AbortSignal;
}

/** One compute thread and its queue; the thread is started on first use and replaced after a stop. */
class ComputeThread {
  private worker: Worker | null = null;
  private running: Job | null = null;
  private timer: NodeJS.Timeout | undefined;
  private queue: Job[] = [];
  private nextId = 1;

  async run<T extends TaskName>(task: T, input: TaskInput<T>, signal: AbortSignal): Promise<TaskOutput<T>> {
    if (this.queue.length >= COMPUTE_LIMITS.queue)
      throw refuse(
        503,
        `The server is busy with ${COMPUTE_LIMITS.queue} other large calculations. Try again in a minute.`,
      );
    return new Promise((resolve, reject) => {
      const job: Job = {
        id: this.nextId++,
        task,
        input,
        resolve: resolve as (output: unknown) => void,
        reject,
        signal,
      };
      signal.addEventListener("abort", () => this.cancel(job), { once: true });
      this.queue.push(job);
      this.next();
    });
  }

  private cancel(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    else if (this.running === job) this.stop();
    job.reject(job.signal.reason);
  }

  private next(): void {
    if (this.running || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    this.running = job;
    computeStats.jobsRun += 1;
    this.timer = setTimeout(() => {
      this.stop();
      job.reject(
        refuse(
          503,
          `This calculation took longer than the limit of ${COMPUTE_LIMITS.timeMs / 1000} s and was stopped. Try a smaller plan, fewer trials or a shorter horizon.`,
        ),
      );
    }, COMPUTE_LIMITS.timeMs);
    this.thread().postMessage({ id: job.id, task: job.task, input: job.input });
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(computeWorkerFile(), {
      resourceLimits: { maxOldGenerationSizeMb: COMPUTE_LIMITS.memoryMb, maxYoungGenerationSizeMb: 64 },
    });
    worker.unref(); // never keeps the process alive on shutdown
    worker.on("message", (reply: TaskReply) => {
      const job = this.running;
      if (!job || job.id !== reply.id) return;
      this.finish();
      if (reply.ok) job.resolve(reply.output);
      else job.reject(new Error(reply.message));
    });
    worker.on("error", (error) => {
      const job = this.running;
      this.finish();
      this.worker = null;
      const outOfMemory = (error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY";
      job?.reject(
        outOfMemory
          ? refuse(
              503,
              `This calculation needed more than the limit of ${COMPUTE_LIMITS.memoryMb} MB and was stopped. Try a smaller plan.`,
            )
          : error,
      );
    });
    worker.on("exit", () => {
      if (this.worker === worker) this.worker = null;
    });
    this.worker = worker;
    return worker;
  }

  private finish(): void {
    clearTimeout(this.timer);
    this.running = null;
    queueMicrotask(() => this.next());
  }

  /** Stops the thread at once (the job in it is abandoned); the next job starts a new one. */
  private stop(): void {
    computeStats.threadsStopped += 1;
    const worker = this.worker;
    this.worker = null;
    this.finish();
    void worker?.terminate();
  }
}

const thread = new ComputeThread();

/** Finished results by what they were computed from, least recently used dropped first. */
const results = new Map<string, unknown>();
/** Jobs under way, shared by every request that asks for the same result. */
const underWay = new Map<string, { promise: Promise<unknown>; waiting: number; controller: AbortController }>();

function remember(key: string, value: unknown): void {
  results.delete(key);
  results.set(key, value);
  if (results.size > COMPUTE_LIMITS.cached) results.delete(results.keys().next().value!);
}

/**
 * The result of `task` for `input`, from the cache, an identical job under way, inline (when
 * `inline`), or the compute thread. A request's `signal` stops its wait; the job itself stops when
 * nobody waits for it any more.
 */
async function compute<T extends TaskName>(
  task: T,
  input: TaskInput<T> & ({ text: string } | { bytes: Uint8Array }),
  { inline, signal, keep = true }: { inline: boolean; signal?: AbortSignal; keep?: boolean },
): Promise<TaskOutput<T>> {
  const content = "text" in input ? input.text : input.bytes;
  // The number of threads never changes a result.
  const key = `${task} ${JSON.stringify({ ...input, text: undefined, bytes: undefined, threads: undefined })} ${createHash("sha256").update(content).digest("base64url")}`;
  if (results.has(key)) {
    const value = results.get(key);
    remember(key, value);
    return value as TaskOutput<T>;
  }
  if (inline) {
    const value = await (TASKS[task] as (input: TaskInput<T>) => TaskOutput<T> | Promise<TaskOutput<T>>)(input);
    if (keep) remember(key, value);
    return value;
  }
  let shared = underWay.get(key);
  if (!shared) {
    const controller = new AbortController();
    const promise = thread.run(task, input, controller.signal).then((value) => {
      if (keep) remember(key, value);
      return value;
    });
    promise.catch(() => undefined).finally(() => underWay.delete(key));
    shared = { promise, waiting: 0, controller };
    underWay.set(key, shared);
  }
  const job = shared;
  job.waiting += 1;
  try {
    if (!signal) return (await job.promise) as TaskOutput<T>;
    if (signal.aborted) throw signal.reason;
    return await new Promise<TaskOutput<T>>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      job.promise
        .then((value) => resolve(value as TaskOutput<T>), reject)
        .finally(() => signal.removeEventListener("abort", onAbort));
    });
  } finally {
    job.waiting -= 1;
    if (job.waiting === 0 && signal?.aborted) {
      job.controller.abort(signal.reason);
      underWay.delete(key);
    }
  }
}

/** A document's JSON text, made once per document object (a report asks for its projection and its simulation). */
const texts = new WeakMap<Scenario, string>();
function textOf(scenario: Scenario): string {
  let text = texts.get(scenario);
  if (text === undefined) texts.set(scenario, (text = JSON.stringify(scenario)));
  return text;
}

/**
 * The plan of record against the recorded roster (`planVariance`), in the compute thread unless
 * small: its work is the plan's projection plus people x months of history.
 */
export async function varianceOf(
  plan: Scenario,
  history: RecordedPerson[],
  options: { adoptedFrom: string; asOf: string; pricedAtBandMidpoints: boolean },
  { signal }: { signal?: AbortSignal } = {},
): Promise<Variance> {
  const over = projectionOverBudget(plan);
  if (over) throw refuse(422, over);
  const states = history.reduce((sum, p) => sum + p.states.length, 0);
  const inline = inlineProjection(plan) && states * Math.min(plan.horizonMonths, 120) <= INLINE.projectionWork;
  return compute("variance", { text: JSON.stringify({ plan, history, options }) }, { inline, signal });
}

/** The expected-value projection; refused (422) over the work limit, which names it. */
export async function projectionOf(scenario: Scenario, { signal }: { signal?: AbortSignal } = {}): Promise<Projection> {
  const over = projectionOverBudget(scenario);
  if (over) throw refuse(422, over);
  return compute("project", { text: textOf(scenario) }, { inline: inlineProjection(scenario), signal });
}

/** Per projection: its CSV texts, by period and fiscal year start (a projection stands for one document's text). */
const csvTexts = new WeakMap<Projection, Map<string, string>>();

/**
 * The projection of `scenario` as CSV for spreadsheets: every step with goal columns, or one row per
 * fiscal quarter or year (`periods`). The text is kept with its projection, which the compute cache
 * hands back for the same document: a busy export is formatted once, not on every download.
 */
export async function projectionCsv(
  scenario: Scenario,
  periods: { by: PeriodKind; fiscalYearStartMonth: number } | null,
  { signal }: { signal?: AbortSignal } = {},
): Promise<string> {
  const projection = await projectionOf(scenario, { signal });
  let texts = csvTexts.get(projection);
  if (!texts) csvTexts.set(projection, (texts = new Map<string, string>()));
  const key = periods ? `${periods.by} ${periods.fiscalYearStartMonth}` : "steps";
  let text = texts.get(key);
  if (text === undefined) {
    const teamName = teamNamer(scenario);
    const table = periods
      ? periodsTable(projection, { ...periods, teamName })
      : withGoalColumns(projectionTable(projection, undefined, { teamName }), scenario, projection);
    texts.set(key, (text = tableToCsv(table, { forSpreadsheets: true })));
  }
  return text;
}

/**
 * For a page that runs the engine itself: null when the projection is small enough to compute inline
 * (the page projects the document as it renders, on the server and again in the browser, so the
 * figures are not sent twice), otherwise the projection, computed in the compute thread. Over the
 * work limit, refused (422) as projectionOf is.
 */
export async function projectionUnlessInline(
  scenario: Scenario,
  { signal }: { signal?: AbortSignal } = {},
): Promise<Projection | null> {
  const over = projectionOverBudget(scenario);
  if (over) throw refuse(422, over);
  return inlineProjection(scenario) ? null : projectionOf(scenario, { signal });
}

export type MonteCarloOutcome = { ok: true; result: MonteCarloResult } | { ok: false; message: string };

/**
 * Monte Carlo with the scenario's own trials, over `threads` threads in the compute thread (default
 * TEAMSHAPE_MONTE_CARLO_THREADS, else the cores, at most 4; the same result for any number); over
 * the work limit, the reason instead of a result.
 */
export async function monteCarloOf(
  scenario: Scenario,
  { signal, threads = monteCarloThreads() }: { signal?: AbortSignal; threads?: number } = {},
): Promise<MonteCarloOutcome> {
  const over = monteCarloOverBudget(scenario);
  if (over) return { ok: false, message: over };
  const inline = inlineProjection(scenario) && workOf(scenario).monteCarlo <= INLINE.monteCarloWork;
  const input = { text: textOf(scenario), threads: inline ? 1 : threads };
  return { ok: true, result: await compute("monteCarlo", input, { inline, signal }) };
}

/** A scenario document's text, validated by the engine's schema and the work limits. */
export function validateScenarioText(text: string, { signal }: { signal?: AbortSignal } = {}): Promise<Validated> {
  return compute("validate", { text }, { inline: text.length <= INLINE.textChars, signal });
}

/**
 * A scenario's workbook, built in the compute thread (exceljs takes about 100 ms per 4,000 rows,
 * too long for the event loop). Not kept: a workbook is large, and each download is asked once.
 */
export async function scenarioWorkbookOf(
  scenario: Scenario,
  {
    levels,
    salaries,
    fiscalYearStartMonth,
    signal,
  }: { levels: Level[]; salaries: boolean; fiscalYearStartMonth?: number; signal?: AbortSignal },
): Promise<ArrayBuffer> {
  const over = projectionOverBudget(scenario);
  if (over) throw refuse(422, over);
  return compute(
    "scenarioWorkbook",
    { text: textOf(scenario), levels, salaries, fiscalYearStartMonth, threads: monteCarloThreads() },
    { inline: false, signal, keep: false },
  );
}

/** A comparison's workbook, built in the compute thread (over the scenarios' common months, with their verdicts). */
export function comparisonWorkbookOf(
  compared: Compared[],
  {
    baselineIndex,
    levels,
    salaries,
    verdicts,
    fiscalYearStartMonth,
    signal,
  }: {
    baselineIndex: number;
    levels: Level[];
    salaries: boolean;
    verdicts?: string[];
    fiscalYearStartMonth?: number;
    signal?: AbortSignal;
  },
): Promise<ArrayBuffer> {
  const text = compared.map((c) => textOf(c.scenario)).join("\n");
  return compute(
    "comparisonWorkbook",
    { text, levels, salaries, baselineIndex, verdicts, fiscalYearStartMonth },
    { inline: false, signal, keep: false },
  );
}

/** A table as a one-sheet workbook, built in the compute thread (a roster may be thousands of rows). */
export function tableWorkbookOf(
  table: Table,
  { title, sheet, signal }: { title: string; sheet: string; signal?: AbortSignal },
): Promise<ArrayBuffer> {
  return compute(
    "tableWorkbook",
    { title, sheet, text: JSON.stringify(table) },
    { inline: false, signal, keep: false },
  );
}

/**
 * An uploaded CSV or XLSX file as rows of text, read in the compute thread by the bounded reader
 * (`app/utils/spreadsheet.ts`, which stops at the first upload limit crossed).
 */
export function readUploadedSheet(bytes: Uint8Array, { signal }: { signal?: AbortSignal } = {}): Promise<ReadResult> {
  return compute("readSheet", { bytes }, { inline: false, signal, keep: false });
}

/** A roster import's plan (the sheet as JSON text, checked against the upload limits), made in the compute thread. */
export function planImportOf(
  {
    sheetText,
    engineers,
    levels,
    skills,
    teams = [],
    choices,
    memory,
  }: {
    sheetText: string;
    engineers: Engineer[];
    levels: LadderLevel[];
    skills: Skill[];
    teams?: { id: number; name: string }[];
    choices?: ImportChoices;
    memory?: ImportMemory;
  },
  { signal }: { signal?: AbortSignal } = {},
): Promise<SheetPlan> {
  return compute(
    "planImport",
    { text: sheetText, engineers, levels, skills, teams, choices, memory },
    { inline: sheetText.length <= INLINE.textChars, signal, keep: false },
  );
}
