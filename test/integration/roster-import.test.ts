import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { action as importAction } from "~/routes/team.import";
import { loader as templateLoader } from "~/routes/team.import-template[.csv]";
import { loader as rosterCsvLoader } from "~/routes/team[.csv]";
import { loader as rosterXlsxLoader } from "~/routes/team[.xlsx]";
import { listAudit } from "~/services/audit.server";
import { createEngineer, getEngineer, listEngineers, type Engineer } from "~/services/engineers.server";
import { getDb } from "~/utils/db.server";
import { dataOf, formRequest, getRequest, routeArgs, uploadRequest } from "../setup/requests";

interface Preview {
  stage: "review" | "upload";
  message?: string;
  sheet: string;
  fileName: string;
  rows: { line: number; name: string; action: string; changes: string[]; errors: string[] }[];
  counts: { create: number; update: number; unchanged: number; invalid: number };
  fileErrors: string[];
  columns: { header: string; use: string; samples: string[] }[];
  examples?: number;
}

/** The headers of the columns an import does not use. */
const unused = (preview: Preview) => preview.columns.filter((c) => c.use === "").map((c) => c.header);

/** Uploads a file to the import page the way the browser does (multipart). */
async function upload(content: string | Uint8Array, fileName = "team.csv") {
  const form = new FormData();
  form.set("file", new File([content as BlobPart], fileName));
  const result = await importAction(routeArgs(uploadRequest("/team/import", form)));
  return dataOf<Preview>(result);
}

/** Presses the confirm button on a preview. */
async function confirm(preview: Preview, rows: "all" | "valid") {
  const result = await importAction(
    routeArgs(formRequest("/team/import", { sheet: preview.sheet, fileName: preview.fileName, rows })),
  );
  return result instanceof Response
    ? { redirect: result.headers.get("Location"), status: result.status }
    : dataOf<Preview>(result);
}

const byName = async () => new Map((await listEngineers(await getDb())).map((e) => [e.name, e] as [string, Engineer]));
const utf8 = (text: string) => new TextEncoder().encode(text);

