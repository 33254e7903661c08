/**
 * Issue 11, section 6: small hostile files that used to exhaust the server. Each is built here as
 * the tester described it, and must be refused with a message that names the limit and what the
 * file has, before it is read whole: the heap may grow by less than 100 MB during the read, and
 * the reader's meter shows how little it inflated or how few rows it looked at.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { action as importAction } from "~/routes/team.import";
import { listEngineers } from "~/services/engineers.server";
import { getDb } from "~/utils/db.server";
import { readSpreadsheet, UPLOAD_LIMITS, type ReadMeter } from "~/utils/spreadsheet";
import {
  engineerRow,
  HEADER_ROW,
  hostileWorkbooks,
  repeated,
  rosterCsv,
  textCell,
  workbook,
} from "../setup/hostile-files";
import { dataOf, formRequest, routeArgs, uploadRequest } from "../setup/requests";

/** The most rows an import takes, and numbers as the messages write them. */
const ROWS = UPLOAD_LIMITS.rows;
const count = (n: number) => n.toLocaleString("en-US");

const MiB = 1024 * 1024;
const HEAP_BUDGET = 100 * 1_000_000;

/** The 400 MiB of rows take a few seconds to compress: built once for the tests that use them. */
let repeatedRows: Promise<Uint8Array> | undefined;
const repeatedRowsFile = () => (repeatedRows ??= hostileWorkbooks.repeatedRows());

/** Reads a file, noting the most the heap rose above where it started (sampled while the read waits on inflation, and at its end). */
async function readWatched(bytes: Uint8Array) {
  const meter: ReadMeter = { bytesInflated: 0, rowsRead: 0 };
  const start = process.memoryUsage().heapUsed;
  let peak = start;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().heapUsed));
  const timer = setInterval(sample, 10);
  try {
    const result = await readSpreadsheet(bytes, UPLOAD_LIMITS, meter);
    sample();
    return { result, meter, heapGrowth: peak - start, message: result.ok ? "(read)" : result.message };
  } finally {
    clearInterval(timer);
  }
}

