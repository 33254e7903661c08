/**
 * Teams (MODEL.md section 6): hand-computed cases, then properties over random scenarios.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  mustParseScenario,
  parseScenario,
  planWarnings,
  projectScenario,
  teamView,
  simulateMonteCarlo,
  type ProjectionRow,
  type ScenarioInput,
  type TeamRow,
} from "~/domain";
import { scenarioDocument } from "../factories/arbitraries";
import { makeScenario, quietAssumptions, quietLevel } from "../factories/scenario";

fc.configureGlobal({ seed: 20261201, numRuns: 150 });

const junior = quietLevel("J", { class: "junior", output: 0.5, menteeHours: 4 });
const senior = quietLevel("S", { class: "senior", output: 1.5, mentorHours: 10 });

function project(fields: Partial<ScenarioInput>) {
  return projectScenario(makeScenario({ assumptions: quietAssumptions, ...fields }));
}

describe("teams, computed by hand", () => {
  it("shares a share of one team's spare mentoring hours with a team that has none", () => {
    // Payments: 2 seniors, 20 h offered, none needed. Mobile: 3 juniors, 12 h needed, none offered.
    const teams = [
      { id: "payments", name: "Payments" },
      { id: "mobile", name: "Mobile" },
    ];
    const team = [
      { level: "S", count: 2, salary: 150_000, team: "payments" },
      { level: "J", count: 3, salary: 100_000, team: "mobile" },
    ];
    const shared = project({
      horizonMonths: 1,
      levels: [junior, senior],
      teams,
      team,
      assumptions: { ...quietAssumptions, mentorship: { program: false, retentionEffect: 0, crossTeamShare: 0.5 } },
    });
    const row = shared.rows[0]!;
    const payments = row.teams!.payments!;
    const mobile = row.teams!.mobile!;
    // Pool P = 0.5 x 20 = 10 h; Mobile's shortfall G = 12 h receives r = 12 x min(1, 10/12) = 10 h;
    // Payments gives g = 20 x 0.5 x min(1, 12/10) = 10 h.
    expect(mobile.coverage).toBeCloseTo(10 / 12, 12);
    expect(payments.coverage).toBe(1);
    // Payments' seniors spend u = (min(20, 0) + 10) / 20 = 0.5 of their 10 h: 10 x 0.5 / 40 of their time.
    expect(payments.capacity).toBeCloseTo(2 * 1.5 * (1 - (10 * 0.5) / 40), 12);
    expect(mobile.capacity).toBeCloseTo(3 * 0.5, 12);
    // The org: coverage (min(0, 20) + min(12, 10)) / 12; capacity and hours are the teams' sums.
    expect(row.coverage).toBeCloseTo(10 / 12, 12);
    expect(row.capacity).toBeCloseTo(2.625 + 1.5, 12);
    expect(row.mentorSupplyHoursPerWeek).toBe(20);
    expect(row.mentorDemandHoursPerWeek).toBe(12);

    // With no sharing Mobile gets nothing, and Payments' seniors mentor nobody.
    const alone = project({
      horizonMonths: 1,
      levels: [junior, senior],
      teams,
      team,
      assumptions: quietAssumptions,
    }).rows[0]!;
    expect(alone.teams!.mobile!.coverage).toBe(0);
    expect(alone.coverage).toBe(0);
    expect(alone.teams!.payments!.capacity).toBe(3);
    // As one team, the seniors cover every junior: the org average hides Mobile's problem.
    const oneTeam = project({
      horizonMonths: 1,
      levels: [junior, senior],
      team: team.map(({ team: _team, ...entry }) => entry),
    }).rows[0]!;
    expect(oneTeam.coverage).toBe(1);
    expect(oneTeam.capacity).toBeCloseTo(2 * 1.5 * (1 - (10 * (12 / 20)) / 40) + 1.5, 12);
  });

  it("moves a transferred engineer's salary and headcount to the new team from the transfer's month", () => {
    const { rows, summary } = project({
      horizonMonths: 4,
      levels: [quietLevel("M")],
      teams: [
        { id: "a", name: "A" },
        { id: "b", name: "B" },
      ],
      team: [
        { id: "ann", name: "Ann", level: "M", salary: 150_000, team: "a" },
        { id: "bo", name: "Bo", level: "M", salary: 120_000, team: "a" },
        { id: "cy", name: "Cy", level: "M", salary: 120_000, team: "b" },
      ],
      plan: [{ type: "transfer", member: "ann", team: "b", month: 2 }],
    });
    const heads = rows.map((r) => [r.teams!.a!.totalHeadcount, r.teams!.b!.totalHeadcount]);
    expect(heads).toEqual([
      [2, 1],
      [2, 1],
      [1, 2],
      [1, 2],
    ]);
    expect(rows[1]!.teams!.a!.payroll).toBeCloseTo(270_000 / 12, 9);
    expect(rows[2]!.teams!.a!.payroll).toBeCloseTo(120_000 / 12, 9);
    expect(rows[2]!.teams!.b!.payroll).toBeCloseTo(270_000 / 12, 9);
    expect(rows.map((r) => r.payroll)).toEqual(rows.map(() => 390_000 / 12));
    expect(summary.teams!.b!.endTotalHeadcount).toBe(2);
    expect(summary.teams!.a!.totalCost + summary.teams!.b!.totalCost).toBeCloseTo(summary.totalCost, 6);
  });

  it("backfills a leaver into the team the leaver was in", () => {
    // A yearly step, half of everyone leaves, backfills arrive the next step.
    const { rows } = project({
      step: "year",
      horizonMonths: 24,
      levels: [quietLevel("M", { annualAttrition: 0.5 })],
      teams: [
        { id: "big", name: "Big" },
        { id: "small", name: "Small" },
      ],
      team: [
        { level: "M", count: 10, salary: 100_000, team: "big" },
        { level: "M", count: 2, salary: 100_000, team: "small" },
      ],
      assumptions: { ...quietAssumptions, backfill: { enabled: true, delayMonths: 0, level: "same" } },
    });
    // Step 1: the 5 who stayed in Big plus 5 backfills; Small's 1 plus 1.
    expect(rows[1]!.teams!.big!.totalHeadcount).toBeCloseTo(10, 12);
    expect(rows[1]!.teams!.small!.totalHeadcount).toBeCloseTo(2, 12);
    expect(rows[1]!.teams!.small!.recruitingCost).toBe(0);
    // A planned departure's backfill joins the leaver's team too.
    const planned = project({
      horizonMonths: 4,
      levels: [quietLevel("M")],
      teams: [
        { id: "a", name: "A" },
        { id: "b", name: "B" },
      ],
      team: [
        { level: "M", count: 3, salary: 100_000, team: "a" },
        { id: "zed", level: "M", salary: 130_000, team: "b" },
      ],
      plan: [{ type: "depart", member: "zed", month: 1 }],
      assumptions: { ...quietAssumptions, backfill: { enabled: true, delayMonths: 2, level: "same" } },
    }).rows;
    expect(planned.map((r) => r.teams!.b!.totalHeadcount)).toEqual([1, 0, 0, 1]);
    expect(planned.map((r) => r.teams!.a!.totalHeadcount)).toEqual([3, 3, 3, 3]);
    // The backfill joins at the band mid, not the leaver's salary.
    expect(planned[3]!.teams!.b!.payroll).toBeCloseTo(100_000 / 12, 9);
  });

  it("holds each team's ratio against its own band, and the org's against the scenario's", () => {
    const { rows, summary } = project({
      horizonMonths: 2,
      levels: [junior, senior],
      teams: [
        { id: "a", name: "A", ratioTarget: [2, 3] },
        { id: "b", name: "B" },
        { id: "c", name: "C" },
      ],
      team: [
        { level: "J", count: 3, salary: 100_000, team: "a" },
        { level: "S", count: 1, salary: 150_000, team: "a" },
        { level: "J", count: 1, salary: 100_000, team: "b" },
        { level: "S", count: 1, salary: 150_000, team: "b" },
        { level: "J", count: 2, salary: 100_000, team: "c" },
      ],
    });
    const teams = rows[0]!.teams!;
    // A: 3 per senior, in its own band [2, 3] (out of the scenario's [1, 2]).
    expect([teams.a!.juniorsPerSenior, teams.a!.ratioInBand]).toEqual([3, true]);
    // B: 1 per senior, in the scenario's band, which it takes for want of its own.
    expect([teams.b!.juniorsPerSenior, teams.b!.ratioInBand]).toEqual([1, true]);
    // C: juniors and no senior.
    expect([teams.c!.juniorsPerSenior, teams.c!.ratioInBand]).toEqual([null, false]);
    // The org: 6 juniors, 2 seniors = 3, out of [1, 2].
    expect([rows[0]!.juniorsPerSenior, rows[0]!.ratioInBand]).toEqual([3, false]);
    expect(summary.teams!.a!.stepsRatioOutOfBand).toBe(0);
    expect(summary.teams!.c!.stepsRatioOutOfBand).toBe(2);
    expect(summary.stepsRatioOutOfBand).toBe(2);
  });

  it("names the skills a team holds fewer than two owners of, inside the team", () => {
    const { summary } = project({
      horizonMonths: 1,
      levels: [quietLevel("M")],
      teams: [
        { id: "a", name: "A" },
        { id: "b", name: "B" },
      ],
      team: [
        { level: "M", salary: 100_000, team: "a", skills: { security: 3 } },
        { level: "M", salary: 100_000, team: "b", skills: { security: 4 } },
      ],
    });
    expect(summary.skillsAtRisk).toEqual([]);
    expect(summary.teams!.a!.skillsAtRisk).toEqual([{ skill: "security", owners: 1 }]);
    expect(summary.teams!.b!.skillsAtRisk).toEqual([{ skill: "security", owners: 1 }]);
  });
});

describe("warnings with teams", () => {
  it("names the team a warning is about, after the org's, and gives one team's alone with its thin skills", () => {
    const scenario = makeScenario({
      assumptions: quietAssumptions,
      horizonMonths: 3,
      levels: [junior, senior],
      teams: [
        { id: "payments", name: "Payments" },
        { id: "mobile", name: "Mobile" },
      ],
      team: [
        { level: "S", count: 2, salary: 150_000, team: "payments" },
        { level: "J", count: 2, salary: 100_000, team: "payments" },
        { level: "J", count: 3, salary: 100_000, team: "mobile" },
      ],
    });
    const projection = projectScenario(scenario);
    const all = planWarnings(scenario, projection);
    // The org: 5 juniors per 2 seniors, above the default band of 1-2, and 8 of 20 hours short.
    expect(all.filter((w) => w.team === undefined).map((w) => w.kind)).toEqual(["mentoring", "ratio-high"]);
    const mobile = all.filter((w) => w.team === "mobile");
    expect(mobile.map((w) => w.message)).toContain(
      `Mobile: no seniors from ${projection.rows[0]!.period} to ${projection.rows[2]!.period}: juniors have nobody senior to learn from.`,
    );
    expect(all.some((w) => w.team === "payments")).toBe(false);
    // Thin skills only in one team's own list: in the org's, every small team would repeat them.
    expect(mobile.some((w) => w.kind === "skills")).toBe(false);
    const alone = planWarnings(scenario, projection, (id) => id, "mobile");
    expect(alone.every((w) => w.team === "mobile")).toBe(true);
    expect(alone.map((w) => w.kind)).toEqual(expect.arrayContaining(["mentoring", "no-seniors"]));
  });
});

describe("teams in validation", () => {
  const base = {
    format: "teamshape.scenario/v1",
    name: "Teams",
    start: "2027-01",
    horizonMonths: 12,
    teams: [{ id: "a", name: "A" }],
    team: [{ id: "x", level: "L3", salary: 120_000, team: "a" }],
  };
  const messages = (doc: unknown) => {
    const parsed = parseScenario(doc);
    return parsed.ok ? [] : parsed.issues.map((i) => `${i.path}: ${i.message}`);
  };

  it("names an unknown team, a missing one and a duplicate id", () => {
    expect(messages({ ...base, team: [{ level: "L3", salary: 1, team: "b" }] })).toEqual([
      'team[0].team: unknown team "b" (teams: "a")',
    ]);
    expect(messages({ ...base, plan: [{ type: "hire", level: "L1", month: 1 }] })).toEqual([
      'plan[0].team: is required: the scenario has teams ("a")',
    ]);
    expect(
      messages({
        ...base,
        teams: [
          { id: "a", name: "A" },
          { id: "a", name: "Again" },
        ],
      }),
    ).toEqual(['teams[1].id: duplicate team id "a"']);
    expect(messages({ ...base, plan: [{ type: "transfer", member: "x", team: "nowhere", month: 1 }] })).toEqual([
      'plan[0].team: unknown team "nowhere" (teams: "a")',
    ]);
    expect(messages({ ...base, plan: [{ type: "transfer", member: "nobody", team: "a", month: 1 }] })).toEqual([
      'plan[0].member: unknown member "nobody": no team entry has that id or name',
    ]);
  });

  it("refuses a team named in a scenario that declares none, and a share outside [0, 1]", () => {
    const { teams: _teams, ...noTeams } = base;
    expect(messages(noTeams)).toEqual([
      'team[0].team: names team "a", but the scenario declares no teams (add them under "teams")',
    ]);
    expect(messages({ ...base, assumptions: { mentorship: { crossTeamShare: 1.5 } } })).toEqual([
      "assumptions.mentorship.crossTeamShare: must be at most 1, got 1.5",
    ]);
  });
});

/** The org figures of a row, without the per-team breakdown. */
function orgOf(row: ProjectionRow): Omit<ProjectionRow, "teams"> {
  const { teams: _teams, ...org } = row;
  return org;
}

