import { useCallback, useEffect, useRef, useState } from "react";
import type { MonteCarloResult } from "~/domain";
import type { MonteCarloMessage } from "~/workers/monte-carlo.worker";

export const MONTE_CARLO_WORKER_URL = "/build/workers/monte-carlo.js";

export type MonteCarloRun =
  | { state: "idle" }
  | { state: "running"; done: number; total: number }
  | { state: "done"; result: MonteCarloResult }
  | { state: "failed"; messages: string[] };

/** Runs Monte Carlo in a web worker, so the page never freezes; a new run cancels the last. */
export function useMonteCarlo() {
  const [run, setRun] = useState<MonteCarloRun>({ state: "idle" });
  const worker = useRef<Worker | null>(null);
  const stop = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
  }, []);
  useEffect(() => stop, [stop]);

  const start = useCallback(
    (document: unknown, trials: number, seed: number) => {
      stop();
      const w = new Worker(MONTE_CARLO_WORKER_URL, { type: "module" });
      worker.current = w;
      setRun({ state: "running", done: 0, total: trials });
      w.onmessage = (event: MessageEvent<MonteCarloMessage>) => {
        const message = event.data;
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
      w.onerror = (event) => {
        setRun({ state: "failed", messages: [event.message || "The simulation stopped unexpectedly."] });
        stop();
      };
      w.postMessage({ document, trials, seed });
    },
    [stop],
  );
  const reset = useCallback(() => {
    stop();
    setRun({ state: "idle" });
  }, [stop]);
  return { run, start, reset };
}
