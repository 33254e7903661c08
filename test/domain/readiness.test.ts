import { describe, expect, it } from "vitest";
import { DEFAULT_LEVELS, promotionReadiness, readinessForNextLevel } from "~/domain";

const [L1, L2, L3, L4, L5] = DEFAULT_LEVELS;
/** Exactly what a level expects. */
const meets = (expectations: Record<string, number>) => ({ ...expectations });

describe("promotion readiness", () => {
  it("is ready with every expectation met", () => {
    const r = promotionReadiness(meets(L3!.expectations), L3!);
    expect(r).toMatchObject({
      nextLevelId: "L3",
      expectedSkills: 12,
      metSkills: 12,
      share: 1,
      missing: [],
      pillarsRequired: false,
      ready: true,
    });
  });

  it("is ready at 80% for a mid-level step, and names what is missing", () => {
    const skills = meets(L3!.expectations);
    skills["security"] = 1;
    skills["caching"] = 0;
    const r = promotionReadiness(skills, L3!);
    expect(r.share).toBeCloseTo(10 / 12, 12);
    expect(r.ready).toBe(true);
    expect(r.missing).toEqual([
      { skill: "caching", expected: 2, actual: 0 },
      { skill: "security", expected: 2, actual: 1 },
    ]);
  });

  it("is not ready below 80%", () => {
    const skills = meets(L2!.expectations);
    skills["api-design"] = 1;
    skills["code-review"] = 1;
    const r = promotionReadiness(skills, L2!);
    expect(r.share).toBeCloseTo(4 / 6, 12);
    expect(r.ready).toBe(false);
  });

  it("needs two of the three senior pillars at 3+ for a senior level, whatever the share", () => {
    // Everything L4 expects, but technical leadership only at 2 and mentoring at 2: one pillar.
    const onePillar = { ...meets(L4!.expectations), mentoring: 2 };
    const r = promotionReadiness(onePillar, L4!);
    expect(r.share).toBeGreaterThanOrEqual(0.8);
    expect(r.pillarsRequired).toBe(true);
    expect(r.pillarsMet).toEqual(["system-design"]);
    expect(r.ready).toBe(false);

    const twoPillars = { ...onePillar, "technical-leadership": 3 };
    expect(promotionReadiness(twoPillars, L4!)).toMatchObject({
      pillarsMet: ["system-design", "technical-leadership"],
      ready: true,
    });
  });

  it("reads a missing skill as 0 and has no next level at the top", () => {
    expect(promotionReadiness({}, L1!)).toMatchObject({ metSkills: 0, share: 0, ready: false });
    expect(readinessForNextLevel(DEFAULT_LEVELS, "L5", meets(L5!.expectations))).toBeNull();
    expect(readinessForNextLevel(DEFAULT_LEVELS, "L1", meets(L2!.expectations))?.ready).toBe(true);
  });
});
