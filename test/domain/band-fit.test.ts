import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BAND_FIT_METHODS,
  countByBandPosition,
  DEFAULT_LEVELS,
  fitBand,
  proposeBands,
  roundingStep,
  type SalaryBand,
} from "~/domain";

const band = (min: number, mid: number, max: number): SalaryBand => ({ min, mid, max });

describe("a band fitted to salaries", () => {
  it("of one person is their pay, rounded: minimum down, midpoint to the nearest $1,000, maximum up", () => {
    for (const method of BAND_FIT_METHODS) {
      expect(fitBand([120_500], method)).toEqual({
        band: band(120_000, 121_000, 121_000),
        raw: band(120_500, 120_500, 120_500),
        step: 1_000,
      });
      expect(fitBand([120_000], method).band).toEqual(band(120_000, 120_000, 120_000));
    }
  });

  it("of two people: lowest, mean, highest; or a tenth and nine tenths of the way between them", () => {
    expect(fitBand([110_000, 100_000], "range").band).toEqual(band(100_000, 105_000, 110_000));
    expect(fitBand([110_000, 100_000], "p10-p90").band).toEqual(band(101_000, 105_000, 109_000));
    // 100,300 + 0.1 x 10,600 = 101,360 (down to 101,000); the mean 105,600 (to 106,000); 100,300 + 0.9 x 10,600 = 109,840 (up to 110,000).
    expect(fitBand([100_300, 110_900], "p10-p90")).toEqual({
      band: band(101_000, 106_000, 110_000),
      raw: band(101_360, 105_600, 109_840),
      step: 1_000,
    });
  });

  it("of equal salaries is one point", () => {
    for (const method of BAND_FIT_METHODS)
      expect(fitBand([130_000, 130_000, 130_000, 130_000], method).band).toEqual(band(130_000, 130_000, 130_000));
  });

  it("of the demo's four L2 engineers, in any order", () => {
    const pay = [114_000, 108_500, 111_000, 106_500];
    // Median of 108,500 and 111,000: 109,750, to 110,000.
    expect(fitBand(pay, "range").band).toEqual(band(106_000, 110_000, 114_000));
    // Sorted 106,500 108,500 111,000 114,000: P10 at 0.3 of the way from the 1st to the 2nd: 107,100;
    // P90 at 0.7 from the 3rd to the 4th: 113,100.
    expect(fitBand(pay, "p10-p90")).toEqual({
      band: band(107_000, 110_000, 114_000),
      raw: band(107_100, 109_750, 113_100),
      step: 1_000,
    });
  });

  it("rounds to $5,000 when the pay spreads $100,000 or more", () => {
    expect(roundingStep(100_000, 199_999)).toBe(1_000);
    expect(roundingStep(100_000, 200_000)).toBe(5_000);
    // Spread 117,600: the midpoint 154,000 goes to 155,000, the ends out to 95,000 and 215,000.
    expect(fitBand([95_200, 212_800], "range")).toEqual({
      band: band(95_000, 155_000, 215_000),
      raw: band(95_200, 154_000, 212_800),
      step: 5_000,
    });
  });

  it("rounds a midpoint half-way between steps up", () => {
    expect(fitBand([122_000, 123_000], "range").band.mid).toBe(123_000);
    expect(fitBand([118_500, 121_000, 124_000, 127_000], "range").band).toEqual(band(118_000, 123_000, 127_000));
  });

  it("refuses no salaries", () => {
    expect(() => fitBand([], "range")).toThrow("at least one salary");
  });

  it("keeps min <= mid <= max, and lowest / median / highest holds everyone", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1_000, max: 2_000_000 }), { minLength: 1, maxLength: 40 }),
        fc.constantFrom(...BAND_FIT_METHODS),
        (pay, method) => {
          const { band: b, step } = fitBand(pay, method);
          expect(b.min).toBeLessThanOrEqual(b.mid);
          expect(b.mid).toBeLessThanOrEqual(b.max);
          for (const x of [b.min, b.mid, b.max]) expect(x % step).toBe(0);
          if (method === "range") expect(countByBandPosition(pay, b)).toMatchObject({ below: 0, above: 0 });
        },
      ),
      { seed: 20261202, numRuns: 300 },
    );
  });
});

describe("counting people against a band", () => {
  it("counts the ends as inside", () => {
    expect(
      countByBandPosition([94_999, 95_000, 105_000, 115_000, 115_001, 200_000], band(95_000, 105_000, 115_000)),
    ).toEqual({ below: 1, inside: 3, above: 2 });
    expect(countByBandPosition([], band(1, 2, 3))).toEqual({ below: 0, inside: 0, above: 0 });
  });
});

