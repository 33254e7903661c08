/**
 * Uploaded spreadsheets as rows of text, read within limits so that a small hostile file cannot
 * take the server's memory or time: a CSV file, or the first sheet of an XLSX workbook.
 *
 * CSV: UTF-8 with or without a BOM (UTF-16 and Windows-1252 are recognised too), CRLF or LF,
 * quoted fields holding commas and newlines, and `,`, `;` or tab separators, guessed from the
 * header row. Every record keeps the line it starts on, so errors can name it.
 *
 * A workbook is a zip of XML parts. It is read without ever holding a whole part: the zip's
 * directory says where each part is and what it claims to unpack to (refused at once if that is
 * over the limit), each part is inflated in small chunks that are counted, and each chunk goes
 * straight to a streaming XML parser. Reading stops at the first limit crossed, and the message
 * names that limit and what the file has.
 *
 * A pure async function of the bytes: it imports parsers and node: built-ins only (no app services,
 * routes or database), so it can run inside a worker thread.
 */
import { posix } from "node:path";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { fromBufferPromise, type Entry, type ZipFile } from "yauzl";
import { excelDate } from "./import-values";
import { UPLOAD_LIMITS, type UploadLimits } from "./limits";

/** A file as rows of text, each with the line (CSV) or row (XLSX) it came from. */
export interface Sheet {
  header: string[];
  rows: { line: number; cells: string[] }[];
}

export type ReadResult = { ok: true; sheet: Sheet } | { ok: false; message: string };

export { UPLOAD_LIMITS, type UploadLimits };

const MB = 1024 * 1024;

/** What a read did, for tests and benchmarks that check a refusal came early. */
export interface ReadMeter {
  /** Bytes inflated from the workbook's zip. */
  bytesInflated: number;
  /** Rows (CSV records, XLSX row elements) looked at, empty ones included. */
  rowsRead: number;
}

/** Excel's own maxima: no spreadsheet program writes more columns, or more text in one cell. */
const EXCEL_COLUMNS = 16_384;
const EXCEL_CELL_CHARS = 32_767;
/** Guards against XML made to exhaust the parser; OOXML nests about 6 deep with a dozen attributes. */
const MAX_XML_DEPTH = 64;
const MAX_XML_ATTRIBUTES = 256;
/** Excel's maximum of cell formats: more style entries than this are ignored, not stored. */
const MAX_STYLES = 65_490;

/** A refusal that stops reading: its message is shown to the person who uploaded the file. */
class Refusal extends Error {}

const count = (n: number) => n.toLocaleString("en-US");
const megabytes = (bytes: number) => `${(bytes / MB).toLocaleString("en-US", { maximumFractionDigits: 1 })} MB`;
/** A size over a limit, in megabytes, never shown as the limit itself. */
const sizeOver = (bytes: number, limit: number) =>
  megabytes(bytes) === megabytes(limit) ? `more than ${megabytes(limit)}` : megabytes(bytes);

const UNREADABLE_XLSX =
  "The file could not be read as an Excel workbook (.xlsx). Save it again from your spreadsheet, or export it as CSV.";
/** A workbook made against the parser rather than by a spreadsheet program. */
const oddXml = (what: string) =>
  new Refusal(
    `The file is not laid out as spreadsheet programs write workbooks (${what}); Teamshape cannot read it. Save it again from your spreadsheet, or export it as CSV.`,
  );

/** A CSV or XLSX upload, told apart by its first bytes (an XLSX file is a zip). */
export async function readSpreadsheet(
  bytes: Uint8Array,
  limits: UploadLimits = UPLOAD_LIMITS,
  meter: ReadMeter = { bytesInflated: 0, rowsRead: 0 },
): Promise<ReadResult> {
  try {
    if (bytes.byteLength > limits.fileBytes)
      throw new Refusal(
        `The file is ${sizeOver(bytes.byteLength, limits.fileBytes)}; Teamshape reads files of at most ${megabytes(limits.fileBytes)}. Split it, or save it as CSV, which is smaller.`,
      );
    const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
    const sheet = isZip ? await readXlsx(bytes, limits, meter) : readCsv(bytes, limits, meter);
    return { ok: true, sheet };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, message: error.message };
    throw error;
  }
}

/**
 * Rows as they are read: trailing empty cells dropped, empty rows skipped, the first row kept as
 * the header; the row and text limits are checked as each row arrives.
 */
