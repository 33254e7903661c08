/**
 * The hostile uploads of issue 11, built in memory: workbooks that are small as files but large
 * once unpacked or parsed, and CSV files at and past each limit. A minimal zip writer (node:zlib
 * deflates, so a 400 MiB part is compressed as it is generated and never held whole) lets a test
 * also write what no spreadsheet program would, such as a part that lies about its size.
 */
import { Readable } from "node:stream";
import { createDeflateRaw, crc32 } from "node:zlib";

const MiB = 1024 * 1024;

/** A part's text, given whole or as chunks generated on the fly. */
export type PartText = string | Iterable<string>;

export interface ZipPart {
  name: string;
  text: PartText;
  /** What the zip says the part unpacks to, when it should lie. */
  declaredSize?: number;
}

async function deflate(text: PartText): Promise<{ data: Buffer; size: number; crc: number }> {
  let size = 0;
  let crc = 0;
  const chunks = typeof text === "string" ? [text] : text;
  const source = Readable.from(
    (function* () {
      for (const chunk of chunks) {
        const bytes = Buffer.from(chunk);
        size += bytes.length;
        crc = crc32(bytes, crc);
        yield bytes;
      }
    })(),
  );
  const compressed: Buffer[] = [];
  for await (const piece of source.pipe(createDeflateRaw({ level: 9 }))) compressed.push(piece as Buffer);
  return { data: Buffer.concat(compressed), size, crc };
}

/** A zip of deflated parts, with sizes in the headers (no data descriptors), as Excel writes. */
export async function zip(parts: ZipPart[]): Promise<Uint8Array> {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const { data, size, crc } = await deflate(part.text);
    const name = Buffer.from(part.name);
    const header = (signature: number, length: number) => {
      const b = Buffer.alloc(length);
      b.writeUInt32LE(signature, 0);
      return b;
    };
    const fields = (b: Buffer, at: number) => {
      b.writeUInt16LE(20, at); // version needed
      b.writeUInt16LE(0, at + 2); // flags
      b.writeUInt16LE(8, at + 4); // deflate
      b.writeUInt32LE(0, at + 6); // time, date
      b.writeUInt32LE(crc, at + 10);
      b.writeUInt32LE(data.length, at + 14);
      b.writeUInt32LE(part.declaredSize ?? size, at + 18);
      b.writeUInt16LE(name.length, at + 22);
    };
    const lh = header(0x04034b50, 30);
    fields(lh, 4);
    local.push(lh, name, data);
    const ch = header(0x02014b50, 46);
    ch.writeUInt16LE(20, 4); // version made by
    fields(ch, 6);
    ch.writeUInt32LE(offset, 42);
    central.push(ch, name);
    offset += lh.length + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...local, directory, end]));
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A minimal workbook of one sheet: `rows` are the `<row>` elements of its sheetData. */
export async function workbook({
  rows,
  sharedStrings,
  styles,
  sheetDeclaredSize,
  doctype = "",
}: {
  rows: PartText;
  sharedStrings?: PartText;
  styles?: string;
  sheetDeclaredSize?: number;
  /** A DOCTYPE for the sheet, which no spreadsheet program writes. */
  doctype?: string;
}): Promise<Uint8Array> {
  const parts: ZipPart[] = [
    {
      name: "[Content_Types].xml",
      text: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>${
        sharedStrings === undefined
          ? ""
          : `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
      }${styles === undefined ? "" : `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`}</Types>`,
    },
    {
      name: "_rels/.rels",
      text: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: "xl/workbook.xml",
      text: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${RELS}"><sheets><sheet name="Team" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      text: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/worksheet" Target="worksheets/sheet1.xml"/>${
        sharedStrings === undefined
          ? ""
          : `<Relationship Id="rId2" Type="${RELS}/sharedStrings" Target="sharedStrings.xml"/>`
      }${styles === undefined ? "" : `<Relationship Id="rId3" Type="${RELS}/styles" Target="styles.xml"/>`}</Relationships>`,
    },
    {
      name: "xl/worksheets/sheet1.xml",
      text: wrap(
        `<?xml version="1.0" encoding="UTF-8"?>${doctype}<worksheet xmlns="${MAIN}"><sheetData>`,
        rows,
        `</sheetData></worksheet>`,
      ),
      declaredSize: sheetDeclaredSize,
    },
  ];
  if (sharedStrings !== undefined)
    parts.push({
      name: "xl/sharedStrings.xml",
      text: wrap(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">`, sharedStrings, `</sst>`),
    });
  if (styles !== undefined)
    parts.push({
      name: "xl/styles.xml",
      text: `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}">${styles}</styleSheet>`,
    });
  return zip(parts);
}