describe("roster import", () => {
  it("reads a spreadsheet's semicolon CSV with a BOM, CRLF and quoted newlines; previews; writes only on confirm", async () => {
    const before = await byName();
    const someone = [...before.values()][0]!;
    const csv = [
      "Name;Level;Salary;Start date;Notes;Skill: Testing (0-4)",
      `"Doe, Jane";senior engineer;"$185,000";2024-03-04;"Moved from Lisbon;\r\nleads payments";4`,
      `Zoë "Z" O'Brien 🚀;l2;120k;2025-11-01;;2`,
      `${someone.name.toUpperCase()};;${someone.salary + 5000};;;`,
    ].join("\r\n");
    const { data: preview, status } = await upload(utf8(`\uFEFF${csv}\r\n`));
    expect(status).toBe(200);
    expect(preview.counts).toEqual({ create: 2, update: 1, unchanged: 0, invalid: 0 });
    expect(preview.rows.map((r) => r.line)).toEqual([2, 4, 5]); // the quoted newline makes line 2 two lines long
    expect(preview.rows[2]!.changes).toEqual([
      `salary $${someone.salary.toLocaleString("en-US")} → $${(someone.salary + 5000).toLocaleString("en-US")}`,
    ]);
    expect((await byName()).size).toBe(before.size); // nothing written yet

    const done = await confirm(preview, "all");
    expect(done).toMatchObject({ status: 302, redirect: `/team?imported=${encodeURIComponent("2 added, 1 updated")}` });
    const after = await byName();
    expect(after.size).toBe(before.size + 2);
    expect(after.get("Doe, Jane")).toMatchObject({
      levelId: "L4",
      salary: 185_000,
      startDate: "2024-03-04",
      notes: "Moved from Lisbon;\r\nleads payments",
      skills: { testing: 4 },
    });
    expect(after.get(`Zoë "Z" O'Brien 🚀`)).toMatchObject({ levelId: "L2", salary: 120_000 });
    // The import is written to the audit trail in the name of the person who confirmed it.
    const [latest] = await listAudit(await getDb(), { entity: "engineer", text: "Doe, Jane" });
    expect(latest).toMatchObject({ action: "import", user_name: "Test admin" });
    // Blank cells kept what the engineer had; the salary changed.
    expect(after.get(someone.name)).toMatchObject({
      levelId: someone.levelId,
      startDate: someone.startDate,
      notes: someone.notes,
      skills: someone.skills,
      salary: someone.salary + 5000,
    });
  });

  it("names the line, field and value of every kind of bad row, and writes nothing unless asked for the valid rows only", async () => {
    const db = await getDb();
    await createEngineer(db, {
      input: { name: "Sam Twin", levelId: "L2", salary: 100_000, startDate: "2025-01-01", notes: "" },
    });
    await createEngineer(db, {
      input: { name: "Sam Twin", levelId: "L3", salary: 130_000, startDate: "2024-01-01", notes: "" },
    });
    const csv = [
      "Id,Name,Level,Salary ($ a year),Start date (YYYY-MM-DD),caching",
      ",Valid Person,L1,95000,2026-01-05,1",
      ",Bad Salary,L1,abc,2026-01-05,",
      ",Negative,L1,-5,2026-01-05,",
      ",Unknown Level,L9,100000,2026-01-05,",
      ",Bad Date,L1,100000,2026-02-30,",
      ",Words Date,L1,100000,March 1,",
      ",,L1,100000,2026-01-05,",
      "999999,Ghost,L1,100000,2026-01-05,",
      ",Sam Twin,L2,100000,2025-01-01,",
      ",Too Skilled,L1,100000,2026-01-05,7",
      ",valid person,L1,96000,2026-01-05,",
      ",No Salary,L1,,2026-01-05,",
    ].join("\n");
    const before = await byName();
    const { data: preview } = await upload(utf8(csv));
    expect(preview.counts).toMatchObject({ create: 1, invalid: 11 });
    const errors = preview.rows.flatMap((r) => r.errors);
    expect(errors).toEqual(
      expect.arrayContaining([
        'line 3: salary "abc": not an amount of money: write it like 120000 or $120,000',
        'line 4: salary "-5": must be more than 0',
        expect.stringMatching(/^line 5: level "L9": not a level of the ladder \(L1 .*\)$/),
        'line 6: start date "2026-02-30": that date does not exist',
        'line 7: start date "March 1": not a date Teamshape can read: write it like 2019-03-14 or Mar 14, 2019',
        "line 8: name: Enter a name",
        'line 9: id "999999": no engineer on the team has this id; leave it empty to add a new engineer',
        expect.stringMatching(/^line 10: name "Sam Twin": 2 engineers on the team have this name/),
        'line 11: skill Caching "7": must be a whole number from 0 (none) to 4 (can teach it)',
        'line 12: name "valid person": the same engineer is already on line 2',
        "line 13: salary: Enter the salary",
      ]),
    );

    const refused = await confirm(preview, "all");
    expect(refused).toMatchObject({
      status: 400,
      data: { message: expect.stringContaining("Nothing was imported: 11 rows have problems") },
    });
    expect((await byName()).size).toBe(before.size);

    const partial = await confirm(preview, "valid");
    expect(partial).toMatchObject({
      status: 302,
      redirect: `/team?imported=${encodeURIComponent("1 added, 0 updated, 11 skipped")}`,
    });
    const after = await byName();
    expect(after.size).toBe(before.size + 1);
    expect(after.get("Valid Person")).toMatchObject({ salary: 95_000, skills: { caching: 1 } });
  });

  it("imports the first sheet of an XLSX workbook, with real dates and numbers in its cells", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Team");
    sheet.addRow(["Full name", "Grade", "Base salary", "Hire date", "Manager"]);
    sheet.addRow(["Xia Lin", "Staff engineer", 215000, new Date(Date.UTC(2021, 5, 14))]);
    sheet.addRow([]);
    sheet.addRow(["Bo Ek", "L1", "abc", new Date(Date.UTC(2026, 0, 2))]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { data: preview } = await upload(bytes, "team.xlsx");
    expect(unused(preview)).toEqual(["Manager"]);
    expect(preview.rows).toMatchObject([
      { line: 2, name: "Xia Lin", action: "create", errors: [] },
      { line: 4, errors: ['line 4: salary "abc": not an amount of money: write it like 120000 or $120,000'] },
    ]);
    await confirm(preview, "valid");
    expect((await byName()).get("Xia Lin")).toMatchObject({ levelId: "L5", salary: 215_000, startDate: "2021-06-14" });
  });

  it("takes last month's roster download back unchanged, formula-looking names included", async () => {
    const db = await getDb();
    for (const name of ['=HYPERLINK("http://evil","x")', "@cmd", "Ünal, Çağrı"])
      await createEngineer(db, {
        input: { name, levelId: "L3", salary: 140_000, startDate: "2023-05-01", notes: "-1 on call" },
      });
    const download = await rosterCsvLoader(routeArgs(getRequest("/team.csv")));
    const { data: preview } = await upload(new Uint8Array(await download.arrayBuffer()), "teamshape-roster.csv");
    const total = (await listEngineers(db)).length;
    expect(preview.counts).toEqual({ create: 0, update: 0, unchanged: total, invalid: 0 });
    expect(unused(preview)).toEqual([]);
    expect(preview.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['=HYPERLINK("http://evil","x")', "@cmd", "Ünal, Çağrı"]),
    );
  });

  it("downloads the roster as XLSX, each engineer in their team, and takes it back unchanged (line breaks in notes too)", async () => {
    const response = await rosterXlsxLoader(routeArgs(getRequest("/team.xlsx")));
    expect(response.headers.get("Content-Disposition")).toMatch(/filename="teamshape-roster-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer);
    const sheet = workbook.getWorksheet("Roster")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const column = (name: string) => header.indexOf(name) + 1;
    const rows = sheet.getRows(2, sheet.rowCount - 1)!;
    const teamOf = new Map(rows.map((r) => [r.getCell(column("Name")).text, r.getCell(column("Team")).text]));
    expect(teamOf.get("Chidi Okeke")).toBe("Mobile");
    expect(teamOf.get("Grace Liu")).toBe("Platform");
    expect(typeof rows[0]!.getCell(column("Salary ($ a year)")).value).toBe("number");
    const { data: preview } = await upload(bytes, "teamshape-roster.xlsx");
    const total = (await listEngineers(await getDb())).length;
    expect(preview.counts).toEqual({ create: 0, update: 0, unchanged: total, invalid: 0 });
  });

  it("takes back exactly what the roster download wrote, apostrophes included ('=1+1 stays '=1+1)", async () => {
    const db = await getDb();
    const names = ["'=1+1", "''x", "=1+1", "'hello", "'@home", "'''=SUM(A1)"];
    for (const name of names)
      await createEngineer(db, {
        input: { name, levelId: "L2", salary: 110_000, startDate: "2024-02-01", notes: `'${name}` },
      });
    const download = await rosterCsvLoader(routeArgs(getRequest("/team.csv")));
    const { data: preview } = await upload(new Uint8Array(await download.arrayBuffer()), "teamshape-roster.csv");
    expect(preview.counts).toEqual({ create: 0, update: 0, unchanged: (await listEngineers(db)).length, invalid: 0 });
    expect(preview.rows.map((r) => r.name)).toEqual(expect.arrayContaining(names));
  });

  it("refuses files it cannot use with one clear message, and writes nothing", async () => {
    const count = (await listEngineers(await getDb())).length;
    expect((await upload(utf8(""))).data).toMatchObject({
      stage: "upload",
      message: expect.stringContaining("Choose a CSV"),
    });
    expect((await upload(utf8("\n\n"))).data).toMatchObject({
      stage: "upload",
      message: expect.stringContaining("The file is empty"),
    });
    expect((await upload(utf8("Name,Level\n"))).data).toMatchObject({
      stage: "upload",
      message: "The file has column names but no engineers.",
    });
    const noName = await upload(utf8("Who,Level\nAda,L1\n"));
    expect(noName.status).toBe(400);
    expect(noName.data.fileErrors[0]).toContain('No column holds the name (the columns read: "Who", "Level")');
    expect((await upload(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "broken.xlsx")).data).toMatchObject({
      message: expect.stringContaining("could not be read as an Excel workbook"),
    });
    const tampered = await importAction(routeArgs(formRequest("/team/import", { sheet: "{not json", rows: "all" })));
    expect(dataOf<Preview>(tampered)).toMatchObject({
      status: 400,
      data: { message: expect.stringContaining("Upload the file again") },
    });
    expect((await listEngineers(await getDb())).length).toBe(count);
  });

  it("reads what spreadsheets really write, and refuses what it cannot read for sure", async () => {
    const db = await getDb();
    const id = await createEngineer(db, {
      input: { name: "Noor Haddad", levelId: "L2", salary: 110_000, startDate: "2024-04-01", notes: "on call" },
    });
    // A header with a quoted line break, square-bracket units, European amounts, disagreeing levels, a cleared note.
    const csv = [
      `"Full\nname";Level;Level title;Salary [USD];Notes;Start date`,
      `Noor Haddad;L2;Engineer II;110000;;`,
      `Euro Dot;L1;;125.000;;2025-01-06`,
      `Euro Comma;L1;;125000,50;;2025-01-06`,
      `Mixed Up;L2;Senior Engineer;120000;;2025-01-06`,
    ].join("\n");
    const { data: preview } = await upload(utf8(csv));
    expect(unused(preview)).toEqual([]);
    expect(preview.rows.find((r) => r.line === 1 + 2)).toMatchObject({
      name: "Noor Haddad",
      action: "update",
      changes: ["notes"],
    });
    // European thousands and decimals read as such (125.000 is 125,000); disagreeing levels are refused.
    expect(preview.rows.find((r) => r.name === "Euro Dot")).toMatchObject({ action: "create", errors: [] });
    expect(preview.rows.find((r) => r.name === "Euro Comma")).toMatchObject({ action: "create", errors: [] });
    expect(preview.rows.flatMap((r) => r.errors)).toEqual([
      expect.stringMatching(/^line 6: level title "Senior Engineer": is L4, but Level says L2/),
    ]);
    await confirm(preview, "valid");
    expect((await getEngineer(db, { id }))!.notes).toBe("");

    // An XLSX with rich text, a hyperlink, an error cell and formatting far to the right.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Team");
    sheet.addRow(["Name", "Level", "Salary", "Start date", "Notes"]);
    sheet.addRow([
      { richText: [{ text: "Rich " }, { text: "Text", font: { bold: true } }] },
      "L1",
      101000,
      new Date(Date.UTC(2025, 0, 6)),
      { text: "wiki", hyperlink: "https://example.com" },
    ]);
    sheet.addRow([
      "Error Cell",
      "L1",
      { formula: "1/0", result: { error: "#DIV/0!" } },
      new Date(Date.UTC(2025, 0, 6)),
    ]);
    sheet.getCell("AZ1").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFF0000" } };
    const { data: fromXlsx } = await upload(new Uint8Array(await workbook.xlsx.writeBuffer()), "team.xlsx");
    expect(fromXlsx.rows).toMatchObject([
      { name: "Rich Text", action: "create", errors: [] },
      { name: "Error Cell", errors: ["line 3: salary: Enter the salary"] },
    ]);
    expect((await confirm(fromXlsx, "valid")).status).toBe(302);
    expect((await byName()).get("Rich Text")).toMatchObject({ salary: 101_000, notes: "wiki" });
  });

  it("offers a template whose example rows show the columns and are never imported as people", async () => {
    const response = await templateLoader(routeArgs(getRequest("/team/import-template.csv")));
    expect(response.headers.get("Content-Disposition")).toContain("teamshape-team-import-template.csv");
    const text = await response.text();
    const rows = parse<Record<string, string>>(text, { bom: true, columns: true });
    expect(Object.keys(rows[0]!).slice(0, 9)).toEqual([
      "Employee id",
      "Name",
      "Email",
      "Job title",
      "Team",
      "Level",
      "Salary ($ a year)",
      "Start date (YYYY-MM-DD)",
      "Notes",
    ]);
    const before = (await listEngineers(await getDb())).length;
    const { data: untouched } = await upload(utf8(text));
    expect(untouched).toMatchObject({ examples: 2, counts: { create: 0, update: 0, invalid: 0 } });
    // A row the manager adds under the examples is imported; the examples still are not.
    const filled = `${text.trimEnd()}\r\nE-7,Lena Park,lena@corp.example,Senior Software Engineer,,,150000,2024-05-06,,,,\r\n`;
    const { data: preview } = await upload(utf8(filled));
    expect(preview).toMatchObject({ examples: 2, counts: { create: 1, invalid: 0 } });
    expect((await confirm(preview, "all")).status).toBe(302);
    const engineers = await listEngineers(await getDb());
    expect(engineers.length).toBe(before + 1);
    expect(engineers.find((e) => e.name === "Lena Park")).toMatchObject({
      levelId: "L4",
      employeeId: "E-7",
      email: "lena@corp.example",
      jobTitle: "Senior Software Engineer",
    });
    expect(engineers.some((e) => /Example$/.test(e.name))).toBe(false);
  });
});
