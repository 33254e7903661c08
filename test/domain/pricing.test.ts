/**
 * What a viewer's and a share link's money is priced at (app/domain/pricing.ts): band midpoints,
 * and for a share link, the levels it does not break out priced together.
 */
import { describe, expect, it } from "vitest";
import { atBandMidpoints, pooledGroups, projectScenario } from "~/domain";
import { makeScenario } from "../factories/scenario";

const team = [
  { level: "L1", count: 4, salary: 90_000, team: "t1" },
  { level: "L2", count: 3, salary: 120_000, team: "t1" },
  { level: "L4", count: 1, salary: 210_000, team: "t2" },
  { level: "L3", count: 5, salary: 160_000, team: "t1" },
];
const teams = [
  { id: "t1", name: "Web" },
  { id: "t2", name: "Mobile" },
  { id: "t3", name: "Data" },
];

describe("pooled groups for a share link", () => {
  it("pools the levels and teams of fewer than 3 people, and the next smallest with a lone one", () => {
    const scenario = makeScenario({ team, teams });
    const { levels, teams: pooled } = pooledGroups(scenario, 3);
    // L4 (1) and L5 (0) are small; both teams but Web are small (Mobile 1, Data 0), with none alone.
    expect([...levels].sort()).toEqual(["L4", "L5"]);
    expect([...pooled].sort()).toEqual(["t2", "t3"]);
    const lone = makeScenario({
      team: team.map((t) => ({ ...t, team: "t1" })).concat({ level: "L4", count: 1, salary: 1, team: "t2" }),
      teams: teams.slice(0, 2),
    });
    // Mobile (1) is the only small team: Web goes with it, so Web's figures are not the whole less Mobile's.
    expect([...pooledGroups(lone, 3).teams].sort()).toEqual(["t1", "t2"]);
  });

  it("prices pooled levels at the plain mean of their midpoints, so a total says how many, not which", () => {
    const scenario = makeScenario({ team, teams });
    const l4 = scenario.levels.find((l) => l.id === "L4")!.band.mid;
    const l5 = scenario.levels.find((l) => l.id === "L5")!.band.mid;
    const priced = atBandMidpoints(scenario, { poolBelow: 3 });
    expect(priced.team.find((t) => t.level === "L4")!.salary).toBe((l4 + l5) / 2);
    // Whether the one person is at L4 or at L5, a share link's payroll is the same.
    const atL5 = makeScenario({ team: team.map((t) => (t.level === "L4" ? { ...t, level: "L5" } : t)), teams });
    const payroll = (s: typeof scenario) => projectScenario(atBandMidpoints(s, { poolBelow: 3 })).rows[0]!.payroll;
    expect(payroll(atL5)).toBeCloseTo(payroll(scenario), 6);
    // A viewer's own pricing is each level's midpoint, as before.
    expect(atBandMidpoints(scenario).team.find((t) => t.level === "L4")!.salary).toBe(l4);
  });
});