async function exceljsWorkbook(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  fill(book.addWorksheet("Team"));
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const engineers = (rows: number) =>
  (function* () {
    yield HEADER_ROW;
    for (let r = 2; r <= rows + 1; r++) yield engineerRow(r);
  })();

describe("hostile workbooks from issue 11", () => {
  it("refuses 5,000 rows with a cell in column XFD (56 KB) at the first row, from its reference", async () => {
    const bytes = await hostileWorkbooks.xfdOnEveryRow();
    expect(bytes.length).toBeLessThan(100_000);
    const { message, meter, heapGrowth } = await readWatched(bytes);
    expect(message).toBe("The sheet has a cell in column XFD (column 16,384); Teamshape reads at most 100 columns.");
    expect(meter.rowsRead).toBeLessThanOrEqual(2);
    expect(heapGrowth).toBeLessThan(HEAP_BUDGET);
  });

  it("refuses 400 MiB of repeated rows in a small zip from what the zip says, inflating nothing of the sheet", async () => {
    const bytes = await repeatedRowsFile();
    expect(bytes.length).toBeLessThan(UPLOAD_LIMITS.fileBytes);
    const { message, meter, heapGrowth } = await readWatched(bytes);
    expect(message).toMatch(
      /^The workbook unpacks to 40\d MB; Teamshape reads workbooks that unpack to at most 50 MB\./,
    );
    expect(meter.bytesInflated).toBeLessThan(10_000); // the workbook's list of sheets, no more
    expect(heapGrowth).toBeLessThan(HEAP_BUDGET);
  });

  it("refuses such rows when the zip lies about their size, as soon as they pass what it says", async () => {
    const { message, meter, heapGrowth } = await readWatched(
      await hostileWorkbooks.repeatedRows(60 * MiB, { lie: true }),
    );
    expect(message).toContain("The workbook is damaged: a part of it unpacks to more than the workbook says.");
    expect(meter.bytesInflated).toBeLessThan(MiB);
    expect(heapGrowth).toBeLessThan(HEAP_BUDGET);
  });

  it("refuses 300 MiB of shared strings (under 1 MB as a file) from what the zip says", async () => {
    const bytes = await hostileWorkbooks.sharedStrings();
    expect(bytes.length).toBeLessThan(MiB);
    const { message, meter } = await readWatched(bytes);
    expect(message).toMatch(
      /^The workbook unpacks to 30\d MB; Teamshape reads workbooks that unpack to at most 50 MB\./,
    );
    expect(meter.bytesInflated).toBeLessThan(10_000);
  });

  it("refuses a 64 MiB cell, and a 40 MiB one that fits the unpacked size, after reading a few kilobytes of it", async () => {
    expect((await readWatched(await hostileWorkbooks.hugeCell())).message).toMatch(/^The workbook unpacks to 64 MB;/);
    const { message, meter, heapGrowth } = await readWatched(await hostileWorkbooks.hugeCell(40 * MiB));
    expect(message).toBe(
      "Cell A2 has more than 2,000 characters; Teamshape reads at most 2,000 characters in one cell.",
    );
    expect(meter.bytesInflated).toBeLessThan(MiB);
    expect(heapGrowth).toBeLessThan(HEAP_BUDGET);
  });

  it("refuses more than 20,000,000 characters or the limit's entries of shared text, keeping no more than that", async () => {
    const chars = await readWatched(await hostileWorkbooks.sharedStrings(30 * MiB));
    expect(chars.message).toBe(
      "The workbook holds more than 20,000,000 characters of text; Teamshape reads workbooks with at most 20,000,000. Save the team's sheet as CSV.",
    );
    expect(chars.meter.bytesInflated).toBeLessThan(30 * MiB);
    expect(chars.heapGrowth).toBeLessThan(HEAP_BUDGET);
    const entries = await readWatched(
      await workbook({ rows: HEADER_ROW, sharedStrings: repeated("<si><t>a</t></si>", 20 * MiB) }),
    );
    expect(entries.message).toBe(
      `The workbook holds more than ${count(UPLOAD_LIMITS.sharedTexts)} different texts; Teamshape reads workbooks with at most ${count(UPLOAD_LIMITS.sharedTexts)}. Save the team's sheet as CSV.`,
    );
    expect(entries.heapGrowth).toBeLessThan(HEAP_BUDGET);
  });

  it("refuses one row over the limit and a value in column 101, as exceljs writes them, and reads the limit's rows of 100 columns", async () => {
    const rows = await exceljsWorkbook((sheet) => {
      sheet.addRow(["Name", "Level", "Salary", "Start date"]);
      for (let i = 1; i <= ROWS + 1; i++)
        sheet.addRow([`Engineer ${i}`, "L2", 120_000, new Date(Date.UTC(2025, 0, 6))]);
    });
    const tooMany = await readWatched(rows);
    expect(tooMany.message).toBe(
      `The file has more than ${count(ROWS)} rows below the header (the limit was passed on line ${count(ROWS + 2)}); Teamshape imports at most ${count(ROWS)} at a time. Split it into smaller files.`,
    );
    expect(tooMany.meter.rowsRead).toBe(ROWS + 2);

    const wide = await exceljsWorkbook((sheet) => {
      sheet.addRow(["Name", "Level"]);
      sheet.getCell(2, 1).value = "Ada";
      sheet.getCell(2, 101).value = "far right";
    });
    expect((await readWatched(wide)).message).toBe(
      "The sheet has a cell in column CW (column 101); Teamshape reads at most 100 columns.",
    );

    const full = await readSpreadsheet(
      await workbook({
        rows: (function* () {
          yield HEADER_ROW;
          for (let r = 2; r <= ROWS + 1; r++)
            yield `<row r="${r}">${Array.from({ length: 100 }, (_, c) => `<c><v>${c}</v></c>`).join("")}<c r="XFD${r}" s="1"/></row>`;
        })(),
      }),
    );
    expect(full.ok && full.sheet.rows.length).toBe(ROWS);
    expect(full.ok && full.sheet.rows[ROWS - 1]!.cells).toHaveLength(100); // the formatted empty cell in XFD is ignored
  });

  it("refuses XML made to exhaust the parser: a DOCTYPE, deep nesting, endless attributes, comments or entity names", async () => {
    const sheetWith = (...middle: Iterable<string>[]) =>
      workbook({
        rows: (function* () {
          yield HEADER_ROW;
          for (const part of middle) yield* part;
        })(),
      });
    const cases: [Uint8Array, string][] = [
      [
        await workbook({ rows: engineers(2), doctype: `<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>` }),
        "(it declares a DOCTYPE)",
      ],
      [await sheetWith(["<row>", "<x>".repeat(100_000)]), "(elements nested more than 64 deep)"],
      [
        await sheetWith(["<row ", Array.from({ length: 100_000 }, (_, i) => `a${i}=""`).join(" "), "/>"]),
        "(an element with more than 256 attributes)",
      ],
      [
        await sheetWith(["<!--"], repeated("<<<<", 40 * MiB), ["-->"]),
        "The sheet holds a text of more than 32,767 characters outside its cells",
      ],
      [
        await sheetWith(["<row>", textCell("A2", "x").replace("<t>x", "<t>&")], repeated("a", 40 * MiB), [
          ";</t></is></c></row>",
        ]),
        "Cell A2 has more than 2,000 characters",
      ],
    ];
    for (const [bytes, says] of cases) {
      const { message, meter, heapGrowth } = await readWatched(bytes);
      expect(message).toContain(says);
      expect(meter.bytesInflated).toBeLessThan(MiB);
      expect(heapGrowth).toBeLessThan(HEAP_BUDGET);
    }
  });
});

describe("hostile CSV files", () => {
  const utf8 = (text: string) => new TextEncoder().encode(text);

  it("refuses a value in column 16,384 on every line (300 lines fit in 5 MB) at the first line", async () => {
    const { message, meter } = await readWatched(rosterCsv(300, () => ",".repeat(16_380) + "x"));
    expect(message).toBe("Line 2 has a value in column 16,384; Teamshape reads at most 100 columns.");
    expect(meter.rowsRead).toBe(1);
  });

  it("refuses the first row over the limit without reading the rows after it", async () => {
    const { message, meter } = await readWatched(rosterCsv(20_000));
    expect(message).toMatch(
      new RegExp(
        `^The file has more than ${count(ROWS)} rows below the header \\(the limit was passed on line ${count(ROWS + 2)}\\)`,
      ),
    );
    expect(meter.rowsRead).toBe(ROWS + 2);
  });

  it("refuses 101 columns, a long cell and a line of nothing but separators, and reads the limit's rows of 100", async () => {
    expect((await readWatched(rosterCsv(3, (r) => (r === 2 ? ",".repeat(97) + "too far" : "")))).message).toBe(
      "Line 3 has a value in column 101; Teamshape reads at most 100 columns.",
    );
    expect((await readWatched(rosterCsv(3, (r) => (r === 3 ? `,"${"n".repeat(2_001)}"` : "")))).message).toBe(
      "The cell in column 5 of line 4 has 2,001 characters; Teamshape reads at most 2,000 characters in one cell.",
    );
    const huge = await readWatched(rosterCsv(2, (r) => (r === 2 ? `,"${"n".repeat(4 * MiB)}"` : "")));
    expect(huge.message).toBe(
      "A cell on line 3 has more than 2,000 characters; Teamshape reads at most 2,000 characters in one cell.",
    );
    expect(huge.heapGrowth).toBeLessThan(HEAP_BUDGET);
    expect((await readWatched(utf8(`Name\n${",".repeat(4 * MiB)}\n`))).message).toBe(
      "Line 2 has more than 16,384 columns; Teamshape reads at most 100 columns.",
    );
    const full = await readSpreadsheet(rosterCsv(ROWS, () => ",x".repeat(96)));
    expect(full.ok && full.sheet.rows.map((r) => r.cells.length)).toEqual(Array(ROWS).fill(100));
  });

  it("reads 5 MB of blank lines or of separators as an empty file, counting every line", async () => {
    for (const filler of ["\n", ",,,,,,,,,\n"]) {
      const { result, meter } = await readWatched(
        utf8("Name,Level\n" + filler.repeat(Math.floor((UPLOAD_LIMITS.fileBytes - 20) / filler.length))),
      );
      expect(result).toEqual({ ok: true, sheet: { header: ["Name", "Level"], rows: [] } });
      expect(meter.rowsRead).toBeGreaterThan(400_000);
    }
  });

  it("refuses a file over 5 MB before reading it", async () => {
    expect((await readWatched(new Uint8Array(UPLOAD_LIMITS.fileBytes + 1))).message).toBe(
      "The file is more than 5 MB; Teamshape reads files of at most 5 MB. Split it, or save it as CSV, which is smaller.",
    );
  });
});

describe("the import page keeps to the limits", () => {
  const upload = async (bytes: Uint8Array, fileName: string) => {
    const form = new FormData();
    form.set("file", new File([bytes as BlobPart], fileName));
    return dataOf<{ stage: string; message?: string }>(
      await importAction(routeArgs(uploadRequest("/team/import", form, { as: "planner" }))),
    );
  };
  const confirm = async (sheet: unknown) => {
    const result = await importAction(
      routeArgs(
        formRequest(
          "/team/import",
          { sheet: JSON.stringify(sheet), fileName: "team.csv", rows: "all" },
          { as: "planner" },
        ),
      ),
    );
    return result instanceof Response ? { status: result.status } : dataOf<{ stage: string; message?: string }>(result);
  };

  it("refuses a planner's hostile uploads with the limit's message, and writes nothing", async () => {
    const before = (await listEngineers(await getDb())).length;
    expect(await upload(await hostileWorkbooks.xfdOnEveryRow(), "team.xlsx")).toEqual({
      status: 400,
      data: {
        stage: "upload",
        message: "The sheet has a cell in column XFD (column 16,384); Teamshape reads at most 100 columns.",
      },
    });
    expect(await upload(await repeatedRowsFile(), "team.xlsx")).toMatchObject({
      status: 400,
      data: { message: expect.stringMatching(/^The workbook unpacks to 40\d MB/) },
    });
    expect(await upload(rosterCsv(ROWS + 1), "team.csv")).toMatchObject({
      status: 400,
      data: { message: expect.stringContaining(`more than ${count(ROWS)} rows`) },
    });
    const large = await upload(new Uint8Array(UPLOAD_LIMITS.fileBytes + 1), "team.csv");
    expect(large).toMatchObject({
      status: 400,
      data: { message: "The file is larger than 5 MB. Split it, or save it as CSV, which is smaller." },
    });
    expect(await upload(await workbook({ rows: engineers(3) }), "team.xlsx")).toMatchObject({
      status: 200,
      data: { stage: "review" },
    });
    expect((await listEngineers(await getDb())).length).toBe(before);
  });

  it("refuses a crafted confirm whose sheet breaks the cell, column or row limits", async () => {
    const before = (await listEngineers(await getDb())).length;
    const header = ["Name", "Level", "Salary", "Start date", "Notes"];
    const row = (cells: string[]) => ({ header, rows: [{ line: 2, cells }] });
    expect(await confirm(row(["Ada", "L2", "120000", "2025-01-06", "n".repeat(2_001)]))).toEqual({
      status: 400,
      data: {
        stage: "upload",
        message: "A cell has more than 2,000 characters; Teamshape reads at most 2,000 characters in one cell.",
      },
    });
    expect(await confirm(row(["Ada", "L2", "120000", "2025-01-06", ...Array(97).fill("x")]))).toMatchObject({
      status: 400,
      data: { message: "A row has more than 100 columns; Teamshape reads at most 100 columns." },
    });
    const rows = Array.from({ length: ROWS + 1 }, (_, i) => ({
      line: i + 2,
      cells: [`E${i}`, "L2", "120000", "2025-01-06"],
    }));
    expect(await confirm({ header, rows })).toMatchObject({
      status: 400,
      data: {
        message: `The file has more than ${count(ROWS)} rows; Teamshape imports at most ${count(ROWS)} at a time.`,
      },
    });
    expect(await confirm(row(["Ada", "L2", "120000", "2025-01-06", "n".repeat(2_000)]))).toMatchObject({ status: 302 });
    expect((await listEngineers(await getDb())).length).toBe(before + 1);
  });
});
