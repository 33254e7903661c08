/**
 * The staffing workbook (exceljs): Summary, Teams (with teams), Projection, Monte Carlo
 * percentiles, Plan events, People, Levels and an Assumptions ledger saying where every value came from. Numbers are stored
 * as numbers with formats, headers are frozen, text that could run as a formula is neutralised.
 */
import ExcelJS from "exceljs";
import {
  commonWindow,
  projectionOver,
  PERIOD_TITLES,
  periodsTable,
  projectionTable,
  summaryTable,
  teamNamer,
  teamsTable,
  type Level,
  type MonteCarloResult,
  type Projection,
  type Scenario,
  type Table,
} from "~/domain";
import { neutraliseCell } from "~/utils/csv";
import {
  assumptionsLedger,
  comparisonTable,
  levelsTable,
  monteCarloTable,
  planEventsTable,
  scenarioTeamTable,
  stackTables,
  type Compared,
} from "./exports.server";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const MONEY = '"$"#,##0';
const PERCENT = "0.0%";
const DECIMAL = "#,##0.00";

/** A number format from the units a label names in brackets: ($...) money, (0-1) a share. */
function unitFormat(label: string): string | undefined {
  if (label.includes("($")) return MONEY;
  if (label.includes("(0-1)")) return PERCENT;
  return undefined;
}

/** A number format for a column, from its header's units or its name (Attrition rate). */
function formatFor(header: string): string | undefined {
  return unitFormat(header) ?? (/\b(rate|share|probability)\b/i.test(header) ? PERCENT : undefined);
}

function addSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  table: Table,
  formats: (string | undefined)[] = table.header.map(formatFor),
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(table.header.map(neutraliseCell));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map(neutraliseCell));
  sheet.columns.forEach((column: Partial<ExcelJS.Column>, i) => {
    const header = table.header[i] ?? "";
    const widest = Math.max(header.length, ...table.rows.slice(0, 200).map((r) => String(r[i] ?? "").length));
    column.width = Math.min(48, Math.max(10, widest + 2));
    const format = formats[i];
    if (format)
      column.eachCell?.(
        { includeEmpty: false },
        (cell, rowNumber) => rowNumber > 1 && typeof cell.value === "number" && (cell.numFmt = format),
      );
  });
  return sheet;
}

/**
 * A sheet where a column (`labelColumn`, 1-based) names each row's measure: numbers to its right
 * take the format its units say.
 */
function addLabelledSheet(workbook: ExcelJS.Workbook, name: string, table: Table, labelColumn = 1): ExcelJS.Worksheet {
  const sheet = addSheet(workbook, name, table, []);
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const label = row.getCell(labelColumn).text;
    row.eachCell((cell, c) => {
      if (c > labelColumn && typeof cell.value === "number")
        cell.numFmt = unitFormat(label) ?? (Number.isInteger(cell.value) ? "#,##0" : DECIMAL);
    });
  });
  return sheet;
}

async function toBytes(workbook: ExcelJS.Workbook): Promise<ArrayBuffer> {
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

function newWorkbook(title: string): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Teamshape";
  workbook.title = title;
  return workbook;
}

/**
 * The workbook for one scenario, as bytes. Without `salaries` (for viewers) there is no People sheet
 * and no hire's salary. A plan too large to simulate says why on its Monte Carlo sheet. "By quarter"
 * and "By year" sum the projection by the fiscal year starting in `fiscalYearStartMonth` (1-12).
 */
export async function scenarioWorkbook(
  scenario: Scenario,
  workspaceLevels: readonly Level[],
  {
    salaries = true,
    projection,
    simulated,
    fiscalYearStartMonth = 1,
  }: {
    salaries?: boolean;
    fiscalYearStartMonth?: number;
    projection: Projection;
    simulated: { ok: true; result: MonteCarloResult } | { ok: false; message: string };
  },
): Promise<ArrayBuffer> {
  const monteCarlo = simulated.ok ? simulated.result : undefined;
  const workbook = newWorkbook(scenario.name);
  const summary = summaryTable(projection, monteCarlo);
  addLabelledSheet(workbook, "Summary", {
    header: ["Measure", "Value"],
    rows: [
      ["Scenario", scenario.name],
      ["Question", scenario.description ?? ""],
      ["Start", scenario.start],
      ["Horizon (months)", scenario.horizonMonths],
      ...summary.rows,
    ],
  });
  if (scenario.teams) addSheet(workbook, "Teams", teamsTable(scenario, projection));
  addSheet(workbook, "Projection", projectionTable(projection, undefined, { teamName: teamNamer(scenario) }));
  for (const by of ["quarter", "year"] as const)
    addSheet(
      workbook,
      PERIOD_TITLES[by],
      periodsTable(projection, { by, fiscalYearStartMonth, teamName: teamNamer(scenario) }),
    );
  addSheet(
    workbook,
    "Monte Carlo percentiles",
    simulated.ok ? monteCarloTable(simulated.result) : { header: ["Not simulated"], rows: [[simulated.message]] },
  );
  addSheet(workbook, "Plan events", planEventsTable(scenario, { salaries }));
  if (salaries) addSheet(workbook, "People", scenarioTeamTable(scenario));
  addSheet(workbook, "Levels", levelsTable(scenario));
  addLabelledSheet(workbook, "Assumptions ledger", assumptionsLedger(scenario, workspaceLevels));
  return toBytes(workbook);
}

/**
 * The workbook for a comparison: the figures side by side with differences from the baseline,
 * then every scenario's projection, plan and assumptions, one block per scenario. Figures and
 * projections are over the months every scenario covers (the Comparison sheet says which);
 * `compared` holds the whole projections.
 */
export async function comparisonWorkbook(
  whole: Compared[],
  baselineIndex: number,
  workspaceLevels: readonly Level[],
  { salaries = true, verdicts }: { salaries?: boolean; verdicts?: string[] } = {},
): Promise<ArrayBuffer> {
  const answer = commonWindow(whole.map((c) => ({ name: c.scenario.name, projection: c.projection })));
  if (!answer.ok) throw new Error(answer.reason);
  const compared = whole.map((c) => ({ ...c, projection: projectionOver(c.projection, answer.window) }));
  const workbook = newWorkbook(`Comparison: ${compared.map((c) => c.scenario.name).join(" vs ")}`);
  addLabelledSheet(workbook, "Comparison", comparisonTable(compared, baselineIndex, answer.window, verdicts));
  const each = (table: (c: Compared) => Table) =>
    stackTables(compared.map((c) => ({ name: c.scenario.name, table: table(c) })));
  addSheet(
    workbook,
    "Projections",
    each((c) => projectionTable(c.projection, undefined, { teamName: teamNamer(c.scenario) })),
  );
  if (compared.some((c) => c.scenario.teams))
    addSheet(
      workbook,
      "Teams",
      each((c) => teamsTable(c.scenario, c.projection)),
    );
  addSheet(
    workbook,
    "Plan events",
    each((c) => planEventsTable(c.scenario, { salaries })),
  );
  addSheet(
    workbook,
    "Levels",
    each((c) => levelsTable(c.scenario)),
  );
  addLabelledSheet(
    workbook,
    "Assumptions ledger",
    each((c) => assumptionsLedger(c.scenario, workspaceLevels)),
    2,
  );
  return toBytes(workbook);
}

/** One table as a one-sheet workbook (the roster download). */
export function tableWorkbook(title: string, sheetName: string, table: Table): Promise<ArrayBuffer> {
  const workbook = newWorkbook(title);
  addSheet(workbook, sheetName, table);
  return toBytes(workbook);
}
