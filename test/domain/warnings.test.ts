import { describe, expect, it } from "vitest";
import { planWarnings, projectScenario, runsWhere } from "~/domain";
import { makeScenario, quietAssumptions, quietLevel } from "../factories/scenario";

describe("plan warnings in words", () => {
  const levels = [
    quietLevel("J", { class: "junior", menteeHours: 4, rampMonths: 6 }),
    quietLevel("S", { class: "senior", mentorHours: 8 }),
  ];

  it("names the months mentoring falls short and how much slower hires ramp", () => {
    const scenario = makeScenario({
      horizonMonths: 6,
      levels,
      team: [{ level: "S", salary: 150_000 }],
      plan: [{ type: "hire", level: "J", count: 3, month: 2 }],
      assumptions: quietAssumptions,
    });
    const projection = projectScenario(scenario);
    const short = runsWhere(projection.rows, (r) => r.coverage < 1);
    expect(short).toHaveLength(1);
    const lowest = Math.min(...short[0]!.rows.map((r) => r.coverage));
    const warning = planWarnings(scenario, projection).find((w) => w.kind === "mentoring")!;
    expect(warning.message).toContain(`from ${short[0]!.from.period} to ${short[0]!.to.period}`);
    expect(warning.message).toContain(`coverage down to ${Math.round(lowest * 100)}%`);
    expect(warning.message).toContain(`ramp up to ${Math.round(((1 - lowest) / 2) * 100)}% slower`);
  });

  it("names a ratio above the band, and says nothing when every target holds", () => {
    const crowded = makeScenario({
      horizonMonths: 3,
      levels,
      team: [
        { level: "S", salary: 150_000 },
        { level: "J", count: 3, salary: 100_000 },
      ],
      assumptions: quietAssumptions,
    });
    expect(planWarnings(crowded, projectScenario(crowded)).map((w) => w.kind)).toContain("ratio-high");

    const calm = makeScenario({
      horizonMonths: 3,
      levels: [quietLevel("J", { class: "junior" }), quietLevel("S", { class: "senior" })],
      team: [
        { level: "S", salary: 150_000 },
        { level: "J", salary: 100_000 },
      ],
      assumptions: quietAssumptions,
    });
    expect(planWarnings(calm, projectScenario(calm))).toEqual([]);
  });

  it("says hardly any senior is left, not a ratio in the thousands, when the seniors all but leave", () => {
    const leaving = makeScenario({
      horizonMonths: 24,
      levels: [quietLevel("J", { class: "junior" }), quietLevel("S", { class: "senior", annualAttrition: 0.999 })],
      team: [
        { level: "S", salary: 150_000 },
        { level: "J", count: 6, salary: 100_000 },
      ],
      assumptions: quietAssumptions,
    });
    const projection = projectScenario(leaving);
    const worst = Math.max(...projection.rows.map((r) => r.juniorsPerSenior ?? 0));
    expect(worst).toBeGreaterThan(1000); // the expected seniors go towards zero
    const warning = planWarnings(leaving, projection).find((w) => w.kind === "ratio-high")!;
    expect(warning.message).toContain("at worst: hardly any senior is left");
    expect(warning.message).not.toContain(String(Math.round(worst)));
  });
});
