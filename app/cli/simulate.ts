/**
 * npm run simulate -- <scenario.json | -> [--format json|csv] [--monte-carlo] [--trials N] [--seed S]
 *
 * Prints a scenario's projection (rows, summary, the hiring checks and its goals met or not) to stdout. Bad input: a
 * message on stderr and exit code 2.
 */
import { tableToCsv } from "../utils/csv";
import { parseCommand, readScenario, runCommand, UsageError, wholeNumber } from "./run";
import {
  addMonths,
  evaluateGoals,
  goalLabel,
  goalsInWords,
  goalsTable,
  hiringChecks,
  projectScenario,
  projectionTable,
  simulateMonteCarlo,
  summaryTable,
  teamNamer,
  MAX_TRIALS,
  type HiringChecks,
  type MonteCarloResult,
  type Scenario,
  type Table,
} from "../domain";

/** The hiring warnings (MODEL.md section 7) as a table: what, and the month it is about. */
function hiringWarningsTable(scenario: Scenario, checks: HiringChecks): Table {
  return {
    header: ["Hiring warning", "Month (YYYY-MM)", "Month from start"],
    rows: checks.warnings.map((w) => [w.message, addMonths(scenario.start, w.month), w.month]),
  };
}

const USAGE = `Usage: npm run simulate -- <scenario.json | -> [options]

Prints the projection of a teamshape.scenario/v1 file: the rows, the summary, the hiring
checks (when each search opens, joiners per quarter, warnings) and, when it sets goals, each
goal met or not. As CSV: tables separated by a blank line: the rows, the summary, the hiring
warnings, then (when it sets goals) the goals.

Options:
  --format json|csv   output format (default json)
  --monte-carlo       also run the Monte Carlo simulation
  --trials N          Monte Carlo trials (default: the scenario's, else 1000)
  --seed S            Monte Carlo seed (default: the scenario's, else 1)
  --help              show this help`;

function main(argv: string[]): number {
  const command = parseCommand(
    argv,
    {
      format: { type: "string", default: "json" },
      "monte-carlo": { type: "boolean", default: false },
      trials: { type: "string" },
      seed: { type: "string" },
      help: { type: "boolean", default: false },
    },
    USAGE,
  );
  if (!command) return 0;
  const { values, file } = command;
  if (values.format !== "json" && values.format !== "csv")
    throw new UsageError(`--format: must be json or csv, got "${values.format}"`);
  const trials = wholeNumber("trials", values.trials, 1, MAX_TRIALS);
  const seed = wholeNumber("seed", values.seed, 0, Number.MAX_SAFE_INTEGER);
  const monteCarlo = values["monte-carlo"] || trials !== undefined || seed !== undefined;

  const scenario = readScenario(file);
  if (!scenario) return 2;

  const projection = projectScenario(scenario);
  const hiring = hiringChecks(scenario, projection);
  const mc: MonteCarloResult | undefined = monteCarlo ? simulateMonteCarlo(scenario, { trials, seed }) : undefined;
  if (values.format === "json") {
    const goals = evaluateGoals(scenario, projection).map((g) => ({
      label: goalLabel(scenario, g.kind),
      ...g,
    }));
    process.stdout.write(
      `${JSON.stringify({ scenario: scenario.name, ...projection, hiring, goals, monteCarlo: mc }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(tableToCsv(projectionTable(projection, mc, { teamName: teamNamer(scenario) })));
    process.stdout.write("\n");
    process.stdout.write(tableToCsv(summaryTable(projection, mc)));
    process.stdout.write("\n");
    process.stdout.write(tableToCsv(hiringWarningsTable(scenario, hiring)));
    const goals = goalsInWords(scenario, projection);
    if (goals.total > 0) {
      process.stdout.write("\n");
      process.stdout.write(tableToCsv(goalsTable(goals, mc)));
    }
  }
  return 0;
}

runCommand("simulate", USAGE, main);
