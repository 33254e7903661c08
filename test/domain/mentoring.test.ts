import { describe, expect, it } from "vitest";
import { defaultLevels, mentoredAttrition, mentoringEffect, parseScenario, projectScenario } from "~/domain";

describe("the mentoring program's effect on junior attrition (MODEL.md section 4 step 7)", () => {
  it("multiplies a junior level's attrition by (1 - retentionEffect x coverage)", () => {
    // 18% a year, 40% kept at full mentoring: 18 x 0.6 = 10.8%; at 80% covered, 18 x (1 - 0.32) = 12.24%.
    expect(mentoredAttrition(0.18, 0.4, 1)).toBeCloseTo(0.108, 12);
    expect(mentoredAttrition(0.18, 0.4, 0.8)).toBeCloseTo(0.1224, 12);
    expect(mentoredAttrition(0.18, 0.4, 0)).toBe(0.18);
  });

  it("gives each junior-class level's figure with none, full and the plan's average mentoring", () => {
    const effect = mentoringEffect(defaultLevels(), { program: true, retentionEffect: 0.4 }, [1, 0.6, 0.8]);
    expect(effect.averageCoverage).toBeCloseTo(0.8, 12);
    // The default ladder's junior-class levels are L1 (18%) and L2 (16%); mid and senior levels are not changed.
    expect(effect.levels.map((l) => l.id)).toEqual(["L1", "L2"]);
    const [l1, l2] = effect.levels;
    expect(l1).toMatchObject({ title: "Junior Engineer", withNone: 0.18 });
    expect(l1!.atFull).toBeCloseTo(0.108, 12);
    expect(l1!.atAverage).toBeCloseTo(0.1224, 12);
    expect(l2!.atFull).toBeCloseTo(0.096, 12);
    expect(l2!.atAverage).toBeCloseTo(0.16 * 0.68, 12);
  });

  it("changes nothing without a program", () => {
    const effect = mentoringEffect(defaultLevels(), { program: false, retentionEffect: 0.4 }, [0.5]);
    for (const level of effect.levels) {
      expect(level.atFull).toBe(level.withNone);
      expect(level.atAverage).toBe(level.withNone);
    }
  });

  it("is the rate the projection uses: a year's junior leavers at half coverage", () => {
    // 100 juniors needing 4 h a week, 25 seniors giving 8: supply 200 h for 400 needed, coverage 0.5.
    const levels = defaultLevels().map((l) => ({ ...l, annualPromotion: 0 }));
    const parsed = parseScenario({
      format: "teamshape.scenario/v1",
      name: "Half covered",
      start: "2027-01",
      horizonMonths: 24,
      step: "year",
      levels,
      team: [
        { id: "juniors", level: "L1", count: 100, salary: 100_000 },
        { id: "seniors", level: "L4", count: 25, salary: 130_000 },
      ],
      plan: [],
      assumptions: { backfill: { enabled: false, delayMonths: 0, level: "same" }, annualRaiseRate: 0 },
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const first = projectScenario(parsed.scenario).rows[0]!;
    expect(first.coverage).toBeCloseTo(0.5, 12);
    // Juniors: 100 x 18% x (1 - 0.4 x 0.5) = 14.4 leave; seniors: 25 x 12% = 3.
    expect(first.leavers).toBeCloseTo(100 * mentoredAttrition(0.18, 0.4, 0.5) + 25 * 0.12, 9);
    expect(first.leavers).toBeCloseTo(17.4, 9);
  });
});
