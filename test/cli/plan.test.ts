/** `npm run plan`: the planner from the command line, run as a user runs it. */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluateGoals, projectScenario, type PlanEvent } from "~/domain";
import { makeScenario, quietAssumptions, quietLevel } from "../factories/scenario";

const root = fileURLToPath(new URL("../..", import.meta.url));

function plan(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "app/cli/plan.ts", ...args], {
    cwd: root,
    input,
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** 4 seniors (output 2, $250k) and 2 juniors ($100k), nothing moving; capacity 10 now. */
const scenario = (goals?: object) =>
  makeScenario({
    horizonMonths: 12,
    levels: [
      quietLevel("J", { class: "junior", title: "Junior Engineer" }),
      quietLevel("S", {
        class: "senior",
        title: "Senior Engineer",
        output: 2,
        band: { min: 250_000, mid: 250_000, max: 250_000 },
      }),
    ],
    team: [
      { level: "S", count: 4, salary: 250_000 },
      { level: "J", count: 2, salary: 100_000 },
    ],
    assumptions: quietAssumptions,
    ...(goals ? { goals } : {}),
  });

describe("npm run plan", () => {
  it("prints hires that meet the goals, as the engine projects them", () => {
    const doc = scenario({ capacity: { atLeast: 13, fromMonth: 6 }, maxHeadcount: 10 });
    const { status, stdout, stderr } = plan(
      ["-", "--format", "json", "--months", "2027-04,2027-07"],
      JSON.stringify(doc),
    );
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const out = JSON.parse(stdout) as { found: boolean; method: string; hires: PlanEvent[]; totalCost: number };
    expect(out.found).toBe(true);
    expect(out.method).toBe("exhaustive");
    // Only the months asked for, and the goals met when the hires are added by hand.
    expect(out.hires.every((h) => h.month === 3 || h.month === 6)).toBe(true);
    const withHires = { ...doc, plan: [...doc.plan, ...out.hires] };
    const projection = projectScenario(withHires);
    expect(evaluateGoals(withHires, projection).every((g) => g.met)).toBe(true);
    expect(out.totalCost).toBeCloseTo(projection.summary.totalCost, 2);
  });

  it("says in words what to hire and what each goal costs", () => {
    // Three juniors from month 6 ($150k over its 6 months); 11.7 needs two, $50k less.
    const doc = scenario({ capacity: { atLeast: 13, fromMonth: 6 } });
    const { status, stdout } = plan(["-"], JSON.stringify(doc));
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Hire:\n {2}2027-07 {2}3 x Junior Engineer \(J\)$/m);
    expect(stdout).toContain("met      Capacity is at least 13 from 2027-07 on.");
    expect(stdout).toMatch(/Allowing capacity of at least 11\.7 from 2027-07 would save \$50k\./);
  });

  it("names the goals that cannot be met together", () => {
    // 22 from the start takes at least 5 seniors and 2 juniors more; 7 people allows 1 more.
    const doc = scenario({ capacity: { atLeast: 22, fromMonth: 0 }, maxHeadcount: 7 });
    const { status, stdout } = plan(["-", "--quick"], JSON.stringify(doc));
    expect(status).toBe(0);
    expect(stdout).toContain("No plan in this search meets every goal. These cannot be met together:");
    expect(stdout).toContain("  - capacity of at least 22 from 2027-01\n  - at most 7 people");
  });

  it("refuses bad options and a scenario without goals, naming the problem", () => {
    const doc = JSON.stringify(scenario({ capacity: { atLeast: 13, fromMonth: 6 } }));
    expect(plan(["-", "--max", "0"], doc)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("--max: must be a whole number from 1 to 50"),
    });
    expect(plan(["-", "--levels", "L9"], doc)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('Unknown level "L9".'),
    });
    expect(plan(["-", "--months", "2030-01"], doc)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("Start month 36 is outside the plan (0 to 11)."),
    });
    expect(plan(["-"], JSON.stringify(scenario()))).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("Set at least one goal"),
    });
  });
});
