/**
 * Heavy work runs in the compute thread, within its limits: the same numbers as the engine run
 * inline, the event loop free meanwhile, a job dropped when its request goes away, results kept,
 * and a plan over a work limit refused with the limit named, through the real routes.
 */
import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import {
  MAX_MONTE_CARLO_SAMPLES,
  MAX_MONTE_CARLO_WORK,
  mustParseScenario,
  projectScenario,
  simulateMonteCarlo,
  type Scenario,
} from "~/domain";
import * as scenarioPage from "~/routes/scenarios.$scenarioId";
import * as report from "~/routes/scenarios.$scenarioId_.report";
import { computeStats, monteCarloOf, projectionOf, validateScenarioText } from "~/services/compute.server";
import { monteCarloThreads, monteCarloThreadStats, simulateInThreads } from "~/services/monte-carlo-threads.server";
import { createScenario } from "~/services/scenarios.server";
import { getDb } from "~/utils/db.server";
import { ISSUE_11_PLAN } from "../factories/scenario";
import { dataOf, formRequest, getRequest, routeArgs } from "../setup/requests";

const LEVELS = ["L1", "L2", "L3", "L4", "L5"];
const named = (people: number, horizonMonths: number, extra: object = {}): Scenario =>
  mustParseScenario({
    format: "teamshape.scenario/v1",
    name: `${people} engineers`,
    start: "2027-01",
    horizonMonths,
    team: Array.from({ length: people }, (_, i) => ({
      id: `e${i}`,
      level: LEVELS[i % 5],
      salary: 100_000 + i,
      skills: { testing: i % 5 },
    })),
    ...extra,
  });

/** Runs `work` while counting event-loop turns every 5 ms: a blocked loop counts none. */
async function loopTurnsDuring<T>(work: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  const ticker = setInterval(() => (turns += 1), 5);
  try {
    return { value: await work(), turns };
  } finally {
    clearInterval(ticker);
  }
}

