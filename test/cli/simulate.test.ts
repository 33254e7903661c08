import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";

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
});
