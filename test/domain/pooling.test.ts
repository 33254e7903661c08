import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mustParseScenario } from "~/domain";
import { compileScenario, type CompiledScenario } from "~/domain/compile";
import { runSimulation, SimulationState } from "~/domain/simulation";
import { scenarioDocument } from "../factories/arbitraries";

fc.configureGlobal({ seed: 20261123, numRuns: 150 });

/** Every measure of every step of an expected-value run, as plain numbers. */
function expectedRun(compiled: CompiledScenario): number[][] {
  const rows: number[][] = [];
  runSimulation(new SimulationState(compiled), null, true, (m) => {
    rows.push([
      m.totalHeadcount,
      ...m.headcount,
      m.payroll,
      m.recruitingCost,
      m.leavers,
      m.promotions,
      m.coverage,
      m.capacity,
      ...m.skillOwners,
    ]);
  });
  return rows;
}

describe("pooling alike team entries in the expected-value run", () => {
  it("gives the same numbers as following every entry on its own", () => {
    // Crowd the team onto the two lowest levels with salaries around the next level's band min,
    // so that pools form and some entries are lifted to a band min when promoted.
    const crowded = fc.tuple(
      scenarioDocument({ events: true }),
      fc.array(fc.double({ min: 0.8, max: 1.2, noNaN: true }), { minLength: 8, maxLength: 8 }),
    );
    fc.assert(
      fc.property(crowded, ([doc, factors]) => {
        const levels = doc.levels!;
        const team = doc.team!.map((entry, i) => {
          const level = i % 2;
          return { ...entry, level: levels[level]!.id, salary: Math.round(levels[level + 1]!.band.min * factors[i]!) };
        });
        const compiled = compileScenario(mustParseScenario({ ...doc, team }));
        const unpooled: CompiledScenario = {
          ...compiled,
          pooledTeam: compiled.team,
          eventsByStep: compiled.eventsByStep.map((events) => events.map((e) => ({ ...e, pooledOrigin: e.origin }))),
        };
        const pooled = expectedRun(compiled);
        const single = expectedRun(unpooled);
        pooled.forEach((row, step) =>
          row.forEach((value, i) =>
            expect(Math.abs(value - single[step]![i]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(value))),
          ),
        );
      }),
    );
  });

  it("pools entries that start at the same level and keeps the ones plan events name", () => {
    const compiled = compileScenario(
      mustParseScenario({
        format: "teamshape.scenario/v1",
        name: "Pools",
        start: "2027-01",
        horizonMonths: 12,
        team: [
          { id: "a", level: "L3", salary: 125_000, skills: { testing: 4 } },
          { id: "b", level: "L3", salary: 128_000, skills: { security: 3 } },
          { id: "c", level: "L3", salary: 126_000, skills: { testing: 3 } },
          { id: "low-paid", level: "L3", salary: 100_000, skills: { testing: 3 } },
        ],
        plan: [{ type: "depart", member: "c", month: 5 }],
      }),
    );
    // "c" is named by an event; "low-paid" would be lifted to a band min (100,000 x 1.1 < 125,000).
    expect(compiled.pooledTeam).toHaveLength(3);
    const pool = compiled.pooledTeam.find((entry) => entry.count === 2)!;
    expect(pool.salary).toBe((125_000 + 128_000) / 2);
    expect(Array.from(pool.skillOwners!)).toEqual([1, 1]);
  });
});
