import { describe, expect, it } from "vitest";
import { warningsOf } from "~/components/scenario/plan-warnings";
import { planWarnings, projectScenario, skillNamer } from "~/domain";
import { makeScenario, quietAssumptions, quietLevel } from "../factories/scenario";

describe("the scenario page's warnings, kept with the projection", () => {
  const scenario = makeScenario({
    horizonMonths: 3,
    levels: [quietLevel("J", { class: "junior" }), quietLevel("S", { class: "senior" })],
    teams: [
      { id: "a", name: "Payments" },
      { id: "b", name: "Mobile" },
    ],
    team: [
      { level: "S", salary: 150_000, skills: { go: 3 }, team: "a" },
      { level: "J", count: 4, salary: 100_000, team: "b" },
    ],
    assumptions: quietAssumptions,
  });
  const projection = projectScenario(scenario);

  it("name a skill by its name now, after a rename, and follow the team shown", () => {
    const before = warningsOf(scenario, projection, [{ id: "go", name: "Go" }]);
    expect(before.find((w) => w.kind === "skills")?.message).toContain("Go");
    const renamed = [{ id: "go", name: "Golang" }];
    const after = warningsOf(scenario, projection, renamed);
    expect(after.find((w) => w.kind === "skills")?.message).toContain("Golang");
    expect(after).toEqual(planWarnings(scenario, projection, skillNamer(renamed)));
    const mobile = warningsOf(scenario, projection, renamed, "b");
    expect(mobile).toEqual(planWarnings(scenario, projection, skillNamer(renamed), "b"));
    expect(mobile.every((w) => w.message.startsWith("Mobile: "))).toBe(true);
    expect(mobile).not.toEqual(after);
  });
});