class SheetBuilder {
  private header: string[] | undefined;
  private readonly rows: Sheet["rows"] = [];
  private chars = 0;

  constructor(private readonly limits: UploadLimits) {}

  /** `cells` are trimmed, at most `limits.columns` of them. */
  add(line: number, cells: string[]): void {
    let end = cells.length;
    while (end > 0 && !cells[end - 1]) end -= 1;
    if (end === 0) return;
    const kept = cells.slice(0, end);
    for (let i = 0; i < kept.length; i++) {
      kept[i] ??= ""; // a column skipped by an XLSX row
      this.chars += kept[i]!.length;
    }
    if (this.chars > this.limits.sheetChars)
      throw new Refusal(
        `The file holds more than ${count(this.limits.sheetChars)} characters of text; Teamshape reads at most ${count(this.limits.sheetChars)} in one import.`,
      );
    if (!this.header) {
      this.header = kept;
      return;
    }
    if (this.rows.length >= this.limits.rows)
      throw new Refusal(
        `The file has more than ${count(this.limits.rows)} rows below the header (the limit was passed on line ${count(line)}); Teamshape imports at most ${count(this.limits.rows)} at a time. Split it into smaller files.`,
      );
    this.rows.push({ line, cells: kept });
  }

  sheet(): Sheet {
    return { header: this.header ?? [], rows: this.rows };
  }
}

const cellTooLong = (where: string, length: number | undefined, cellChars: number) =>
  new Refusal(
    `${where} has ${length === undefined ? `more than ${count(cellChars)}` : count(length)} characters; Teamshape reads at most ${count(cellChars)} characters in one cell.`,
  );

// ---------------------------------------------------------------------------------------------
// CSV

/** Text from a CSV file's bytes: UTF-8 unless a BOM or invalid UTF-8 says otherwise. */
function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Older spreadsheet programs save "CSV" in the Windows code page.
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** What a CSV scan reports; either may return false to stop. */
interface CsvVisitor {
  /** A field's text (quotes taken off), its column index, and the line its record starts on. */
  field(text: string, index: number, line: number): boolean | void;
  /** The end of a record, and the line it started on. */
  end(line: number): boolean | void;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * The records of CSV text, field by field, as csv-parse reads them with `relax_quotes` (a quote
 * inside an unquoted field is kept as written, and so are the quotes of a quoted field that text
 * follows), except that any of CRLF, LF and CR ends a record. Written here because csv-parse builds an Error for every
 * record whose length differs from the first: 5 MB of empty lines took it 290 s.
 */
function scanCsv(text: string, delimiter: string, cellChars: number, visit: CsvVisitor): void {
  // Spaces around a cell's text do not count, so a field is cut short only at twice the limit.
  const maxFieldChars = 2 * cellChars;
  const tooLong = (line: number) => cellTooLong(`A cell on line ${count(line)}`, undefined, cellChars);
  const separator = delimiter.charCodeAt(0);
  const length = text.length;
  const isEnd = (at: number) =>
    at >= length || text.charCodeAt(at) === separator || text.charCodeAt(at) === CR || text.charCodeAt(at) === LF;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < length) {
    const recordLine = line;
    for (let index = 0; ; index++) {
      let value = "";
      if (text.charCodeAt(i) === QUOTE) {
        for (let from = i + 1; ;) {
          const quote = text.indexOf('"', from);
          if (quote === -1)
            throw new Refusal(
              `The file could not be read as CSV: the quoted cell that starts on line ${count(line)} is never closed.`,
            );
          value += text.slice(from, quote);
          if (value.length > maxFieldChars) throw tooLong(recordLine);
          if (text.charCodeAt(quote + 1) === QUOTE) {
            value += '"';
            from = quote + 2;
            continue;
          }
          line += lineBreaks(text.slice(i, quote));
          // Text after the closing quote: the quotes are kept, and the rest is read as unquoted.
          if (!isEnd(quote + 1)) value = `"${value}"`;
          i = quote + 1;
          break;
        }
      }
      const start = i;
      while (!isEnd(i)) if (++i - start + value.length > maxFieldChars) throw tooLong(recordLine);
      if (i > start) value += text.slice(start, i);
      if (visit.field(value, index, recordLine) === false) return;
      const next = text.charCodeAt(i);
      i += 1;
      if (next === separator) continue;
      if (next === CR && text.charCodeAt(i) === LF) i += 1;
      line += 1;
      break;
    }
    if (visit.end(recordLine) === false) return;
  }
}

