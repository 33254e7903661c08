import { useCallback, useEffect, useRef, useState } from "react";
import type { CheckedProposal } from "~/utils/plan-proposal";
import type { PlannerMessage, PlannerSearch } from "~/workers/planner-protocol";

export const PLANNER_WORKER_URL = "/build/workers/planner.js";

export type PlannerRun =
  | { state: "idle" }
  | { state: "planning"; done: number; total: number }
  | {
      state: "done";
      proposal: CheckedProposal;
      /** What relaxing each goal saves: null while it is worked out (or after a cancel). */
      relaxations: string[] | null;
      relaxing: { done: number; total: number } | null;
    }
  | { state: "failed"; messages: string[] };

/**
 * Runs "Plan for me" in a web worker, so the page never freezes; `cancel` terminates it (a
 * proposal already shown stays, without the relaxations still being worked out).
 */
export function usePlanner() {
  const [run, setRun] = useState<PlannerRun>({ state: "idle" });
  const worker = useRef<Worker | null>(null);
  const stop = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
  }, []);
  useEffect(() => stop, [stop]);

  const start = useCallback(
    (document: unknown, search: PlannerSearch) => {
      stop();
      const w = new Worker(PLANNER_WORKER_URL, { type: "module" });
      worker.current = w;
      setRun({ state: "planning", done: 0, total: 1 });
      w.onmessage = (event: MessageEvent<PlannerMessage>) => {
        const message = event.data;
        switch (message.type) {
          case "progress":
            setRun((last) =>
              message.phase === "plan"
                ? { state: "planning", done: message.done, total: message.total }
                : last.state === "done"
                  ? { ...last, relaxing: { done: message.done, total: message.total } }
                  : last,
            );
            break;
          case "result":
            setRun({ state: "done", proposal: message.proposal, relaxations: null, relaxing: null });
            if (message.proposal.goals.length === 0) stop();
            break;
          case "relaxations":
            setRun((last) => (last.state === "done" ? { ...last, relaxations: message.lines, relaxing: null } : last));
            stop();
            break;
          case "error":
            setRun({ state: "failed", messages: message.messages });
            stop();
        }
      };
      w.onerror = (event) => {
        setRun({ state: "failed", messages: [event.message || "The planner stopped unexpectedly."] });
        stop();
      };
      w.postMessage({ document, search });
    },
    [stop],
  );
  const cancel = useCallback(() => {
    stop();
    setRun((last) => (last.state === "done" ? { ...last, relaxing: null } : { state: "idle" }));
  }, [stop]);
  const reset = useCallback(() => {
    stop();
    setRun({ state: "idle" });
  }, [stop]);
  return { run, start, cancel, reset };
}
