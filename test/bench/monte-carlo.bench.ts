/**
 * npm run bench, third part: Monte Carlo on 1 thread and on 2, the server's way
 * (app/services/monte-carlo-threads.server.ts: this thread runs the first chunk of trials, a
 * helper thread running the built compute-thread code the other, then the chunks are merged).
 * Every thread at the lowest CPU priority, as the server's compute threads are. Prints each run's
 * time, the medians and the speed-up, and checks the two results are the same; not a test.
 * Options: -- --people 10000 --months 60 --trials 1000 --runs 3; --large also runs 100,000 engineers.
 */
import { buildComputeWorker } from "../setup/compute-worker";
import { loadavg, setPriority } from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { parseScenario, type MonteCarloResult } from "../../app/domain";
import { largeTeamDocument } from "./large-team";

const option = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const people = option("people", 10_000);
const months = option("months", 60);
const trials = option("trials", 1_000);
const runs = option("runs", 3);
const sizes = process.argv.includes("--large") ? [people, 100_000] : [people];

// The helper threads run the compute thread's code as the server builds it.
const workerFile = fileURLToPath(new URL("../../build/bench/compute-worker.mjs", import.meta.url));
await buildComputeWorker(workerFile);
process.env.TEAMSHAPE_COMPUTE_WORKER = workerFile;
const { simulateInThreads } = await import("../../app/services/monte-carlo-threads.server");
setPriority(19); // this thread, as the compute thread and its helpers run

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

console.log(`Node ${process.version}; Monte Carlo, ${trials.toLocaleString("en-US")} trials, ${months} monthly steps`);
for (const size of sizes) {
  const parsed = parseScenario({ ...largeTeamDocument(size, months), monteCarlo: { trials, seed: 1 } });
  if (!parsed.ok) throw new Error(`benchmark scenario is invalid: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
  const scenario = parsed.scenario;
  const text = JSON.stringify(scenario);
  const results = new Map<number, MonteCarloResult>();
  const medians = new Map<number, number>();
  // Warm-up: one short run each (the helper thread starts and loads its code).
  for (const threads of [1, 2]) await simulateInThreads(scenario, text, { trials: 20, threads });
  for (const threads of [1, 2]) {
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      results.set(threads, await simulateInThreads(scenario, text, { threads }));
      times.push(performance.now() - start);
    }
    medians.set(threads, median(times));
    console.log(
      `${size.toLocaleString("en-US")} engineers, ${threads} thread${threads > 1 ? "s" : ""}: median ${seconds(median(times))} (runs: ${times.map(seconds).join(", ")})`,
    );
  }
  const same = isDeepStrictEqual(results.get(1), results.get(2));
  console.log(
    `  speed-up with 2 threads: ${(medians.get(1)! / medians.get(2)!).toFixed(2)}x (target >= 1.7x); same result: ${same ? "yes" : "NO"}; load average now ${loadavg()[0]!.toFixed(1)} (other jobs on the machine slow both, the 2 threads most)`,
  );
}
// tsx's loader keeps a message port open once a thread has started: leave explicitly.
process.exit(0);