const lineBreaks = (text: string) => text.match(/\r\n|\n|\r/g)?.length ?? 0;

/**
 * Of `,` `;` and tab, the separator that splits the header row (the first record) into the most
 * columns, unless it cannot read the first 50 lines (an unclosed quote says it is the wrong one).
 */
function guessDelimiter(text: string, cellChars: number): string {
  const columns = (delimiter: string) => {
    let fields = 0;
    try {
      scanCsv(text, delimiter, cellChars, {
        field: (_, index, line) => line > 1 || (fields = index + 1) <= EXCEL_COLUMNS,
        end: (line) => line < 50,
      });
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      return 0; // this separator does not read the header as CSV
    }
    return fields;
  };
  return [";", "\t"].reduce((best, next) => (columns(next) > columns(best) ? next : best), ",");
}

function readCsv(bytes: Uint8Array, limits: UploadLimits, meter: ReadMeter): Sheet {
  const text = decode(bytes);
  const sheet = new SheetBuilder(limits);
  let cells: string[] = [];
  scanCsv(text, guessDelimiter(text, limits.cellChars), limits.cellChars, {
    field(value, index, line) {
      const trimmed = value.trim();
      if (index >= limits.columns) {
        if (trimmed !== "")
          throw new Refusal(
            `Line ${count(line)} has a value in column ${count(index + 1)}; Teamshape reads at most ${count(limits.columns)} columns.`,
          );
        if (index >= EXCEL_COLUMNS)
          throw new Refusal(
            `Line ${count(line)} has more than ${count(EXCEL_COLUMNS)} columns; Teamshape reads at most ${count(limits.columns)} columns.`,
          );
        return; // empty cells to the right of the data are dropped anyway
      }
      if (trimmed.length > limits.cellChars)
        throw cellTooLong(
          `The cell in column ${count(index + 1)} of line ${count(line)}`,
          trimmed.length,
          limits.cellChars,
        );
      cells.push(trimmed);
    },
    end(line) {
      meter.rowsRead += 1;
      sheet.add(line, cells);
      cells = [];
    },
  });
  return sheet.sheet();
}

// ---------------------------------------------------------------------------------------------
// XLSX: the zip

/** Counts what is inflated, across the parts of one workbook. */
class Budget {
  used = 0;
  constructor(
    private readonly limit: number,
    private readonly meter: ReadMeter,
  ) {}

  /** Refuses before reading if the parts say they unpack to more than is left. */
  expect(parts: (Entry | undefined)[]): void {
    const declared = parts.reduce((sum, part) => sum + (part?.uncompressedSize ?? 0), this.used);
    if (declared > this.limit) throw tooBig(declared, this.limit);
  }

  add(bytes: number): void {
    this.used += bytes;
    this.meter.bytesInflated = this.used;
    if (this.used > this.limit) throw tooBig(this.used, this.limit);
  }
}

const tooBig = (bytes: number, limit: number) =>
  new Refusal(
    `The workbook unpacks to ${sizeOver(bytes, limit)}; Teamshape reads workbooks that unpack to at most ${megabytes(limit)}. Save the team's sheet as CSV, or in a workbook of its own.`,
  );

/** The part names Teamshape reads, as Excel and other programs write them. */
const PARTS = {
  workbook: "xl/workbook.xml",
  workbookRels: "xl/_rels/workbook.xml.rels",
  sharedStrings: "xl/sharedStrings.xml",
  styles: "xl/styles.xml",
};

