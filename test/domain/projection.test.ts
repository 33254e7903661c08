import { describe, expect, it } from "vitest";
import { projectScenario, type ScenarioInput } from "~/domain";
import { makeScenario, quietAssumptions, quietLevel } from "../factories/scenario";

const perStep = (annual: number, months: number) => 1 - (1 - annual) ** (months / 12);

function project(fields: Partial<ScenarioInput>) {
  return projectScenario(makeScenario({ assumptions: quietAssumptions, ...fields }));
}

describe("cost", () => {
  it("charges salaries by the step and adds the overhead to get the loaded cost", () => {
    const { rows, summary } = project({
      horizonMonths: 3,
      levels: [quietLevel("A")],
      team: [{ level: "A", count: 2, salary: 120_000 }],
      assumptions: { ...quietAssumptions, overheadRate: 0.3 },
    });
    expect(rows).toHaveLength(3);
    expect(rows[0]!.payroll).toBeCloseTo((2 * 120_000) / 12, 6);
    expect(rows[0]!.loadedCost).toBeCloseTo(((2 * 120_000) / 12) * 1.3, 6);
    expect(rows[2]!.cumulativeCost).toBeCloseTo(3 * ((2 * 120_000) / 12) * 1.3, 6);
    expect(summary.totalCost).toBeCloseTo(rows[2]!.cumulativeCost, 6);
  });

  it("charges a quarter's salary per quarterly step", () => {
    const { rows } = project({
      step: "quarter",
      horizonMonths: 12,
      levels: [quietLevel("A")],
      team: [{ level: "A", salary: 120_000 }],
    });
    expect(rows).toHaveLength(4);
    expect(rows[1]!.payroll).toBeCloseTo(30_000, 6);
    expect(rows[1]!.period).toBe("2027-04");
  });

  it("has ceil(horizon / step) steps and places an event in floor(month / step)", () => {
    const { rows } = project({
      step: "quarter",
      horizonMonths: 25,
      levels: [quietLevel("A")],
      plan: [{ type: "hire", level: "A", count: 1, month: 7, salary: 90_000 }],
    });
    expect(rows).toHaveLength(9);
    expect(rows.map((r) => r.joiners)).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0]);
  });
});

describe("raises", () => {
  it("raises every salary at each 12-month mark", () => {
    const { rows } = project({
      horizonMonths: 25,
      levels: [quietLevel("A")],
      team: [{ level: "A", salary: 120_000 }],
      assumptions: { ...quietAssumptions, annualRaiseRate: 0.03 },
    });
    expect(rows[11]!.payroll).toBeCloseTo(10_000, 6);
    expect(rows[12]!.payroll).toBeCloseTo(10_000 * 1.03, 6);
    expect(rows[23]!.payroll).toBeCloseTo(10_000 * 1.03, 6);
    expect(rows[24]!.payroll).toBeCloseTo(10_000 * 1.03 ** 2, 6);
  });

  it("gives a promoted engineer max(salary x (1 + promotion raise), new band min)", () => {
    const levels = [quietLevel("L3"), quietLevel("L4", { band: { min: 125_000, mid: 130_000, max: 140_000 } })];
    const { rows } = project({
      horizonMonths: 2,
      levels,
      team: [
        { id: "well-paid", level: "L3", salary: 120_000 },
        { id: "underpaid", level: "L3", salary: 110_000 },
      ],
      plan: [
        { type: "promote", member: "well-paid", month: 1 },
        { type: "promote", member: "underpaid", month: 1 },
      ],
      assumptions: { ...quietAssumptions, promotionRaiseRate: 0.1 },
    });
    expect(rows[1]!.headcount).toEqual({ L3: 0, L4: 2 });
    expect(rows[1]!.promotions).toBe(2);
    // 120,000 x 1.1 = 132,000 is above the band min; 110,000 x 1.1 = 121,000 is lifted to 125,000.
    expect(rows[1]!.payroll).toBeCloseTo((132_000 + 125_000) / 12, 6);
  });

  it("merges promoted people into their group at the next level at the count-weighted mean salary", () => {
    const levels = [
      quietLevel("A", { annualPromotion: 0.5 }),
      quietLevel("B", { band: { min: 115_000, mid: 115_000, max: 130_000 } }),
    ];
    const { rows } = project({
      step: "year",
      horizonMonths: 36,
      levels,
      team: [{ id: "cohort", level: "A", count: 10, salary: 100_000 }],
      assumptions: { ...quietAssumptions, promotionRaiseRate: 0.1, annualRaiseRate: 0.1 },
    });
    // Year 1: 5 promoted at max(110,000, 115,000) = 115,000. Year 2 starts with a 10% raise
    // (A 110,000; B 126,500), then 2.5 more are promoted at 121,000 and merge with B.
    const bSalaryYear2 = (5 * 126_500 + 2.5 * 121_000) / 7.5;
    expect(rows[2]!.headcount).toEqual({ A: 2.5, B: 7.5 });
    expect(rows[2]!.payroll).toBeCloseTo(2.5 * 110_000 * 1.1 + 7.5 * bSalaryYear2 * 1.1, 4);
  });
});

