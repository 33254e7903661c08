/**
 * Plan against actual (issue 18) on a constructed history, worked out by hand: hires made early, on
 * time, late and never, one signed but not started, an unplanned and a planned leaver, records that
 * arrive late, and a viewer's prices.
 */
import { describe, expect, it } from "vitest";
import {
  mustParseScenario,
  planVariance,
  projectScenario,
  reforecastOf,
  remainingPlan,
  SCENARIO_FORMAT,
  type RecordedPerson,
  type RecordedPersonState,
  type ScenarioInput,
} from "~/domain";
import { quietAssumptions, quietLevel } from "../factories/scenario";

const levels = [
  quietLevel("J", { title: "Engineer", class: "junior", band: { min: 80_000, mid: 100_000, max: 120_000 } }),
  quietLevel("S", { title: "Senior Engineer", class: "senior", band: { min: 150_000, mid: 200_000, max: 250_000 } }),
];

function plan(parts: Partial<ScenarioInput> = {}) {
  return mustParseScenario({
    format: SCENARIO_FORMAT,
    name: "Plan of record",
    start: "2027-01",
    horizonMonths: 12,
    step: "month",
    levels,
    assumptions: { ...quietAssumptions, recruitingFeeRate: 0.2, overheadRate: 0.25 },
    team: [
      ...[1, 2, 3, 4].map((n) => ({ id: `e${n}`, name: `Senior ${n}`, level: "S", salary: 150_000 })),
      ...[5, 6].map((n) => ({ id: `e${n}`, name: `Junior ${n}`, level: "J", salary: 90_000 })),
    ],
    plan: [
      { type: "hire", level: "S", month: 1, count: 1 }, // Feb
      { type: "hire", level: "J", month: 2, count: 2 }, // Mar
      { type: "depart", member: "e4", month: 2 }, // Mar
      { type: "hire", level: "J", month: 3, count: 1 }, // Apr
      { type: "hire", level: "S", month: 5, count: 1 }, // Jun
    ],
    ...parts,
  });
}

const state = (
  from: string,
  fields: Partial<RecordedPersonState> & Pick<RecordedPersonState, "levelId" | "salary" | "startDate">,
): RecordedPersonState => ({
  from,
  name: `Person from ${from}`,
  teamId: null,
  leftOn: null,
  removed: false,
  ...fields,
});

/** The roster as the snapshots recorded it: the first on 1 Jan, then imports and edits. */
function history(): RecordedPerson[] {
  const settled = (id: number, levelId: string, salary: number, extra: RecordedPersonState[] = []): RecordedPerson => ({
    engineerId: id,
    states: [state("2027-01-01", { name: `P${id}`, levelId, salary, startDate: "2020-01-01" }), ...extra],
  });
  return [
    settled(1, "S", 150_000),
    // Left on 14 Feb, which the March import recorded: February counts them gone.
    settled(2, "S", 150_000, [
      state("2027-03-05", { name: "P2", levelId: "S", salary: 150_000, startDate: "2020-01-01", leftOn: "2027-02-14" }),
    ]),
    settled(3, "S", 150_000),
    // The plan's departure in March, on its last day.
    settled(4, "S", 150_000, [
      state("2027-03-31", { name: "P4", levelId: "S", salary: 150_000, startDate: "2020-01-01", leftOn: "2027-03-31" }),
    ]),
    settled(5, "J", 90_000),
    settled(6, "J", 90_000),
    // The February senior started early, in January.
    {
      engineerId: 10,
      states: [state("2027-01-20", { name: "Early Senior", levelId: "S", salary: 160_000, startDate: "2027-01-20" })],
    },
    // March's two juniors: one on time, one who started in April and was recorded late (10 April).
    {
      engineerId: 11,
      states: [state("2027-03-01", { name: "On-time Junior", levelId: "J", salary: 95_000, startDate: "2027-03-01" })],
    },
    {
      engineerId: 12,
      states: [state("2027-04-10", { name: "Late Junior", levelId: "J", salary: 96_000, startDate: "2027-04-02" })],
    },
    // June's senior has signed and starts on 10 May: early, not started yet.
    {
      engineerId: 13,
      states: [state("2027-04-12", { name: "Signed Senior", levelId: "S", salary: 170_000, startDate: "2027-05-10" })],
    },
  ];
}