async function readXlsx(bytes: Uint8Array, limits: UploadLimits, meter: ReadMeter): Promise<Sheet> {
  let zip: ZipFile;
  try {
    zip = await fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      lazyEntries: true,
      validateEntrySizes: true,
    });
  } catch {
    throw new Refusal(UNREADABLE_XLSX);
  }
  try {
    if (zip.entryCount > limits.zipEntries)
      throw new Refusal(
        `The workbook is made of ${count(zip.entryCount)} files; Teamshape reads workbooks of at most ${count(limits.zipEntries)}. Save the team's sheet as CSV.`,
      );
    const entries = new Map<string, Entry>();
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
    const budget = new Budget(limits.unzippedBytes, meter);
    const part = (name: string) => entries.get(name);
    budget.expect([part(PARTS.workbook), part(PARTS.workbookRels), part(PARTS.sharedStrings), part(PARTS.styles)]);

    const workbook = await readWorkbook(zip, part(PARTS.workbook), budget);
    const target =
      workbook.firstSheetId === undefined
        ? undefined
        : await readRelationship(zip, part(PARTS.workbookRels), workbook.firstSheetId, budget);
    const sheetEntry =
      target === undefined ? undefined : part(target.startsWith("/") ? target.slice(1) : posix.join("xl", target));
    if (!sheetEntry) throw new Refusal("The workbook has no sheets.");
    budget.expect([sheetEntry, part(PARTS.sharedStrings), part(PARTS.styles)]);

    const dateStyles = await readStyles(zip, part(PARTS.styles), budget);
    const strings = await readSharedStrings(zip, part(PARTS.sharedStrings), budget, limits);
    return await readSheet(zip, sheetEntry, budget, {
      limits,
      meter,
      strings,
      dateStyles,
      date1904: workbook.date1904,
    });
  } catch (error) {
    if (error instanceof Refusal) throw error;
    if (error instanceof Error && error.message.startsWith("too many bytes in the stream"))
      throw new Refusal(
        "The workbook is damaged: a part of it unpacks to more than the workbook says. Save it again from your spreadsheet, or export it as CSV.",
      );
    throw new Refusal(UNREADABLE_XLSX);
  } finally {
    zip.close();
  }
}

// ---------------------------------------------------------------------------------------------
// XLSX: the XML of one part, streamed

/** What a part's reader does with the elements it meets; `path` holds the open elements' local names. */
interface PartHandlers {
  open?(name: string, attributes: Record<string, string>, path: readonly string[]): void;
  text?(text: string, path: readonly string[]): void;
  close?(name: string, path: readonly string[]): void;
  /** Where a text longer than any spreadsheet cell can hold was found, for the message. */
  where: string | (() => Refusal);
}

/**
 * saxes keeps the text of a node, comment, attribute, name or entity whole until it ends. These are
 * its buffers; their length is checked after each chunk, so one endless text stops the read.
 */
interface SaxesBuffers {
  text: string;
  name: string;
  entity: string;
  piTarget: string;
}

function pendingChars(parser: SaxesParser): number {
  const buffers = parser as unknown as SaxesBuffers;
  return buffers.text.length + buffers.name.length + buffers.entity.length + buffers.piTarget.length;
}

// Fails at load, not silently, if an upgrade of saxes renames them.
if (!Number.isInteger(pendingChars(new SaxesParser())))
  throw new Error("saxes has changed: its buffers can no longer be measured");

const localName = (name: string) => name.slice(name.indexOf(":") + 1);

async function parsePart(zip: ZipFile, entry: Entry, budget: Budget, handlers: PartHandlers): Promise<void> {
  const parser = new SaxesParser({ position: false, xmlns: false });
  const path: string[] = [];
  let attributes = 0;
  parser.on("doctype", () => {
    throw oddXml("it declares a DOCTYPE"); // OOXML has none: one could only be there to attack the parser
  });
  parser.on("opentagstart", () => (attributes = 0));
  parser.on("attribute", () => {
    if (++attributes > MAX_XML_ATTRIBUTES)
      throw oddXml(`an element with more than ${count(MAX_XML_ATTRIBUTES)} attributes`);
  });
  parser.on("opentag", (tag: SaxesTagPlain) => {
    const name = localName(tag.name);
    handlers.open?.(name, tag.attributes, path);
    path.push(name);
    if (path.length > MAX_XML_DEPTH) throw oddXml(`elements nested more than ${count(MAX_XML_DEPTH)} deep`);
  });
  parser.on("closetag", (tag: SaxesTagPlain) => {
    path.pop();
    handlers.close?.(localName(tag.name), path);
  });
  const onText = (text: string) => handlers.text?.(text, path);
  parser.on("text", onText);
  parser.on("cdata", onText);

  const stream = await zip.openReadStreamPromise(entry);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      budget.add(chunk.length);
      parser.write(decoder.decode(chunk, { stream: true }));
      if (pendingChars(parser) > EXCEL_CELL_CHARS)
        throw typeof handlers.where === "string"
          ? new Refusal(
              `${handlers.where} holds a text of more than ${count(EXCEL_CELL_CHARS)} characters, more than a spreadsheet cell can hold; Teamshape cannot read it.`,
            )
          : handlers.where();
    }
    parser.write(decoder.decode());
    parser.close();
  } finally {
    stream.destroy();
  }
}

