/**
 * Salaries recovered by arithmetic, the way a curious viewer would try: from what the viewer
 * receives (page data, downloads, Monte Carlo figures) plus what every viewer may know (the
 * levels, head counts, the plan and the published ladder), never a salary itself.
 *
 * Every attack runs twice. On what a planner receives it must recover the salaries: that shows the
 * attack works. On what a viewer receives it must not.
 */
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import {
  mustParseScenario,
  projectScenario,
  proposeBands,
  type MonteCarloResult,
  type ProjectionRow,
  type Scenario,
} from "~/domain";
import * as dashboard from "~/routes/_index";
import * as compare from "~/routes/compare";
import * as ladder from "~/routes/ladder._index";
import * as team from "~/routes/team._index";
import * as scenarioCsv from "~/routes/scenarios.$scenarioId[.csv]";
import * as report from "~/routes/scenarios.$scenarioId_.report";
import * as shared from "~/routes/share.$token";
import { createShareLink } from "~/services/share-links.server";
import { createEngineer, listEngineers, updateEngineer } from "~/services/engineers.server";
import { listLevels } from "~/services/ladder.server";
import { createScenario, createScenarioFromRoster, getScenario, listScenarios } from "~/services/scenarios.server";
import { createTeam, listTeams } from "~/services/teams.server";
import { getDb } from "~/utils/db.server";
import { answerOf, type Handler } from "../setup/answers";
import { formRequest, getRequest } from "../setup/requests";

type Role = "viewer" | "planner";
const ROLES: Role[] = ["planner", "viewer"];
/** The most a recovered figure may differ from a real salary and still count as recovering it. */
const CLOSE = 1;

async function pageData<T>(run: Handler, path: string, as: Role, params: Record<string, string> = {}): Promise<T> {
  const got = await answerOf(run, getRequest(path, { as }), params);
  expect(got.status, `${path} as ${as}`).toBe(200);
  return JSON.parse(got.body) as T;
}

async function csvRows(path: string, as: Role, id: number): Promise<Record<string, string>[]> {
  const got = await answerOf(scenarioCsv.loader, getRequest(path, { as }), { scenarioId: String(id) });
  return parse<Record<string, string>>(got.body, { bom: true, columns: true });
}

/** What every viewer may know of a plan: its shape, with every salary taken out. */
function withoutSalaries(scenario: Scenario): Scenario {
  return mustParseScenario({
    ...scenario,
    team: scenario.team.map((t) => ({ ...t, salary: 1 })),
    plan: scenario.plan.map((e) => (e.type === "hire" ? { ...e, salary: undefined } : e)),
  });
}

/** Solves A x = b in the least-squares sense, A given by its columns (QR by modified Gram-Schmidt). */
function leastSquares(columns: number[][], b: number[]): number[] {
  const q = columns.map((c) => [...c]);
  const r = columns.map(() => new Array<number>(columns.length).fill(0));
  for (let j = 0; j < q.length; j++) {
    for (let i = 0; i < j; i++) {
      r[i]![j] = dot(q[i]!, q[j]!);
      q[j] = q[j]!.map((v, t) => v - r[i]![j]! * q[i]![t]!);
    }
    r[j]![j] = Math.sqrt(dot(q[j]!, q[j]!));
    q[j] = q[j]!.map((v) => v / r[j]![j]!);
  }
  const x = new Array<number>(q.length).fill(0);
  for (let i = q.length - 1; i >= 0; i--)
    x[i] = (dot(q[i]!, b) - r[i]!.reduce((s, v, j) => (j > i ? s + v * x[j]! : s), 0)) / r[i]![i]!;
  return x;
}

const dot = (a: number[], b: number[]) => a.reduce((s, v, t) => s + v * b[t]!, 0);

/**
 * The group a team entry's salary is solved in: its level, and for someone in their first year
 * their tenure too (they leave at another rate, so their pay weighs differently in the series).
 */
const groupOf = (t: { level: string; tenureMonths?: number }) =>
  t.tenureMonths !== undefined && t.tenureMonths < 12 ? `${t.level} in month ${t.tenureMonths}` : t.level;