/** The measures a team row shares with an org row. */
function teamFigures(row: TeamRow | ProjectionRow) {
  return {
    headcount: row.headcount,
    totalHeadcount: row.totalHeadcount,
    payroll: row.payroll,
    loadedCost: row.loadedCost,
    recruitingCost: row.recruitingCost,
    totalCost: row.totalCost,
    mentorSupplyHoursPerWeek: row.mentorSupplyHoursPerWeek,
    mentorDemandHoursPerWeek: row.mentorDemandHoursPerWeek,
    coverage: row.coverage,
    juniors: row.juniors,
    seniors: row.seniors,
    juniorsPerSenior: row.juniorsPerSenior,
    ratioInBand: row.ratioInBand,
    capacity: row.capacity,
  };
}

/** Puts every team entry and hire of `doc` in the team `pick` chooses (by entry or event index). */
function inTeams(doc: ScenarioInput, ids: string[], pick: (i: number) => string): ScenarioInput {
  return {
    ...doc,
    teams: ids.map((id) => ({ id, name: id.toUpperCase() })),
    team: (doc.team ?? []).map((entry, i) => ({ ...entry, team: pick(i) })),
    plan: (doc.plan ?? []).map((event, i) => (event.type === "hire" ? { ...event, team: pick(i) } : event)),
  };
}

