/**
 * The staffing workbook (exceljs): Summary, Goals (when the scenario sets any), Teams (with teams), Projection, Monte Carlo
 * percentiles, Plan events, People, Levels and an Assumptions ledger saying where every value came from. Numbers are stored
 * as numbers with formats, headers are frozen, text that could run as a formula is neutralised.
 */
import ExcelJS from "exceljs";
import {
  goalsInWords,
  goalsTable,
  commonWindow,
  fiscalPeriods,
  hiringOver,
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
import { countsPeople, unitsForReaders } from "~/utils/format";
import {
  assumptionsLedger,
  comparisonTable,
  levelsTable,
  monteCarloTable,
  planEventsTable,
  scenarioTeamTable,
  stackTables,
  withGoalColumns,
  type Compared,
} from "./exports.server";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const MONEY = '"$"#,##0';
const PERCENT = "0.0%";
const DECIMAL = "#,##0.00";
/** People: expected values keep their fractions in the cell and read to a tenth. */
const PEOPLE = "#,##0.0";
const WHOLE = "#,##0";

/**
 * A number format from what a label says its numbers are: ($...) money; (%) or (0-1), a rate, a
 * share or a probability, a percentage; people, a count that reads rounded. Undefined for a plain
 * number, which reads as it is when whole and to two decimals otherwise.
 */
function formatFor(label: string, allWhole: boolean): string | undefined {
  if (label.includes("($")) return MONEY;
  if (label.includes("(%)") || label.includes("(0-1)") || /\b(rate|share|probability)\b/i.test(label)) return PERCENT;
  if (countsPeople(label)) return allWhole ? WHOLE : PEOPLE;
  return allWhole ? undefined : DECIMAL;
}

/** Sheets whose measures are named by a column of each row (1-based), not by the header. */
const labelColumns = new WeakMap<ExcelJS.Worksheet, number>();

function addSheet(workbook: ExcelJS.Workbook, name: string, table: Table): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(table.header.map(neutraliseCell));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map(neutraliseCell));
  sheet.columns.forEach((column: Partial<ExcelJS.Column>, i) => {
    const header = table.header[i] ?? "";
    const widest = Math.max(header.length, ...table.rows.slice(0, 200).map((r) => String(r[i] ?? "").length));
    column.width = Math.min(48, Math.max(10, widest + 2));
  });
  return sheet;
}

/**
 * A sheet where a column (`labelColumn`, 1-based) names each row's measure: numbers to its right
 * take the format its units say.
 */
function addLabelledSheet(workbook: ExcelJS.Workbook, name: string, table: Table, labelColumn = 1): ExcelJS.Worksheet {
  const sheet = addSheet(workbook, name, table);
  labelColumns.set(sheet, labelColumn);
  return sheet;
}

/**
 * What every sheet gets, whoever added it, once the workbook is built: its header rows (the frozen
 * ones, else the first) frozen and printed on every page, landscape pages one sheet wide, units
 * in words a reader expects ("(%)" where the cell holds a share), and number formats by units.
 * Cells keep their full values; only the display rounds.
 */