describe("plan against actual on a constructed history", () => {
  const doc = plan();
  const projection = projectScenario(doc);
  const variance = planVariance(doc, projection, history(), { adoptedFrom: "2027-01-01", asOf: "2027-04-15" });

  it("runs from the adoption month to today's month", () => {
    expect(variance.months.map((m) => m.month)).toEqual(["2027-01", "2027-02", "2027-03", "2027-04"]);
    expect(variance.months.map((m) => m.current)).toEqual([false, false, false, true]);
  });

  it("headcount: the people on the team at each month's end, with dates recorded late counted when they happened", () => {
    // Jan: 6 + the early senior; Feb: one senior left on 14 Feb; Mar: a junior joined, the planned leaver went on 31 Mar; Apr: the late junior.
    expect(variance.months.map((m) => m.actual.headcount)).toEqual([7, 6, 6, 7]);
    expect(variance.months.map((m) => m.actual.byLevel)).toEqual([
      { S: 5, J: 2 },
      { S: 4, J: 2 },
      { S: 3, J: 3 },
      { S: 3, J: 4 },
    ]);
    expect(variance.months.map((m) => m.planned.headcount)).toEqual(
      projection.rows.slice(0, 4).map((r) => r.totalHeadcount),
    );
  });

  it("money: a twelfth of each salary, loaded with the overhead, and each joiner's fee", () => {
    const jan = variance.months[0]!.actual;
    expect(jan.payroll).toBeCloseTo((4 * 150_000 + 2 * 90_000 + 160_000) / 12, 6);
    expect(jan.loadedCost).toBeCloseTo(jan.payroll * 1.25, 6);
    expect(jan.recruitingCost).toBeCloseTo(160_000 * 0.2, 6);
    expect(jan.totalCost).toBeCloseTo(jan.loadedCost + jan.recruitingCost, 6);
    const apr = variance.months[3]!.actual;
    expect(apr.payroll).toBeCloseTo((2 * 150_000 + 160_000 + 2 * 90_000 + 95_000 + 96_000) / 12, 6);
    expect(apr.recruitingCost).toBeCloseTo(96_000 * 0.2, 6);
    const plannedToDate = projection.rows.slice(0, 4).reduce((s, r) => s + r.totalCost, 0);
    expect(variance.toDate.planned.totalCost).toBeCloseTo(plannedToDate, 4);
    const actualToDate = variance.months.reduce((s, m) => s + m.actual.totalCost, 0);
    expect(variance.toDate.actual.totalCost).toBeCloseTo(actualToDate, 4);
  });

  it("capacity: each person's output with no ramp or mentoring on these levels", () => {
    expect(variance.months.map((m) => m.actual.capacity)).toEqual([7, 6, 6, 7]);
  });

  it("planned hires: early, on time, late, overdue, and signed but not started", () => {
    expect(
      variance.hires.map((h) => [
        h.plannedMonth,
        h.levelId,
        h.status,
        h.person?.name ?? null,
        h.person?.started ?? null,
      ]),
    ).toEqual([
      ["2027-02", "S", "early", "Early Senior", true],
      ["2027-03", "J", "on time", "On-time Junior", true],
      ["2027-03", "J", "late", "Late Junior", true],
      ["2027-04", "J", "overdue", null, null],
      ["2027-06", "S", "early", "Signed Senior", false],
    ]);
    expect(variance.unplannedJoiners).toEqual([]);
  });

  it("leavers: the senior who left unplanned and the planned departure", () => {
    expect(variance.leavers.map((l) => [l.name, l.on, l.planned])).toEqual([
      ["P2", "2027-02-14", false],
      ["P4", "2027-03-31", true],
    ]);
    expect(variance.expectedAttrition).toBe(0); // no attrition on these levels
  });

  it("says it in words", () => {
    const cost = variance.toDate.actual.totalCost - variance.toDate.planned.totalCost;
    expect(variance.words[0]).toBe("3 of 4 hires planned by Apr 2027 have started");
    expect(variance.words[1]).toBe("one Senior Engineer left unplanned (the plan expected about 0.0 to leave by now)");
    expect(variance.words[2]).toBe(
      `cost is $${Math.round(Math.abs(cost) / 1000)}k ${cost < 0 ? "under" : "over"} plan`,
    );
  });

  it("prices a viewer's actual money at band midpoints, so it does not depend on anyone's pay", () => {
    const priced = planVariance(doc, projection, history(), {
      adoptedFrom: "2027-01-01",
      asOf: "2027-04-15",
      pricedAtBandMidpoints: true,
    });
    expect(priced.months[0]!.actual.payroll).toBeCloseTo((5 * 200_000 + 2 * 100_000) / 12, 6);
    const richer = history().map((p) => ({ ...p, states: p.states.map((s) => ({ ...s, salary: s.salary * 3 + 7 })) }));
    const again = planVariance(doc, projection, richer, {
      adoptedFrom: "2027-01-01",
      asOf: "2027-04-15",
      pricedAtBandMidpoints: true,
    });
    expect(again).toEqual(priced);
  });

  it("takes an earlier joiner of the level for the next planned hire, and counts nothing before the adoption day", () => {
    const extra: RecordedPerson = {
      engineerId: 20,
      states: [
        state("2027-02-01", { name: "Surprise Senior", levelId: "S", salary: 150_000, startDate: "2027-02-01" }),
      ],
    };
    const before: RecordedPerson = {
      engineerId: 21,
      states: [state("2026-12-01", { name: "December Junior", levelId: "J", salary: 90_000, startDate: "2026-12-10" })],
    };
    const v = planVariance(doc, projection, [...history(), extra, before], {
      adoptedFrom: "2027-01-01",
      asOf: "2027-04-15",
    });
    // The surprise senior (1 Feb) takes June's planned senior, ahead of the signed one, who is then not in the plan but not started either.
    expect(v.hires.find((h) => h.plannedMonth === "2027-06")!.person!.name).toBe("Surprise Senior");
    expect(v.unplannedJoiners).toEqual([]);
    expect(v.words[0]).toBe("3 of 4 hires planned by Apr 2027 have started, and one planned for later started early");
  });

  it("with teams, a hire is matched only in its team", () => {
    const teams = plan({
      teams: [
        { id: "t1", name: "Web" },
        { id: "t2", name: "Mobile" },
      ],
      team: [{ id: "e1", level: "S", salary: 150_000, team: "t1" }],
      plan: [{ type: "hire", level: "J", month: 1, count: 1, team: "t2" }],
    });
    const people: RecordedPerson[] = [
      {
        engineerId: 1,
        states: [state("2027-01-01", { levelId: "S", salary: 150_000, startDate: "2020-01-01", teamId: 1 })],
      },
      {
        engineerId: 2,
        states: [
          state("2027-02-01", { name: "Web Junior", levelId: "J", salary: 90_000, startDate: "2027-02-01", teamId: 1 }),
        ],
      },
    ];
    const v = planVariance(teams, projectScenario(teams), people, { adoptedFrom: "2027-01-01", asOf: "2027-02-20" });
    expect(v.hires.map((h) => [h.teamName, h.status])).toEqual([["Mobile", "overdue"]]);
    expect(v.unplannedJoiners.map((j) => [j.name, j.teamName])).toEqual([["Web Junior", "Web"]]);
    expect(v.months[1]!.actual.byTeam).toEqual({ t1: 2 });
    expect(v.words[0]).toBe("the hire planned by Feb 2027 has not started; one person joined who was not in the plan");
  });

  it("the rest of the plan for a re-forecast from May: the overdue junior now, June's senior made, nothing already past", () => {
    expect(remainingPlan(doc, variance, "2027-05")).toEqual([{ type: "hire", level: "J", count: 1, month: 0 }]);
    expect(remainingPlan(doc, { hires: [] }, "2027-02")).toEqual([{ type: "depart", member: "e4", month: 1 }]);
  });
});

