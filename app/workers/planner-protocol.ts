/**
 * What the "Plan for me" worker does with one request, apart from the worker itself so that a
 * test can drive it: validate the document and the search, run the planner with progress, check
 * its answer with the engine before posting it, then say what relaxing each goal would save.
 */
import {
  formatIssue,
  parseScenario,
  planHires,
  plannerOptionErrors,
  relaxations,
  type PlannerOptions,
} from "../domain";
import { checkProposal, relaxationLines, type CheckedProposal } from "../utils/plan-proposal";

/** The search space the user chose: plain data, as it crosses to the worker. */
export type PlannerSearch = Pick<PlannerOptions, "levels" | "teams" | "months" | "maxPerSlot">;

export type PlannerRequest = { document: unknown; search: PlannerSearch };
export type PlannerMessage =
  | { type: "progress"; phase: "plan" | "relaxations"; done: number; total: number }
  | { type: "result"; proposal: CheckedProposal }
  | { type: "relaxations"; lines: string[] }
  | { type: "error"; messages: string[] };

/** Only the fields of the search the planner reads, so nothing else a page posts reaches it. */
function searchOf(search: PlannerSearch | undefined): PlannerOptions {
  return {
    ...(search?.levels ? { levels: search.levels } : {}),
    ...(search?.teams ? { teams: search.teams } : {}),
    ...(search?.months ? { months: search.months } : {}),
    ...(search?.maxPerSlot !== undefined ? { maxPerSlot: search.maxPerSlot } : {}),
  };
}

export function handlePlannerRequest(request: PlannerRequest, post: (message: PlannerMessage) => void): void {
  const parsed = parseScenario(request.document);
  if (!parsed.ok) {
    post({ type: "error", messages: parsed.issues.map(formatIssue) });
    return;
  }
  const scenario = parsed.scenario;
  const options = searchOf(request.search);
  const errors = plannerOptionErrors(scenario, options);
  if (errors.length > 0) {
    post({ type: "error", messages: errors });
    return;
  }
  const result = planHires(scenario, {
    ...options,
    onProgress: (done, total) => post({ type: "progress", phase: "plan", done, total }),
  });
  const proposal = checkProposal(scenario, result);
  if (!proposal.verified) {
    post({
      type: "error",
      messages: [
        "The planner's plan did not pass the engine's check against every goal, so it is not shown. Please report this scenario.",
      ],
    });
    return;
  }
  post({ type: "result", proposal });
  if (proposal.goals.length === 0) return;
  post({ type: "progress", phase: "relaxations", done: 0, total: proposal.goals.length });
  const relaxed = relaxations(scenario, options, result, (done, total) =>
    post({ type: "progress", phase: "relaxations", done, total }),
  );
  post({ type: "relaxations", lines: relaxationLines(relaxed, result.found) });
}
