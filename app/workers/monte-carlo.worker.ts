/**
 * Monte Carlo off the main thread, in one or several of these workers: the page posts each the
 * scenario document and its chunk of trials; a worker validates the document with the engine's
 * schema, runs its trials, posting progress, then posts their outcomes. One of them is then sent
 * every chunk's outcomes and merges them, in trial order, into the result.
 */
import {
  formatIssue,
  mergeTrialOutcomes,
  parseScenario,
  simulateTrials,
  trialSamples,
  type MonteCarloResult,
  type Scenario,
  type TrialOutcomes,
} from "../domain";

export type MonteCarloRequest =
  | { type: "trials"; document: unknown; from: number; to: number; seed?: number }
  | { type: "merge"; chunks: TrialOutcomes[]; seed?: number };
export type MonteCarloMessage =
  | { type: "progress"; done: number; total: number }
  | { type: "trials"; outcomes: TrialOutcomes }
  | { type: "result"; result: MonteCarloResult }
  | { type: "error"; messages: string[] };

const post = (message: MonteCarloMessage, transfer: ArrayBuffer[] = []) =>
  (self as unknown as { postMessage: (m: MonteCarloMessage, t: ArrayBuffer[]) => void }).postMessage(message, transfer);

/** The document this worker validated, kept for the merge. */
let scenario: Scenario | null = null;

self.addEventListener("message", (event: MessageEvent<MonteCarloRequest>) => {
  const request = event.data;
  if (request.type === "merge") {
    if (!scenario) post({ type: "error", messages: ["The simulation was asked to merge before it ran."] });
    else post({ type: "result", result: mergeTrialOutcomes(scenario, request.chunks, request.seed) });
    return;
  }
  const parsed = parseScenario(request.document);
  if (!parsed.ok) {
    post({ type: "error", messages: parsed.issues.map(formatIssue) });
    return;
  }
  scenario = parsed.scenario;
  const outcomes = simulateTrials(scenario, {
    from: request.from,
    to: request.to,
    seed: request.seed,
    progressEvery: 25,
    onProgress: (done, total) => post({ type: "progress", done, total }),
  });
  // The samples move to the page instead of being copied.
  post(
    { type: "trials", outcomes },
    trialSamples(outcomes).map((samples) => samples.buffer as ArrayBuffer),
  );
});
