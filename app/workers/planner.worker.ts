/**
 * "Plan for me" off the main thread: the page posts the scenario document and the search space;
 * the worker posts progress, the engine-checked proposal, then what relaxing each goal saves.
 * The page cancels a run by terminating the worker.
 */
import { handlePlannerRequest, type PlannerMessage, type PlannerRequest } from "./planner-protocol";

const post = (message: PlannerMessage) =>
  (self as unknown as { postMessage: (m: PlannerMessage) => void }).postMessage(message);

self.addEventListener("message", (event: MessageEvent<PlannerRequest>) => {
  try {
    handlePlannerRequest(event.data, post);
  } catch (error) {
    post({ type: "error", messages: [error instanceof Error ? error.message : String(error)] });
  }
});