function* wrap(before: string, middle: PartText, after: string): Iterable<string> {
  yield before;
  if (typeof middle === "string") yield middle;
  else yield* middle;
  yield after;
}

/** `unit` repeated to about `bytes` bytes, in chunks of about a megabyte. */
export function* repeated(unit: string, bytes: number): Iterable<string> {
  const chunk = unit.repeat(Math.max(1, Math.floor(MiB / unit.length)));
  for (let done = 0; done < bytes; done += chunk.length) yield chunk;
}

/** An inline-text cell, escaped. */
export const textCell = (reference: string, text: string) =>
  `<c r="${reference}" t="inlineStr"><is><t>${text.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</t></is></c>`;

/** The header row of a roster, as row 1. */
export const HEADER_ROW = `<row r="1">${textCell("A1", "Name")}${textCell("B1", "Level")}${textCell("C1", "Salary")}${textCell("D1", "Start date")}</row>`;

/** A valid engineer's row. */
export const engineerRow = (row: number) =>
  `<row r="${row}">${textCell(`A${row}`, `Engineer ${row}`)}${textCell(`B${row}`, "L2")}<c r="C${row}"><v>120000</v></c>${textCell(`D${row}`, "2025-01-06")}</row>`;

/**
 * Issue 11's workbooks, by the tester's description. Each is small as a file and would have
 * taken gigabytes or minutes to read whole.
 */
export const hostileWorkbooks = {
  /** 5,000 rows, each with a value in column XFD, the last column Excel has (the tester's was 56 KB). */
  xfdOnEveryRow: (rowCount = 5_000) =>
    workbook({
      rows: (function* () {
        yield HEADER_ROW;
        for (let r = 2; r <= rowCount + 1; r++)
          yield `<row r="${r}">${textCell(`A${r}`, `Engineer ${r}`)}<c r="XFD${r}"><v>1</v></c></row>`;
      })(),
    }),
  /** About 400 MiB of repeated rows, compressed to a file of a few megabytes or less. */
  repeatedRows: (bytes = 400 * MiB, { lie = false } = {}) =>
    workbook({
      rows: (function* () {
        yield HEADER_ROW;
        yield* repeated(
          `<row><c t="inlineStr"><is><t>Ada Example</t></is></c><c t="inlineStr"><is><t>L2</t></is></c><c><v>120000</v></c></row>`,
          bytes,
        );
      })(),
      sheetDeclaredSize: lie ? 64 * 1024 : undefined,
    }),
  /** About 300 MiB of shared strings (the tester's was 0.76 MB). */
  sharedStrings: (bytes = 300 * MiB) =>
    workbook({
      rows: HEADER_ROW.replace(/t="inlineStr"><is><t>Name<\/t><\/is>/, `t="s"><v>0</v>`),
      sharedStrings: repeated("<si><t>Ada Example, staff engineer in the payments team</t></si>", bytes),
    }),
  /** One cell of about 64 MiB (the tester's was a 67 KB file). */
  hugeCell: (bytes = 64 * MiB) =>
    workbook({
      rows: (function* () {
        yield HEADER_ROW;
        yield `<row r="2"><c r="A2" t="inlineStr"><is><t>`;
        yield* repeated("x", bytes);
        yield `</t></is></c></row>`;
      })(),
    }),
};

/** CSV text of a roster: a header and `rows` valid engineers, with `extra` cells after each. */
export function rosterCsv(rows: number, extra: (row: number) => string = () => ""): Uint8Array {
  const lines = ["Name,Level,Salary,Start date"];
  for (let r = 1; r <= rows; r++) lines.push(`Engineer ${r},L2,120000,2025-01-06${extra(r)}`);
  return new TextEncoder().encode(lines.join("\n") + "\n");
}
