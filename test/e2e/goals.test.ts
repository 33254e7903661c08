/**
 * Goals (MODEL.md section 8) outside the scenario page, in a real browser against the built app:
 * two plans imported as files, compared, and the report downloaded as the server prints it.
 *
 * Both plans: four settled mid-level engineers at $120,000, nobody leaving or promoted, no raises,
 * 25% overhead: $50,000 a month. "Four goals" (12 months) meets capacity of at least 2 and a total
 * cost of at most $2M ($600k) and misses at most $100k a plan year and at most 3 people (4 people
 * throughout). "Two years" (24 months, $1.2M) meets capacity of at least 2 and misses a total cost
 * of at most $1M.
 */
import { readFile } from "node:fs/promises";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { defaultLevels, mustParseScenario, SCENARIO_FORMAT, type Goals } from "~/domain";
import { pdfText } from "../setup/files";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./browser";
import { E2E_ADMIN, startApp, type RunningApp } from "./server";

let app: RunningApp;
let browser: Browser;
let page: Page;
const ids: Record<string, string> = {};
const consoleErrors: string[] = [];

function planFile(name: string, horizonMonths: number, goals: Goals): string {
  return JSON.stringify(
    mustParseScenario({
      format: SCENARIO_FORMAT,
      name,
      start: "2027-01",
      horizonMonths,
      levels: defaultLevels().map((l) => ({ ...l, annualAttrition: 0, annualPromotion: 0 })),
      team: [{ level: "L3", count: 4, salary: 120_000 }],
      plan: [],
      assumptions: { overheadRate: 0.25, annualRaiseRate: 0, backfill: { enabled: false } },
      goals,
    }),
  );
}

beforeAll(async () => {
  app = await startApp();
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10_000);
  page.on("console", (message) => message.type() === "error" && consoleErrors.push(message.text()));
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  await page.goto(`${app.url}/login`);
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${app.url}/`);
  const files: [string, number, Goals][] = [
    [
      "Four goals",
      12,
      {
        capacity: { atLeast: 2, fromMonth: 0 },
        budget: { maxTotalCost: 2_000_000, maxLoadedCostPerYear: 100_000 },
        maxHeadcount: 3,
      },
    ],
    ["Two years", 24, { capacity: { atLeast: 2, fromMonth: 0 }, budget: { maxTotalCost: 1_000_000 } }],
  ];
  for (const [name, months, goals] of files) {
    await page.goto(`${app.url}/scenarios/import`);
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Scenario file (.json)").setInputFiles({
      name: `${name}.json`,
      mimeType: "application/json",
      buffer: Buffer.from(planFile(name, months, goals)),
    });
    await page.getByRole("button", { name: "Import" }).click();
    await page.waitForURL(/\/scenarios\/\d+$/);
    ids[name] = /\/scenarios\/(\d+)$/.exec(page.url())![1]!;
  }
}, 180_000);

// An unexpected console error fails the test that caused it.
afterEach(() => expect(consoleErrors.splice(0)).toEqual([]));

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("goals outside the scenario page", () => {
  it("compare shows how many of its goals each plan meets, the misses in words, and says they are judged over each plan's own months", async () => {
    await page.goto(`${app.url}/compare?ids=${ids["Four goals"]}&ids=${ids["Two years"]}`);
    await page.waitForLoadState("networkidle");
    const row = page.getByRole("row", { name: /Meets the goals/ });
    await expect(row.textContent()).resolves.toContain("judged over each plan's own months");
    const cells = row.getByRole("cell");
    await expect(cells.nth(1).textContent()).resolves.toMatch(/^2 of 4/);
    await expect(cells.nth(1).textContent()).resolves.toContain("Headcount is above 3 from 2027-01 to 2027-12.");
    await expect(cells.nth(2).textContent()).resolves.toMatch(/^1 of 2/);
    // Over its own 24 months: over the 12 compared it would be within the budget.
    await expect(cells.nth(2).textContent()).resolves.toContain(
      "The plan costs $1,200,000, over the budget of $1,000,000 from 2028-09.",
    );
    await expect(page.locator("section.verdicts").textContent()).resolves.toContain("misses 1 of 2 goals");
  });

  it("the report's PDF lists every goal, met or not, in words", async () => {
    await page.goto(`${app.url}/scenarios/${ids["Four goals"]}/report`);
    await page.waitForLoadState("networkidle");
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 30_000 }),
      page.getByRole("link", { name: "Download PDF" }).click(),
    ]);
    const { text } = await pdfText(await readFile(await download.path()));
    expect(text).toContain("Goals: 2 of 4 met");
    for (const line of [
      "met Capacity of at least 2 from 2027-01. Capacity is at least 2 from 2027-01 on.",
      "met A total cost of at most $2M. The plan costs $600,000, within the budget of $2,000,000.",
      "not met At most $100k a plan year. 1 plan year costs more than $100,000, the first from 2027-01 ($600,000).",
      "not met At most 3 people. Headcount is above 3 from 2027-01 to 2027-12.",
    ])
      expect(text).toContain(line);
  });
});
