/**
 * npx tsx test/bench/upload-limits.bench.ts: for each hostile upload of issue 11 (and a few
 * legitimate ones), the file's size, the time readSpreadsheet takes to refuse (or read) it, and
 * the peak memory of a process that reads it. Each file is read in a fresh child process, so its
 * peak RSS is its own; "RSS before" is that process once the reader is loaded. It also notes the
 * longest the event loop waited for a turn during the read (a 1 ms timer). Not a test.
 */
import ExcelJS from "exceljs";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { readSpreadsheet } from "../../app/utils/spreadsheet";
import { engineerRow, HEADER_ROW, hostileWorkbooks, repeated, rosterCsv, workbook } from "../setup/hostile-files";

const MiB = 1024 * 1024;
const RUNS = 5;

interface Measure {
  ok: boolean;
  message: string;
  medianMs: number;
  firstMs: number;
  rssBeforeMb: number;
  peakRssMb: number;
  /** The longest the event loop went without a turn during the first read. */
  longestStallMs: number;
}

/** In the child: read one file RUNS times; the peak RSS is the first read's, before others add their garbage. */
async function measure(path: string): Promise<Measure> {
  const bytes = new Uint8Array(readFileSync(path));
  const rssBeforeMb = process.memoryUsage.rss() / MiB;
  const times: number[] = [];
  let peakRssMb = 0;
  let longestStallMs = 0;
  let result: Awaited<ReturnType<typeof readSpreadsheet>> | undefined;
  for (let i = 0; i < RUNS; i++) {
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      if (i === 0) longestStallMs = Math.max(longestStallMs, now - last);
      last = now;
    }, 1);
    const start = performance.now();
    result = await readSpreadsheet(bytes);
    const end = performance.now();
    clearInterval(ticker);
    times.push(end - start);
    if (i === 0) {
      peakRssMb = process.resourceUsage().maxRSS / 1024;
      longestStallMs = Math.max(longestStallMs, end - last);
    }
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    ok: result!.ok,
    message: result!.ok ? `read ${result!.sheet.rows.length.toLocaleString("en-US")} rows` : result!.message,
    medianMs: sorted[Math.floor(RUNS / 2)]!,
    firstMs: times[0]!,
    rssBeforeMb,
    peakRssMb,
    longestStallMs,
  };
}

async function exceljsBytes(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  fill(book.addWorksheet("Team"));
  return new Uint8Array(await book.xlsx.writeBuffer());
}

const roster = (rows: number) =>
  exceljsBytes((sheet) => {
    sheet.addRow([
      "Id",
      "Name",
      "Level",
      "Salary ($ a year)",
      "Start date (YYYY-MM-DD)",
      "Notes",
      "Skill: Testing (0-4)",
    ]);
    for (let i = 1; i <= rows; i++)
      sheet.addRow([
        i,
        `Engineer ${i}`,
        `L${(i % 5) + 1}`,
        90_000 + i * 7,
        new Date(Date.UTC(2020, i % 12, (i % 28) + 1)),
        i % 3 ? "" : `Joined from team ${i % 40}`,
        i % 5,
      ]);
  });