function finishWorkbook(workbook: ExcelJS.Workbook): void {
  for (const sheet of workbook.worksheets) {
    const frozen = sheet.views.find((v) => v.state === "frozen") as { ySplit?: number } | undefined;
    const headerRows = Math.max(1, frozen?.ySplit ?? 1);
    if (!frozen) sheet.views = [{ state: "frozen", ySplit: headerRows }];
    sheet.pageSetup = {
      ...sheet.pageSetup,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    };
    sheet.pageSetup.printTitlesRow = `1:${headerRows}`;

    const labelColumn = labelColumns.get(sheet);
    const readable = (cell: ExcelJS.Cell) => {
      if (typeof cell.value === "string") cell.value = unitsForReaders(cell.value);
    };
    for (let r = 1; r <= headerRows; r++) sheet.getRow(r).eachCell(readable);
    if (labelColumn) sheet.getColumn(labelColumn).eachCell((cell, r) => r > headerRows && readable(cell));

    // The numbers each label names, so a label whose numbers are all whole reads them whole.
    const byLabel = new Map<string, ExcelJS.Cell[]>();
    sheet.eachRow((row, r) => {
      if (r <= headerRows) return;
      row.eachCell((cell, c) => {
        if (typeof cell.value !== "number" || (labelColumn && c <= labelColumn)) return;
        const label = labelColumn ? row.getCell(labelColumn).text : sheet.getRow(headerRows).getCell(c).text;
        const cells = byLabel.get(label) ?? byLabel.set(label, []).get(label)!;
        cells.push(cell);
      });
    });
    for (const [label, cells] of byLabel) {
      const format = formatFor(
        label,
        cells.every((cell) => Number.isInteger(cell.value)),
      );
      if (format) for (const cell of cells) cell.numFmt = format;
    }
  }
}

async function toBytes(workbook: ExcelJS.Workbook): Promise<ArrayBuffer> {
  finishWorkbook(workbook);
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
  const goals = goalsInWords(scenario, projection);
  if (goals.total > 0) addSheet(workbook, "Goals", goalsTable(goals, monteCarlo));
  if (scenario.teams) addSheet(workbook, "Teams", teamsTable(scenario, projection));
  addSheet(
    workbook,
    "Projection",
    withGoalColumns(projectionTable(projection, undefined, { teamName: teamNamer(scenario) }), scenario, projection),
  );
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
 * each plan's goals (when any sets them), then every scenario's projection, fiscal quarters and years, plan and
 * assumptions, one block per scenario. Figures and
 * projections are over the months every scenario covers (the Comparison sheet says which);
 * `compared` holds the whole projections.
 */
export async function comparisonWorkbook(
  whole: Compared[],
  baselineIndex: number,
  workspaceLevels: readonly Level[],
  {
    salaries = true,
    verdicts,
    fiscalYearStartMonth = 1,
  }: { salaries?: boolean; verdicts?: string[]; fiscalYearStartMonth?: number } = {},
): Promise<ArrayBuffer> {
  const answer = commonWindow(whole.map((c) => ({ name: c.scenario.name, projection: c.projection })));
  if (!answer.ok) throw new Error(answer.reason);
  const compared = whole.map((c) => ({
    ...c,
    projection: projectionOver(c.projection, answer.window),
    hiring: hiringOver(c.scenario, c.projection, answer.window),
    goals: goalsInWords(c.scenario, c.projection),
  }));
  const workbook = newWorkbook(`Comparison: ${compared.map((c) => c.scenario.name).join(" vs ")}`);
  const fiscalYears = compared.map((c) => fiscalPeriods(c.projection, { by: "year", fiscalYearStartMonth }));
  addLabelledSheet(
    workbook,
    "Comparison",
    comparisonTable(compared, baselineIndex, answer.window, { verdicts, fiscalYears }),
  );
  const each = (table: (c: Compared) => Table) =>
    stackTables(compared.map((c) => ({ name: c.scenario.name, table: table(c) })));
  // Each plan's goals over its own months (its whole projection), as the Comparison sheet judges them.
  if (compared.some((c) => c.goals.total > 0))
    addSheet(
      workbook,
      "Goals",
      stackTables(compared.map((c) => ({ name: c.scenario.name, table: goalsTable(c.goals) }))),
    );
  addSheet(
    workbook,
    "Projections",
    each((c) => projectionTable(c.projection, undefined, { teamName: teamNamer(c.scenario) })),
  );
  for (const by of ["quarter", "year"] as const)
    addSheet(
      workbook,
      PERIOD_TITLES[by],
      each((c) => periodsTable(c.projection, { by, fiscalYearStartMonth, teamName: teamNamer(c.scenario) })),
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
