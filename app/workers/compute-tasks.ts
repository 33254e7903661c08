/**
 * The heavy work the server hands to its compute threads (app/services/compute.server.ts), as
 * plain functions of plain data, so a small job can run inline with the very same code.
 * Scenario documents travel as JSON text: one string copies faster than a structured clone of
 * the object, and the thread parses it itself.
 */
import {
  budgetIssues,
  MAX_DOCUMENT_CHARS,
  parseScenarioJson,
  projectScenario,
  simulateMonteCarlo,
  type MonteCarloResult,
  type Projection,
  type Scenario,
  type ScenarioIssue,
} from "../domain";

export type Validated = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

/** A document's text, validated by the engine's schema and within the work limits. */
function validate({ text }: { text: string }): Validated {
  if (text.length > MAX_DOCUMENT_CHARS) {
    return { ok: false, issues: [{ path: "(document)", message: `is ${text.length.toLocaleString("en-US")} characters long; a scenario may be at most ${MAX_DOCUMENT_CHARS.toLocaleString("en-US")}` }] };
  }
  const parsed = parseScenarioJson(text.replace(/^\uFEFF/, ""));
  if (!parsed.ok) return parsed;
  const overBudget = budgetIssues(parsed.scenario);
  return overBudget.length > 0 ? { ok: false, issues: overBudget } : parsed;
}

/** An already validated document's text (a stored scenario, as the user may see it). */
const scenarioOf = (text: string) => JSON.parse(text) as Scenario;

export const TASKS = {
  validate,
  project: ({ text }: { text: string }): Projection => projectScenario(scenarioOf(text)),
  monteCarlo: ({ text, trials }: { text: string; trials?: number }): MonteCarloResult => simulateMonteCarlo(scenarioOf(text), { trials }),
};

export type TaskName = keyof typeof TASKS;
export type TaskInput<T extends TaskName> = Parameters<(typeof TASKS)[T]>[0];
export type TaskOutput<T extends TaskName> = ReturnType<(typeof TASKS)[T]>;

/** What a compute thread receives and answers. */
export interface TaskRequest {
  id: number;
  task: TaskName;
  input: unknown;
}
export type TaskReply = { id: number; ok: true; output: unknown } | { id: number; ok: false; message: string };
