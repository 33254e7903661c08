import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../e2e/browser";
const base = "http://localhost:3991";
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(`${base}/login`);
await page.getByLabel("Email").fill("admin@example.com");
await page.getByLabel("Password").fill("demo password 123");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL((url) => !url.pathname.startsWith("/login"));
await page.goto(`${base}/team/import`);
await page.getByLabel("Team file (.csv or .xlsx)").setInputFiles("test/fixtures/hr/bamboohr.csv");
await page.getByRole("button", { name: "Preview the import" }).click();
await page.getByRole("heading", { name: /^Importing/ }).waitFor();
await page.getByRole("button", { name: /^Import \d+ rows/ }).click();
await page.waitForURL(/imported=/);
await page.screenshot({ path: "/tmp/shots/import-done.png" });
const december = readFileSync("test/fixtures/hr/bamboohr.csv", "utf8")
  .replace(/("1033",.*)"Full-Time","Active",(.*)""\r?$/m, (_, h, t) => `${h}"Full-Time","Inactive",${t}"11/15/2026"`)
  .replace(/^"1012",.*\r?\n/m, "")
  .replace('"$195,000.00"', '"$199,000.00"');
await page.goto(`${base}/team/import`);
await page.getByLabel("Team file (.csv or .xlsx)").setInputFiles({ name: "bamboohr-december.csv", mimeType: "text/csv", buffer: Buffer.from(december) });
await page.getByRole("button", { name: "Preview the import" }).click();
await page.getByRole("heading", { name: /^Importing/ }).waitFor();
await page.waitForTimeout(500);
await page.screenshot({ path: "/tmp/shots/import-december.png", fullPage: true });
await page.getByRole("heading", { name: "5. People who may have left" }).scrollIntoViewIfNeeded();
await page.screenshot({ path: "/tmp/shots/import-leavers.png" });
await page.goto(`${base}/ladder#job-titles`, { waitUntil: "networkidle" });
await page.screenshot({ path: "/tmp/shots/ladder-titles.png" });
await browser.close();