describe("the compute thread", () => {
  it("projects a large plan off the event loop, to the same numbers, and keeps the result", async () => {
    const scenario = named(3_000, 120);
    const { value, turns } = await loopTurnsDuring(() => projectionOf(scenario));
    expect(value).toEqual(projectScenario(scenario));
    expect(turns).toBeGreaterThan(0);
    const jobs = computeStats.jobsRun;
    expect(await projectionOf(scenario)).toBe(value); // kept: the same object, not computed again
    expect(computeStats.jobsRun).toBe(jobs);
  });

  it("simulates futures in the thread to the engine's own numbers", async () => {
    const scenario = named(2_000, 24, { monteCarlo: { trials: 200, seed: 7 } });
    const outcome = await monteCarloOf(scenario);
    expect(outcome.ok && outcome.result).toEqual(simulateMonteCarlo(scenario));
  });

  it("simulates futures over 2 threads to the one-thread engine's numbers", async () => {
    const goals = { capacity: { atLeast: 1_500, fromMonth: 12 }, maxHeadcount: 2_000 };
    const scenario = named(1_500, 24, { monteCarlo: { trials: 301, seed: 11 }, goals });
    const oneThread = simulateMonteCarlo(scenario);
    const outcome = await monteCarloOf(scenario, { threads: 2 });
    expect(outcome.ok && outcome.result).toEqual(oneThread);
    expect(oneThread.steps.at(-1)!.headcount.p90).toBeGreaterThan(oneThread.steps.at(-1)!.headcount.p10);

    // The same run from this thread, so the chunks its helper thread takes can be counted.
    const sent = monteCarloThreadStats.chunksToHelpers;
    expect(await simulateInThreads(scenario, JSON.stringify(scenario), { threads: 2 })).toEqual(oneThread);
    expect(monteCarloThreadStats.chunksToHelpers).toBeGreaterThan(sent);
  });

  it("gives the one-thread result over 3 and 4 threads, for trial counts that do not split evenly", async () => {
    const scenario = named(300, 24, { monteCarlo: { trials: 97, seed: 5 } });
    const text = JSON.stringify(scenario);
    for (const trials of [5, 97]) {
      const oneThread = simulateMonteCarlo(scenario, { trials });
      for (const threads of [3, 4])
        expect(await simulateInThreads(scenario, text, { trials, threads })).toEqual(oneThread);
    }
  });

  it("reads TEAMSHAPE_MONTE_CARLO_THREADS, else takes the cores, at most 4", () => {
    expect(monteCarloThreads("3")).toBe(3);
    const cores = Math.min(availableParallelism(), 4);
    for (const unusable of [undefined, "", "0", "1.5", "many", "17"]) expect(monteCarloThreads(unusable)).toBe(cores);
  });

  it("drops a job when its request goes away, and the next job still runs", async () => {
    const heavy = named(10_000, 24, { monteCarlo: { trials: 1_000, seed: 3 } });
    const controller = new AbortController();
    const stopped = computeStats.threadsStopped;
    const running = monteCarloOf(heavy, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("the browser went away")), 50);
    await expect(running).rejects.toThrow("the browser went away");
    expect(computeStats.threadsStopped).toBe(stopped + 1); // the thread was stopped, not left to finish
    const next = named(1_000, 60);
    expect(await projectionOf(next)).toEqual(projectScenario(next));
  });

  it("refuses a plan over the Monte Carlo limits and names them", async () => {
    const huge = mustParseScenario(ISSUE_11_PLAN);
    const outcome = await monteCarloOf(huge);
    expect(outcome).toEqual({
      ok: false,
      message: expect.stringContaining(MAX_MONTE_CARLO_SAMPLES.toLocaleString("en-US")),
    });
    const fewerTrials = { ...huge, monteCarlo: { trials: 1_000, seed: 1 } };
    expect(await monteCarloOf(fewerTrials)).toEqual({
      ok: false,
      message: expect.stringContaining(MAX_MONTE_CARLO_WORK.toLocaleString("en-US")),
    });
    const validated = await validateScenarioText(JSON.stringify(huge));
    expect(validated.ok).toBe(false);
  });
});

describe("the routes", () => {
  const ISSUE_PLAN = JSON.stringify(ISSUE_11_PLAN);

  it("refuse to save the plan from issue 11, naming the limit, and keep nothing", async () => {
    const db = await getDb();
    const id = await createScenario(db, { scenario: named(20, 24), source: "roster" });
    const saved = dataOf<{ ok: boolean; messages: string[] }>(
      await scenarioPage.action(
        routeArgs(
          formRequest(`/scenarios/${id}`, { intent: "save", document: ISSUE_PLAN, version: "1" }, { as: "planner" }),
          { scenarioId: String(id) },
        ),
      ),
    );
    expect(saved.status).toBe(400);
    expect(saved.data.messages.join(" ")).toContain("monteCarlo.trials");
    expect(saved.data.messages.join(" ")).toContain("over the limit");
    const row = await db.selectFrom("scenario").select("document").where("id", "=", id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.document).name).toBe("20 engineers");
  });

  it("show a stored plan that is too large to simulate with its projection and the reason", async () => {
    const db = await getDb();
    // Stored before the limits existed: written straight to the table.
    const id = await createScenario(db, { scenario: named(20, 24), source: "roster" });
    const big = mustParseScenario({ ...JSON.parse(ISSUE_PLAN), monteCarlo: { trials: 5_000 } });
    await db
      .updateTable("scenario")
      .set({ document: JSON.stringify(big) })
      .where("id", "=", id)
      .execute();
    const page = await report.loader(
      routeArgs(getRequest(`/scenarios/${id}/report`, { as: "viewer" }), { scenarioId: String(id) }),
    );
    expect(page.monteCarlo).toBeNull();
    expect(page.monteCarloProblem).toContain("over the limit");
    expect(page.projection.summary.startHeadcount).toBe(1_000_000);
  });
});