/** The first sheet's relationship id, and whether dates count from 1904 (older Mac workbooks). */
async function readWorkbook(
  zip: ZipFile,
  entry: Entry | undefined,
  budget: Budget,
): Promise<{ firstSheetId?: string; date1904: boolean }> {
  if (!entry) throw new Refusal(UNREADABLE_XLSX);
  const found: { firstSheetId?: string; date1904: boolean } = { date1904: false };
  await parsePart(zip, entry, budget, {
    open(name, attributes) {
      if (name === "workbookPr") found.date1904 = attributes.date1904 === "1" || attributes.date1904 === "true";
      if (name === "sheet" && found.firstSheetId === undefined)
        found.firstSheetId = Object.entries(attributes).find(([key]) => key.endsWith(":id"))?.[1];
    },
    where: "The workbook's list of sheets",
  });
  return found;
}

/** Where a relationship of the workbook points, relative to xl/ (or from the root, with a leading /). */
async function readRelationship(
  zip: ZipFile,
  entry: Entry | undefined,
  id: string,
  budget: Budget,
): Promise<string | undefined> {
  if (!entry) return undefined;
  let target: string | undefined;
  await parsePart(zip, entry, budget, {
    open(name, attributes) {
      if (name === "Relationship" && attributes.Id === id) target = attributes.Target;
    },
    where: "The workbook's list of parts",
  });
  return target;
}

/** Number formats that show dates: Excel's built-in ids, and custom codes with day, month, year or time letters. */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

export function isDateFormat(code: string): boolean {
  // Quoted text, [colours and locales], escaped characters and padding (_x, *x) are not the format's letters.
  const letters = code.replace(/"[^"]*"|\[[^\]]*\]|\\.|[_*]./g, "");
  return /[dmyhs]/i.test(letters);
}

/** Which cell styles (the `s` of a cell) show a date. */
async function readStyles(zip: ZipFile, entry: Entry | undefined, budget: Budget): Promise<(style: number) => boolean> {
  const xfFormats: number[] = [];
  const customDates = new Map<number, boolean>();
  if (entry) {
    await parsePart(zip, entry, budget, {
      open(name, attributes, path) {
        if (name === "numFmt" && customDates.size < MAX_STYLES)
          customDates.set(Number(attributes.numFmtId), isDateFormat(attributes.formatCode ?? ""));
        if (name === "xf" && path.at(-1) === "cellXfs" && xfFormats.length < MAX_STYLES)
          xfFormats.push(Number(attributes.numFmtId ?? 0));
      },
      where: "The workbook's styles",
    });
  }
  return (style) => {
    const format = xfFormats[style] ?? 0;
    return customDates.get(format) ?? BUILT_IN_DATE_FORMATS.has(format);
  };
}

/** The workbook's table of strings, plain or rich text (its runs joined; phonetic guides left out). */
async function readSharedStrings(
  zip: ZipFile,
  entry: Entry | undefined,
  budget: Budget,
  limits: UploadLimits,
): Promise<string[]> {
  const strings: string[] = [];
  if (!entry) return strings;
  let current = "";
  let chars = 0;
  await parsePart(zip, entry, budget, {
    open(name) {
      if (name === "si") current = "";
    },
    text(text, path) {
      if (path.at(-1) !== "t" || path.includes("rPh")) return;
      chars += text.length;
      if (chars > limits.sharedTextChars)
        throw new Refusal(
          `The workbook holds more than ${count(limits.sharedTextChars)} characters of text; Teamshape reads workbooks with at most ${count(limits.sharedTextChars)}. Save the team's sheet as CSV.`,
        );
      current += text;
    },
    close(name) {
      if (name !== "si") return;
      strings.push(current);
      if (strings.length > limits.sharedTexts)
        throw new Refusal(
          `The workbook holds more than ${count(limits.sharedTexts)} different texts; Teamshape reads workbooks with at most ${count(limits.sharedTexts)}. Save the team's sheet as CSV.`,
        );
    },
    where: "The workbook's table of text",
  });
  return strings;
}

