import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenarioJson, projectScenario, type Scenario } from "~/domain";

function loadExample(name: string): Scenario {
  const parsed = parseScenarioJson(readFileSync(new URL(`../../public/examples/${name}`, import.meta.url), "utf8"));
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
  return parsed.scenario;
}

describe("the textbook four-grade check (MODEL.md section 4)", () => {
  const projection = projectScenario(loadExample("textbook-four-grades.scenario.json"));
  const expected = [
    { D: 200, C: 150, B: 90, A: 60 },
    { D: 194.5, C: 137.5, B: 93, A: 75 },
    { D: 189.275, C: 128.275, B: 92.6, A: 89.85 },
  ];

  it.each(expected.map((counts, step) => [step, counts] as const))(
    "step %i holds the textbook counts",
    (step, counts) => {
      const row = projection.rows[step]!;
      for (const [grade, count] of Object.entries(counts))
        expect(Math.abs(row.headcount[grade]! - count)).toBeLessThan(1e-9);
      expect(Math.abs(row.totalHeadcount - 500)).toBeLessThan(1e-9);
    },
  );

  it("recruits exactly the previous year's leavers into D", () => {
    const [first, second] = projection.rows;
    // 25% of 200 + 15% of 150 + 10% of 90 + 5% of 60 leave in the first year.
    expect(first!.leavers).toBeCloseTo(50 + 22.5 + 9 + 3, 9);
    expect(second!.joiners).toBeCloseTo(first!.leavers, 9);
  });
});