/**
 * Attack 1: each level's mean salary from a payroll series. Payroll is linear in the salaries, so
 * the engine itself (it ships to every browser) gives each level's column; a few Gauss-Newton
 * steps fit the series.
 */
function solveLevelMeans(shape: Scenario, payroll: number[]): Map<string, number> {
  const levels = [...new Set(shape.team.map(groupOf))];
  const model = (means: number[]) =>
    projectScenario(
      mustParseScenario({
        ...shape,
        team: shape.team.map((t) => ({ ...t, salary: means[levels.indexOf(groupOf(t))]! })),
      }),
    ).rows.map((r) => r.payroll);
  const misfit = (fitted: number[]) => fitted.reduce((sum, p, t) => sum + (p - payroll[t]!) ** 2, 0);
  let means = levels.map(
    (group) => shape.levels.find((l) => l.id === shape.team.find((t) => groupOf(t) === group)!.level)!.band.mid,
  );
  for (let iteration = 0; iteration < 8; iteration++) {
    const base = model(means);
    const columns = levels.map((_, j) =>
      model(means.map((x, i) => (i === j ? x + 1000 : x))).map((p, t) => (p - base[t]!) / 1000),
    );
    const step = leastSquares(
      columns,
      payroll.map((p, t) => p - base[t]!),
    );
    // The columns are close to collinear: a full step can overshoot into salaries the model
    // refuses, so halve it until the fit improves (damped Gauss-Newton).
    for (let scale = 1; scale > 1e-3; scale /= 2) {
      const next = means.map((x, j) => x + scale * step[j]!);
      if (next.every((x) => x > 0 && x < 10_000_000) && misfit(model(next)) <= misfit(base)) {
        means = next;
        break;
      }
    }
  }
  return new Map(levels.map((id, j) => [id, means[j]!]));
}

let demoIds: number[] = [];
let salaries: { name: string; levelId: string; salary: number }[] = [];

beforeAll(async () => {
  const db = await getDb();
  demoIds = (await listScenarios(db)).map((s) => s.id);
  salaries = (await listEngineers(db)).map(({ name, levelId, salary }) => ({ name, levelId, salary }));
});

const near = (x: number, y: number) => Math.abs(x - y) <= CLOSE;

