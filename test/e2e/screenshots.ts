/**
 * npm run screenshots -- [baseUrl] [outDir] [paths]: full-page screenshots of pages at desktop and
 * phone widths, for looking at the UI (not a test). Signs in first as TEAMSHAPE_ADMIN_EMAIL /
 * TEAMSHAPE_ADMIN_PASSWORD when they are set.
 */
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./browser";

const base = process.argv[2] ?? "http://localhost:3000";
const out = process.argv[3] ?? "/tmp/teamshape-shots";
const pages = (process.argv[4] ?? "/,/team,/team/1,/team/new,/ladder,/ladder/L4/edit,/team/1/edit,/nope").split(",");
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const context = await browser.newContext();
const { TEAMSHAPE_ADMIN_EMAIL: email, TEAMSHAPE_ADMIN_PASSWORD: password } = process.env;
if (email && password) {
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.close();
}
for (const [label, viewport] of [
  ["desktop", { width: 1280, height: 900 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  for (const path of pages) {
    await page.goto(base + path, { waitUntil: "networkidle" });
    await page.waitForTimeout(400);
    const file = `${out}/${label}${path.replace(/\//g, "_") || "_"}.png`;
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
  await page.close();
}
await browser.close();