const FILES: [string, () => Promise<Uint8Array> | Uint8Array][] = [
  ["XLSX: a cell in column XFD on 5,000 rows", () => hostileWorkbooks.xfdOnEveryRow()],
  ["XLSX: 400 MiB of repeated rows", () => hostileWorkbooks.repeatedRows()],
  ["XLSX: 400 MiB of rows, sizes forged as 64 KB", () => hostileWorkbooks.repeatedRows(400 * MiB, { lie: true })],
  ["XLSX: 300 MiB of shared strings", () => hostileWorkbooks.sharedStrings()],
  ["XLSX: one 64 MiB cell", () => hostileWorkbooks.hugeCell()],
  ["XLSX: one 40 MiB cell (fits 50 MB unpacked)", () => hostileWorkbooks.hugeCell(40 * MiB)],
  ["XLSX: 30 MiB of shared strings (past 20M characters)", () => hostileWorkbooks.sharedStrings(30 * MiB)],
  ["XLSX: 5,001 rows (exceljs)", () => roster(5_001)],
  [
    "XLSX: a value in column 101 (exceljs)",
    () => exceljsBytes((sheet) => ((sheet.getCell(1, 1).value = "Name"), (sheet.getCell(2, 101).value = "x"))),
  ],
  [
    "XLSX: 49 MiB of empty formatted rows (within every limit: read, no rows)",
    () =>
      workbook({
        rows: (function* () {
          yield HEADER_ROW;
          yield* repeated(`<row><c r="A2" s="1"/><c r="B2" s="1"/><c r="C2" s="1"/></row>`, 49 * MiB);
        })(),
      }),
  ],
  ["CSV: a value in column 16,384 on 300 lines", () => rosterCsv(300, () => ",".repeat(16_380) + "x")],
  ["CSV: 20,000 rows", () => rosterCsv(20_000)],
  ["CSV: a 4 MiB cell", () => rosterCsv(2, (r) => (r === 2 ? `,"${"n".repeat(4 * MiB)}"` : ""))],
  ["CSV: 5 MB of blank lines (read: no rows)", () => new TextEncoder().encode("Name\n" + "\n".repeat(5 * MiB - 8))],
  [
    "CSV: 5 MB of lines of commas (read: no rows)",
    () => new TextEncoder().encode("Name\n" + ",,,,,,,,,\n".repeat(Math.floor((5 * MiB - 8) / 10))),
  ],
  ["legitimate: 5,000-row roster XLSX (exceljs)", () => roster(5_000)],
  ["legitimate: 5,000-row roster CSV", () => rosterCsv(5_000, (r) => `,${r % 3 ? "" : `Joined from team ${r % 40}`}`)],
  [
    "legitimate: 5,000 rows x 100 columns XLSX",
    () =>
      workbook({
        rows: (function* () {
          yield HEADER_ROW;
          for (let r = 2; r <= 5_001; r++)
            yield engineerRow(r).replace(
              "</row>",
              Array.from({ length: 96 }, (_, c) => `<c><v>${c}</v></c>`).join("") + "</row>",
            );
        })(),
      }),
  ],
];

async function main(): Promise<void> {
  const [flag, path] = process.argv.slice(2);
  if (flag === "--read" && path) {
    process.stdout.write(JSON.stringify(await measure(path)));
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "teamshape-upload-bench-"));
  const rows: string[] = [];
  try {
    for (const [name, build] of FILES) {
      const file = join(dir, "upload");
      const bytes = await build();
      writeFileSync(file, bytes);
      const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--read", file], {
        encoding: "utf8",
      });
      if (child.status !== 0) throw new Error(`${name}: ${child.stderr}`);
      const m = JSON.parse(child.stdout) as Measure;
      const size =
        bytes.length >= MiB ? `${(bytes.length / MiB).toFixed(2)} MiB` : `${(bytes.length / 1024).toFixed(0)} KiB`;
      rows.push(
        `| ${name} | ${size} | ${m.medianMs.toFixed(1)} ms (first ${m.firstMs.toFixed(1)}) | ${m.peakRssMb.toFixed(0)} MB (before ${m.rssBeforeMb.toFixed(0)}) | ${m.longestStallMs.toFixed(0)} ms | ${m.message.slice(0, 90)}${m.message.length > 90 ? "…" : ""} |`,
      );
      console.error(rows.at(-1));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nNode ${process.version}, ${RUNS} reads per file, each file in its own process.\n`);
  console.log(
    "| file | size | time to refuse or read (median) | peak RSS of the read | longest event-loop stall | answer |",
  );
  console.log("|---|---|---|---|---|---|");
  for (const row of rows) console.log(row);
}

await main();
