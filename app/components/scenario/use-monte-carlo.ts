import { useCallback, useState } from "react";
import type { MonteCarloResult } from "~/domain";
import type { MonteCarloMessage } from "~/workers/monte-carlo.worker";
import { useWorker } from "./use-worker";

export const MONTE_CARLO_WORKER_URL = "/build/workers/monte-carlo.js";

export type MonteCarloRun =
  | { state: "idle" }
  | { state: "running"; done: number; total: number }
  | { state: "done"; result: MonteCarloResult }
  | { state: "failed"; messages: string[] };

/** Runs Monte Carlo in a web worker, so the page never freezes; a new run cancels the last. */
export function useMonteCarlo() {
  const [run, setRun] = useState<MonteCarloRun>({ state: "idle" });
  const { launch, stop } = useWorker<MonteCarloMessage>();

  const start = useCallback(
    (document: unknown, trials: number, seed: number) => {
      setRun({ state: "running", done: 0, total: trials });
      const onMessage = (message: MonteCarloMessage) => {
        if (message.type === "progress") setRun({ state: "running", done: message.done, total: message.total });
        else {
          setRun(
            message.type === "result"
              ? { state: "done", result: message.result }
              : { state: "failed", messages: message.messages },
          );
          stop();
        }
      };
      launch(MONTE_CARLO_WORKER_URL, { document, trials, seed }, onMessage, (failure) =>
        setRun({ state: "failed", messages: [failure || "The simulation stopped unexpectedly."] }),
      );
    },
    [launch, stop],
  );
  const reset = useCallback(() => {
    stop();
    setRun({ state: "idle" });
  }, [stop]);
  return { run, start, reset };
}
