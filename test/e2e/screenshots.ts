/**
 * npm run screenshots -- [baseUrl] [outDir]: full-page screenshots of every page at desktop and
 * phone widths, for looking at the UI (not a test).
 */
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./browser";

const base = process.argv[2] ?? "http://localhost:3000";
const out = process.argv[3] ?? "/tmp/teamshape-shots";
const pages = (process.argv[4] ?? "/,/team,/team/1,/team/new,/ladder,/ladder/L4/edit,/team/1/edit,/nope").split(",");
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
for (const [label, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]] as const) {
  const page = await browser.newPage({ viewport });
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
