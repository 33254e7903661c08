/**
 * The compare page's verdicts on the demo's three saved plans (db/seed.ts DEMO_PLANS), taken two by
 * two: each figure the words name is worked out here from the plan's own monthly rows.
 */
import { describe, expect, it } from "vitest";
import { DEMO_PLANS } from "../../db/seed";
import { projectScenario, SAME_CAPACITY_SHARE, SAME_COST_SHARE, type ProjectionRow } from "~/domain";
import { loader as compareLoader } from "~/routes/compare";
import { getScenario, listScenarios, type StoredScenario } from "~/services/scenarios.server";
import { getDb } from "~/utils/db.server";
import { formatMoneyShort } from "~/utils/format";
import { getRequest, routeArgs } from "../setup/requests";

async function demo(name: string): Promise<StoredScenario> {
  const db = await getDb();
  const listed = (await listScenarios(db)).find((s) => s.name === name);
  expect(listed, name).toBeDefined();
  return (await getScenario(db, { id: listed!.id }))!;
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const of = (n: number, total: number) => (n === total ? `for all ${total} months` : `for ${n} of ${total} months`);

/** The ratio's months against its band, counted from the rows (monthly steps: a row is a month). */
function ratioMonths(rows: ProjectionRow[], [low, high]: readonly [number, number]) {
  return {
    below: rows.filter((r) => r.juniorsPerSenior !== null && r.juniorsPerSenior < low).length,
    above: rows.filter((r) => r.juniorsPerSenior !== null && r.juniorsPerSenior > high).length,
  };
}

const [juniors, seniors, balanced] = DEMO_PLANS.map((p) => p.name) as [string, string, string];

describe("the verdict on the demo's plans, against the baseline", () => {
  it.each([
    [juniors, seniors],
    [juniors, balanced],
    [seniors, balanced],
  ])("%s as the baseline, %s against it", async (baseName, otherName) => {
    const [base, other] = await Promise.all([demo(baseName), demo(otherName)]);
    const data = await compareLoader(
      routeArgs(getRequest(`/compare?ids=${base.id},${other.id}&baseline=${base.id}`, { as: "planner" })),
    );
    expect(data.refused).toBeNull();
    expect(data.compared.map((c) => c.name)).toEqual([baseName, otherName]);
    const [baseRows, otherRows] = [base, other].map((s) => projectScenario(s.scenario).rows);
    const months = otherRows!.length;
    expect(months).toBe(24);
    expect(data.windowWords).toContain(`the same ${months} months in every scenario`);

    const verdict = data.verdicts[1]!;
    // Cost: the difference of the two plans' monthly costs, summed here.
    const costDifference = sum(otherRows!.map((r) => r.totalCost)) - sum(baseRows!.map((r) => r.totalCost));
    expect(Math.abs(costDifference)).toBeGreaterThan(SAME_COST_SHARE * sum(baseRows!.map((r) => r.totalCost)));
    const cost = `${formatMoneyShort(Math.abs(costDifference))} ${costDifference < 0 ? "cheaper" : "more expensive"}`;
    // Capacity: the mean of the monthly capacities.
    const [baseCapacity, otherCapacity] = [baseRows!, otherRows!].map((rows) => sum(rows.map((r) => r.capacity)) / 24);
    expect(Math.abs(otherCapacity! - baseCapacity!)).toBeGreaterThan(SAME_CAPACITY_SHARE * baseCapacity!);
    const capacity = otherCapacity! > baseCapacity! ? "more capacity" : "less capacity";
    expect(verdict.startsWith(`${otherName}: ${cost} and ${capacity}; `), verdict).toBe(true);

    // Juniors per senior against the plan's band, in months.
    const ratio = ratioMonths(otherRows!, other.scenario.assumptions.ratioTarget);
    if (ratio.below + ratio.above === 0) expect(verdict).toContain("juniors per senior in band throughout");
    if (ratio.below > 0) expect(verdict).toContain(`juniors per senior below the target ${of(ratio.below, months)}`);
    if (ratio.above > 0 && ratio.below === 0)
      expect(verdict).toContain(`juniors per senior above the target ${of(ratio.above, months)}`);

    // Mentoring short, in months.
    const short = otherRows!.filter((r) => r.coverage < 1).length;
    if (short > 0) expect(verdict).toContain(`mentoring short ${of(short, months)}`);
    else expect(verdict).not.toContain("mentoring short");

    // The baseline's own line says where it stands.
    expect(data.verdicts[0]!.startsWith(`${baseName} (the baseline): `)).toBe(true);
    expect(verdict.split(".").length).toBe(2); // one sentence
  });

  it("reads the demo's known trade-off: two seniors cost less than four juniors over two years and give more capacity, with too few juniors per senior", async () => {
    const [base, other] = await Promise.all([demo(juniors), demo(seniors)]);
    const data = await compareLoader(routeArgs(getRequest(`/compare?ids=${base.id},${other.id}`, { as: "planner" })));
    expect(data.verdicts[1]).toMatch(
      /^Hire 2 seniors: \$\d+k cheaper and more capacity; juniors per senior below the target for \d+ of 24 months/,
    );
  });
});
