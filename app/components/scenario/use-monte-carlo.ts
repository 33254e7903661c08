import { useCallback, useState } from "react";
import { splitTrials, trialSamples, type MonteCarloResult, type TrialOutcomes } from "~/domain";
import type { MonteCarloMessage, MonteCarloRequest } from "~/workers/monte-carlo.worker";
import { useWorker } from "./use-worker";

export const MONTE_CARLO_WORKER_URL = "/build/workers/monte-carlo.js";

/** Web workers one run uses: the browser's cores, at most 4 (the result is the same for any number). */
export const monteCarloWorkers = () =>
  Math.max(1, Math.min(typeof navigator === "undefined" ? 1 : navigator.hardwareConcurrency || 1, 4));

export type MonteCarloRun =
  | { state: "idle" }
  | { state: "running"; done: number; total: number }
  | { state: "done"; result: MonteCarloResult }
  | { state: "failed"; messages: string[] };

/**
 * Runs Monte Carlo in web workers, its trials split between them, so the page never freezes; the
 * first worker merges every chunk in trial order. A new run cancels the last.
 */
export function useMonteCarlo() {
  const [run, setRun] = useState<MonteCarloRun>({ state: "idle" });
  const { launchAll, send, stop } = useWorker<MonteCarloMessage>();

  const start = useCallback(
    (document: unknown, trials: number, seed: number) => {
      setRun({ state: "running", done: 0, total: trials });
      const ranges = splitTrials(trials, monteCarloWorkers());
      const done = ranges.map(() => 0);
      const chunks: TrialOutcomes[] = [];
      const onMessage = (message: MonteCarloMessage, index: number) => {
        if (message.type === "progress") {
          done[index] = message.done;
          setRun({ state: "running", done: done.reduce((a, b) => a + b, 0), total: trials });
        } else if (message.type === "trials") {
          chunks.push(message.outcomes);
          if (chunks.length === ranges.length) {
            const merge: MonteCarloRequest = { type: "merge", chunks, seed };
            send(
              0,
              merge,
              chunks.flatMap((chunk) => trialSamples(chunk).map((samples) => samples.buffer)),
            );
          }
        } else {
          setRun(
            message.type === "result"
              ? { state: "done", result: message.result }
              : { state: "failed", messages: message.messages },
          );
          stop();
        }
      };
      const requests = ranges.map((range): MonteCarloRequest => ({ type: "trials", document, ...range, seed }));
      launchAll(MONTE_CARLO_WORKER_URL, requests, onMessage, (failure) =>
        setRun({ state: "failed", messages: [failure || "The simulation stopped unexpectedly."] }),
      );
    },
    [launchAll, send, stop],
  );
  const reset = useCallback(() => {
    stop();
    setRun({ state: "idle" });
  }, [stop]);
  return { run, start, reset };
}