describe("recruiting cost and joiners", () => {
  it("charges the fee on the annual salary of each hire in the step it starts", () => {
    const { rows, summary } = project({
      horizonMonths: 6,
      levels: [quietLevel("A", { band: { min: 90_000, mid: 105_000, max: 120_000 } })],
      plan: [
        { type: "hire", level: "A", count: 2, month: 3, salary: 90_000 },
        { type: "hire", level: "A", count: 1, month: 4 },
      ],
      assumptions: { ...quietAssumptions, recruitingFeeRate: 0.2 },
    });
    expect(rows.map((r) => r.recruitingCost)).toEqual([0, 0, 0, 2 * 90_000 * 0.2, 105_000 * 0.2, 0]);
    expect(rows[4]!.totalHeadcount).toBe(3);
    expect(rows[4]!.payroll).toBeCloseTo((2 * 90_000 + 105_000) / 12, 6);
    expect(summary.totalJoiners).toBe(3);
  });

  it("backfills a planned departure after the delay at the level's band mid", () => {
    const level = quietLevel("A", { band: { min: 110_000, mid: 122_000, max: 135_000 } });
    const { rows } = project({
      horizonMonths: 8,
      levels: [level],
      team: [{ id: "ana", name: "Ana", level: "A", salary: 130_000 }],
      plan: [{ type: "depart", member: "Ana", month: 2 }],
      assumptions: {
        ...quietAssumptions,
        recruitingFeeRate: 0.2,
        backfill: { enabled: true, delayMonths: 3, level: "same" },
      },
    });
    expect(rows.map((r) => r.totalHeadcount)).toEqual([1, 1, 0, 0, 0, 1, 1, 1]);
    expect(rows[2]!.leavers).toBe(1);
    expect(rows[5]!.joiners).toBe(1);
    expect(rows[5]!.recruitingCost).toBeCloseTo(122_000 * 0.2, 6);
    expect(rows[5]!.payroll).toBeCloseTo(122_000 / 12, 6);
  });

  it("backfills attrition one level below, one step plus the rounded delay later", () => {
    const levels = [quietLevel("A"), quietLevel("B", { annualAttrition: 0.2 })];
    const { rows } = project({
      step: "quarter",
      horizonMonths: 12,
      levels,
      team: [{ level: "B", count: 10, salary: 100_000 }],
      assumptions: { ...quietAssumptions, backfill: { enabled: true, delayMonths: 3, level: "below" } },
    });
    const leftInQuarter0 = 10 * perStep(0.2, 3);
    expect(rows[0]!.leavers).toBeCloseTo(leftInQuarter0, 9);
    // Due at step 0 + 1 + round(3 / 3) = 2, into level A.
    expect(rows[1]!.headcount.A).toBe(0);
    expect(rows[2]!.headcount.A).toBeCloseTo(leftInQuarter0, 9);
    expect(rows[2]!.joiners).toBeCloseTo(leftInQuarter0, 9);
  });

  it("drops backfills that fall due after the horizon", () => {
    const { summary } = project({
      horizonMonths: 4,
      levels: [quietLevel("A")],
      team: [{ id: "x", level: "A", salary: 100_000 }],
      plan: [{ type: "depart", member: "x", month: 2 }],
      assumptions: { ...quietAssumptions, backfill: { enabled: true, delayMonths: 6, level: "same" } },
    });
    expect(summary.totalJoiners).toBe(0);
    expect(summary.endTotalHeadcount).toBe(0);
  });
});

