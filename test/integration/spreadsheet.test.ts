/**
 * The upload reader against the readers it replaced: for files a spreadsheet program writes, it
 * reads what csv-parse (CSV) and exceljs (XLSX) read, the way the roster import used them.
 */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { excelDate } from "~/utils/import-values";
import { isDateFormat, readSpreadsheet, type Sheet } from "~/utils/spreadsheet";
import { workbook } from "../setup/hostile-files";

/** Rows as the import used to keep them: trimmed, trailing empty cells dropped, empty rows skipped. */
function toSheet(rows: { line: number; cells: string[] }[]): Sheet {
  const kept = rows
    .map(({ line, cells }) => {
      let end = cells.length;
      while (end > 0 && cells[end - 1] === "") end -= 1;
      return { line, cells: cells.slice(0, end) };
    })
    .filter((r) => r.cells.length > 0);
  return { header: kept[0]?.cells ?? [], rows: kept.slice(1) };
}

/** The roster import's CSV reading before the upload limits (csv-parse/sync, whole file). */
function csvParseSheet(text: string): Sheet {
  const columns = (delimiter: string) => {
    try {
      return (
        parse(text, { bom: true, delimiter, to_line: 50, relax_column_count: true, relax_quotes: true })[0]?.length ?? 0
      );
    } catch {
      return 0;
    }
  };
  const delimiter = [";", "\t"].reduce((best, next) => (columns(next) > columns(best) ? next : best), ",");
  const records = parse(text, {
    bom: true,
    delimiter,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
  }) as unknown as { record: string[]; raw: string }[];
  let line = 1;
  return toSheet(
    records.map(({ record, raw }) => {
      const start = line;
      line += (raw.replace(/(\r\n|\n|\r)$/, "").match(/\r\n|\n|\r/g)?.length ?? 0) + 1;
      return { line: start, cells: record.map((c) => c.trim()) };
    }),
  );
}

/** The roster import's XLSX reading before the upload limits (exceljs, whole workbook in memory). */
async function exceljsSheet(bytes: Uint8Array): Promise<Sheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const text = (value: unknown): string => {
    if (value === null || value === undefined) return "";
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    if (typeof value === "string") return value.trim();
    const v = value as {
      result?: unknown;
      richText?: { text: string }[];
      text?: unknown;
      error?: unknown;
      formula?: unknown;
      sharedFormula?: unknown;
    };
    if (v.richText)
      return v.richText
        .map((r) => r.text)
        .join("")
        .trim();
    if ("error" in v) return "";
    if ("formula" in v || "sharedFormula" in v || "result" in v) return text(v.result);
    if ("text" in v) return text(v.text);
    return "";
  };
  const rows: { line: number; cells: string[] }[] = [];
  book.worksheets[0]!.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(text(row.getCell(c).value));
    rows.push({ line, cells });
  });
  return toSheet(rows);
}

