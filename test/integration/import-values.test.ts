/**
 * Every form of date and pay the roster import reads, each through a real import into the
 * database, and a refused case for each form, with its message.
 */
import { describe, expect, it } from "vitest";
import { action as importAction } from "~/routes/team.import";
import { listEngineers } from "~/services/engineers.server";
import { getDb } from "~/utils/db.server";
import { dataOf, formRequest, routeArgs, uploadRequest } from "../setup/requests";

interface Review {
  sheet: string;
  fileName: string;
  notes: string[];
  dates: { order: string; decidedBy: string; description: string } | null;
  rows: { line: number; name: string; errors: string[] }[];
  columns: { use: string }[];
  counts: { create: number; invalid: number };
}

let file = 0;
/** Imports a CSV of `Name,Level,Salary,Start date` rows: the review, and after confirming the valid rows, what was stored. */
async function importRows(rows: [salary: string, startDate: string][]) {
  const tag = `V${++file}`;
  const csv = [
    "Name,Level,Salary,Start date",
    ...rows.map(([salary, start], i) => `${tag} ${i},L2,"${salary}","${start}"`),
  ].join("\n");
  const form = new FormData();
  form.set("file", new File([csv], "values.csv"));
  const { data: review } = dataOf<Review>(await importAction(routeArgs(uploadRequest("/team/import", form))));
  const errors = new Map(review.rows.map((r) => [Number(r.name.split(" ")[1]), r.errors.join("; ")]));
  if (review.rows.some((r) => r.errors.length === 0))
    await importAction(
      routeArgs(
        formRequest("/team/import", {
          sheet: review.sheet,
          fileName: review.fileName,
          choices: "1",
          ...Object.fromEntries(review.columns.map((c, i) => [`column.${i}`, c.use])),
          ...(review.dates ? { dayOrder: review.dates.order } : {}),
          createTeams: "on",
          rows: "valid",
        }),
      ),
    );
  const stored = new Map(
    (await listEngineers(await getDb()))
      .filter((e) => e.name.startsWith(`${tag} `))
      .map((e) => [Number(e.name.split(" ")[1]), e]),
  );
  return { review, errors, stored };
}

describe("dates in a roster file", () => {
  it("reads ISO, numbers month first, dots day first, month names, times and spreadsheet serials", async () => {
    const forms: [string, string][] = [
      ["2019-03-14", "2019-03-14"],
      ["2019-3-4", "2019-03-04"],
      ["2019-03-14T09:30:00Z", "2019-03-14"],
      ["03/14/2019", "2019-03-14"],
      ["3/4/2019", "2019-03-04"],
      ["3/14/19", "2019-03-14"],
      ["14.03.2019", "2019-03-14"],
      ["Mar 14, 2019", "2019-03-14"],
      ["March 14 2019", "2019-03-14"],
      ["14 March 2019", "2019-03-14"],
      ["14-Mar-2019", "2019-03-14"],
      ["Sept 3, 2019", "2019-09-03"],
      ["3rd September 2019", "2019-09-03"],
      ["43538", "2019-03-14"],
    ];
    const { review, errors, stored } = await importRows(forms.map(([date]) => ["120000", date]));
    // 03/14/2019 has a day above 12 in the second place: the column is month first.
    expect(review.dates).toMatchObject({ order: "month-first", decidedBy: "values" });
    forms.forEach(([written, iso], i) => {
      expect(errors.get(i), written).toBe("");
      expect(stored.get(i)?.startDate, written).toBe(iso);
    });
  });

  it("reads a column day first when a day above 12 comes first, and says so", async () => {
    const { review, stored } = await importRows([
      ["120000", "14/03/2019"],
      ["120000", "04/03/2019"],
    ]);
    expect(review.dates).toMatchObject({ order: "day-first", decidedBy: "values" });
    expect(review.dates!.description).toBe("Read day first, because 14/03/2019 can only be 14 March 2019.");
    expect(stored.get(1)!.startDate).toBe("2019-03-04");
  });

  it("refuses each form it cannot read for sure, naming the value and why", async () => {
    const { errors, stored } = await importRows([
      ["120000", "2019-02-30"],
      ["120000", "02/30/2019"],
      ["120000", "31.02.2019"],
      ["120000", "Smarch 14, 2019"],
      ["120000", "12345"],
      ["120000", "1890-01-01"],
      ["120000", "2019/14"],
    ]);
    expect([...errors.values()]).toEqual([
      'line 2: start date "2019-02-30": that date does not exist',
      'line 3: start date "02/30/2019": not a date when read month first (MM/DD/YYYY), as the column is',
      'line 4: start date "31.02.2019": not a date when read day first (DD/MM/YYYY)',
      'line 5: start date "Smarch 14, 2019": not a date Teamshape can read: write it like 2019-03-14 or Mar 14, 2019',
      'line 6: start date "12345": a number, but not a spreadsheet date between 1950 and 2100',
      'line 7: start date "1890-01-01": reads as 1890-01-01, which is not a plausible start date',
      'line 8: start date "2019/14": not a date: write it like 2019-03-14, 03/14/2019 or Mar 14, 2019',
    ]);
    expect(stored.size).toBe(0);
  });
});