describe("ramp and mentoring", () => {
  const junior = quietLevel("J", { class: "junior", output: 0.5, rampMonths: 6, menteeHours: 4 });
  const senior = quietLevel("S", { class: "senior", output: 1.4, rampMonths: 3, mentorHours: 8 });

  it("ramps a new hire at half speed with no mentoring at all", () => {
    const { rows } = project({
      horizonMonths: 3,
      levels: [junior, senior],
      plan: [{ type: "hire", level: "J", count: 1, month: 0, salary: 100_000 }],
    });
    // Supply 0, demand 4 + 4 hours: coverage 0, progress grows by 1 x (1 + 0) / 2 per month.
    expect(rows[0]!.coverage).toBe(0);
    expect(rows[0]!.mentorDemandHoursPerWeek).toBe(8);
    expect(rows[0]!.capacity).toBeCloseTo(0.5 * (0.5 / 6), 12);
    expect(rows[2]!.capacity).toBeCloseTo(0.5 * (1.5 / 6), 12);
  });

  it("splits a mentor's hours over demand: coverage, ramp speed and the mentor's own capacity", () => {
    const { rows } = project({
      horizonMonths: 2,
      levels: [junior, senior],
      team: [{ level: "S", salary: 140_000 }],
      plan: [{ type: "hire", level: "J", count: 4, month: 0, salary: 100_000 }],
    });
    // Demand 4 x (4 + 4) = 32 h/week, supply 8: coverage 0.25; the senior gives all 8 of 40 hours.
    const row = rows[0]!;
    expect(row.mentorSupplyHoursPerWeek).toBe(8);
    expect(row.mentorDemandHoursPerWeek).toBe(32);
    expect(row.coverage).toBe(0.25);
    const rampProgress = (1 + 0.25) / 2;
    expect(row.capacity).toBeCloseTo(1.4 * (1 - 8 / 40) + 4 * 0.5 * (rampProgress / 6), 12);
  });

  it("uses only the hours mentees need when supply exceeds demand", () => {
    const { rows } = project({
      horizonMonths: 1,
      levels: [junior, senior],
      team: [{ level: "S", count: 2, salary: 140_000 }],
      plan: [{ type: "hire", level: "J", count: 1, month: 0, salary: 100_000 }],
    });
    // Supply 16, demand 8: coverage 1, each senior spends 8 x (8 / 16) = 4 of 40 hours mentoring.
    expect(rows[0]!.coverage).toBe(1);
    expect(rows[0]!.capacity).toBeCloseTo(2 * 1.4 * (1 - 4 / 40) + 0.5 * (1 / 6), 12);
  });

  it("does not count a ramping senior as a mentor", () => {
    const { rows } = project({
      horizonMonths: 1,
      levels: [junior, senior],
      plan: [{ type: "hire", level: "S", count: 1, month: 0, salary: 140_000 }],
    });
    expect(rows[0]!.mentorSupplyHoursPerWeek).toBe(0);
    expect(rows[0]!.mentorDemandHoursPerWeek).toBe(4);
  });

  it("keeps more juniors with a mentoring program, in proportion to coverage", () => {
    const levels = [{ ...junior, rampMonths: 0, annualAttrition: 0.18 }, senior];
    const fields = {
      horizonMonths: 1,
      levels,
      team: [
        { level: "J", count: 10, salary: 100_000 },
        { level: "S", salary: 140_000 },
      ],
    };
    const without = project(fields).rows[0]!;
    const withProgram = project({
      ...fields,
      assumptions: { ...quietAssumptions, mentorship: { program: true, retentionEffect: 0.4 } },
    }).rows[0]!;
    // Supply 8, demand 10 x 4 = 40: coverage 0.2, junior attrition x (1 - 0.4 x 0.2).
    expect(withProgram.coverage).toBeCloseTo(0.2, 12);
    expect(without.leavers).toBeCloseTo(10 * perStep(0.18, 1), 12);
    expect(withProgram.leavers).toBeCloseTo(10 * perStep(0.18 * (1 - 0.4 * 0.2), 1), 12);
  });
});