async function read(bytes: Uint8Array): Promise<Sheet> {
  const result = await readSpreadsheet(bytes);
  if (!result.ok) throw new Error(result.message);
  return result.sheet;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("CSV, compared with csv-parse", () => {
  const field = fc.stringMatching(/^[ a-zé🚀"',;\t\n]{0,6}$/u);
  const records = fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 });
  const endings = { unix: "\n", windows: "\r\n", mac: "\r" } as const;

  it("reads what csv-stringify writes, with any separator and line ending, BOM or not", async () => {
    await fc.assert(
      fc.asyncProperty(
        records,
        fc.constantFrom(",", ";", "\t"),
        fc.constantFrom<keyof typeof endings>("unix", "windows", "mac"),
        fc.boolean(),
        async (rows, delimiter, ending, bom) => {
          // csv-parse takes the first line break it meets, even a quoted one, as every record's end.
          const cells = rows.map((row) => row.map((cell) => cell.replace(/\n/g, endings[ending])));
          const text = stringify(cells, { delimiter, record_delimiter: ending, bom });
          expect(await read(utf8(text))).toEqual(csvParseSheet(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads loosely quoted text as csv-parse does with relax_quotes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[ ab"',\n]{0,30}$/), async (text) => {
        try {
          parse(text, { relax_column_count: true, relax_quotes: true });
        } catch {
          // An unclosed quote: csv-parse's guess then falls back to another separator, which reads
          // the file as one column; the reader says the quote is never closed, as tested below.
          return;
        }
        expect(await read(utf8(text))).toEqual(csvParseSheet(text));
      }),
      { numRuns: 1000 },
    );
  });

  it("refuses a quoted cell that is never closed, naming its line", async () => {
    expect(await readSpreadsheet(utf8('Name\nAda\n"Grace\nHopper'))).toEqual({
      ok: false,
      message: "The file could not be read as CSV: the quoted cell that starts on line 3 is never closed.",
    });
  });
});

describe("XLSX, compared with exceljs", () => {
  const value = fc.oneof(
    fc.constant(null),
    fc.stringMatching(/^[ a-zA-Zé🚀=+'<&>"-]{0,8}$/u),
    fc.integer({ min: -1_000_000, max: 1_000_000 }),
    fc.double({ min: -1e9, max: 1e9, noNaN: true }),
    fc.boolean(),
    fc.date({ min: new Date(Date.UTC(1904, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true }),
    fc
      .array(fc.stringMatching(/^[ a-z]{0,5}$/), { minLength: 1, maxLength: 3 })
      .map((runs) => ({ richText: runs.map((text, i) => ({ text, font: { bold: i % 2 === 1 } })) })),
    // Not 0: exceljs reads a formula's cached <v>0</v> back as no result at all (a falsy check),
    // where the file, and our reader, say 0.
    fc
      .integer()
      .filter((result) => result !== 0)
      .map((result) => ({ formula: "1+1", result })),
    fc.stringMatching(/^[a-z]{1,4}$/).map((result) => ({ formula: '"x"&"y"', result })),
    fc.constant({ formula: "1/0", result: { error: "#DIV/0!" } }),
    fc.constant({ error: "#N/A" }),
    fc.stringMatching(/^[a-z]{1,5}$/).map((text) => ({ text, hyperlink: "https://example.com" })),
  );
  const cells = fc.array(
    fc.record({ row: fc.integer({ min: 1, max: 12 }), column: fc.integer({ min: 1, max: 30 }), value }),
    { maxLength: 40 },
  );

  it("reads the first sheet as exceljs does: text, numbers, dates, booleans, formulas, rich text, links, errors", async () => {
    await fc.assert(
      fc.asyncProperty(cells, fc.boolean(), async (placed, date1904) => {
        const book = new ExcelJS.Workbook();
        book.properties.date1904 = date1904;
        const sheet = book.addWorksheet("Team");
        book.addWorksheet("Other").getCell("A1").value = "not this one";
        for (const { row, column, value } of placed) sheet.getCell(row, column).value = value;
        const bytes = new Uint8Array(await book.xlsx.writeBuffer());
        expect(await read(bytes)).toEqual(await exceljsSheet(bytes));
      }),
      { numRuns: 60 },
    );
  });

  it("reads shared strings, dates by custom format, cells without references and 1904 dates as Excel shows them", async () => {
    const bytes = await workbook({
      rows:
        `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>` +
        `<row r="3"><c s="1"><v>45000</v></c><c s="2"><v>45000</v></c><c s="3"><v>45000.75</v></c><c t="b"><v>1</v></c><c t="e"><v>#REF!</v></c><c t="str"><f>A1</f><v>  Ada </v></c></row>` +
        `<row><c r="B4" s="4"><v>60</v></c><c s="4"><v>59</v></c><c s="4"><v>61</v></c><c r="XFD4" s="1"/></row>`,
      sharedStrings: `<si><t>Name</t></si><si><r><t xml:space="preserve">Start </t></r><r><rPr><b/></rPr><t>date</t></r><rPh><t>ignored</t></rPh></si>`,
      styles:
        `<numFmts count="3"><numFmt numFmtId="164" formatCode="&quot;day&quot; 0"/><numFmt numFmtId="165" formatCode="[$-409]d\\-mmm\\-yy;@"/><numFmt numFmtId="166" formatCode="0.00_);[Red]\\(0.00\\)"/></numFmts>` +
        `<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="22"/><xf numFmtId="14"/></cellXfs>`,
    });
    expect(await read(bytes)).toEqual({
      header: ["Name", "", "Start date"],
      rows: [
        { line: 3, cells: ["45000", "2023-03-15", "2023-03-15", "true", "", "Ada"] },
        { line: 4, cells: ["", "1900-02-29", "1900-02-28", "1900-03-01"] },
      ],
    });
  });

  it("counts dates from 1900 with Excel's 29 February 1900, or from 1904", () => {
    expect([1, 59, 60, 61, 45000, 2_958_465].map((serial) => excelDate(serial, false))).toEqual([
      "1900-01-01",
      "1900-02-28",
      "1900-02-29",
      "1900-03-01",
      "2023-03-15",
      "9999-12-31",
    ]);
    expect([0, 1, 43538].map((serial) => excelDate(serial, true))).toEqual(["1904-01-01", "1904-01-02", "2023-03-15"]);
    expect([0.5, -1, 3_000_000].map((serial) => excelDate(serial, false))).toEqual([undefined, undefined, undefined]);
    expect(
      [
        "yyyy-mm-dd",
        "d/m/yy h:mm",
        "[h]:mm:ss",
        "mmm d",
        "0.00",
        '"Day "0',
        "[Red]0",
        "General",
        "#,##0_);(#,##0)",
        "\\d0",
      ].map(isDateFormat),
    ).toEqual([true, true, true, true, false, false, false, false, false, false]);
  });
});
