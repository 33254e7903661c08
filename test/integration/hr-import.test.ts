/**
 * The roster import on HR systems' exports (test/fixtures/hr/README.md says what each file holds
 * and who should import): each goes in with no editing, through the same form the import page
 * sends, and a second import of the same file changes nothing.
 */
import { readFileSync } from "node:fs";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { action as importAction } from "~/routes/team.import";
import { listEngineers } from "~/services/engineers.server";
import { getDb } from "~/utils/db.server";
import { parse } from "csv-parse/sync";
import { loader as rosterCsvLoader } from "~/routes/team[.csv]";
import { dataOf, formRequest, getRequest, routeArgs, uploadRequest } from "../setup/requests";

interface Review {
  stage: "review" | "upload";
  message?: string;
  sheet: string;
  fileName: string;
  fileErrors: string[];
  headerLine: number;
  columns: { header: string; use: string; samples: string[] }[];
  columnsRemembered: boolean;
  dates: { order: string; decidedBy: string; description: string } | null;
  titles: { title: string; key: string; count: number; levelId: string; from: string; sure: boolean }[];
  leftOut: { kind: string; names: string[]; groups: string[]; leftOut: boolean }[];
  leavers: { engineerId: number; name: string; reason: string; marked: boolean; on: string; error?: string }[];
  examples: number;
  newTeams: string[];
  createTeams: boolean;
  periodPay: number;
  convertPay: boolean;
  notes: string[];
  rows: { line: number; name: string; action: string; changes: string[]; errors: string[] }[];
  counts: { create: number; update: number; unchanged: number; invalid: number };
}

const fixture = (file: string) => readFileSync(new URL(`../fixtures/hr/${file}`, import.meta.url));

async function upload(content: Uint8Array | string, fileName: string) {
  const form = new FormData();
  form.set("file", new File([content as BlobPart], fileName));
  return dataOf<Review>(await importAction(routeArgs(uploadRequest("/team/import", form))));
}

/** The fields the import page's form sends for a review, with some choices changed. */
function formOf(review: Review, changes: Record<string, string | null> = {}): Record<string, string> {
  const fields: Record<string, string | null> = {
    sheet: review.sheet,
    fileName: review.fileName,
    choices: "1",
    ...Object.fromEntries(review.columns.map((c, i) => [`column.${i}`, c.use])),
    ...Object.fromEntries(
      review.titles.flatMap((t, i) => [
        [`titleKey.${i}`, t.key],
        [`titleLevel.${i}`, t.levelId],
      ]),
    ),
    ...(review.dates ? { dayOrder: review.dates.order } : {}),
    ...Object.fromEntries(review.leftOut.map((g) => [`leaveOut.${g.kind}`, g.leftOut ? "on" : null])),
    convertPay: review.convertPay ? "on" : null,
    createTeams: review.createTeams ? "on" : null,
    ...Object.fromEntries(
      review.leavers.flatMap((l) => [
        [`leaver.${l.engineerId}`, "1"],
        [`leaverMarked.${l.engineerId}`, l.marked ? "on" : null],
        [`leaverOn.${l.engineerId}`, l.on],
      ]),
    ),
    ...changes,
  };
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== null));
}

async function send(review: Review, changes: Record<string, string | null> = {}) {
  const result = await importAction(routeArgs(formRequest("/team/import", formOf(review, changes))));
  return result instanceof Response
    ? { redirect: result.headers.get("Location") ?? "", status: result.status }
    : dataOf<Review>(result);
}

const leftOutCounts = (review: Review) => Object.fromEntries(review.leftOut.map((g) => [g.kind, g.names.length]));

/** The 11 job titles of the engineers who import, in every file (test/fixtures/hr/README.md). */
const TITLES = [
  "Engineering Manager",
  "Principal Engineer",
  "Staff Engineer",
  "Lead Engineer",
  "Senior Software Engineer",
  "Senior Frontend Developer",
  "SRE",
  "Software Engineer II",
  "Software Engineer",
  "Associate Software Engineer",
  "Junior Developer",
];

