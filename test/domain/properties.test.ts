import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mustParseScenario, projectScenario, simulateMonteCarlo, type ScenarioInput } from "~/domain";
import { scenarioDocument } from "../factories/arbitraries";
import { expectMonteCarloMeanNearExpected } from "../factories/scenario";

// A fixed seed keeps the suite repeatable; a failure prints the counterexample and its path.
fc.configureGlobal({ seed: 20261123, numRuns: 150 });

describe("properties of the projection over random valid scenarios", () => {
  it("conserves total headcount with backfill at no delay and no plan events", () => {
    fc.assert(
      fc.property(scenarioDocument({ instantBackfill: true }), (doc) => {
        const { rows } = projectScenario(mustParseScenario(doc));
        const start = rows[0]!.totalHeadcount;
        for (const row of rows) expect(row.totalHeadcount).toBeCloseTo(start, 9);
      }),
    );
  });

  it("never produces a negative count or cost, and keeps coverage in [0, 1]", () => {
    fc.assert(
      fc.property(scenarioDocument({ events: true }), (doc) => {
        const { rows, summary } = projectScenario(mustParseScenario(doc));
        for (const row of rows) {
          for (const n of Object.values(row.headcount)) expect(n).toBeGreaterThanOrEqual(0);
          for (const n of Object.values(row.skillOwners)) expect(n).toBeGreaterThanOrEqual(0);
          for (const x of [
            row.joiners,
            row.leavers,
            row.promotions,
            row.payroll,
            row.recruitingCost,
            row.totalCost,
            row.capacity,
          ]) {
            expect(x).toBeGreaterThanOrEqual(0);
          }
          expect(row.coverage).toBeGreaterThanOrEqual(0);
          expect(row.coverage).toBeLessThanOrEqual(1);
        }
        expect(summary.lowestCoverage).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("never lowers total cost by adding a hire (mentoring program off)", () => {
    const extraHire = fc.record({
      level: fc.integer({ min: 0, max: 2 }),
      count: fc.integer({ min: 1, max: 5 }),
      at: fc.double({ min: 0, max: 0.999, noNaN: true }),
    });
    fc.assert(
      fc.property(scenarioDocument({ events: true, mentoringProgram: false }), extraHire, (doc, hire) => {
        const before = projectScenario(mustParseScenario(doc)).summary.totalCost;
        const withHire: ScenarioInput = {
          ...doc,
          plan: [
            ...(doc.plan ?? []),
            {
              type: "hire",
              level: `G${hire.level + 1}`,
              count: hire.count,
              month: Math.floor(hire.at * doc.horizonMonths),
            },
          ],
        };
        const after = projectScenario(mustParseScenario(withHire)).summary.totalCost;
        expect(after).toBeGreaterThanOrEqual(before * (1 - 1e-12));
        expect(after).toBeGreaterThan(before);
      }),
    );
  });
});

describe("properties of Monte Carlo over random valid scenarios", () => {
  it("gives identical output for the same seed", () => {
    fc.assert(
      fc.property(scenarioDocument({ events: true }), fc.nat(), (doc, seed) => {
        const scenario = mustParseScenario(doc);
        expect(simulateMonteCarlo(scenario, { trials: 20, seed })).toEqual(
          simulateMonteCarlo(scenario, { trials: 20, seed }),
        );
      }),
      { numRuns: 40 },
    );
  });

  it("has a mean headcount within 4 standard errors of the expected value, with mentoring off", () => {
    fc.assert(
      fc.property(scenarioDocument({ events: true, mentoringProgram: false }), (doc) => {
        expectMonteCarloMeanNearExpected(mustParseScenario(doc), 400, 7);
      }),
      { numRuns: 40 },
    );
  });
});
