/**
 * The staffing workbook (exceljs): Summary, Projection, Monte Carlo percentiles, Plan events,
 * Team, Levels and an Assumptions ledger saying where every value came from. Numbers are stored
 * as numbers with formats, headers are frozen, text that could run as a formula is neutralised.
 */
import ExcelJS from "exceljs";
import {
  DEFAULT_LEVELS,
  mustParseScenario,
  projectScenario,
  projectionTable,
  SCENARIO_FORMAT,
  simulateMonteCarlo,
  summaryTable,
  type Cell,
  type Level,
  type Scenario,
  type Table,
} from "~/domain";
import { neutraliseCell } from "~/utils/csv";
import type { LadderLevel } from "./ladder.server";

const MONEY = '"$"#,##0';
const PERCENT = "0.0%";
const DECIMAL = "#,##0.00";

/** A number format for a column, read from the units in its header. */
function formatFor(header: string): string | undefined {
  if (header.includes("($")) return MONEY;
  if (header.includes("(0-1)") || /rate|share|probability/i.test(header)) return PERCENT;
  return undefined;
}

function addSheet(workbook: ExcelJS.Workbook, name: string, table: Table, formats: (string | undefined)[] = table.header.map(formatFor)): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(table.header.map(neutraliseCell));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map(neutraliseCell));
  sheet.columns.forEach((column: Partial<ExcelJS.Column>, i) => {
    const header = table.header[i] ?? "";
    const widest = Math.max(header.length, ...table.rows.slice(0, 200).map((r) => String(r[i] ?? "").length));
    column.width = Math.min(48, Math.max(10, widest + 2));
    const format = formats[i];
    if (format) column.eachCell?.({ includeEmpty: false }, (cell, rowNumber) => rowNumber > 1 && typeof cell.value === "number" && (cell.numFmt = format));
  });
  return sheet;
}

type Source = "default" | "workspace ladder" | "scenario";

/** Every assumption and level parameter, its value, and where it came from. */
export function assumptionsLedger(scenario: Scenario, workspaceLevels: readonly Level[]): Table {
  const defaults = mustParseScenario({ format: SCENARIO_FORMAT, name: "defaults", start: scenario.start, horizonMonths: 1 }).assumptions;
  const rows: Cell[][] = [];
  const flatten = (value: unknown, prefix: string, defaultValue: unknown) => {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) flatten(inner, `${prefix}.${key}`, (defaultValue as Record<string, unknown> | undefined)?.[key]);
      return;
    }
    const shown = Array.isArray(value) ? value.join(" to ") : (value as Cell);
    rows.push([prefix, shown, JSON.stringify(value) === JSON.stringify(defaultValue) ? "default" : "scenario"]);
  };
  flatten(scenario.assumptions, "assumptions", defaults);
  const params: (keyof Level)[] = ["output", "rampMonths", "annualAttrition", "annualPromotion", "mentorHours", "menteeHours"];
  for (const level of scenario.levels) {
    const standard = DEFAULT_LEVELS.find((l) => l.id === level.id);
    const workspace = workspaceLevels.find((l) => l.id === level.id);
    const source = (get: (l: Level) => unknown): Source =>
      standard && get(standard) === get(level) ? "default" : workspace && get(workspace) === get(level) ? "workspace ladder" : "scenario";
    for (const key of ["min", "mid", "max"] as const) rows.push([`levels.${level.id}.band.${key}`, level.band[key], source((l) => l.band[key])]);
    for (const key of params) rows.push([`levels.${level.id}.${key}`, level[key] as Cell, source((l) => l[key])]);
  }
  return { header: ["Assumption", "Value", "Where it came from"], rows };
}

/** The workbook for one scenario, as bytes. */
export async function scenarioWorkbook(scenario: Scenario, workspaceLevels: readonly LadderLevel[]): Promise<ArrayBuffer> {
  const projection = projectScenario(scenario);
  const monteCarlo = simulateMonteCarlo(scenario);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Teamshape";
  workbook.title = scenario.name;

  const summary = summaryTable(projection, monteCarlo);
  const summarySheet = addSheet(workbook, "Summary", { header: ["Measure", "Value"], rows: [["Scenario", scenario.name], ["Question", scenario.description ?? ""], ["Start", scenario.start], ["Horizon (months)", scenario.horizonMonths], ...summary.rows] }, [undefined, undefined]);
  summarySheet.eachRow((row, n) => {
    const label = String(row.getCell(1).value ?? "");
    const value = row.getCell(2);
    if (n > 1 && typeof value.value === "number") value.numFmt = formatFor(label) ?? (Number.isInteger(value.value) ? "#,##0" : DECIMAL);
  });
  addSheet(workbook, "Projection", projectionTable(projection));
  addSheet(workbook, "Monte Carlo percentiles", {
    header: ["Period (YYYY-MM)", "Headcount P10", "Headcount P50", "Headcount P90", "Total cost P10 ($)", "Total cost P50 ($)", "Total cost P90 ($)", "Capacity P10", "Capacity P50", "Capacity P90"],
    rows: monteCarlo.steps.map((s) => [s.period, s.headcount.p10, s.headcount.p50, s.headcount.p90, s.totalCost.p10, s.totalCost.p50, s.totalCost.p90, s.capacity.p10, s.capacity.p50, s.capacity.p90]),
  });
  addSheet(workbook, "Plan events", {
    header: ["Month from start", "What", "Level", "Who", "How many", "Salary ($)"],
    rows: scenario.plan.map((e) => (e.type === "hire" ? [e.month, "hire", e.level, "", e.count, e.salary ?? null] : [e.month, e.type, "", e.member, null, null])),
  });
  addSheet(workbook, "Team", {
    header: ["Id", "Name", "Level", "Count", "Salary ($)"],
    rows: scenario.team.map((t) => [t.id ?? "", t.name ?? "", t.level, t.count, t.salary]),
  });
  addSheet(workbook, "Levels", {
    header: ["Id", "Title", "Class", "Band min ($)", "Band mid ($)", "Band max ($)", "Output", "Ramp (months)", "Attrition rate", "Promotion rate", "Mentor hours/week", "Mentee hours/week"],
    rows: scenario.levels.map((l) => [l.id, l.title, l.class, l.band.min, l.band.mid, l.band.max, l.output, l.rampMonths, l.annualAttrition, l.annualPromotion, l.mentorHours, l.menteeHours]),
  });
  addSheet(workbook, "Assumptions ledger", assumptionsLedger(scenario, workspaceLevels), [undefined, undefined, undefined]);
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
