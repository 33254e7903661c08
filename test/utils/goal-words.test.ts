import { describe, expect, it } from "vitest";
import { typedDollars } from "~/components/scenario/draft";
import { goalsSummary, likelihoodPercent } from "~/utils/goal-words";

describe("goals in words", () => {
  it("counts the goals met", () => {
    const met = { met: true };
    const missed = { met: false };
    expect(goalsSummary([met, met, missed, met])).toBe("Meets 3 of 4 goals");
    expect(goalsSummary([met, met])).toBe("Meets all 2 goals");
    expect(goalsSummary([missed])).toBe("Misses its goal");
    expect(goalsSummary([])).toBe("No goals set");
  });

  it("never rounds a possible outcome to 0% or a possible miss to 100%", () => {
    expect(likelihoodPercent(0.82)).toBe("82%");
    expect(likelihoodPercent(0.001)).toBe("Under 1%");
    expect(likelihoodPercent(0.999)).toBe("Over 99%");
    expect(likelihoodPercent(0)).toBe("0%");
    expect(likelihoodPercent(1)).toBe("100%");
  });

  it("reads dollars as people type them, and leaves anything else as text for the engine to name", () => {
    expect(typedDollars("$6,000,000")).toBe(6_000_000);
    expect(typedDollars("6M")).toBe(6_000_000);
    expect(typedDollars("1.1m")).toBe(1_100_000);
    expect(typedDollars("310k")).toBe(310_000);
    expect(typedDollars("6,0")).toBe(60);
    expect(typedDollars("six million")).toBe("six million");
    expect(typedDollars("")).toBe("");
  });
});