describe("actual capacity, by section 4's steps 4 to 6", () => {
  const rampLevels = [
    quietLevel("J", { title: "Engineer", class: "junior", output: 0.5, rampMonths: 6, menteeHours: 2 }),
    quietLevel("S", { title: "Senior Engineer", class: "senior", output: 1.5, mentorHours: 4 }),
  ];
  const doc = (team: ScenarioInput["team"]) =>
    mustParseScenario({
      format: SCENARIO_FORMAT,
      name: "Ramp",
      start: "2027-01",
      horizonMonths: 3,
      levels: rampLevels,
      assumptions: quietAssumptions,
      team,
    });
  const person = (engineerId: number, levelId: string, startDate: string): RecordedPerson => ({
    engineerId,
    states: [state("2027-01-01", { levelId, salary: 100_000, startDate })],
  });
  const monthsIn = 30 / (365.25 / 12); // 1 to 31 January

  it("a junior who joined on 1 January ramps at full speed while two seniors cover the mentoring", () => {
    const plan = doc([{ level: "S", count: 2, salary: 100_000 }]);
    const people = [person(1, "S", "2020-01-01"), person(2, "S", "2020-01-01"), person(3, "J", "2027-01-01")];
    const [jan] = planVariance(plan, projectScenario(plan), people, {
      adoptedFrom: "2027-01-01",
      asOf: "2027-02-10",
    }).months;
    // Supply 2 x 4 = 8 h; demand 2 + 4 (a ramping person) = 6 h: coverage 1, so ramp speed 1.
    // Each senior gives 4 x min(1, 6/8) / 40 of the week; the junior ramps monthsIn / 6.
    const senior = 1.5 * (1 - (4 * (6 / 8)) / 40);
    const junior = 0.5 * (monthsIn / 6);
    expect(jan!.actual.capacity).toBeCloseTo(2 * senior + junior, 9);
  });

  it("with too little mentoring, juniors ramp slower ((1 + c) / 2) and the senior gives all their hours", () => {
    const plan = doc([{ level: "S", count: 1, salary: 100_000 }]);
    const people = [person(1, "S", "2020-01-01"), person(2, "J", "2027-01-01"), person(3, "J", "2027-01-01")];
    const [jan] = planVariance(plan, projectScenario(plan), people, {
      adoptedFrom: "2027-01-01",
      asOf: "2027-02-10",
    }).months;
    // Supply 4 h; demand 2 x (2 + 4) = 12 h: coverage 1/3, ramp speed (1 + 1/3) / 2 = 2/3.
    const speed = (1 + 4 / 12) / 2;
    const senior = 1.5 * (1 - 4 / 40);
    const junior = 0.5 * ((monthsIn * speed) / 6);
    expect(jan!.actual.capacity).toBeCloseTo(senior + 2 * junior, 9);
  });
});