describe("bands proposed for a ladder", () => {
  const ladder = DEFAULT_LEVELS.map(({ id, title, band }) => ({ id, title, band }));
  const demo = new Map([
    ["L1", [99_000, 101_500, 97_000]],
    ["L2", [114_000, 108_500, 111_000, 106_500]],
    ["L3", [127_000, 121_000, 118_500, 124_000]],
    ["L4", [136_000, 131_000, 128_500]],
    ["L5", [152_000]],
  ]);

  it("fits each level of three or more, keeps the others, and counts people out of band now and after", () => {
    const proposal = proposeBands({ levels: ladder, salaries: demo, method: "range" });
    expect(proposal.levels.map((l) => [l.id, l.people, l.proposed, l.kept])).toEqual([
      ["L1", 3, band(97_000, 99_000, 102_000), null],
      ["L2", 4, band(106_000, 110_000, 114_000), null],
      ["L3", 4, band(118_000, 123_000, 127_000), null],
      ["L4", 3, band(128_000, 131_000, 136_000), null],
      ["L5", 1, null, "too few"],
    ]);
    expect(proposal.notRising).toEqual([]);
    const l5 = proposal.levels[4]!;
    expect(l5.current).toEqual(DEFAULT_LEVELS[4]!.band);
    expect(l5.after).toEqual(l5.now);

    const above = new Map([...demo, ["L3", [127_000, 121_000, 118_500, 140_000]]]);
    const l3 = proposeBands({ levels: ladder, salaries: above, method: "range" }).levels[2]!;
    expect(l3.now).toEqual({ below: 0, inside: 3, above: 1 }); // 140,000 over the demo's 132,000
    expect(l3.after).toEqual({ below: 0, inside: 4, above: 0 });
  });

  it("keeps the band of a level with no engineers, and fits one of one person when asked to", () => {
    const proposal = proposeBands({
      levels: ladder,
      salaries: new Map([["L5", [152_000]]]),
      method: "p10-p90",
      minPeople: 1,
    });
    expect(proposal.levels.map((l) => l.kept)).toEqual([
      "no engineers",
      "no engineers",
      "no engineers",
      "no engineers",
      null,
    ]);
    expect(proposal.levels[4]!.proposed).toEqual(band(152_000, 152_000, 152_000));
    expect(proposal.levels[0]!.proposed).toBeNull();
  });

  it("rounds a midpoint up rather than let rounding alone stop it rising above the level below", () => {
    const levels = [
      { id: "A", title: "A", band: band(1, 2, 3) },
      { id: "B", title: "B", band: band(1, 2, 3) },
    ];
    const salaries = new Map([
      ["A", [118_000, 119_400, 121_000]],
      ["B", [119_000, 119_450, 125_000]],
    ]);
    const [a, b] = proposeBands({ levels, salaries, method: "range" }).levels;
    expect(a!.proposed).toEqual(band(118_000, 119_000, 121_000));
    // 119,450 would round to 119,000, no higher than A's: it rounds up to 120,000 instead.
    expect(b!.proposed).toEqual(band(119_000, 120_000, 125_000));
  });

  it("lifts a minimum that rounding put below the band under it", () => {
    const levels = [
      { id: "A", title: "A", band: band(105_500, 110_000, 120_000) },
      { id: "B", title: "B", band: band(1, 2, 3) },
    ];
    const salaries = new Map([
      ["A", [100_000]],
      ["B", [105_800, 112_000, 130_000]],
    ]);
    const proposal = proposeBands({ levels, salaries, method: "range" });
    expect(proposal.levels[0]!.kept).toBe("too few");
    expect(proposal.levels[1]!.proposed).toEqual(band(105_500, 112_000, 130_000));
    expect(proposal.notRising).toEqual([]);
  });

  it("says where the team's own pay does not rise with level, and keeps the figures it read", () => {
    const inverted = new Map([...demo, ["L3", [107_000, 109_000, 112_000]]]);
    const proposal = proposeBands({ levels: ladder, salaries: inverted, method: "range" });
    expect(proposal.levels[2]!.proposed).toEqual(band(107_000, 109_000, 112_000));
    expect(proposal.notRising).toEqual([{ lowerId: "L2", higherId: "L3", figures: ["mid", "max"] }]);
  });

  it("compares a fitted band with a kept one above it", () => {
    const rich = new Map([...demo, ["L4", [150_000, 160_000, 175_000]]]);
    const proposal = proposeBands({ levels: ladder, salaries: rich, method: "range" });
    // L5 keeps the demo's 135,000 / 144,690 / 165,000.
    expect(proposal.notRising).toEqual([{ lowerId: "L4", higherId: "L5", figures: ["min", "mid", "max"] }]);
  });

  it("always proposes bands with min <= mid <= max", () => {
    const levels = ["A", "B", "C", "D"].map((id) => ({ id, title: id, band: band(100_000, 120_000, 140_000) }));
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 30_000, max: 400_000 }), { maxLength: 8 }), {
          minLength: 4,
          maxLength: 4,
        }),
        fc.constantFrom(...BAND_FIT_METHODS),
        (pay, method) => {
          const salaries = new Map(levels.map((l, i) => [l.id, pay[i]!]));
          for (const level of proposeBands({ levels, salaries, method }).levels) {
            const b = level.proposed ?? level.current;
            expect(b.min).toBeLessThanOrEqual(b.mid);
            expect(b.mid).toBeLessThanOrEqual(b.max);
          }
        },
      ),
      { seed: 20261202, numRuns: 300 },
    );
  });
});