describe("a viewer cannot work out anyone's salary", () => {
  it.each(ROLES)("solving the report's payroll series for each level's mean (as a %s)", async (as) => {
    const recovered: string[] = [];
    for (const id of demoIds) {
      const data = await pageData<{ projection: { rows: ProjectionRow[] } }>(
        report.loader,
        `/scenarios/${id}/report`,
        as,
        { scenarioId: String(id) },
      );
      const shape = withoutSalaries((await getScenario(await getDb(), { id }))!.scenario);
      const means = solveLevelMeans(
        shape,
        data.projection.rows.map((r) => r.payroll),
      );
      for (const [level, mean] of means) {
        const names = new Set(shape.team.filter((t) => groupOf(t) === level).map((t) => t.name));
        const people = salaries.filter((s) => names.has(s.name));
        const actual = people.reduce((sum, s) => sum + s.salary, 0) / people.length;
        if (near(mean, actual))
          recovered.push(
            people.length === 1 ? `${people[0]!.name}: ${mean.toFixed(2)}` : `${level} mean: ${mean.toFixed(2)}`,
          );
      }
    }
    if (as === "planner") expect(recovered).toContain("Maya Okafor: 152000.00");
    else expect(recovered).toEqual([]);
  });

  it.each(ROLES)("reading Monte Carlo percentile gaps as one person's loaded pay (as a %s)", async (as) => {
    const recovered = new Set<string>();
    for (const id of demoIds) {
      const data = await pageData<{ monteCarlo: MonteCarloResult }>(report.loader, `/scenarios/${id}/report`, as, {
        scenarioId: String(id),
      });
      const { assumptions } = (await getScenario(await getDb(), { id }))!.scenario;
      data.monteCarlo.steps.forEach(({ totalCost: c }, step) => {
        const raise = (1 + assumptions.annualRaiseRate) ** Math.floor(step / 12);
        for (const gap of [c.p50 - c.p10, c.p90 - c.p50, c.p90 - c.p10]) {
          const salary = (gap * 12) / (1 + assumptions.overheadRate) / raise;
          for (const s of salaries) if (near(salary, s.salary)) recovered.add(`${s.name}: ${s.salary}`);
        }
      });
    }
    if (as === "planner") expect(recovered.size).toBeGreaterThan(0);
    else expect([...recovered]).toEqual([]);
  });

  it.each(ROLES)("dividing a hire's recruiting cost by the fee rate (as a %s)", async (as) => {
    const offer = 139_137;
    const db = await getDb();
    const id = await createScenarioFromRoster(db, {
      frame: {
        name: `Offer test ${as}`,
        start: "2027-01",
        horizonMonths: 12,
        plan: [{ type: "hire", level: "L4", count: 1, month: 2, salary: offer }],
      },
    });
    const { assumptions } = (await getScenario(db, { id }))!.scenario;
    const rows = await csvRows(`/scenarios/${id}.csv`, as, id);
    const recovered = rows
      .map((r) => Number(r["Recruiting cost ($)"]) / assumptions.recruitingFeeRate)
      .filter((salary) => near(salary, offer));
    // The org's row and the hire's team's row both carry it for a planner; no row does for a viewer.
    if (as === "planner") expect(recovered.length).toBeGreaterThan(0);
    else expect(recovered).toEqual([]);
  });

  it.each(ROLES)(
    "reading two hires' offer from a month the CSV says has no backfills: its recruiting cost over the fee rate and the joiners (as a %s)",
    async (as) => {
      const offer = as === "planner" ? 139_151 : 139_153;
      const db = await getDb();
      const id = await createScenarioFromRoster(db, {
        frame: {
          name: `Two offers ${as}`,
          start: "2027-01",
          horizonMonths: 12,
          plan: [{ type: "hire", level: "L4", count: 2, month: 1, salary: offer }],
        },
      });
      const { assumptions } = (await getScenario(db, { id }))!.scenario;
      const rows = (await csvRows(`/scenarios/${id}.csv`, as, id)).filter((r) => r.Team === "Whole org");
      // "Backfill hires" (MODEL.md section 7) tells which months' joiners are planned hires alone.
      const pure = rows.filter((r) => Number(r["Backfill hires"]) === 0 && Number(r.Joiners) > 0);
      expect(pure.length).toBeGreaterThan(0);
      const recovered = pure
        .map((r) => Number(r["Recruiting cost ($)"]) / assumptions.recruitingFeeRate / Number(r.Joiners))
        .filter((salary) => near(salary, offer));
      if (as === "planner") expect(recovered.length).toBeGreaterThan(0);
      else expect(recovered).toEqual([]);
    },
  );

  it.each(ROLES)(
    "reading a hire's salary from fiscal quarters: their quarter's recruiting cost over the fee rate, and the quarter of two plans that differ by the hire (as a %s)",
    async (as) => {
      const offer = as === "planner" ? 141_117 : 141_119;
      const db = await getDb();
      const frame = { start: "2027-01", horizonMonths: 12 };
      const without = await createScenarioFromRoster(db, { frame: { ...frame, name: `No offer ${as}` } });
      const withHire = await createScenarioFromRoster(db, {
        frame: {
          ...frame,
          name: `Offer by quarter ${as}`,
          plan: [{ type: "hire", level: "L4", count: 1, month: 2, salary: offer }],
        },
      });
      const { assumptions } = (await getScenario(db, { id: withHire }))!.scenario;
      type Quarter = { recruitingCost: number; payroll: number };
      const reportQuarters = async (id: number) =>
        (
          await pageData<{ periods: { quarters: Quarter[] } }>(report.loader, `/scenarios/${id}/report`, as, {
            scenarioId: String(id),
          })
        ).periods.quarters;
      const csvQuarters = async (id: number) =>
        (await csvRows(`/scenarios/${id}.csv?by=quarter`, as, id))
          .filter((r) => r.Team === "Whole org")
          .map((r) => ({ recruitingCost: Number(r["Recruiting cost ($)"]), payroll: Number(r["Payroll ($)"]) }));
      const candidates: number[] = [];
      for (const quarters of [reportQuarters, csvQuarters]) {
        const [a, b] = [await quarters(without), await quarters(withHire)];
        // The hire starts in March, the first quarter's last month: a month of their pay and their fee.
        for (const q of b) candidates.push(q.recruitingCost / assumptions.recruitingFeeRate);
        candidates.push((b[0]!.payroll - a[0]!.payroll) * 12);
        candidates.push((b[0]!.recruitingCost - a[0]!.recruitingCost) / assumptions.recruitingFeeRate);
      }
      const recovered = candidates.filter((salary) => near(salary, offer));
      // Each attack works on both the report and the CSV for a planner; none does for a viewer.
      if (as === "planner") expect(recovered).toHaveLength(6);
      else expect(recovered).toEqual([]);
    },
  );

  it.each(ROLES)(
    "differencing two scenarios, and the dashboard before and after, that differ by one person (as a %s)",
    async (as) => {
      const db = await getDb();
      const pay = as === "planner" ? 133_337 : 133_339;
      const before = await createScenarioFromRoster(db, {
        frame: { name: `Before ${as}`, start: "2027-01", horizonMonths: 12 },
      });
      const dashboardBefore = await pageData<{ annualPayroll: number | null }>(dashboard.loader, "/", as);
      await createEngineer(db, {
        input: { name: `Newcomer ${as}`, levelId: "L3", salary: pay, startDate: "2026-11-02", notes: "" },
      });
      const after = await createScenarioFromRoster(db, {
        frame: { name: `After ${as}`, start: "2027-01", horizonMonths: 12 },
      });
      const dashboardAfter = await pageData<{ annualPayroll: number | null }>(dashboard.loader, "/", as);
      salaries.push({ name: `Newcomer ${as}`, levelId: "L3", salary: pay });

      const compared = await pageData<{
        compared: { id: number; rows: ProjectionRow[]; summary: { totalPayroll: number } }[];
      }>(compare.loader, `/compare?ids=${before},${after}`, as);
      const [a, b] = [before, after].map((id) => compared.compared.find((c) => c.id === id)!);
      const candidates = [
        (b!.rows[0]!.payroll - a!.rows[0]!.payroll) * 12,
        (dashboardAfter.annualPayroll ?? 0) - (dashboardBefore.annualPayroll ?? 0),
      ];
      const recovered = candidates.filter((salary) => near(salary, pay));
      if (as === "planner") expect(recovered).toHaveLength(2);
      else expect(recovered).toEqual([]);
    },
  );

  it.each(ROLES)(
    "reading a one-person team's cost on its dashboard and its compare, or subtracting the other teams from the org (as a %s)",
    async (as) => {
      const db = await getDb();
      const pay = as === "planner" ? 144_447 : 144_449;
      const created = await createTeam(db, { input: { name: `Solo ${as}`, ratioTarget: null } });
      if (!created.ok) throw new Error(created.message);
      await createEngineer(db, {
        input: {
          name: `Loner ${as}`,
          levelId: "L3",
          salary: pay,
          startDate: "2026-11-02",
          notes: "",
          teamId: created.id,
        },
      });
      salaries.push({ name: `Loner ${as}`, levelId: "L3", salary: pay });
      type Vitals = { annualPayroll: number; team: { id: number } | null };
      const solo = await pageData<Vitals>(dashboard.loader, `/?team=${created.id}`, as);
      expect(solo.team?.id).toBe(created.id);
      const org = await pageData<Vitals>(dashboard.loader, "/", as);
      let others = 0;
      for (const team of await listTeams(db))
        if (team.id !== created.id && team.size > 0)
          others += (await pageData<Vitals>(dashboard.loader, `/?team=${team.id}`, as)).annualPayroll;

      const ids = [];
      for (const name of ["A", "B"])
        ids.push(
          await createScenarioFromRoster(db, { frame: { name: `${name} ${as}`, start: "2027-01", horizonMonths: 12 } }),
        );
      const compared = await pageData<{ team: string | null; compared: { rows: ProjectionRow[] }[] }>(
        compare.loader,
        `/compare?ids=${ids.join(",")}&team=${encodeURIComponent(`Solo ${as}`)}`,
        as,
      );
      expect(compared.team).toBe(`Solo ${as}`);
      const candidates = [solo.annualPayroll, org.annualPayroll - others, compared.compared[0]!.rows[0]!.payroll * 12];
      const recovered = candidates.filter((salary) => near(salary, pay));
      if (as === "planner") expect(recovered).toHaveLength(3);
      else expect(recovered).toEqual([]);
    },
  );
  it.each(ROLES)(
    "differencing a one-month and a longer plan that differ by one person, compared over the month they share: their totals and the verdict (as a %s)",
    async (as) => {
      const db = await getDb();
      const pay = as === "planner" ? 137_771 : 137_773;
      const longer = await createScenarioFromRoster(db, {
        frame: { name: `Year before ${as}`, start: "2027-01", horizonMonths: 12 },
      });
      await createEngineer(db, {
        input: { name: `Joiner ${as}`, levelId: "L3", salary: pay, startDate: "2026-11-02", notes: "" },
      });
      salaries.push({ name: `Joiner ${as}`, levelId: "L3", salary: pay });
      const oneMonth = await createScenarioFromRoster(db, {
        frame: { name: `Month after ${as}`, start: "2027-01", horizonMonths: 1 },
      });
      const { assumptions } = (await getScenario(db, { id: oneMonth }))!.scenario;
      const compared = await pageData<{
        windowWords: string;
        verdicts: string[];
        compared: { id: number; summary: { totalCost: number } }[];
      }>(compare.loader, `/compare?ids=${longer},${oneMonth}`, as);
      expect(compared.windowWords).toContain("the 1 month both scenarios cover");
      const [a, b] = [longer, oneMonth].map((id) => compared.compared.find((c) => c.id === id)!);
      // The month's cost difference is the newcomer's loaded pay for a month.
      const perYear = (monthly: number) => (monthly * 12) / (1 + assumptions.overheadRate);
      const fromVerdict = /: \$(\d+)k more expensive/.exec(compared.verdicts[1] ?? "");
      const candidates = [
        perYear(b!.summary.totalCost - a!.summary.totalCost),
        ...(fromVerdict ? [perYear(Number(fromVerdict[1]) * 1000)] : []),
      ];
      const recovered = candidates.filter((salary) => near(salary, pay));
      if (as === "planner") expect(recovered.length).toBeGreaterThan(0);
      else expect(recovered).toEqual([]);
    },
  );
});

