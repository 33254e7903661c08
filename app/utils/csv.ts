/**
 * CSV files people open in spreadsheets. Text that a spreadsheet would run as a formula (it starts
 * with =, +, -, @, a tab or a carriage return) is neutralised with a leading apostrophe, so a name
 * like `=HYPERLINK(...)` shows as text; numbers stay numbers.
 */
import { stringify } from "csv-stringify/sync";
import type { Cell, Table } from "~/domain";

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as a spreadsheet should see it: text that could run as a formula gets a leading apostrophe. */
export function neutraliseCell(cell: Cell): Cell {
  return typeof cell === "string" && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * A table as CSV text. For downloads, `forSpreadsheets` adds a UTF-8 byte-order mark (so accents
 * and emoji open correctly in Excel) and CRLF line ends; the command line prints plain CSV.
 */
export function tableToCsv(table: Table, { forSpreadsheets = false }: { forSpreadsheets?: boolean } = {}): string {
  return stringify([table.header.map(neutraliseCell), ...table.rows.map((row) => row.map(neutraliseCell))], {
    bom: forSpreadsheets,
    record_delimiter: forSpreadsheets ? "windows" : "unix",
    cast: { boolean: (b) => (b ? "yes" : "no") },
  });
}

/** A download response for CSV text. */
export function csvResponse(text: string, fileName: string): Response {
  return new Response(text, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName}"` },
  });
}
