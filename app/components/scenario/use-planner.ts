import { useCallback, useState } from "react";
import type { CheckedProposal } from "~/utils/plan-proposal";
import type { PlannerMessage, PlannerSearch } from "~/workers/planner-protocol";
import { useWorker } from "./use-worker";

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
  const { launch, stop } = useWorker<PlannerMessage>();

  const start = useCallback(
    (document: unknown, search: PlannerSearch) => {
      setRun({ state: "planning", done: 0, total: 1 });
      const onMessage = (message: PlannerMessage) => {
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
      launch(PLANNER_WORKER_URL, { document, search }, onMessage, (failure) =>
        setRun({ state: "failed", messages: [failure || "The planner stopped unexpectedly."] }),
      );
    },
    [launch, stop],
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