describe("a viewer cannot work out anyone's salary from bands set from the team, or from what needs attention", () => {
  type Answerable = [name: string, run: Handler, path: string, params?: Record<string, string>];
  /** The viewer's pages that show the bands or the panel, and the roster. */
  async function viewerPages(): Promise<Answerable[]> {
    const teams = (await listTeams(await getDb())).filter((t) => t.size > 0);
    return [
      ["ladder", ladder.loader, "/ladder"],
      ["ladder asking for a preview", ladder.loader, "/ladder?fit=range"],
      ["dashboard", dashboard.loader, "/"],
      ...teams.map((t): Answerable => [`dashboard of ${t.name}`, dashboard.loader, `/?team=${t.id}`]),
      ["roster", team.loader, "/team?size=100"],
    ];
  }
  async function crawl(as: Role): Promise<Map<string, string>> {
    const bodies = new Map<string, string>();
    for (const [name, run, path, params] of await viewerPages())
      bodies.set(name, (await answerOf(run, getRequest(path, { as }), params)).body);
    return bodies;
  }
  /** A planner sets every band from the team, as the Ladder page's preview and Save do. */
  async function setBandsFromTeam(method: "range" | "p10-p90" = "range") {
    const page = await pageData<{ bands: { saveFields: Record<string, string> } }>(
      ladder.loader,
      `/ladder?fit=${method}`,
      "planner",
    );
    const saved = await answerOf(
      ladder.action,
      formRequest(`/ladder?fit=${method}&index`, page.bands.saveFields, { as: "planner" }),
    );
    expect(saved.status).toBe(302);
  }
  const setSalary = async (name: string, salary: number) => {
    const db = await getDb();
    const engineer = (await listEngineers(db)).find((e) => e.name === name)!;
    await updateEngineer(db, { id: engineer.id, input: { ...engineer, salary } });
  };

  it("a band set from one person's pay would be it, so a level of one or two keeps its band: their pay moves nothing a viewer gets", async () => {
    const db = await getDb();
    const maya = (await listEngineers(db)).find((e) => e.name === "Maya Okafor")!;
    const onL5 = (await listEngineers(db)).filter((e) => e.levelId === "L5");
    expect(onL5.map((e) => e.name)).toEqual(["Maya Okafor"]);
    // The attack: read L5's published band. Fitted to every level, however few, it works.
    const levels = await listLevels(db);
    const byLevel = new Map<string, number[]>();
    for (const e of await listEngineers(db)) byLevel.set(e.levelId, [...(byLevel.get(e.levelId) ?? []), e.salary]);
    const naive = proposeBands({ levels, salaries: byLevel, method: "range", minPeople: 1 });
    const readPay = (band: { min: number; mid: number; max: number }) =>
      [band.min, band.mid, band.max].filter((x) => Math.abs(x - maya.salary) <= 500);
    expect(readPay(naive.levels.find((l) => l.id === "L5")!.proposed!)).toHaveLength(3);

    await setBandsFromTeam();
    const before = await crawl("viewer");
    const l5 = (
      await pageData<{ levels: { id: string; band: { min: number; mid: number; max: number } }[] }>(
        ladder.loader,
        "/ladder",
        "viewer",
      )
    ).levels.find((l) => l.id === "L5")!;
    expect(readPay(l5.band)).toEqual([]);
    // Whatever Maya earns, a viewer's pages after the bands are set again are the same.
    await setSalary("Maya Okafor", 163_001);
    await setBandsFromTeam();
    const after = await crawl("viewer");
    for (const [name, body] of before) expect(after.get(name), name).toBe(body);
    await setSalary("Maya Okafor", maya.salary);
  });

  it.each(ROLES)(
    "tying a band figure to a person: two people at a level swap pay, and the bands are set again (as a %s)",
    async (as) => {
      const db = await getDb();
      const [a, b] = (await listEngineers(db)).filter((e) => e.levelId === "L4");
      await setBandsFromTeam();
      const before = await crawl(as);
      await setSalary(a!.name, b!.salary);
      await setSalary(b!.name, a!.salary);
      await setBandsFromTeam();
      const after = await crawl(as);
      const changed = [...before.keys()].filter((name) => after.get(name) !== before.get(name));
      await setSalary(a!.name, a!.salary);
      await setSalary(b!.name, b!.salary);
      // A planner's roster says who earns what; a viewer's every page is the same either way.
      if (as === "planner") expect(changed).toContain("roster");
      else expect(changed).toEqual([]);
    },
  );

  it.each(ROLES)(
    "differencing the needs-attention panel as a newcomer's pay crosses their level's band (as a %s)",
    async (as) => {
      type Panel = { attention: { outOfBand: { below: number; above: number } | null } };
      const db = await getDb();
      const l2 = (await listLevels(db)).find((l) => l.id === "L2")!;
      const name = `Crosser ${as}`;
      await createEngineer(db, {
        input: { name, levelId: "L2", salary: l2.band.mid, startDate: "2026-11-02", notes: "" },
      });
      const inBand = await pageData<Panel>(dashboard.loader, "/", as);
      await setSalary(name, l2.band.max + 1_001);
      const aboveBand = await pageData<Panel>(dashboard.loader, "/", as);
      await setSalary(name, l2.band.mid);
      const learnt =
        (aboveBand.attention.outOfBand?.above ?? 0) - (inBand.attention.outOfBand?.above ?? 0) === 1
          ? [`${name} is paid over ${l2.band.max}`]
          : [];
      if (as === "planner") expect(learnt).toEqual([`${name} is paid over ${l2.band.max}`]);
      else {
        expect(learnt).toEqual([]);
        expect(aboveBand).toEqual(inBand);
      }
    },
  );
});

