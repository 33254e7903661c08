/**
 * "Plan for me" in the browser: the worker's message protocol (validate, plan with progress,
 * check with the engine, then the relaxations) and the words a manager reads, on a team small
 * enough to price by hand: engineers at $100,000 a year, no overhead, fees, raises or churn.
 */
import { describe, expect, it } from "vitest";
import { planHires, type Scenario } from "~/domain";
import { checkProposal, hiresWords, proposalRows } from "~/utils/plan-proposal";
import { handlePlannerRequest, type PlannerMessage, type PlannerSearch } from "~/workers/planner-protocol";
import { makeScenario, quietAssumptions, quietLevel } from "../factories/scenario";

/** Two engineers over six months, needing a capacity of 4.4 from month 3 (Apr 2027). */
function team(goals: Scenario["goals"], levels = [quietLevel("A", { title: "Engineer" })]): Scenario {
  return makeScenario({
    horizonMonths: 6,
    levels,
    assumptions: quietAssumptions,
    team: [{ level: "A", count: 2, salary: 100_000 }],
    goals,
  });
}
const capacityGoal = { capacity: { atLeast: 4.4, fromMonth: 3 } };
const monthly = 100_000 / 12;

function messagesOf(document: unknown, search: PlannerSearch): PlannerMessage[] {
  const out: PlannerMessage[] = [];
  handlePlannerRequest({ document, search }, (message) => out.push(message));
  return out;
}

describe("the planner worker's messages", () => {
  it("posts progress, then the checked proposal, then what relaxing each goal saves", () => {
    const messages = messagesOf(team(capacityGoal), { months: [0, 3] });
    const kinds = messages.map((m) => m.type);
    const result = kinds.indexOf("result");
    expect(kinds.slice(0, result).every((k) => k === "progress")).toBe(true);
    expect(result).toBeGreaterThan(0);
    expect(kinds[kinds.length - 1]).toBe("relaxations");

    const planning = messages.filter((m) => m.type === "progress" && m.phase === "plan");
    // The space: 0..5 hires in each of 2 months, 36 plans.
    expect(planning.every((m) => m.type === "progress" && m.total === 36 && m.done <= 36)).toBe(true);

    const { proposal } = messages[result] as Extract<PlannerMessage, { type: "result" }>;
    // 2 + 3 engineers reach 5 >= 4.4 from April; 2 + 2 = 4 do not. Hiring in April costs 3 months each.
    expect(proposal.found).toBe(true);
    expect(proposal.hires).toEqual([{ type: "hire", level: "A", count: 3, month: 3 }]);
    expect(proposal.currentCost).toBeCloseTo(2 * 6 * monthly, 2);
    expect(proposal.proposedCost).toBeCloseTo(2 * 6 * monthly + 3 * 3 * monthly, 2);
    expect(proposal.goals.map((g) => [g.now.met, g.proposed.met])).toEqual([[false, true]]);
    expect(proposal.headline).toBe(
      "Hire 3 Engineers in Apr 2027: $175k over the plan ($75k more than now), and it meets the goal.",
    );
    expect(proposal.searchWords).toBe("Best of all 36 plans");

    const relaxing = messages.filter((m) => m.type === "progress" && m.phase === "relaxations");
    expect(relaxing.at(-1)).toMatchObject({ done: 1, total: 1 });
    // Relaxed by 10% (3.96), two April hires do: one engineer for three months less.
    expect(messages.at(-1)).toEqual({
      type: "relaxations",
      lines: [`Allowing capacity of at least 4 from 2027-04 would save $${Math.round((3 * monthly) / 1000)}k.`],
    });
  });

  it("names what cannot be met together and shows the closest plan as such", () => {
    const messages = messagesOf(team({ ...capacityGoal, maxHeadcount: 3 }), { months: [0, 3] });
    const { proposal } = messages.find((m) => m.type === "result") as Extract<PlannerMessage, { type: "result" }>;
    expect(proposal.found).toBe(false);
    expect(proposal.conflicting).toEqual(["capacity of at least 4.4 from 2027-04", "at most 3 people"]);
    // At most 3 people: one hire, as late as possible, gets closest to the capacity.
    expect(proposal.hires).toEqual([{ type: "hire", level: "A", count: 1, month: 3 }]);
    expect(proposal.headline).toMatch(
      /^No plan in this search meets every goal: capacity of at least 4.4 from 2027-04 and at most 3 people cannot be met together\. The closest plan hires 1 Engineer in Apr 2027 \(\$125k\) and still misses 1 of 2 goals\.$/,
    );
    expect(proposal.searchWords).toBe("None of all 36 plans meets every goal");
  });

  it("refuses a bad search, naming the field, and a document the engine cannot read", () => {
    expect(messagesOf(team(capacityGoal), { maxPerSlot: 0 })).toEqual([
      { type: "error", messages: ["Most hires per slot must be a whole number from 1 to 50, got 0."] },
    ]);
    expect(messagesOf(team(capacityGoal), { maxPerSlot: 51 })[0]).toMatchObject({ type: "error" });
    expect(messagesOf(team(undefined), {})).toEqual([
      { type: "error", messages: ["Set at least one goal for the planner to meet."] },
    ]);
    const [bad] = messagesOf({ ...team(capacityGoal), horizonMonths: -1 }, {});
    expect(bad?.type).toBe("error");
    expect(bad?.type === "error" && bad.messages.some((m) => m.includes("horizonMonths"))).toBe(true);
  });
});

describe("checking a proposal with the engine", () => {
  it("does not take the planner's word: a plan said to fit that misses a goal fails the check", () => {
    const scenario = team(capacityGoal);
    const result = planHires(scenario, { months: [0, 3] });
    expect(checkProposal(scenario, result).verified).toBe(true);
    const tampered = { ...result, hires: [{ type: "hire" as const, level: "A", count: 2, month: 3 }] };
    const checked = checkProposal(scenario, tampered);
    expect(checked.verified).toBe(false);
    expect(checked.found).toBe(false);
  });

  it("says the hires as a manager would: levels summed over teams, the first few, then how many more", () => {
    const scenario = makeScenario({
      levels: [quietLevel("A", { title: "Engineer" }), quietLevel("B", { title: "Senior Engineer" })],
      teams: [
        { id: "x", name: "X" },
        { id: "y", name: "Y" },
      ],
      team: [],
    });
    const rows = proposalRows(scenario, [
      { type: "hire", level: "B", count: 1, month: 3, team: "x" },
      { type: "hire", level: "B", count: 1, month: 3, team: "y" },
      { type: "hire", level: "A", count: 3, month: 6, team: "x" },
    ]);
    expect(rows.map((r) => [r.monthWords, r.levelTitle, r.teamName, r.count])).toEqual([
      ["Apr 2027", "Senior Engineer", "X", 1],
      ["Apr 2027", "Senior Engineer", "Y", 1],
      ["Jul 2027", "Engineer", "X", 3],
    ]);
    expect(hiresWords(rows)).toBe("2 Senior Engineers in Apr 2027, then 3 Engineers in Jul 2027");
    expect(hiresWords(rows, 1)).toBe("2 Senior Engineers in Apr 2027, and 3 more people by Jul 2027");
    const oneMonth = proposalRows(scenario, [
      { type: "hire", level: "A", count: 1, month: 3 },
      { type: "hire", level: "B", count: 2, month: 3 },
    ]);
    expect(hiresWords(oneMonth)).toBe("1 Engineer and 2 Senior Engineers in Apr 2027");
  });
});
