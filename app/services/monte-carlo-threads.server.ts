/**
 * Monte Carlo over several threads, from inside the compute thread (compute.server.ts): the
 * trials are cut into contiguous chunks, the compute thread runs the first chunk itself while
 * helper threads (more copies of the compute thread's file, started by it, so they stop with it)
 * run the others, and the chunks are merged in trial order. Trial i draws from its own stream
 * (seed, i), so the result is the same, to the last bit, for any number of threads.
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { resourceLimits, Worker } from "node:worker_threads";
import {
  mergeTrialOutcomes,
  simulateMonteCarlo,
  splitTrials,
  TrialRunner,
  type MonteCarloResult,
  type Scenario,
  type TrialOutcomes,
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

/** A chunk of trials as the helper's compute-thread code runs it (TASKS.monteCarloTrials). */
export interface TrialsInput {
  text: string;
  from: number;
  to: number;
  seed: number;
}

type Reply = { id: number; ok: true; output: TrialOutcomes } | { id: number; ok: false; message: string };

/** One helper thread, started on first use, one chunk at a time; replaced after it fails. */
class Helper {
  private worker: Worker | null = null;
  private nextId = 1;
  private waiting = new Map<number, { resolve: (o: TrialOutcomes) => void; reject: (e: Error) => void }>();

  run(input: TrialsInput): Promise<TrialOutcomes> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.thread().postMessage({ id, task: "monteCarloTrials", input });
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

/** Chunks this thread has handed to helper threads, for tests and monitoring. */
export const monteCarloThreadStats = { chunksToHelpers: 0 };

/** Chunks of trials per thread: small enough that a thread slowed by other work takes fewer. */
const CHUNKS_PER_THREAD = 8;

/**
 * Monte Carlo of `scenario` (whose document is `text`) over `threads` threads, this one included:
 * the result of `simulateMonteCarlo(scenario, { trials })`. The trials are cut into chunks that
 * the threads take in turn as they finish the last, each helper with one more waiting, so a thread
 * slowed by other work on the machine takes fewer. Called only in the compute thread when
 * `threads` > 1 (and by tests and the bench): the helpers are threads of this one.
 */
export async function simulateInThreads(
  scenario: Scenario,
  text: string,
  { trials = scenario.monteCarlo.trials, threads }: { trials?: number; threads: number },
): Promise<MonteCarloResult> {
  const seed = scenario.monteCarlo.seed;
  const ranges = splitTrials(trials, threads * CHUNKS_PER_THREAD);
  if (threads <= 1 || ranges.length === 1) return simulateMonteCarlo(scenario, { trials });
  while (helpers.length < threads - 1) helpers.push(new Helper());
  const outcomes: TrialOutcomes[] = [];
  let next = 0;
  let failed = false;
  const take = () => (failed || next >= ranges.length ? undefined : ranges[next++]);
  const lane = async (helper: Helper) => {
    for (let range = take(); range; range = take()) {
      monteCarloThreadStats.chunksToHelpers += 1;
      outcomes.push(await helper.run({ text, ...range, seed }));
    }
  };
  // Two lanes per helper: its next chunk is already waiting when it finishes one.
  const helping = Promise.all(helpers.slice(0, threads - 1).flatMap((helper) => [lane(helper), lane(helper)]));
  helping.catch(() => (failed = true));
  try {
    const runner = new TrialRunner(scenario);
    for (let range = take(); range; range = take()) {
      outcomes.push(runner.run({ ...range, seed }));
      // Lets the helpers' answers in, and their next chunks out.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    failed = true;
    await Promise.allSettled([helping]);
    throw error;
  }
  await helping;
  return mergeTrialOutcomes(scenario, outcomes, seed);
}