describe("a viewer cannot work out anyone's salary from the goals", () => {
  /** A plan made from the roster as it is, with goals; its id. */
  async function withGoals(name: string, horizonMonths: number, goals: Scenario["goals"]): Promise<number> {
    const db = await getDb();
    const id = await createScenarioFromRoster(db, { frame: { name, start: "2027-01", horizonMonths } });
    const { scenario } = (await getScenario(db, { id }))!;
    return createScenario(db, {
      scenario: mustParseScenario({ ...scenario, name: `${name} with goals`, goals }),
      source: "roster",
    });
  }
  type Goals = { goals: { label: string; met: boolean; message: string }[] };
  /**
   * The cost a missed $1 budget's words print: "The plan costs $1,234,567, over the budget of $1
   * ..." or "1 plan year costs more than $1, the first from 2027-01 ($1,234,567)." (the larger figure).
   */
  const costIn = (message: string) => Math.max(...dollarsIn(message));
  const dollarsIn = (message: string) =>
    [...message.matchAll(/\$([\d,]+)/g)].map((m) => Number(m[1]!.replace(/,/g, "")));

  it.each(ROLES)(
    "differencing the costs a budget goal's words print, for two one-month plans that differ by one person, in the report and on compare (as a %s)",
    async (as) => {
      const db = await getDb();
      const pay = as === "planner" ? 151_113 : 151_117;
      // Budgets of $1 are missed, so both goals' words print the plan's cost (and the first year's).
      const goals = { budget: { maxTotalCost: 1, maxLoadedCostPerYear: 1 } };
      const before = await withGoals(`Goals before ${as}`, 1, goals);
      await createEngineer(db, {
        input: { name: `Budgeted ${as}`, levelId: "L3", salary: pay, startDate: "2026-11-02", notes: "" },
      });
      salaries.push({ name: `Budgeted ${as}`, levelId: "L3", salary: pay });
      const after = await withGoals(`Goals after ${as}`, 1, goals);
      const { overheadRate } = (await getScenario(db, { id: after }))!.scenario.assumptions;
      // A month's cost difference is the newcomer's loaded pay for a month; the words round to
      // whole dollars, so a year's pay comes out within 12 / (1 + overhead) dollars.
      const perYear = (monthly: number) => (monthly * 12) / (1 + overheadRate);
      const fromReport = async (id: number) =>
        (
          await pageData<{ goals: Goals }>(report.loader, `/scenarios/${id}/report`, as, { scenarioId: String(id) })
        ).goals.goals.map((g) => costIn(g.message));
      const [a, b] = [await fromReport(before), await fromReport(after)];
      const compared = await pageData<{ compared: { id: number; goals: Goals }[] }>(
        compare.loader,
        `/compare?ids=${before},${after}`,
        as,
      );
      const costs = (id: number) =>
        compared.compared.find((c) => c.id === id)!.goals.goals.map((g) => costIn(g.message));
      const candidates = [
        ...a.map((cost, i) => perYear(b[i]! - cost)),
        ...costs(before).map((cost, i) => perYear(costs(after)[i]! - cost)),
      ];
      expect(candidates).toHaveLength(4);
      const recovered = candidates.filter((salary) => Math.abs(salary - pay) <= 12 / (1 + overheadRate));
      if (as === "planner") expect(recovered).toHaveLength(4);
      else expect(recovered).toEqual([]);
    },
  );

  it.each(ROLES)(
    "reading whether budget goals just under and just over a plan's cost are met (as a %s)",
    async (as) => {
      const db = await getDb();
      const id = await createScenarioFromRoster(db, {
        frame: { name: `Bracket ${as}`, start: "2027-01", horizonMonths: 12 },
      });
      // The plan's cost at people's salaries, which only a planner knows: budgets $1 either side of it.
      const cost = projectScenario((await getScenario(db, { id }))!.scenario).summary.totalCost;
      const met = async (maxTotalCost: number) => {
        const goalsId = await withGoals(`Bracket ${as} at ${maxTotalCost}`, 12, { budget: { maxTotalCost } });
        const data = await pageData<{ goals: Goals }>(report.loader, `/scenarios/${goalsId}/report`, as, {
          scenarioId: String(goalsId),
        });
        return data.goals.goals[0]!.met;
      };
      const [under, over] = [await met(cost - 1), await met(cost + 1)];
      // A planner's goals tell the cost to within $2 (and so a newcomer's pay, by differencing); a
      // viewer's are judged on band midpoints, so the two answers are the same.
      if (as === "planner") expect([under, over]).toEqual([false, true]);
      else expect(under).toBe(over);
    },
  );
});