// Personio's Amira Haddou is "onboarding" with a start date of today: a person joining the team,
// so she imports (the fixtures' README counts 17 without her).
const FIXTURES = [
  { file: "bamboohr.csv", imports: 18, leftOut: { "outside engineering": 4, contractor: 2, left: 2 } },
  { file: "workday.xlsx", imports: 18, leftOut: { "outside engineering": 4, contractor: 2, left: 1 } },
  { file: "rippling.csv", imports: 18, leftOut: { "outside engineering": 5, contractor: 1, left: 1 } },
  { file: "hibob.csv", imports: 18, leftOut: { "outside engineering": 4, contractor: 2, left: 1 } },
  { file: "gusto.csv", imports: 18, leftOut: { "outside engineering": 4, contractor: 1, left: 2 } },
  { file: "personio.csv", imports: 18, leftOut: { "outside engineering": 4, contractor: 2, left: 1 } },
  { file: "personio.xlsx", imports: 18, leftOut: { "outside engineering": 4, contractor: 2, left: 1 } },
  { file: "messy.csv", imports: 18, leftOut: { "outside engineering": 3, contractor: 2, left: 1 } },
];

describe("importing HR systems' exports", () => {
  afterEach(async () => {
    // Each file describes the same invented company: take its people out again before the next.
    const db = await getDb();
    await sql`delete from engineer_skill where engineer_id in (select id from engineer where email like '%@lumenforge.example' or employee_id is not null or job_title != '')`.execute(
      db,
    );
    await sql`delete from engineer where email like '%@lumenforge.example' or employee_id is not null or job_title != ''`.execute(
      db,
    );
    await sql`delete from import_mapping`.execute(db);
    await sql`delete from team where id not in (select team_id from engineer where team_id is not null)`.execute(db);
  });

  for (const { file, imports, leftOut } of FIXTURES) {
    it(`imports ${file} with no editing, and a second import of it changes nothing`, async () => {
      const db = await getDb();
      const before = (await listEngineers(db)).length;
      const { data: review, status } = await upload(fixture(file), file);
      expect(status).toBe(200);
      expect(review.fileErrors).toEqual([]);
      expect(review.rows.flatMap((r) => r.errors)).toEqual([]);
      expect(review.counts.create + review.counts.update).toBe(imports);
      expect(leftOutCounts(review)).toEqual(leftOut);
      // Every column a person needs is found, and every title of an engineer has a level.
      const uses = review.columns.map((c) => c.use);
      expect(uses).toEqual(expect.arrayContaining(["jobTitle", "salary", "startDate"]));
      expect(uses.some((u) => u === "name" || u === "firstName")).toBe(true);
      expect(review.titles.map((t) => t.title).sort()).toEqual([...TITLES].sort());
      expect(review.titles.every((t) => t.levelId !== "")).toBe(true);
      expect(review.titles.find((t) => t.title === "Senior Software Engineer")!.levelId).toBe("L4");
      expect(review.titles.find((t) => t.title === "Junior Developer")!.levelId).toBe("L1");

      const done = await send(review, { rows: "all" });
      expect(done).toMatchObject({ status: 302 });
      const engineers = await listEngineers(db);
      expect(engineers.length).toBe(before + review.counts.create);
      const imported = engineers.filter((e) => e.jobTitle !== "");
      expect(imported).toHaveLength(imports);
      expect(imported.every((e) => e.salary >= 50_000 && e.salary <= 300_000)).toBe(true);
      expect(imported.every((e) => /^\d{4}-\d{2}-\d{2}$/.test(e.startDate) && e.startDate <= "2026-12-01")).toBe(true);

      // The same file again: the mapping and the titles are remembered, and nothing changes.
      const { data: again } = await upload(fixture(file), file);
      expect(again.columnsRemembered).toBe(true);
      expect(again.titles.every((t) => t.from === "saved")).toBe(true);
      expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: imports, invalid: 0 });
    });
  }

  it("reads each system's own forms: US and day-first dates, spreadsheet dates, euros, hourly pay flagged", async () => {
    const { data: bamboo } = await upload(fixture("bamboohr.csv"), "bamboohr.csv");
    expect(bamboo.dates).toMatchObject({ order: "month-first", decidedBy: "values" });
    const { data: hibob } = await upload(fixture("hibob.csv"), "hibob.csv");
    // Only two of 25 start dates have a day above 12, and they decide the column.
    expect(hibob.dates).toMatchObject({ order: "day-first", decidedBy: "values" });
    expect(hibob.dates!.description).toContain("23/04/2021");
    const { data: gusto } = await upload(fixture("gusto.csv"), "gusto.csv");
    // No date tells: month first, said so, and the user may choose day first.
    expect(gusto.dates).toMatchObject({ order: "month-first", decidedBy: "default" });
    expect(gusto.dates!.description).toContain("cannot be told from the file");
    const dayFirst = await send(gusto, { dayOrder: "day-first" });
    expect("data" in dayFirst && dayFirst.data.dates).toMatchObject({ order: "day-first", decidedBy: "choice" });
    await send(gusto, { rows: "all" });
    const engineers = await listEngineers(await getDb());
    // 12/07/2020, month first, is 7 December 2020.
    expect(engineers.find((e) => e.name === "Mohammed Al-Rashid")!.startDate).toBe("2020-12-07");

    const { data: personio } = await upload(fixture("personio.csv"), "personio.csv");
    expect(personio.notes.join(" ")).toContain("Salaries are in EUR");
    const { data: messy } = await upload(fixture("messy.csv"), "messy.csv");
    expect(messy.headerLine).toBe(3);
    expect(messy.examples).toBe(1);

    // Keeping BambooHR's contractors brings in an hourly and a monthly rate: flagged, converted only when asked.
    const withContractors = await send(bamboo, { "leaveOut.contractor": null });
    const kept = "data" in withContractors ? withContractors.data : undefined;
    expect(kept!.periodPay).toBe(2);
    expect(kept!.rows.flatMap((r) => r.errors)).toEqual([
      expect.stringMatching(/^line 4: salary "\$11,000\.00": pay a month, not a year: tick/),
      expect.stringMatching(/^line 15: salary "\$95\.00": pay an hour, not a year: tick/),
    ]);
    const converted = await send(kept!, { convertPay: "on" });
    expect("data" in converted && converted.data.rows.flatMap((r) => r.errors)).toEqual([]);
  });

  it("creates the teams the file names with the import, and lets a column's reading be corrected", async () => {
    const db = await getDb();
    const { data: workday } = await upload(fixture("workday.xlsx"), "workday.xlsx");
    expect(workday.newTeams).toEqual(["Platform Engineering", "Payments Engineering", "Mobile Engineering"]);
    // Read the Cost Center as the department instead of the Supervisory Organization.
    const org = workday.columns.findIndex((c) => c.header === "Supervisory Organization");
    const cost = workday.columns.findIndex((c) => c.header === "Cost Center");
    const moved = await send(workday, { [`column.${org}`]: "", [`column.${cost}`]: "department" });
    const review = "data" in moved ? moved.data : undefined;
    expect(review!.newTeams).toEqual([
      "CC4100 Engineering - Platform",
      "CC4200 Engineering - Payments",
      "CC4300 Engineering - Mobile",
    ]);
    // A field chosen for two columns is named.
    const twice = await send(workday, { [`column.${cost}`]: "department" });
    expect("data" in twice && twice.data.fileErrors[0]).toMatch(/Two columns are read as Department/);
    const done = await send(workday, { rows: "all" });
    expect(done).toMatchObject({ status: 302, redirect: expect.stringContaining("3%20teams%20created") });
    const teams = await db.selectFrom("team").select("name").execute();
    expect(teams.map((t) => t.name)).toEqual(expect.arrayContaining(["Platform Engineering", "Mobile Engineering"]));
  });

  it("lists who left next month: the file's leavers marked on its day, the unlisted left alone until marked", async () => {
    const db = await getDb();
    const { data: first } = await upload(fixture("bamboohr.csv"), "bamboohr.csv");
    await send(first, { rows: "all" });
    const onTeam = async () => new Set((await listEngineers(db)).map((e) => e.name));
    expect(await onTeam()).toContain("Olusegun Adeyemi");
    // December's file: Olusegun Adeyemi has left (Inactive, with a termination date); Kwame Asante is not in it.
    const december = fixture("bamboohr.csv")
      .toString("utf8")
      .replace(
        /("1033",.*)"Full-Time","Active",(.*)""\r?$/m,
        (_, head: string, tail: string) => `${head}"Full-Time","Inactive",${tail}"11/15/2026"`,
      )
      .replace(/^"1012",.*\r?\n/m, "");
    const { data: review } = await upload(december, "bamboohr-december.csv");
    const olusegun = review.leavers.find((l) => l.name === "Olusegun Adeyemi");
    expect(olusegun).toMatchObject({ reason: "left", marked: true, on: "2026-11-15" });
    expect(review.leavers.find((l) => l.name === "Kwame Asante")).toMatchObject({ reason: "missing", marked: false });
    // Marking someone on a day before they started is refused, naming why; nothing is written.
    const kwame = review.leavers.find((l) => l.name === "Kwame Asante")!;
    const early = await send(review, {
      [`leaverMarked.${kwame.engineerId}`]: "on",
      [`leaverOn.${kwame.engineerId}`]: "2001-01-01",
      rows: "all",
    });
    expect(early).toMatchObject({ status: 400, data: { message: expect.stringContaining("choose a day they left") } });
    expect("data" in early && early.data.leavers.find((l) => l.name === "Kwame Asante")!.error).toBe(
      "they started on 2020-03-02, after that day",
    );
    expect(await onTeam()).toContain("Kwame Asante");

    const done = await send(review, {
      [`leaverMarked.${kwame.engineerId}`]: "on",
      [`leaverOn.${kwame.engineerId}`]: "2026-11-30",
      rows: "all",
    });
    expect(done).toMatchObject({ status: 302, redirect: expect.stringContaining("2%20marked%20as%20left") });
    const team = await onTeam();
    expect(team.has("Olusegun Adeyemi")).toBe(false);
    expect(team.has("Kwame Asante")).toBe(false);
    const [audit] = await db
      .selectFrom("audit")
      .select(["summary"])
      .where("summary", "like", '%"Olusegun Adeyemi" as left%')
      .execute();
    expect(audit!.summary).toBe('Marked "Olusegun Adeyemi" as left on 2026-11-15');

    // November's file again: both are active in it, so they are back on the team.
    const { data: back } = await upload(fixture("bamboohr.csv"), "bamboohr.csv");
    expect(back.rows.find((r) => r.name === "Kwame Asante")!.changes).toEqual([
      "back on the team (had left on 2026-11-30)",
    ]);
    await send(back, { rows: "all" });
    expect(await onTeam()).toContain("Kwame Asante");
  });

  it("keeps the HR system's keys in the roster download, which imports back unchanged", async () => {
    const { data: review } = await upload(fixture("hibob.csv"), "hibob.csv");
    await send(review, { rows: "all" });
    const download = await rosterCsvLoader(routeArgs(getRequest("/team.csv")));
    const text = await download.text();
    const rows = parse<Record<string, string>>(text, { bom: true, columns: true });
    expect(rows.find((r) => r.Name === "Malik Johnson")).toMatchObject({
      "Employee id": "1001",
      Email: "malik.johnson@lumenforge.example",
      "Job title": "Principal Engineer",
    });
    const { data: back } = await upload(new TextEncoder().encode(text), "teamshape-roster.csv");
    expect(back.counts).toMatchObject({ create: 0, update: 0, invalid: 0 });
    expect(back.counts.unchanged).toBe(rows.length);
  });
});
