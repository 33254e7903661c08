import { beforeEach, describe, expect, it } from "vitest";
import { defaultLevels, projectScenario, type Scenario } from "~/domain";
import { forgetCompiledTeams } from "~/domain/compile";
import { makeScenario } from "../factories/scenario";

/** A small team with skills, and a plan that names one of them. */
function teamScenario(): Scenario {
  return makeScenario({
    horizonMonths: 12,
    team: [
      { id: "ana", level: "L3", salary: 120_000, skills: { "system-design": 3, testing: 2 } },
      { id: "ben", level: "L4", salary: 135_000, skills: { mentoring: 4 } },
      { id: "grads", level: "L1", count: 6, salary: 100_000 },
    ],
    plan: [{ type: "promote", member: "ana", month: 6 }],
  });
}

/** The projection compiled from nothing: what the engine gives with no compiled team kept. */
function fresh(scenario: Scenario) {
  forgetCompiledTeams();
  return projectScenario(scenario);
}

describe("the compiled team kept between projections", () => {
  beforeEach(() => forgetCompiledTeams());

  it("gives the same projection as compiling afresh when only the assumptions change", () => {
    const scenario = teamScenario();
    projectScenario(scenario);
    const edited: Scenario = {
      ...scenario,
      assumptions: { ...scenario.assumptions, overheadRate: 0.5, promotionRaiseRate: 0.2 },
    };
    const kept = projectScenario(edited);
    expect(kept).toEqual(fresh(edited));
    expect(kept.summary.totalCost).not.toBe(projectScenario(scenario).summary.totalCost);
  });

  it("sees an edited salary, level, count or skills in a new team array", () => {
    const scenario = teamScenario();
    const before = projectScenario(scenario);
    const edits: ((team: Scenario["team"]) => Scenario["team"])[] = [
      (team) => team.map((e) => (e.id === "ben" ? { ...e, salary: 150_000 } : e)),
      (team) => team.map((e) => (e.id === "ben" ? { ...e, level: "L5" } : e)),
      (team) => team.map((e) => (e.id === "grads" ? { ...e, count: 7 } : e)),
      (team) => team.map((e) => (e.id === "ana" ? { ...e, skills: { "system-design": 2, testing: 3 } } : e)),
      (team) => team.map((e) => (e.id === "grads" ? { ...e, skills: { testing: 1 } } : e)),
      (team) => [...team, { id: "cy", level: "L2", count: 1, salary: 110_000 }],
    ];
    for (const edit of edits) {
      const edited: Scenario = { ...scenario, team: edit(scenario.team) };
      const after = projectScenario(edited);
      expect(after).toEqual(fresh(edited));
      expect(after.rows).not.toEqual(before.rows);
      projectScenario(scenario); // the original's compiled team is the newest again
    }
  });

  it("sees a team entry changed in place, in the same array", () => {
    const scenario = teamScenario();
    const before = projectScenario(scenario);
    scenario.team[1]!.salary = 150_000;
    const after = projectScenario(scenario);
    expect(after.rows[0]!.payroll - before.rows[0]!.payroll).toBeCloseTo(15_000 / 12, 6);
    scenario.team[0]!.skills!.testing = 3;
    expect(projectScenario(scenario).rows[0]!.skillOwners.testing).toBe(after.rows[0]!.skillOwners.testing! + 1);
  });

  it("sees a changed ladder: expectations, band mins, another level id", () => {
    const scenario = teamScenario();
    const before = projectScenario(scenario);
    const levels = defaultLevels();
    // The grads have no skills recorded, so L1's expectations stand in for theirs.
    levels[0]!.expectations = { ...levels[0]!.expectations, security: 3 };
    const expecting: Scenario = { ...scenario, levels };
    expect(projectScenario(expecting).rows[0]!.skillOwners.security).toBe(6);
    expect(before.rows[0]!.skillOwners.security ?? 0).toBe(0);
    // A band min above the promoted salary: ana's promotion is lifted to it.
    const lifted = defaultLevels();
    lifted[3]!.band = { min: 160_000, mid: 160_000, max: 170_000 };
    const liftedScenario: Scenario = { ...scenario, levels: lifted };
    expect(projectScenario(liftedScenario)).toEqual(fresh(liftedScenario));
    expect(projectScenario(liftedScenario).rows[6]!.payroll).toBeGreaterThan(before.rows[6]!.payroll + 1_000);
  });

  it("sees a plan event naming another member (who then is not pooled)", () => {
    const scenario = teamScenario();
    projectScenario(scenario);
    const departing: Scenario = { ...scenario, plan: [{ type: "depart", member: "ben", month: 3 }] };
    const after = projectScenario(departing);
    expect(after).toEqual(fresh(departing));
    expect(after.rows[3]!.headcount.L4).toBeLessThan(after.rows[2]!.headcount.L4!);
  });
});