describe("ratio, skills and summary", () => {
  it("reports juniors per senior against the band, and no ratio without seniors", () => {
    const levels = [quietLevel("J", { class: "junior" }), quietLevel("M"), quietLevel("S", { class: "senior" })];
    const { rows, summary } = project({
      horizonMonths: 3,
      levels,
      team: [
        { id: "s", level: "S", salary: 150_000 },
        { level: "J", count: 3, salary: 100_000 },
        { level: "M", count: 5, salary: 120_000 },
      ],
      plan: [{ type: "depart", member: "s", month: 1 }],
    });
    expect(rows[0]!.juniorsPerSenior).toBe(3);
    expect(rows[0]!.ratioInBand).toBe(false);
    expect(rows[1]!.juniorsPerSenior).toBeNull();
    expect(rows[1]!.ratioInBand).toBe(false);
    expect(summary.stepsRatioOutOfBand).toBe(3);
  });

  it("counts skill owners at proficiency 3+, using level expectations for people without skills", () => {
    const levels = [
      quietLevel("A", { expectations: { testing: 2 } }),
      quietLevel("B", { expectations: { testing: 3, "system-design": 4 } }),
    ];
    const { rows, summary } = project({
      horizonMonths: 1,
      levels,
      team: [
        { level: "A", salary: 100_000, skills: { testing: 3, security: 4, caching: 2 } },
        { level: "B", count: 2, salary: 100_000 },
      ],
    });
    expect(rows[0]!.skillOwners).toEqual({ testing: 3, "system-design": 2, security: 1, caching: 0 });
    expect(summary.skillsAtRisk).toEqual([
      { skill: "caching", owners: 0 },
      { skill: "security", owners: 1 },
    ]);
  });

  it("summarises cost per capacity-month, coverage and the end of the horizon", () => {
    const { rows, summary } = project({
      horizonMonths: 12,
      step: "quarter",
      levels: [quietLevel("A", { output: 2 })],
      team: [{ level: "A", count: 3, salary: 100_000 }],
    });
    expect(summary.meanCapacity).toBe(6);
    expect(summary.costPerCapacityMonth).toBeCloseTo(300_000 / (6 * 12), 6);
    expect(summary.endHeadcount).toEqual({ A: 3 });
    expect(summary.lowestCoverage).toBe(1);
    expect(rows.at(-1)!.period).toBe("2027-10");
  });
});

describe("ladders of any length and mixed teams", () => {
  it.each([3, 5, 8])("works on a %i-level ladder with cohorts and named engineers together", (size) => {
    const levels = Array.from({ length: size }, (_, i) =>
      quietLevel(`G${i + 1}`, {
        class: i < size / 3 ? "junior" : i < (2 * size) / 3 ? "mid" : "senior",
        annualAttrition: 0.1,
        annualPromotion: i === size - 1 ? 0 : 0.2,
        rampMonths: 3,
        mentorHours: i >= size / 2 ? 6 : 0,
        menteeHours: i < size / 3 ? 3 : 0,
      }),
    );
    const { rows } = project({
      horizonMonths: 36,
      levels,
      team: [
        { level: "G1", count: 12, salary: 100_000 },
        { id: "lead", name: "Lead", level: `G${size}`, salary: 180_000 },
      ],
      plan: [{ type: "hire", level: "G2", count: 2, month: 6 }],
      assumptions: { ...quietAssumptions, backfill: { enabled: true, delayMonths: 0, level: "same" } },
    });
    expect(rows).toHaveLength(36);
    for (const row of rows.slice(7)) expect(row.totalHeadcount).toBeCloseTo(15, 9);
    expect(rows[35]!.headcount[`G${size}`]!).toBeGreaterThan(1);
    expect(Object.keys(rows[0]!.headcount)).toHaveLength(size);
  });
});

describe("skill owners at the edges", () => {
  it("counts the owners of a step even when everyone leaves at its end", () => {
    const { rows } = project({
      horizonMonths: 1,
      levels: [quietLevel("A", { annualAttrition: 1 })],
      team: [{ level: "A", count: 3, salary: 100_000, skills: { rust: 3 } }],
    });
    expect(rows[0]!.leavers).toBe(3);
    expect(rows[0]!.skillOwners.rust).toBe(3);
  });

  it("counts exactly two owners among many alike engineers, so the skill is not flagged", () => {
    const team = [
      ...Array.from({ length: 47 }, (_, i) => ({ id: `p${i}`, level: "L3", salary: 125_000 })),
      { id: "a", level: "L3", salary: 125_000, skills: { rust: 3 } },
      { id: "b", level: "L3", salary: 125_000, skills: { rust: 3 } },
    ];
    const { rows, summary } = projectScenario(makeScenario({ horizonMonths: 1, team }));
    expect(rows[0]!.skillOwners.rust).toBe(2);
    expect(summary.skillsAtRisk.map((r) => r.skill)).not.toContain("rust");
  });
});