describe("someone with share links cannot work out anyone's salary", () => {
  /** A share link's page data, opened with no account. */
  async function sharedReport(token: string) {
    const got = await answerOf(shared.loader, getRequest(`/share/${token}`, { as: null }), { token });
    expect(got.status).toBe(200);
    return got.body;
  }

  it("differencing two shared reports of plans that differ by one person gives their level's band midpoint, not their pay", async () => {
    const db = await getDb();
    const maker = {
      ...(await db.selectFrom("user").selectAll().where("role", "=", "planner").executeTakeFirstOrThrow()),
      mustChangePassword: false,
    };
    const expiresOn = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const frame = { start: "2027-01", horizonMonths: 12 };
    const without = await createScenarioFromRoster(db, { frame: { ...frame, name: "Without the newcomer" } });
    const salary = 187_319;
    const newcomer = await createEngineer(db, {
      input: { name: "Newcomer", levelId: "L3", salary, startDate: "2022-01-01", notes: "" },
    });
    const withThem = await createScenarioFromRoster(db, { frame: { ...frame, name: "With the newcomer" } });
    const tokens: string[] = [];
    for (const scenarioId of [without, withThem]) {
      const made = await createShareLink(db, {
        user: maker,
        target: { kind: "scenario", scenarioId },
        input: { label: "", expiresOn },
      });
      if (!made.ok) throw new Error(made.message);
      tokens.push(made.token);
    }
    type Shared = { report: { projection: { rows: { payroll: number }[] }; team: { rows: unknown[][] } } };
    const firstPayroll = (body: string) => (JSON.parse(body) as Shared).report.projection.rows[0]!.payroll;
    // The same attack on the planner's own reports recovers the pay, so the attack works.
    const planner = await Promise.all(
      [without, withThem].map((id) =>
        pageData<{ projection: { rows: { payroll: number }[] } }>(report.loader, `/scenarios/${id}/report`, "planner", {
          scenarioId: String(id),
        }),
      ),
    );
    expect(near((planner[1]!.projection.rows[0]!.payroll - planner[0]!.projection.rows[0]!.payroll) * 12, salary)).toBe(
      true,
    );
    const shares = await Promise.all(tokens.map(sharedReport));
    const recovered = (firstPayroll(shares[1]!) - firstPayroll(shares[0]!)) * 12;
    const mid = (await listLevels(db)).find((l) => l.id === "L3")!.band.mid;
    expect(near(recovered, salary)).toBe(false);
    // What the difference gives is what the ladder publishes already.
    expect(recovered).toBeCloseTo(mid, 6);
    for (const body of shares) expect(body).not.toMatch(/(?<![\d.])187,?319(?!\d)/);
    // And nothing a share link gives changes when their pay does.
    await updateEngineer(db, {
      id: newcomer,
      input: { name: "Newcomer", levelId: "L3", salary: salary + 50_000, startDate: "2022-01-01", notes: "" },
    });
    const stored = (await getScenario(db, { id: withThem }))!;
    await db
      .updateTable("scenario")
      .set({
        document: JSON.stringify({
          ...stored.scenario,
          team: stored.scenario.team.map((t) => (t.name === "Newcomer" ? { ...t, salary: salary + 50_000 } : t)),
        }),
      })
      .where("id", "=", withThem)
      .execute();
    expect(await sharedReport(tokens[1]!)).toBe(shares[1]);
  });
});
