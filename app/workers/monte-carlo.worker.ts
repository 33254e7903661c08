/**
 * Monte Carlo off the main thread: the page posts a scenario document, the worker validates it
 * with the engine's schema, runs the trials and posts progress, then the result.
 */
import { formatIssue, parseScenario, simulateMonteCarlo, type MonteCarloResult } from "../domain";

export type MonteCarloRequest = { document: unknown; trials?: number; seed?: number };
export type MonteCarloMessage =
  | { type: "progress"; done: number; total: number }
  | { type: "result"; result: MonteCarloResult }
  | { type: "error"; messages: string[] };

const post = (message: MonteCarloMessage) =>
  (self as unknown as { postMessage: (m: MonteCarloMessage) => void }).postMessage(message);

self.addEventListener("message", (event: MessageEvent<MonteCarloRequest>) => {
  const parsed = parseScenario(event.data.document);
  if (!parsed.ok) {
    post({ type: "error", messages: parsed.issues.map(formatIssue) });
    return;
  }
  const result = simulateMonteCarlo(parsed.scenario, {
    trials: event.data.trials,
    seed: event.data.seed,
    progressEvery: 25,
    onProgress: (done, total) => post({ type: "progress", done, total }),
  });
  post({ type: "result", result });
});
