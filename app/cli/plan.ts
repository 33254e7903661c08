/**
 * npm run plan -- <scenario.json | -> [--levels L3,L4] [--teams a,b] [--months 2027-04,2027-07 | 3,6]
 *                 [--max N] [--budget N] [--quick] [--format text|json]
 *
 * "Plan for me" from the command line (MODEL.md section 8): the cheapest hires to add to the
 * scenario's plan that meet its goals, checked by the engine, with what each goal costs. Bad
 * input: a message on stderr and exit code 2.
 */
import {
  addMonths,
  monthsBetween,
  planHires,
  plannerOptionErrors,
  relaxations,
  DEFAULT_MAX_EVALUATIONS,
  MAX_PER_SLOT,
  MAX_PLANNER_EVALUATIONS,
  type PlannerOptions,
  type Scenario,
} from "../domain";
import { checkProposal } from "../utils/plan-proposal";
import { parseCommand, readScenario, runCommand, UsageError, wholeNumber } from "./run";

const USAGE = `Usage: npm run plan -- <scenario.json | -> [options]

Finds the cheapest hires to add to a teamshape.scenario/v1 file's plan that meet its goals
(capacity, budget, juniors per senior, mentoring, headcount) and the hiring limits, and prints
them with their cost and each goal. The scenario must set at least one goal.

Options:
  --levels L3,L4        levels hires may have (default: every level)
  --teams a,b           team ids hires may join (default: every team)
  --months 2027-04,...  start months, as YYYY-MM or months from the start (default: the first
                        month of each quarter)
  --max N               most hires per level, team and month (default 5, at most ${MAX_PER_SLOT})
  --budget N            most plans to try when there are too many to try all (default ${DEFAULT_MAX_EVALUATIONS})
  --quick               leave out what relaxing each goal would save (one more search per goal)
  --format text|json    output format (default text)
  --help                show this help`;

const list = (text: string | undefined) =>
  text === undefined
    ? undefined
    : text
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");

/** "2027-04" or "3" as months from the scenario's start. */
function monthOf(scenario: Scenario, text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(text)) return monthsBetween(scenario.start, text);
  throw new UsageError(`--months: "${text}" is not a month (write YYYY-MM or months from the start)`);
}

const dollars = (x: number) => `$${Math.round(x).toLocaleString("en-US")}`;

function main(argv: string[]): number {
  const command = parseCommand(
    argv,
    {
      levels: { type: "string" },
      teams: { type: "string" },
      months: { type: "string" },
      max: { type: "string" },
      budget: { type: "string" },
      quick: { type: "boolean", default: false },
      format: { type: "string", default: "text" },
      help: { type: "boolean", default: false },
    },
    USAGE,
  );
  if (!command) return 0;
  const { values, file } = command;
  if (values.format !== "json" && values.format !== "text")
    throw new UsageError(`--format: must be text or json, got "${values.format}"`);
  const scenario = readScenario(file);
  if (!scenario) return 2;
  const months = list(values.months)?.map((m) => monthOf(scenario, m));
  const levels = list(values.levels);
  const teams = list(values.teams);
  const maxPerSlot = wholeNumber("max", values.max, 1, MAX_PER_SLOT);
  const maxEvaluations = wholeNumber("budget", values.budget, 1, MAX_PLANNER_EVALUATIONS);
  const options: PlannerOptions = {
    ...(levels ? { levels } : {}),
    ...(teams ? { teams } : {}),
    ...(months ? { months } : {}),
    ...(maxPerSlot !== undefined ? { maxPerSlot } : {}),
    ...(maxEvaluations !== undefined ? { maxEvaluations } : {}),
  };
  const errors = plannerOptionErrors(scenario, options);
  if (errors.length > 0) throw new UsageError(errors.join(" "));

  const started = performance.now();
  const result = planHires(scenario, options);
  const seconds = (performance.now() - started) / 1000;
  // Every plan shown is the engine's: the scenario with the hires projected as any scenario.
  const proposal = checkProposal(scenario, result);
  if (!proposal.verified) throw new Error("the planner returned a plan the engine does not accept: please report this");
  const goals = proposal.goals.map((goal) => goal.proposed);
  const relaxed = values.quick ? [] : relaxations(scenario, options, result);

  if (values.format === "json") {
    process.stdout.write(
      `${JSON.stringify(
        {
          scenario: scenario.name,
          found: result.found,
          method: result.method,
          plansInSpace: Number.isFinite(result.spaceSize) ? result.spaceSize : null,
          plansTried: result.evaluations,
          seconds: Number(seconds.toFixed(3)),
          hires: result.hires,
          totalCost: proposal.proposedCost,
          currentPlanCost: proposal.currentCost,
          goals,
          hiringWarnings: proposal.warnings,
          conflicting: result.conflicting.map((kind, i) => ({ kind, goal: proposal.conflicting[i] })),
          relaxations: relaxed,
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }

  const lines: string[] = [];
  const slotCount = result.slots.length;
  const space = Number.isFinite(result.spaceSize) ? result.spaceSize.toLocaleString("en-US") : "too many to count";
  lines.push(`Plan for "${scenario.name}" (${scenario.horizonMonths} months from ${scenario.start})`);
  lines.push(
    result.method === "exhaustive"
      ? `Tried all ${result.evaluations.toLocaleString("en-US")} plans of ${slotCount} slots: this is the cheapest (${seconds.toFixed(2)} s).`
      : `Searched ${slotCount} slots (${space} plans): best found in ${result.evaluations.toLocaleString("en-US")} plans tried (${seconds.toFixed(2)} s).`,
  );
  lines.push("");
  if (!result.found) {
    lines.push("No plan in this search meets every goal. These cannot be met together:");
    for (const goal of proposal.conflicting) lines.push(`  - ${goal}`);
    lines.push("The closest plan:");
  }
  if (proposal.rows.length === 0) lines.push("Hire nobody more: the current plan already does it.");
  else {
    lines.push("Hire:");
    for (const row of proposal.rows) {
      const team = row.teamName === null ? "" : `, ${row.teamName}`;
      lines.push(`  ${addMonths(scenario.start, row.month)}  ${row.count} x ${row.levelTitle} (${row.level})${team}`);
    }
  }
  const extra = proposal.proposedCost - proposal.currentCost;
  lines.push("");
  lines.push(
    `Cost: ${dollars(proposal.proposedCost)} over the plan, ${dollars(Math.abs(extra))} ${extra >= 0 ? "more" : "less"} than the current plan.`,
  );
  lines.push("Goals:");
  for (const goal of goals) lines.push(`  ${goal.met ? "met    " : "NOT MET"}  ${goal.message}`);
  for (const warning of proposal.warnings) lines.push(`  warning  ${warning.message}`);
  if (relaxed.length > 0) {
    lines.push("");
    lines.push("Relaxing each goal by 10%:");
    for (const r of relaxed) lines.push(`  ${r.message}`);
  }
  process.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}

runCommand("plan", USAGE, main);