function expectClose(actual: Record<string, unknown>, expected: Record<string, unknown>) {
  for (const [key, value] of Object.entries(expected)) {
    if (typeof value === "number") expect(actual[key], key).toBeCloseTo(value, 6);
    else if (value && typeof value === "object") expectClose(actual[key] as Record<string, unknown>, value as never);
    else expect(actual[key], key).toEqual(value);
  }
}

describe("properties of teams over random valid scenarios", () => {
  it("one declared team holding everyone gives exactly the figures of no teams", () => {
    fc.assert(
      fc.property(scenarioDocument({ events: true }), (doc) => {
        const plain = projectScenario(mustParseScenario(doc));
        const one = projectScenario(mustParseScenario(inTeams(doc, ["all"], () => "all")));
        expect(one.rows.map(orgOf)).toEqual(plain.rows.map(orgOf));
        for (const [i, row] of one.rows.entries()) {
          expect(teamFigures(row.teams!.all!)).toEqual(teamFigures(plain.rows[i]!));
          expect(row.teams!.all!.skillOwners).toEqual(plain.rows[i]!.skillOwners);
        }
      }),
    );
  });

  it("one team's view of a scenario with one team holding everyone is the org's own summary and running cost", () => {
    fc.assert(
      fc.property(scenarioDocument({ events: true }), (doc) => {
        const plain = projectScenario(mustParseScenario(doc));
        const view = teamView(projectScenario(mustParseScenario(inTeams(doc, ["all"], () => "all"))), "all")!;
        const { summary } = plain;
        expect(view.summary).toEqual({
          steps: summary.steps,
          stepMonths: summary.stepMonths,
          totalCost: summary.totalCost,
          totalRecruitingCost: summary.totalRecruitingCost,
          startHeadcount: summary.startHeadcount,
          endHeadcount: summary.endHeadcount,
          endTotalHeadcount: summary.endTotalHeadcount,
          meanCapacity: summary.meanCapacity,
          costPerCapacityMonth: summary.costPerCapacityMonth,
          lowestCoverage: summary.lowestCoverage,
          stepsRatioOutOfBand: summary.stepsRatioOutOfBand,
          stepsCoverageBelowOne: summary.stepsCoverageBelowOne,
          skillsAtRisk: summary.skillsAtRisk,
        });
        expect(view.rows.map((r) => [r.period, r.cumulativeCost])).toEqual(
          plain.rows.map((r) => [r.period, r.cumulativeCost]),
        );
      }),
    );
  });

  it("two teams that share no hours and no members each project as their own scenario alone", () => {
    fc.assert(
      fc.property(scenarioDocument({ events: true }), (doc) => {
        const team = doc.team ?? [];
        const side = (i: number) => (i % 2 === 0 ? "even" : "odd");
        // Promotions and departures go with their member's team.
        const memberSide = new Map(team.map((entry, i) => [entry.id!, side(i)]));
        const eventSide = (event: NonNullable<ScenarioInput["plan"]>[number], i: number) =>
          event.type === "hire" ? side(i) : memberSide.get(event.member)!;
        const both = projectScenario(mustParseScenario(inTeams(doc, ["even", "odd"], side)));
        for (const which of ["even", "odd"]) {
          const alone = projectScenario(
            mustParseScenario({
              ...doc,
              team: team.filter((_, i) => side(i) === which),
              plan: (doc.plan ?? []).filter((event, i) => eventSide(event, i) === which),
            }),
          );
          for (const [i, row] of alone.rows.entries()) {
            const inTeam = both.rows[i]!.teams![which]!;
            expectClose(teamFigures(inTeam), teamFigures(row));
            for (const skill of alone.skillIds)
              expect(inTeam.skillOwners[skill], skill).toBeCloseTo(row.skillOwners[skill]!, 6);
          }
        }
      }),
    );
  });
});