// ---------------------------------------------------------------------------------------------
// XLSX: the sheet

/** The column number of a reference such as "XFD12" (16,384), at most EXCEL_COLUMNS + 1: no longer letters are decoded. */
function columnNumber(reference: string): { column: number; letters: string } {
  let column = 0;
  let i = 0;
  for (; i < reference.length && column <= EXCEL_COLUMNS; i++) {
    const code = reference.charCodeAt(i);
    if (code < 65 || code > 90) break; // A-Z
    column = column * 26 + (code - 64);
  }
  return { column: Math.min(column, EXCEL_COLUMNS + 1), letters: reference.slice(0, i) };
}

function columnLetters(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

interface SheetContext {
  limits: UploadLimits;
  meter: ReadMeter;
  strings: string[];
  dateStyles: (style: number) => boolean;
  date1904: boolean;
}

async function readSheet(
  zip: ZipFile,
  entry: Entry,
  budget: Budget,
  { limits, meter, strings, dateStyles, date1904 }: SheetContext,
): Promise<Sheet> {
  const sheet = new SheetBuilder(limits);
  let row = { number: 0, cells: [] as string[] };
  let cell = { column: 0, letters: "", type: "n", style: 0, value: "", capturing: false };
  const reference = () => `Cell ${cell.letters}${count(row.number)}`;

  const outOfRange = () =>
    new Refusal(
      `The sheet has a cell in column ${cell.letters.slice(0, 4)}${cell.column > EXCEL_COLUMNS ? ", beyond the last column a spreadsheet has" : ` (column ${count(cell.column)})`}; Teamshape reads at most ${count(limits.columns)} columns.`,
    );

  const text = (): string => {
    const value = cell.value;
    switch (cell.type) {
      case "s":
        return strings[Number(value)] ?? "";
      case "inlineStr":
      case "str":
        return value;
      case "e":
        return "";
      case "b":
        return value === "1" ? "true" : value === "0" ? "false" : value;
      case "d":
        return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value;
      default: {
        if (value.trim() === "") return "";
        const number = Number(value);
        if (!Number.isFinite(number)) return value;
        return (dateStyles(cell.style) && excelDate(number, date1904)) || String(number);
      }
    }
  };

  await parsePart(zip, entry, budget, {
    open(name, attributes, path) {
      const parent = path.at(-1);
      if (name === "row" && parent === "sheetData") {
        const number = Number(attributes.r);
        row = { number: Number.isInteger(number) && number > 0 ? number : row.number + 1, cells: [] };
      } else if (name === "c" && parent === "row") {
        // The column comes from the reference alone: nothing is kept for a cell out of range.
        const { column, letters } = attributes.r
          ? columnNumber(attributes.r)
          : { column: cell.column + 1, letters: columnLetters(cell.column + 1) };
        cell = {
          column,
          letters,
          type: attributes.t ?? "n",
          style: Number(attributes.s ?? 0),
          value: "",
          capturing: false,
        };
      } else if ((name === "v" && parent === "c") || (name === "t" && path.includes("is") && !path.includes("rPh"))) {
        cell.capturing = true;
      }
    },
    text(text) {
      if (!cell.capturing) return;
      if (cell.column > limits.columns) {
        if (text.trim() !== "") throw outOfRange();
        return;
      }
      cell.value += text;
      if (cell.value.length > 2 * limits.cellChars) throw cellTooLong(reference(), undefined, limits.cellChars);
    },
    close(name, path) {
      if (name === "v" || name === "t") cell.capturing = false;
      else if (name === "c" && path.at(-1) === "row" && cell.column <= limits.columns) {
        const value = text().trim();
        if (value.length > limits.cellChars) throw cellTooLong(reference(), value.length, limits.cellChars);
        if (value !== "") row.cells[cell.column - 1] = value;
      } else if (name === "row" && path.at(-1) === "sheetData") {
        meter.rowsRead += 1;
        sheet.add(row.number, row.cells);
        cell.column = 0;
      }
    },
    where: () =>
      cell.capturing
        ? cellTooLong(reference(), undefined, limits.cellChars)
        : new Refusal(
            `The sheet holds a text of more than ${count(EXCEL_CELL_CHARS)} characters outside its cells; Teamshape cannot read it.`,
          ),
  });
  return sheet.sheet();
}
