/**
 * Monte Carlo over several threads, from inside the compute thread (compute.server.ts): the
 * trials are cut into small contiguous chunks that the compute thread and its helper threads
 * (more copies of the compute thread's file, started by it, so they stop with it) take from a
 * shared counter as each finishes its last, and the chunks are merged in trial order. Trial i draws from its own stream
 * (seed, i), so the result is the same, to the last bit, for any number of threads.
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { resourceLimits, Worker } from "node:worker_threads";
import {
  mergeTrialOutcomes,
  simulateMonteCarlo,
  TrialRunner,
  type MonteCarloResult,
  type Scenario,
  type TrialOutcomes,
  type TrialRange,
} from "~/domain";

/** The most Monte Carlo threads TEAMSHAPE_MONTE_CARLO_THREADS may ask for (each may use the compute thread's heap limit). */
export const MAX_MONTE_CARLO_THREADS = 16;

/**
 * Threads one Monte Carlo run uses: TEAMSHAPE_MONTE_CARLO_THREADS (a whole number, 1 to 16), else
 * the machine's cores, at most 4.
 */
export function monteCarloThreads(setting = process.env.TEAMSHAPE_MONTE_CARLO_THREADS): number {
  const asked = Number(setting);
  if (setting && Number.isInteger(asked) && asked >= 1 && asked <= MAX_MONTE_CARLO_THREADS) return asked;
  return Math.min(availableParallelism(), 4);
}

/** build/compute-worker.mjs beside the server build (tests point TEAMSHAPE_COMPUTE_WORKER at their own build). */
export const computeWorkerFile = () =>
  process.env.TEAMSHAPE_COMPUTE_WORKER ?? fileURLToPath(new URL("./compute-worker.mjs", import.meta.url));

/**
 * A Monte Carlo run as one thread takes part in it: its trials are taken `chunk` at a time from
 * the counter all the run's threads share (`next`, an Int32Array over a SharedArrayBuffer), after
 * `first`, the chunk kept for this thread, if any.
 */
export interface SharedRun {
  seed: number;
  trials: number;
  chunk: number;
  next: Int32Array;
  first?: TrialRange;
}

/** What a helper thread is sent for a run (TASKS.monteCarloShare): the document once, then it takes chunks itself. */
export interface SharedRunInput extends SharedRun {
  text: string;
}

/**
 * Runs chunks of `run` on `runner` until the shared counter has no trials left (or was closed:
 * set to `trials`), and returns their outcomes. Each thread takes its next chunk itself, the
 * moment it has finished the last, so no thread waits for another to hand it work.
 */
export function takeTrials(runner: TrialRunner, { seed, trials, chunk, next, first }: SharedRun): TrialOutcomes[] {
  const outcomes: TrialOutcomes[] = first ? [runner.run({ ...first, seed })] : [];
  for (let from = Atomics.add(next, 0, chunk); from < trials; from = Atomics.add(next, 0, chunk))
    outcomes.push(runner.run({ from, to: Math.min(from + chunk, trials), seed }));
  return outcomes;
}

type Reply = { id: number; ok: true; output: TrialOutcomes[] } | { id: number; ok: false; message: string };

/** One helper thread, started on first use, one run at a time; replaced after it fails. */
class Helper {
  private worker: Worker | null = null;
  private nextId = 1;
  private waiting = new Map<number, { resolve: (o: TrialOutcomes[]) => void; reject: (e: Error) => void }>();

  run(input: SharedRunInput): Promise<TrialOutcomes[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.thread().postMessage({ id, task: "monteCarloShare", input });
    });
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    // The compute thread's own limits (its heap, at most COMPUTE_LIMITS.memoryMb) hold for each helper.
    const worker = new Worker(computeWorkerFile(), { resourceLimits });
    worker.unref();
    worker.on("message", (reply: Reply) => {
      const job = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.ok) job?.resolve(reply.output);
      else job?.reject(new Error(reply.message));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const job of this.waiting.values()) job.reject(error);
      this.waiting.clear();
    };
    worker.on("error", (error: Error & { code?: string }) =>
      fail(
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? new Error(
              `A Monte Carlo thread needed more than the limit of ${resourceLimits.maxOldGenerationSizeMb} MB and was stopped.`,
            )
          : error,
      ),
    );
    worker.on("exit", () => fail(new Error("A Monte Carlo thread stopped unexpectedly.")));
    this.worker = worker;
    return worker;
  }
}

const helpers: Helper[] = [];

/** Chunks of trials helper threads have run for this thread, for tests and monitoring. */
export const monteCarloThreadStats = { chunksToHelpers: 0 };

/**
 * Trials per chunk: about 32 chunks per thread, so the last chunk, which may finish alone, is a
 * small part of the run, and a thread slowed by other work on the machine takes fewer.
 */
export const trialsPerChunk = (trials: number, threads: number) => Math.max(1, Math.ceil(trials / (threads * 32)));

/**
 * Monte Carlo of `scenario` (whose document is `text`) over `threads` threads, this one included:
 * the result of `simulateMonteCarlo(scenario, { trials })`. Each helper is sent the document once
 * and keeps one chunk of the run's last trials for itself (so every helper takes part); then
 * every thread, this one too, takes the next chunk of trials from a counter they share as soon as
 * it has finished the last: no thread waits for another to be handed work, and the chunks are
 * small, so the last one to finish leaves little time with a thread idle. Called only in the
 * compute thread when `threads` > 1 (and by tests and the bench): the helpers are threads of
 * this one.
 */
export async function simulateInThreads(
  scenario: Scenario,
  text: string,
  { trials = scenario.monteCarlo.trials, threads }: { trials?: number; threads: number },
): Promise<MonteCarloResult> {
  const seed = scenario.monteCarlo.seed;
  const chunk = trialsPerChunk(trials, threads);
  // Each helper keeps a chunk of its own at the end: at least one chunk is left for this thread.
  const helping = Math.min(threads - 1, Math.ceil(trials / chunk) - 1);
  if (helping < 1) return simulateMonteCarlo(scenario, { trials });
  while (helpers.length < helping) helpers.push(new Helper());
  const shared = trials - helping * chunk;
  const next = new Int32Array(new SharedArrayBuffer(4));
  /** No trial is taken any more (after a failure): each thread finishes the chunk it runs. */
  const close = () => Atomics.store(next, 0, shared);
  const parts = helpers.slice(0, helping).map(async (helper, i) => {
    const from = shared + i * chunk;
    const outcomes = await helper.run({ text, seed, trials: shared, chunk, next, first: { from, to: from + chunk } });
    monteCarloThreadStats.chunksToHelpers += outcomes.length;
    return outcomes;
  });
  const helped = Promise.all(parts);
  helped.catch(close);
  let own: TrialOutcomes[];
  try {
    own = takeTrials(new TrialRunner(scenario), { seed, trials: shared, chunk, next });
  } catch (error) {
    close();
    await Promise.allSettled(parts);
    throw error;
  }
  return mergeTrialOutcomes(scenario, [...own, ...(await helped).flat()], seed);
}
