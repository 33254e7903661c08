/**
 * CSV files people open in spreadsheets. Text that a spreadsheet would run as a formula (it starts
 * with =, +, -, @, a tab or a carriage return) is neutralised with a leading apostrophe, so a name
 * like `=HYPERLINK(...)` shows as text; numbers stay numbers. Text that already starts with an
 * apostrophe before such a character, or before another apostrophe, gets one too, so that the
 * roster import (`unneutraliseCell`) can take off exactly the apostrophes added here.
 */
import { stringify } from "csv-stringify/sync";
import type { Cell, Table } from "~/domain";

const NEEDS_APOSTROPHE = /^(?:[=+\-@\t\r]|'[=+\-@\t\r'])/;

/** A cell as a spreadsheet should see it: text that could run as a formula gets a leading apostrophe. */
export function neutraliseCell(cell: Cell): Cell {
  return typeof cell === "string" && NEEDS_APOSTROPHE.test(cell) ? `'${cell}` : cell;
}

/** Text as it was before `neutraliseCell`: for every string s, unneutraliseCell(neutraliseCell(s)) is s. */
export function unneutraliseCell(text: string): string {
  return text.startsWith("'") && NEEDS_APOSTROPHE.test(text.slice(1)) ? text.slice(1) : text;
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