describe("Monte Carlo with teams", () => {
  it("gives each team's juniors the attrition of their own team's coverage", () => {
    // A: 2 seniors cover 4 juniors, so a full program keeps every junior. B: 10 juniors, no mentor.
    const scenario = makeScenario({
      horizonMonths: 12,
      step: "quarter",
      levels: [
        quietLevel("J", { class: "junior", annualAttrition: 0.5, menteeHours: 2 }),
        quietLevel("S", { class: "senior", mentorHours: 10 }),
      ],
      teams: [
        { id: "a", name: "A" },
        { id: "b", name: "B" },
      ],
      team: [
        { level: "S", count: 2, salary: 150_000, team: "a" },
        { level: "J", count: 4, salary: 100_000, team: "a" },
        { level: "J", count: 10, salary: 100_000, team: "b" },
      ],
      assumptions: { ...quietAssumptions, mentorship: { program: true, retentionEffect: 1 } },
    });
    const expected = projectScenario(scenario);
    expect(expected.rows[3]!.teams!.a!.juniors).toBe(4);
    expect(expected.rows[3]!.teams!.b!.juniors).toBeCloseTo(10 * 0.5 ** (9 / 12), 9);
    const mc = simulateMonteCarlo(scenario, { trials: 4000, seed: 3 });
    for (const [i, step] of mc.steps.entries())
      expect(step.headcount.mean).toBeCloseTo(expected.rows[i]!.totalHeadcount, 1);
  });

  it("moves whole people within their teams, and with mentoring off its mean headcount converges to the projection", () => {
    const scenario = makeScenario({
      horizonMonths: 12,
      step: "quarter",
      teams: [
        { id: "a", name: "A" },
        { id: "b", name: "B" },
      ],
      team: [
        { level: "L1", count: 20, salary: 100_000, team: "a" },
        { id: "lead", level: "L4", count: 1, salary: 160_000, team: "a" },
        { level: "L3", count: 10, salary: 130_000, team: "b" },
      ],
      plan: [
        { type: "transfer", member: "lead", team: "b", month: 3 },
        { type: "hire", level: "L2", count: 3, month: 6, team: "b" },
      ],
      assumptions: { mentorship: { program: false, retentionEffect: 0 } },
    });
    const expected = projectScenario(scenario);
    const mc = simulateMonteCarlo(scenario, { trials: 4000, seed: 7 });
    for (const [i, step] of mc.steps.entries()) {
      expect(Number.isInteger(step.headcount.p50)).toBe(true);
      expect(step.headcount.mean).toBeCloseTo(expected.rows[i]!.totalHeadcount, 0);
    }
  });
});
