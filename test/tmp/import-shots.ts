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
await page.screenshot({ path: "/tmp/shots/import-0-upload.png", fullPage: true });
for (const f of process.argv.slice(2)) {
  await page.goto(`${base}/team/import`);
  await page.getByLabel("Team file (.csv or .xlsx)").setInputFiles(`test/fixtures/hr/${f}`);
  await page.getByRole("button", { name: "Preview the import" }).click();
  await page.getByRole("heading", { name: /^Importing/ }).waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `/tmp/shots/import-${f}.png`, fullPage: true });
  await page.screenshot({ path: `/tmp/shots/import-${f}-top.png` });
  await page.getByRole("heading", { name: "What importing will do" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/shots/import-${f}-preview.png` });
}
await browser.close();