describe("a re-forecast's frame", () => {
  it("runs from the new start to the plan's end, with goals moved and the budget left after the cost so far", () => {
    const doc = plan({
      goals: {
        capacity: { atLeast: 6, fromMonth: 6 },
        ratio: { fromMonth: 1 },
        budget: { maxTotalCost: 2_000_000, maxLoadedCostPerYear: 1_500_000 },
        maxHeadcount: 12,
      },
    });
    const variance = planVariance(doc, projectScenario(doc), history(), {
      adoptedFrom: "2027-01-01",
      asOf: "2027-04-15",
    });
    const frame = reforecastOf(doc, variance, "2027-04")!;
    expect(frame).toMatchObject({ name: "Plan of record (re-forecast Apr 2027)", start: "2027-04", horizonMonths: 9 });
    expect(frame.goals).toEqual({
      capacity: { atLeast: 6, fromMonth: 3 },
      ratio: { fromMonth: 0 },
      budget: { maxTotalCost: 2_000_000 - variance.toDate.actual.totalCost, maxLoadedCostPerYear: 1_500_000 },
      maxHeadcount: 12,
    });
    // April's junior is overdue: it starts the re-forecast; June's senior was made (signed early).
    expect(frame.plan).toEqual([{ type: "hire", level: "J", count: 1, month: 0 }]);
    expect(reforecastOf(doc, variance, "2028-01")).toBeNull();
  });
});

describe("a level the plan does not know", () => {
  it("reads a person's state there as their last state at a known level, and leaves out someone only ever there", () => {
    const doc = plan({ plan: [] });
    const promoted: RecordedPerson = {
      engineerId: 1,
      states: [
        state("2027-01-01", { levelId: "S", salary: 150_000, startDate: "2020-01-01" }),
        state("2027-02-01", { levelId: "L9", salary: 250_000, startDate: "2020-01-01" }),
      ],
    };
    const stranger: RecordedPerson = {
      engineerId: 2,
      states: [state("2027-01-01", { levelId: "L9", salary: 250_000, startDate: "2020-01-01" })],
    };
    const v = planVariance(doc, projectScenario(doc), [promoted, stranger], {
      adoptedFrom: "2027-01-01",
      asOf: "2027-02-15",
    });
    expect(v.months.map((m) => m.actual.byLevel)).toEqual([{ S: 1 }, { S: 1 }]);
    expect(v.months[1]!.actual.payroll).toBeCloseTo(150_000 / 12, 6);
  });
});
