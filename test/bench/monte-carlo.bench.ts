/**
 * npm run bench, third part: Monte Carlo on 1 thread and on 2, the server's way
 * (app/services/monte-carlo-threads.server.ts: this thread and a helper thread running the built
 * compute-thread code take chunks of trials in turn, then the chunks are merged). Every thread at
 * the lowest CPU priority, as the server's compute threads are. The runs alternate, 1 thread then
 * 2, then 2 then 1, and so on, so a spell of other work on the machine falls on both; each pair's
 * ratio is printed, with the load average and the CPU time the whole process used (all its
 * threads: what the second thread costs, whatever else runs; over the 2-thread run's time, the
 * cores the process got: Linux shares a busy machine between sessions, not threads, so while
 * other jobs run it may get 1 core however many threads it has). Then the medians of the times
 * and of the pairs' ratios, and whether every result was the same; not a test.
 * Options: -- --people 10000 --months 60 --trials 1000 --runs 5; --large also runs 100,000 engineers.
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
const runs = option("runs", 5);
const sizes = process.argv.includes("--large") ? [people, 100_000] : [people];

// The helper threads run the compute thread's code as the server builds it.
const workerFile = fileURLToPath(new URL("../../build/bench/compute-worker.mjs", import.meta.url));
await buildComputeWorker(workerFile);
process.env.TEAMSHAPE_COMPUTE_WORKER = workerFile;
const { simulateInThreads } = await import("../../app/services/monte-carlo-threads.server");
setPriority(19); // this thread, as the compute thread and its helpers run

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const load = () => loadavg()[0]!.toFixed(1);

console.log(`Node ${process.version}; Monte Carlo, ${trials.toLocaleString("en-US")} trials, ${months} monthly steps`);
for (const size of sizes) {
  const parsed = parseScenario({ ...largeTeamDocument(size, months), monteCarlo: { trials, seed: 1 } });
  if (!parsed.ok) throw new Error(`benchmark scenario is invalid: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
  const scenario = parsed.scenario;
  const text = JSON.stringify(scenario);
  // Warm-up: one short run each (the helper thread starts and loads its code).
  for (const threads of [1, 2]) await simulateInThreads(scenario, text, { trials: 20, threads });
  let first: MonteCarloResult | null = null;
  let same = true;
  const times = new Map<number, number[]>([
    [1, []],
    [2, []],
  ]);
  const ratios: number[] = [];
  const timed = async (threads: number) => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const result = await simulateInThreads(scenario, text, { threads });
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    first ??= result;
    same &&= isDeepStrictEqual(result, first);
    times.get(threads)!.push(ms);
    return { ms, cpuMs: (used.user + used.system) / 1000 };
  };
  console.log(`${size.toLocaleString("en-US")} engineers:`);
  for (let pair = 0; pair < runs; pair++) {
    const before = load();
    const order = pair % 2 === 0 ? [1, 2] : [2, 1];
    const done = new Map<number, { ms: number; cpuMs: number }>();
    for (const threads of order) done.set(threads, await timed(threads));
    const [one, two] = [done.get(1)!, done.get(2)!];
    ratios.push(one.ms / two.ms);
    console.log(
      `  pair ${pair + 1} (${order.join(" then ")}): 1 thread ${seconds(one.ms)} (CPU ${seconds(one.cpuMs)}), 2 threads ${seconds(two.ms)} (CPU ${seconds(two.cpuMs)}, ${(two.cpuMs / two.ms).toFixed(2)} cores on average): ${(one.ms / two.ms).toFixed(2)}x; load average ${before} to ${load()}`,
    );
  }
  const [one, two] = [times.get(1)!, times.get(2)!];
  console.log(
    `  medians: 1 thread ${seconds(median(one))} (${seconds(Math.min(...one))}-${seconds(Math.max(...one))}), 2 threads ${seconds(median(two))} (${seconds(Math.min(...two))}-${seconds(Math.max(...two))})`,
  );
  console.log(
    `  speed-up with 2 threads: median of the pairs ${median(ratios).toFixed(2)}x (pairs ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}x; target >= 1.7x); same result in every run: ${same ? "yes" : "NO"} (other jobs on the machine slow both, the 2 threads most)`,
  );
}
// tsx's loader keeps a message port open once a thread has started: leave explicitly.
process.exit(0);