describe("pay in a roster file", () => {
  it("reads symbols, codes, k, thousands separators and decimals as a year's dollars", async () => {
    const forms: [string, number][] = [
      ["120000", 120_000],
      ["120,000", 120_000],
      ["$120,000", 120_000],
      ["$ 120,000.00", 120_000],
      ["120k", 120_000],
      ["$120.5K", 120_500],
      ["US$ 150,000", 150_000],
      ["USD 150,000", 150_000],
      ["150,000 USD", 150_000],
      ["150 000", 150_000],
      ["150'000", 150_000],
      ["150.000", 150_000],
      ["120000.40", 120_000],
      ["120.000,40", 120_000],
      ["150000 per year", 150_000],
      ["150k p.a.", 150_000],
      ["$150,000/yr", 150_000],
    ];
    const { errors, stored } = await importRows(forms.map(([pay]) => [pay, "2020-01-06"]));
    forms.forEach(([written, dollars], i) => {
      expect(errors.get(i), written).toBe("");
      expect(stored.get(i)?.salary, written).toBe(dollars);
    });
  });

  it("flags hourly, monthly and implausibly small pay, and refuses what is not money", async () => {
    const { errors, stored } = await importRows([
      ["$65/hr", "2020-01-06"],
      ["$9,000 a month", "2020-01-06"],
      ["8000", "2020-01-06"],
      ["abc", "2020-01-06"],
      ["-5", "2020-01-06"],
      ["12,34,56", "2020-01-06"],
      ["€5 $5", "2020-01-06"],
      ["$65/hr per year", "2020-01-06"],
    ]);
    expect([...errors.values()]).toEqual([
      expect.stringMatching(/^line 2: salary "\$65\/hr": pay an hour, not a year: tick "Turn hourly/),
      expect.stringMatching(/^line 3: salary "\$9,000 a month": pay a month, not a year/),
      'line 4: salary "8000": looks like pay for a month or an hour, not a year: say which in a pay period column, or write the year\'s salary',
      'line 5: salary "abc": not an amount of money: write it like 120000 or $120,000',
      'line 6: salary "-5": must be more than 0',
      'line 7: salary "12,34,56": not an amount of money: write it like 120000 or $120,000',
      'line 8: salary "€5 $5": names two currencies (EUR and USD)',
      'line 9: salary "$65/hr per year": says both an hour and a year',
    ]);
    expect(stored.size).toBe(0);
  });

  it("holds back salaries in a second currency, and says what one other currency means", async () => {
    const mixed = await importRows([
      ["USD 150,000", "2020-01-06"],
      ["$140,000", "2020-01-06"],
      ["72.000,00 €", "2020-01-06"],
    ]);
    expect(mixed.review.notes.join(" ")).toContain("Salaries are in 2 currencies (USD: 2, EUR: 1)");
    expect(mixed.errors.get(2)).toBe(
      'line 4: salary "72.000,00 €": in EUR, while most salaries are in USD: convert it first',
    );
    expect(mixed.stored.size).toBe(2);
    const euros = await importRows([
      ["72.000,00 €", "2020-01-06"],
      ["EUR 80,000", "2020-01-06"],
    ]);
    expect(euros.review.notes).toContain(
      "Salaries are in EUR. Teamshape writes every amount with $: they are used as they are, so read $ as EUR.",
    );
    expect(euros.stored.get(0)!.salary).toBe(72_000);
  });
});
