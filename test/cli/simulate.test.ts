import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { defaultLevels, SCENARIO_FORMAT } from "~/domain";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Runs the real command line, as `npm run simulate --` does. */
function simulate(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "app/cli/simulate.ts", ...args], {
    cwd: root,
    input,
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const textbook = "public/examples/textbook-four-grades.scenario.json";

describe("npm run simulate", () => {
  it("prints the textbook numbers as CSV: rows with units, then the summary", () => {
    const { status, stdout, stderr } = simulate([textbook, "--format", "csv"]);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const [rowsPart, summaryPart] = stdout.split(/\r?\n\r?\n/);
    const rows = parse<Record<string, string>>(rowsPart!, { columns: true });
    expect(
      rows.map((r) => [r["Headcount D"], r["Headcount C"], r["Headcount B"], r["Headcount A"], r["Headcount total"]]),
    ).toEqual([
      ["200", "150", "90", "60", "500"],
      ["194.5", "137.5", "93", "75", "500"],
      ["189.275", "128.275", "92.6", "89.85", "500"],
    ]);
    expect(Object.keys(rows[0]!)).toEqual(
      expect.arrayContaining([
        "Total cost ($)",
        "Mentor supply (hours/week)",
        "Capacity (mid-level engineer equivalents)",
      ]),
    );
    const summary = Object.fromEntries(parse(summaryPart!, { from_line: 2 }) as [string, string][]);
    expect(summary["End headcount total"]).toBe("500");
  });

  it("prints JSON with rows, summary and, on request, Monte Carlo percentiles", () => {
    const { status, stdout } = simulate([
      "public/examples/startup-backend.scenario.json",
      "--monte-carlo",
      "--trials",
      "50",
      "--seed",
      "3",
    ]);
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.rows).toHaveLength(24);
    expect(out.summary.endTotalHeadcount).toBeGreaterThan(7);
    expect(out.monteCarlo).toMatchObject({ trials: 50, seed: 3 });
    expect(out.monteCarlo.steps[23].capacity.p10).toBeLessThanOrEqual(out.monteCarlo.steps[23].capacity.p90);
  });

  it("runs the 40-engineer cohort example with quarterly steps", () => {
    const out = JSON.parse(simulate(["public/examples/top-down-40.scenario.json"]).stdout);
    expect(out.rows).toHaveLength(12);
    expect(out.rows[0].totalHeadcount).toBe(40);
  });

  it("reads standard input and explains an invalid scenario on stderr with exit code 2", () => {
    const bad = JSON.stringify({
      format: "teamshape.scenario/v1",
      name: "x",
      start: "2027-01",
      horizonMonths: 12,
      plan: [{ type: "hire", level: "L9", count: 1, month: 3 }],
    });
    const { status, stdout, stderr } = simulate(["-"], bad);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain('plan[0].level: unknown level "L9"');
  });

  it.each([
    [["missing.json"], /cannot read missing\.json/],
    [[textbook, "--format", "xml"], /--format: must be json or csv/],
    [[textbook, "--trials", "lots"], /--trials: must be a whole number/],
    [[], /give exactly one scenario file/],
  ])("exits with code 2 and a message for %j", (args, message) => {
    const { status, stderr } = simulate(args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
  });

  it("rejects malformed JSON without a stack trace", () => {
    const { status, stderr } = simulate(["-"], "{ not json");
    expect(status).toBe(2);
    expect(stderr).toContain("is not valid JSON");
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  describe("hiring (MODEL.md section 7), by hand", () => {
    // Four settled mid-level engineers, nobody leaves or is promoted but the hire: one Senior
    // Engineer starting in month 3 (2027-04), 100 interview hours, 2 months to fill, one recruiter
    // who can hire half a person a quarter.
    const levels = defaultLevels().map((l) => ({
      ...l,
      annualAttrition: l.id === "L4" ? 0.18 : 0,
      annualPromotion: 0,
      ...(l.id === "L4" ? { timeToFillMonths: 2, interviewHours: 100 } : {}),
    }));
    const scenario = JSON.stringify({
      format: SCENARIO_FORMAT,
      name: "One senior",
      start: "2027-01",
      horizonMonths: 6,
      levels,
      team: [{ level: "L3", count: 4, salary: 120_000 }],
      plan: [{ type: "hire", level: "L4", count: 1, month: 3 }],
      assumptions: {
        backfill: { enabled: false },
        hiring: { firstYearAttritionMultiplier: 1.5, recruiters: 1, hiresPerRecruiterPerQuarter: 0.5 },
      },
    });
    // 50 hours in each of the two months before the start; a week is 52/12 of a month's weeks.
    const perWeek = 50 / (52 / 12);
    const share = perWeek / (4 * 40);
    // The hire leaves at 0.18 x 1.5 = 0.27 a year in their first year: over months 3, 4 and 5.
    const firstYearLeavers = 1 - (1 - 0.27) ** (3 / 12);

    it("CSV: interview hours, share and first-year leavers per month, the totals in the summary, then the warnings", () => {
      const { status, stdout, stderr } = simulate(["-", "--format", "csv"], scenario);
      expect(stderr).toBe("");
      expect(status).toBe(0);
      const [rowsPart, summaryPart, warningsPart] = stdout.split(/\r?\n\r?\n/);
      const rows = parse<Record<string, string>>(rowsPart!, { columns: true });
      expect(rows.map((r) => Number(r["Interviewing (engineer hours)"]))).toEqual([0, 50, 50, 0, 0, 0]);
      expect(Number(rows[1]!["Interviewing (hours/week)"])).toBeCloseTo(perWeek, 5);
      expect(Number(rows[2]!["Interviewing, share of each interviewer's week (0-1)"])).toBeCloseTo(share, 5);
      // The interviewers give that share of their month's work: 4 x (1 - share).
      expect(Number(rows[0]!["Capacity (mid-level engineer equivalents)"])).toBe(4);
      expect(Number(rows[1]!["Capacity (mid-level engineer equivalents)"])).toBeCloseTo(4 * (1 - share), 5);
      const leavers = rows.reduce((sum, r) => sum + Number(r["First-year leavers"]), 0);
      expect(leavers).toBeCloseTo(firstYearLeavers, 5);
      expect(rows.map((r) => r["Backfill hires"])).toEqual(["0", "0", "0", "0", "0", "0"]);

      const summary = Object.fromEntries(parse(summaryPart!, { from_line: 2 }) as [string, string][]);
      expect(Number(summary["Interviewing (engineer hours)"])).toBe(100);
      expect(Number(summary["Peak interviewing, share of each interviewer's week (0-1)"])).toBeCloseTo(share, 5);
      expect(Number(summary["First-year leavers"])).toBeCloseTo(firstYearLeavers, 5);

      const warnings = parse<Record<string, string>>(warningsPart!, { columns: true });
      expect(warnings).toEqual([
        {
          "Hiring warning": "1 person joins from 2027-04 to 2027-06, more than 1 recruiter can hire (0.5 a quarter).",
          "Month (YYYY-MM)": "2027-04",
          "Month from start": "3",
        },
      ]);
    });

    it("JSON: the same figures, with when the search opens and each quarter's joiners", () => {
      const out = JSON.parse(simulate(["-"], scenario).stdout);
      expect(out.rows.map((r: { interviewHours: number }) => r.interviewHours)).toEqual([0, 50, 50, 0, 0, 0]);
      expect(out.summary.totalInterviewHours).toBe(100);
      expect(out.summary.peakInterviewShare).toBeCloseTo(share, 9);
      expect(out.summary.totalFirstYearLeavers).toBeCloseTo(firstYearLeavers, 9);
      expect(out.hiring.searches).toMatchObject([{ level: "L4", openPeriod: "2027-02", beforePlan: false }]);
      expect(out.hiring.quarters.map((q: { joiners: number }) => q.joiners)).toEqual([0, 1]);
      expect(out.hiring.quartersOverRecruiters).toBe(1);
      expect(out.hiring.warnings).toHaveLength(1);
    });
  });

  describe("goals (MODEL.md section 8), by hand", () => {
    // Four settled mid-level engineers at $120,000 for 12 months, nobody leaving, no raises, 25%
    // overhead: $50,000 a month, $600,000 in all; capacity and headcount 4 throughout.
    const scenario = JSON.stringify({
      format: SCENARIO_FORMAT,
      name: "Two goals",
      start: "2027-01",
      horizonMonths: 12,
      levels: defaultLevels().map((l) => ({ ...l, annualAttrition: 0, annualPromotion: 0 })),
      team: [{ level: "L3", count: 4, salary: 120_000 }],
      assumptions: { overheadRate: 0.25, annualRaiseRate: 0, backfill: { enabled: false } },
      goals: { capacity: { atLeast: 3, fromMonth: 0 }, budget: { maxTotalCost: 500_000 } },
    });

    it("CSV: a last table with each goal met or not, in words, and how often simulated futures meet it", () => {
      const { status, stdout, stderr } = simulate(["-", "--format", "csv", "--trials", "20"], scenario);
      expect(stderr).toBe("");
      expect(status).toBe(0);
      const parts = stdout.split(/\r?\n\r?\n/);
      expect(parts).toHaveLength(4);
      const goals = parse<Record<string, string>>(parts[3]!, { columns: true });
      // Nobody leaves or is promoted: every simulated future is the projection.
      expect(goals).toEqual([
        {
          Goal: "capacity of at least 3 from 2027-01",
          Met: "yes",
          "In words": "Capacity is at least 3 from 2027-01 on.",
          "First month it fails (YYYY-MM)": "",
          "Share of simulated futures meeting it (0-1)": "1",
        },
        {
          Goal: "a total cost of at most $500k",
          Met: "no",
          // The running total passes $500,000 in the 11th month.
          "In words": "The plan costs $600,000, over the budget of $500,000 from 2027-11.",
          "First month it fails (YYYY-MM)": "2027-11",
          "Share of simulated futures meeting it (0-1)": "0",
        },
      ]);
    });

    it("JSON: each goal with its label, met or not, and where it first fails", () => {
      const out = JSON.parse(simulate(["-"], scenario).stdout);
      expect(
        out.goals.map((g: { label: string; met: boolean; firstFailingMonth: number | null }) => [
          g.label,
          g.met,
          g.firstFailingMonth,
        ]),
      ).toEqual([
        ["capacity of at least 3 from 2027-01", true, null],
        ["a total cost of at most $500k", false, 10],
      ]);
    });
  });
});
