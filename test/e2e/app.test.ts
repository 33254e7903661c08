import { sql } from "kysely";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "~/utils/db.server";
import { readFile } from "node:fs/promises";
import { addMonths, evaluateGoals, mustParseScenario, projectScenario, type Scenario } from "~/domain";
import { formatMoney, formatMonth } from "~/utils/format";
import { pdfPageLayout, pdfText, readWorkbook } from "../setup/files";
import { axeViolations, legendContrasts } from "./a11y";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./browser";
import { E2E_ADMIN, startApp, type RunningApp } from "./server";

let app: RunningApp;
let browser: Browser;
let page: Page;
let consoleErrors: string[];
/** The admin's signed-in cookies, shared by every test's fresh page. */
let signedIn: Awaited<ReturnType<BrowserContext["storageState"]>>;

beforeAll(async () => {
  app = await startApp();
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const context = await browser.newContext();
  const first = await context.newPage();
  await first.goto(`${app.url}/team`);
  // Signing in brings the admin back to the page they asked for.
  await first.getByLabel("Email").fill(E2E_ADMIN.email);
  await first.getByLabel("Password").fill(E2E_ADMIN.password);
  await first.getByRole("button", { name: "Sign in" }).click();
  await first.waitForURL(`${app.url}/team`);
  signedIn = await context.storageState();
  await context.close();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, storageState: signedIn });
  page.setDefaultTimeout(8_000);
  consoleErrors = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
});

/**
 * Waits for the save bar to say the scenario is saved. The pill must read exactly "Saved": a
 * substring match would also take "Unsaved what-if" and reload before the save lands.
 */
const saved = (on: Page) => on.locator(".pill", { hasText: /^Saved$/ }).waitFor();

afterEach(async () => {
  await page.close();
  // An unexpected console error fails the test that caused it.
  expect(consoleErrors).toEqual([]);
});

describe("the dashboard in a browser", () => {
  it("shows the demo team's vital signs with drawn charts", async () => {
    await page.goto(app.url);
    await expect(page.getByRole("note").textContent()).resolves.toContain("Demo data");
    await expect(page.getByRole("heading", { name: "Your team today" }).isVisible()).resolves.toBe(true);
    const headcountCard = page.locator(".stat", { hasText: "Headcount" });
    await expect(headcountCard.locator(".stat-value").textContent()).resolves.toBe("15");
    await page.locator(".recharts-surface").first().waitFor();
    // One bar per level in the headcount chart.
    await expect(
      page.locator("figure", { hasText: "Headcount by level" }).locator(".recharts-bar-rectangle").count(),
    ).resolves.toBe(5);
  });
});

describe("the team", () => {
  it("adds an engineer: a bad salary is refused with the input kept, then the engineer is saved and given skills", async () => {
    await page.goto(`${app.url}/team`);
    await page.getByRole("link", { name: "Add engineer" }).first().click();
    await page.getByLabel("Name").fill("Zoë O'Brien, PhD");
    await page.getByLabel("Level").selectOption("L2");
    await page.getByLabel("Salary (dollars a year)").fill("lots");
    await page.getByRole("button", { name: "Add engineer" }).click();

    const salaryError = page.locator("#field-salary-error");
    await salaryError.waitFor();
    await expect(salaryError.textContent()).resolves.toContain("Salary must be a number of dollars");
    await expect(page.getByLabel("Name").inputValue()).resolves.toBe("Zoë O'Brien, PhD");
    await expect(page.getByLabel("Level").inputValue()).resolves.toBe("L2");

    await page.getByLabel("Salary (dollars a year)").fill("112k");
    await page.getByRole("button", { name: "Add engineer" }).click();
    await page.getByRole("heading", { name: "Zoë O'Brien, PhD" }).waitFor();
    await expect(page.locator(".notice").first().textContent()).resolves.toContain("Added");
    await expect(page.getByText("$112,000").isVisible()).resolves.toBe(true);

    await page.getByLabel("Testing").selectOption("3");
    await page.getByLabel("API design (REST/gRPC)").selectOption("3");
    await page.getByRole("button", { name: "Save skills" }).click();
    await page.getByText("Skills saved.").waitFor();
    await expect(page.getByLabel("Testing").inputValue()).resolves.toBe("3");
    await page
      .locator("figure", { hasText: "Skills against the ladder" })
      .locator(".recharts-bar-rectangle")
      .first()
      .waitFor();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team", exact: true }).click();
    await page.getByLabel("Search engineers").fill("zoë");
    await page.waitForURL(/\/team\?q=zo%C3%AB$/);
    await expect.poll(() => page.locator("table.data tbody tr").count()).toBe(1);
    // The refused form answered 400, which the browser reports as a failed resource: expected here.
    consoleErrors = consoleErrors.filter((e) => !e.includes("status of 400"));
  });

  it("filters the roster by level and sorts by salary", async () => {
    await page.goto(`${app.url}/team`);
    await page.getByLabel("Filter by level").selectOption("L4");
    await page.waitForURL(/level=L4/);
    // Columns: Name, Team, Level, Salary...
    const levels = () => page.locator("table.data tbody tr td:nth-child(3)").allTextContents();
    await expect.poll(async () => (await levels()).every((text) => text.startsWith("L4"))).toBe(true);
    expect((await levels()).length).toBeGreaterThan(0);

    await page.getByLabel("Filter by level").selectOption("");
    await page.waitForURL(`${app.url}/team`);
    const salaryHeader = page.locator("th", { hasText: "Salary" });
    const salaries = async () =>
      (await page.locator("table.data tbody tr td:nth-child(4)").allTextContents()).map((t) =>
        Number(t.split(" ")[0]!.replace(/[^\d]/g, "")),
      );
    await salaryHeader.getByRole("link").click();
    await page.waitForURL(/sort=salary&dir=desc/);
    await expect.poll(() => salaryHeader.getAttribute("aria-sort")).toBe("descending");
    const highestFirst = await salaries();
    expect(highestFirst).toEqual([...highestFirst].sort((a, b) => b - a));
    await salaryHeader.getByRole("link").click();
    await page.waitForURL(/sort=salary&dir=asc/);
    await expect.poll(() => salaryHeader.getAttribute("aria-sort")).toBe("ascending");
    const lowestFirst = await salaries();
    expect(lowestFirst).toEqual([...lowestFirst].sort((a, b) => a - b));

    await page.getByLabel("Search engineers").fill("nobody by this name");
    await page.getByText("No engineers match these filters.").waitFor();
    await page.getByRole("link", { name: "Show everyone" }).click();
    await page.waitForURL(`${app.url}/team`);
    await expect.poll(() => page.getByLabel("Search engineers").inputValue()).toBe("");
    await expect.poll(() => page.locator("table.data tbody tr").count()).toBeGreaterThan(1);
  });

  it("filters, sorts and pages the roster without JavaScript too", async () => {
    const plain = await browser.newPage({
      viewport: { width: 1280, height: 900 },
      storageState: signedIn,
      javaScriptEnabled: false,
    });
    try {
      await plain.goto(`${app.url}/team`);
      await plain.getByLabel("Filter by level").selectOption("L3");
      await plain.getByLabel("Rows per page").selectOption("50");
      await plain.getByRole("button", { name: "Apply" }).click();
      await plain.waitForURL(/level=L3/);
      expect(new URL(plain.url()).searchParams.get("size")).toBe("50");
      const levels = await plain.locator("table.data tbody tr td:nth-child(3)").allTextContents();
      expect(levels.length).toBeGreaterThan(0);
      expect(levels.every((text) => text.startsWith("L3"))).toBe(true);
      await plain.locator("th", { hasText: "Name" }).getByRole("link").click();
      await plain.waitForURL(/sort=name&dir=asc/);
      const names = await plain.locator("table.data tbody tr td:nth-child(1)").allTextContents();
      expect(names).toEqual(
        [...names].sort((a, b) => a.localeCompare(b, "en", { numeric: true, sensitivity: "base" })),
      );
      expect(new URL(plain.url()).searchParams.get("level")).toBe("L3");
    } finally {
      await plain.close();
    }
  });
});

describe("scenarios", () => {
  const totalCost = () => page.locator(".stat", { hasText: "Total cost" }).locator(".stat-value").textContent();

  it("builds a plan from the team: a hire and an assumption change the figures at once, without a reload, and save", async () => {
    await page.goto(`${app.url}/scenarios/new`);
    await page.getByLabel("Name").fill("Two seniors in spring");
    await page.getByRole("button", { name: "Create scenario" }).click();
    await page.getByRole("heading", { name: "Two seniors in spring" }).waitFor();
    await page.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));
    await page.locator(".recharts-surface").first().waitFor();

    const before = await totalCost();
    await page.getByRole("button", { name: "+ Hire" }).click();
    await page.getByLabel("Level of event 1").selectOption("L4");
    // Typed key by key, as a person does: the field keeps its focus between keystrokes.
    await page.getByLabel("How many for event 1").fill("");
    await page.getByLabel("How many for event 1").pressSequentially("12");
    await expect(page.getByLabel("How many for event 1").inputValue()).resolves.toBe("12");
    await page.getByText("Unsaved what-if").waitFor();
    await expect.poll(totalCost).not.toBe(before);
    const withHires = await totalCost();

    await page.getByLabel("Overhead (% of salary)").fill("abc");
    await page.locator(".field-error", { hasText: "must be a number" }).waitFor();
    await page.getByLabel("Overhead (% of salary)").fill("50");
    await expect.poll(totalCost).not.toBe(withHires);
    const withOverhead = await totalCost();
    await page.getByLabel("Attrition (%/yr) for L4").fill("120");
    await page.locator(".field-error", { hasText: "must be at most 1" }).first().waitFor();
    await page.getByLabel("Attrition (%/yr) for L4").fill("12");
    await expect.poll(totalCost).toBe(withOverhead);
    expect(await page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);

    // Leaving with unsaved changes asks first; staying keeps them.
    let asked = "";
    page.once("dialog", (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team", exact: true }).click();
    await expect.poll(() => asked).toContain("Leave without saving");
    await page.getByText("Unsaved what-if").waitFor();

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await saved(page);
    await page.reload();
    await expect(page.getByLabel("How many for event 1").inputValue()).resolves.toBe("12");
    await expect(page.getByLabel("Overhead (% of salary)").inputValue()).resolves.toBe("50");
  });

  it("promotes someone found by name in the person picker, by keyboard; a name that is no one is kept and refused", async () => {
    await page.goto(`${app.url}/scenarios/new`);
    await page.getByLabel("Name").fill("Promote Aisha");
    await page.getByRole("button", { name: "Create scenario" }).click();
    await page.getByRole("heading", { name: "Promote Aisha" }).waitFor();
    await page.getByRole("button", { name: "+ Promotion" }).click();
    const person = page.getByRole("combobox", { name: "Person of event 1" });
    const list = page.getByRole("listbox", { name: "Person of event 1" });

    // A name that is no one stays in the box, and the row says which field is wrong.
    await person.fill("Nobody Here");
    await expect(list.getByRole("option").count()).resolves.toBe(0);
    await page.keyboard.press("Tab");
    await page.getByRole("alert").filter({ hasText: 'member: unknown member "Nobody Here"' }).waitFor();
    await expect(person.inputValue()).resolves.toBe("Nobody Here");
    await expect(person.getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(page.getByRole("button", { name: "Save", exact: true }).isDisabled()).resolves.toBe(true);

    // Typing filters the whole team down to the matches; the arrows move through them and Enter picks one.
    await person.fill("ai");
    await expect(person.getAttribute("aria-expanded")).resolves.toBe("true");
    await expect(
      list
        .getByRole("option")
        .allTextContents()
        .then((names) => names.sort()),
    ).resolves.toEqual(["Aiko Tanaka", "Aisha Bello"]);
    await expect(page.getByRole("status").filter({ hasText: "2 matches" }).count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    const activeName = async () => {
      const active = await person.getAttribute("aria-activedescendant");
      return active ? page.locator(`[id="${active}"]`).textContent() : null;
    };
    await person.press("ArrowDown");
    if ((await activeName()) !== "Aisha Bello") await person.press("ArrowDown");
    await expect(activeName()).resolves.toBe("Aisha Bello");
    await person.press("Enter");
    await expect(person.inputValue()).resolves.toBe("Aisha Bello");
    await expect(person.getAttribute("aria-expanded")).resolves.toBe("false");
    await expect(page.getByRole("alert").filter({ hasText: "unknown member" }).count()).resolves.toBe(0);
    // Escape closes the list, then puts back the person chosen.
    await person.fill("tom");
    await person.press("Escape");
    await expect(person.getAttribute("aria-expanded")).resolves.toBe("false");
    await person.press("Escape");
    await expect(person.inputValue()).resolves.toBe("Aisha Bello");

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await saved(page);
    const id = page.url().split("/").pop();
    const file = (await (await page.request.get(`${app.url}/scenarios/${id}.json`)).json()) as Scenario;
    const promoted = file.plan[0]!;
    expect(promoted.type).toBe("promote");
    const member = promoted.type === "promote" ? promoted.member : "";
    expect(file.team.find((t) => t.id === member || t.name === member)?.name).toBe("Aisha Bello");
    await page.reload();
    await expect(page.getByLabel("Person of event 1").inputValue()).resolves.toBe("Aisha Bello");
    // Deleted again, so that the comparisons further on see the scenarios they expect.
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Delete" }).click();
    await page.waitForURL(`${app.url}/scenarios`);
  });

  it("shows next fiscal year's cost with its months, its quarters adding up to it, and follows a what-if", async () => {
    await page.goto(`${app.url}/scenarios`);
    await page.getByRole("link", { name: "Hire 4 juniors" }).click();
    await page.waitForLoadState("networkidle");
    const card = page.getByTestId("next-fiscal-year");
    // The e2e workspace keeps the default January start: fiscal years are calendar years.
    await expect(card.textContent()).resolves.toMatch(
      /Next fiscal year\$[\d.]+[Mk]FY(\d{4}) \(Jan - Dec \1\): total cost/,
    );
    const nextYear = /FY\d{4}/.exec((await card.textContent())!)![0];
    const panel = page.getByRole("region", { name: /by fiscal year and quarter/ });
    const dollars = (text: string | null) => Number(text!.replace(/[$,]/g, ""));
    const yearRow = panel.getByRole("row").filter({ hasText: nextYear }).filter({ hasText: "next year" });
    const yearCost = dollars(await yearRow.getByRole("cell").nth(1).textContent());
    await panel.getByRole("button", { name: "By quarter" }).click();
    const quarters = panel.getByRole("row").filter({ hasText: new RegExp(`${nextYear} Q[1-4]`) });
    await expect(quarters.count()).resolves.toBe(4);
    let sum = 0;
    for (let q = 0; q < 4; q++) sum += dollars(await quarters.nth(q).getByRole("cell").nth(1).textContent());
    // Each shown figure is rounded to the dollar.
    expect(Math.abs(sum - yearCost)).toBeLessThanOrEqual(2);

    const before = await card.locator(".stat-value").textContent();
    await page.getByRole("button", { name: "+ Hire" }).click();
    // The new hire is the plan's last event.
    await page
      .getByLabel(/^Level of event \d+$/)
      .last()
      .selectOption("L5");
    await page
      .getByLabel(/^How many for event \d+$/)
      .last()
      .fill("6");
    await expect.poll(() => card.locator(".stat-value").textContent()).not.toBe(before);
  });

  it("simulates futures in a worker with progress, then shows the range", async () => {
    await page.goto(`${app.url}/scenarios`);
    await page.getByRole("link", { name: "Hire 4 juniors" }).click();
    await page.getByRole("button", { name: /Simulate 1,000 futures/ }).click();
    const range = page.getByText(/Total cost .* to .* \(80% of futures\)/);
    await range.waitFor({ timeout: 30_000 });
    await page
      .locator("figure", { hasText: "Capacity" })
      .locator(".recharts-legend-item-text", { hasText: "Likely range" })
      .waitFor();
    // The browser splits the trials over its cores' workers; the report's simulation, made on the
    // server from the same seed, gives the same range.
    const [, low, high] = /Total cost (\S+) to (\S+) \(80% of futures\)/.exec((await range.textContent()) ?? "")!;
    await page.goto(`${page.url()}/report`);
    await page.getByText(`in 80% of 1,000 simulated futures, between ${low} and ${high}`).waitFor();
  });

  it("compares the demo scenarios with deltas against a baseline", async () => {
    await page.goto(`${app.url}/compare`);
    await page.getByText("baseline", { exact: true }).waitFor();
    const costRow = page.locator("table.comparison tr", { hasText: "Total cost" });
    await expect(costRow.locator(".pill.good, .pill.bad").count()).resolves.toBeGreaterThan(0);
    // Above the table, a line per plan against the baseline, in words.
    const verdicts = page.getByRole("region", { name: "In short" }).locator("li");
    await expect(verdicts.count()).resolves.toBeGreaterThanOrEqual(3);
    await expect(verdicts.nth(1).textContent()).resolves.toMatch(/: \$[\d.]+[kM] (cheaper|more expensive) and /);
    await page.getByRole("link", { name: "make baseline" }).first().click();
    await page.waitForURL(/baseline=/);
    await expect(
      page.locator("figure", { hasText: "Cost so far" }).locator(".recharts-line").count(),
    ).resolves.toBeGreaterThanOrEqual(3);
  });
});

describe("safe edits of a scenario", () => {
  const juniorAttrition = () => page.getByLabel("Attrition (%/yr) for L1").inputValue();
  let scenarioUrl = "";

  it("sets every level's attrition at once, says what mentoring does to it, and saves with Ctrl+S", async () => {
    await page.goto(`${app.url}/scenarios/new`);
    await page.getByLabel("Name").fill("Safe edits");
    await page.getByRole("button", { name: "Create scenario" }).click();
    await page.getByRole("heading", { name: "Safe edits" }).waitFor();
    await page.waitForLoadState("networkidle");
    scenarioUrl = page.url();

    await page.getByLabel(/People leaving per year/).fill("15");
    await expect.poll(juniorAttrition).toBe("15");
    await expect(page.getByLabel("Attrition (%/yr) for L5").inputValue()).resolves.toBe("15");
    // A new scenario runs the mentoring program, which keeps 40% of leaving juniors at full mentoring: 15% x 0.6 = 9%.
    await expect(page.getByTestId("mentoring-effect").textContent()).resolves.toContain(
      "juniors leave at 9% a year at full mentoring, 15% with none",
    );
    // One level set apart shows as its own figure.
    await page.getByLabel("Attrition (%/yr) for L1").fill("20");
    await page.getByText("Junior Engineer 20% (own figure)").waitFor();
    await page.getByLabel("Attrition (%/yr) for L1").fill("15");

    await page.getByLabel("Attrition (%/yr) for L1").press("Control+s");
    await saved(page);
    await page.reload();
    await page.waitForLoadState("networkidle");
    await expect(page.getByLabel(/People leaving per year/).inputValue()).resolves.toBe("15");
  });

  it("asks before refreshing from the roster, and keeps the scenario's attrition", async () => {
    await page.goto(scenarioUrl);
    await page.waitForLoadState("networkidle");
    await page.getByRole("link", { name: "Refresh the team from the roster…" }).click();
    const summary = page.getByRole("region", { name: "Refresh the team from the roster?" });
    await summary.waitFor();
    await expect(summary.textContent()).resolves.toMatch(/\d+ people in \d+ teams become the roster's \d+ people/);
    await expect(summary.textContent()).resolves.toContain("people leaving per year 15% here, 18% on the ladder");
    // Nothing is replaced until the button is pressed.
    await expect(page.locator("#history tbody tr").count()).resolves.toBe(2);
    await summary.getByRole("button", { name: "Replace the team" }).click();
    await page.getByText("the level settings are this scenario's own").waitFor();
    await expect(juniorAttrition()).resolves.toBe("15");
    // The summary goes once the page has reloaded its data after the refresh (it may lag the message).
    await expect.poll(() => page.getByRole("region", { name: "Refresh the team from the roster?" }).count()).toBe(0);
  });

  it("restores a version from the history as a new version", async () => {
    await page.goto(scenarioUrl);
    await page.waitForLoadState("networkidle");
    const history = page.locator("#history");
    // Created, then saved with 15% (the refresh found the roster as it was, so it changed nothing).
    await expect(history.locator("tbody tr").count()).resolves.toBe(2);
    await history.getByRole("button", { name: "Restore version 1" }).click();
    await page.getByText("Version 1 restored, as a new version.").waitFor();
    // Version 1 is the scenario as created, with the ladder's 18%.
    await expect.poll(juniorAttrition).toBe("18");
    await expect(history.locator("tbody tr").first().textContent()).resolves.toContain("Restored version 1");
    await expect(history.locator("tbody tr").count()).resolves.toBe(3);
  });

  it("picks a hire's month from the horizon's months and keeps it as months from the start", async () => {
    await page.goto(scenarioUrl);
    await page.waitForLoadState("networkidle");
    await page.getByRole("button", { name: "+ Hire" }).click();
    const month = page.getByLabel("Month of event 1");
    const sixth = (await month.locator("option").nth(5).textContent())!;
    expect(sixth).toMatch(/^[A-Z][a-z]{2} \d{4}$/);
    await month.selectOption({ label: sixth });
    await page.keyboard.press("Control+s");
    await saved(page);
    const id = scenarioUrl.split("/").pop();
    const file = (await (await page.request.get(`${app.url}/scenarios/${id}.json`)).json()) as {
      start: string;
      plan: { month: number }[];
    };
    expect(file.plan[0]!.month).toBe(5);
    await page.reload();
    await expect(page.getByLabel("Month of event 1").locator("option:checked").textContent()).resolves.toBe(sixth);
  });
});

describe("teams in a browser", () => {
  const card = (label: string) => page.locator(".stat", { hasText: label }).locator(".stat-value").textContent();

  it("shows the teams at a glance on the dashboard, and one team's whole dashboard from the picker", async () => {
    await page.goto(app.url);
    const glance = page.getByRole("region", { name: "Teams at a glance" });
    // Mobile: the demo's three juniors (and anyone an earlier test added), no senior.
    const mobileRow = glance.locator("tr", { hasText: "Mobile" });
    await expect(mobileRow.textContent()).resolves.toMatch(/\d+ juniors, no senior/);
    const people = (await mobileRow.locator("td").nth(1).textContent())!.trim();
    // In band overall: the org's ratio hides Mobile.
    await expect(page.locator(".stat.good", { hasText: "Juniors per senior" }).count()).resolves.toBe(1);
    await page.getByLabel("Show").selectOption({ label: "Mobile" });
    await page.getByRole("heading", { name: "Mobile today" }).waitFor();
    expect(page.url()).toMatch(/team=\d+/);
    await expect(card("Headcount")).resolves.toBe(people);
    await expect(card("Juniors per senior")).resolves.toBe("No seniors");
    await expect(card("Mentoring coverage")).resolves.toBe("0%");
    await expect(page.getByText(`Mobile: ${people} juniors and no senior`).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("region", { name: "Teams at a glance" }).count()).resolves.toBe(0);
  });

  it("hires into a team and moves a senior to it: the team's own view and warnings follow, and the plan saves", async () => {
    await page.goto(`${app.url}/scenarios/new`);
    await page.getByLabel("Name").fill("Seniors for Mobile");
    await page.getByRole("button", { name: "Create scenario" }).click();
    await page.getByRole("heading", { name: "Seniors for Mobile" }).waitFor();
    const warnings = page.getByRole("region", { name: "Warnings" });
    await expect(warnings.textContent()).resolves.toContain("Mobile: no seniors from");

    await page.getByLabel("Show").selectOption({ label: "Mobile" });
    await page.getByRole("heading", { name: "Where this plan breaks a target in Mobile" }).waitFor();
    // The card reads whole people; its tooltip keeps the expected value.
    const expectedEnd = async () =>
      Number(
        (await page
          .locator(".stat", { hasText: "End headcount" })
          .locator(".stat-value [title]")
          .getAttribute("title"))!
          .replace(/^Expected: /, "")
          .replace(/,/g, ""),
      );
    await expect(card("End headcount")).resolves.toMatch(/^(about )?\d+$/);
    const headcountBefore = await expectedEnd();

    await page.getByRole("button", { name: "+ Hire" }).click();
    await page.getByLabel("Level of event 1").selectOption("L4");
    await page.getByLabel("Team of event 1").selectOption({ label: "Mobile" });
    await expect.poll(expectedEnd).toBeGreaterThan(headcountBefore + 0.5);

    // Grace Liu, a senior on Platform, moves to Mobile from the first month: Mobile has a senior all along.
    await page.getByRole("button", { name: "+ Move to a team" }).click();
    const person = page.getByRole("combobox", { name: "Person of event 2" });
    await person.fill("grace");
    await page.getByRole("listbox", { name: "Person of event 2" }).getByRole("option", { name: "Grace Liu" }).click();
    await expect(person.inputValue()).resolves.toBe("Grace Liu");
    await page.getByLabel("Team to move to in event 2").selectOption({ label: "to Mobile" });
    await page.getByLabel("Month of event 2").selectOption("0");
    await expect.poll(() => warnings.textContent()).not.toContain("no seniors");

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await saved(page);
    await page.reload();
    await expect(page.getByLabel("Team of event 1").locator("option:checked").textContent()).resolves.toBe("Mobile");
    await expect(page.getByLabel("Person of event 2").inputValue()).resolves.toBe("Grace Liu");
  });

  it("compares what each plan does to one team", async () => {
    await page.goto(`${app.url}/compare`);
    const costs = () => page.locator("table.comparison tr", { hasText: "Total cost" }).locator("td").allTextContents();
    const org = await costs();
    await page.getByLabel("Show").selectOption("Mobile");
    await page.waitForURL(/team=Mobile/);
    await page.getByText(/figures for Mobile\. Compared over/).waitFor();
    const mobile = await costs();
    expect(mobile).not.toEqual(org);
    // Two seniors join Mobile: its ratio is out of band for 2 months, against every month with four juniors elsewhere.
    const outOfBand = await page
      .locator("table.comparison tr", { hasText: "Months with juniors per senior out of band" })
      .locator("td")
      .allTextContents();
    expect(outOfBand.some((cell) => /^2(?!\d)/.test(cell.trim()))).toBe(true);
    expect(outOfBand.some((cell) => /^24(?!\d)/.test(cell.trim()))).toBe(true);
    await page.getByRole("link", { name: "Report" }).click();
    await page.getByText("for Mobile?").waitFor();
  });
});

describe("staffing reports", () => {
  it("downloads the workbook from the projection page, prints the report with its charts, and hands out a PDF with the figures", async () => {
    await page.goto(`${app.url}/scenarios`);
    await page.getByRole("link", { name: "Hire 2 seniors" }).click();
    const totalCost = (await page.locator(".stat", { hasText: "Total cost" }).locator(".stat-value").textContent())!;

    const [xlsx] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download XLSX" }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/^teamshape-hire-2-seniors-\d{4}-\d{2}-plan\.xlsx$/);
    const workbook = await readWorkbook(await xlsx.path());
    expect(workbook.worksheets.map((s) => s.name)).toContain("Assumptions ledger");
    expect(workbook.getWorksheet("Summary")!.getCell("B2").value).toBe("Hire 2 seniors");

    await page.getByRole("link", { name: "Report", exact: true }).click();
    await page.getByRole("heading", { name: "Hire 2 seniors", level: 1 }).waitFor();
    // Every chart of the report has drawn (on a busy machine, in more than the poll's default second).
    await expect
      .poll(() => page.locator(".report svg.recharts-surface").count(), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(5);
    await expect(page.locator(".report .chart-placeholder").count()).resolves.toBe(0);
    await expect(page.locator(".stat", { hasText: "Total cost" }).locator(".stat-value").textContent()).resolves.toBe(
      totalCost,
    );

    // What "Save as PDF" gives: the print layout, with no navigation.
    const printed = await pdfText(await page.pdf({ format: "A4", printBackground: true }));
    expect(printed.text).toContain("Hire 2 seniors");
    expect(printed.text).toContain(totalCost);
    expect(printed.text).toContain("Assumptions ledger");
    expect(printed.text).not.toContain("Dashboard");

    // The direct download: the server prints the same page with Chromium.
    const [pdf] = await Promise.all([
      page.waitForEvent("download", { timeout: 30_000 }),
      page.getByRole("link", { name: "Download PDF" }).click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/^teamshape-hire-2-seniors-\d{4}-\d{2}-report\.pdf$/);
    const bytes = await readFile(await pdf.path());
    const downloaded = await pdfText(bytes);
    expect(downloaded.pages).toBeGreaterThan(1);
    expect(downloaded.text).toContain("Staffing report: Hire 2 seniors");
    expect(downloaded.text).toContain(totalCost);
    expect(downloaded.text).toMatch(/Page 1 of \d/);
    // Pages a manager can hand on: at most 7 A4 pages (the demo's take 7 since the report says what
    // hiring asks of the team, issue 16), none blank, and none but the last left mostly empty by a
    // forced page break.
    const layout = await pdfPageLayout(bytes);
    expect(layout.length).toBeLessThanOrEqual(7);
    layout.forEach((sheet, i) => {
      expect(sheet.text.length, `page ${i + 1} has text`).toBeGreaterThan(100);
      if (i < layout.length - 1) expect(sheet.reach, `page ${i + 1} is filled`).toBeGreaterThan(0.6);
    });
    // The admin may see salaries: each planned hire's, at their level's band midpoint when the plan names none.
    const file = (await (await page.request.get(`${page.url().replace(/\/report$/, "")}.json`)).json()) as Scenario;
    for (const hire of file.plan.filter((e) => e.type === "hire"))
      expect(downloaded.text).toContain(
        formatMoney(hire.salary ?? file.levels.find((l) => l.id === hire.level)!.band.mid),
      );
  });

  it("prints a comparison and downloads its workbook", async () => {
    await page.goto(`${app.url}/compare`);
    await page.getByText("baseline", { exact: true }).waitFor();
    const [xlsx] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download XLSX" }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/^teamshape-compare-.*-vs-.*\.xlsx$/);
    const workbook = await readWorkbook(await xlsx.path());
    const comparison = workbook.getWorksheet("Comparison")!;
    expect(comparison.getRow(1).values).toEqual(
      expect.arrayContaining(["Measure", "Hire 4 juniors", "Hire 2 seniors"]),
    );
    await page.getByRole("link", { name: "Report", exact: true }).click();
    await page.getByText("Which of these").waitFor();
    await expect.poll(() => page.locator(".report svg.recharts-surface").count()).toBeGreaterThanOrEqual(4);
    const printed = await pdfText(await page.pdf({ format: "Letter" }));
    for (const name of ["COMPARISON REPORT", "Hire 4 juniors", "Hire 2 seniors", "Side by side"])
      expect(printed.text).toContain(name);
  });

  it("imports the team from a spreadsheet: a preview with the problems, then only the valid rows", async () => {
    await page.goto(`${app.url}/team`);
    await page.getByRole("link", { name: "Import", exact: true }).click();
    const csv =
      "\uFEFFName;Level;Salary;Start date\r\nImported Ines;senior engineer;$180,000;2025-02-03\r\nBroken Bo;L1;abc;2025-02-03\r\n";
    await page
      .getByLabel("Team file (.csv or .xlsx)")
      .setInputFiles({ name: "team.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Preview the import" }).click();
    await page.getByText('salary "abc": not an amount of money').waitFor();
    await page.getByText("1 new engineer", { exact: true }).waitFor();
    await page.getByLabel(/Show only the 1 row with problems/).uncheck();
    await page.getByRole("cell", { name: "Imported Ines", exact: true }).waitFor();
    await page.getByRole("button", { name: "Import only the 1 valid row" }).click();
    await page.getByText("Imported the file: 1 added, 0 updated, 1 skipped.").waitFor();
    await page.getByLabel("Search engineers").fill("Imported Ines");
    await page.getByRole("cell", { name: "$180,000" }).waitFor();
  });
});

describe("importing an HR system's export", () => {
  const FIXTURES: [file: string, titleColumn: string][] = [
    ["bamboohr.csv", "Job Title"],
    ["workday.xlsx", "Business Title"],
    ["rippling.csv", "Title"],
    ["hibob.csv", "Job title"],
    ["gusto.csv", "Job title"],
    ["personio.csv", "Position"],
    ["messy.csv", "Role"],
  ];
  const fixture = (file: string) => new URL(`../fixtures/hr/${file}`, import.meta.url).pathname;
  const uploadFile = async (path: string) => {
    await page.goto(`${app.url}/team/import`);
    await page.getByLabel("Team file (.csv or .xlsx)").setInputFiles(path);
    await page.getByRole("button", { name: "Preview the import" }).click();
    await page.getByRole("heading", { name: /^Importing / }).waitFor();
  };

  for (const [i, [file, titleColumn]] of FIXTURES.entries())
    it(`takes ${file} through the columns, the titles and the preview, and a second import changes nothing`, async () => {
      await uploadFile(fixture(file));
      // 1. Columns: the job title column is found and shown with its select.
      await expect.poll(() => page.getByLabel(`Read the column "${titleColumn}" as`).inputValue()).toBe("jobTitle");
      // 2. Titles: choosing a title's level (other than the one kept from the last file) re-plans at once.
      const level = i % 2 === 0 ? "L4" : "L3";
      const manager = page.getByLabel('Level of "Engineering Manager"');
      await manager.selectOption(level);
      await page
        .getByRole("row", { name: /Engineering Manager/ })
        .getByText("your choice")
        .waitFor();
      await expect.poll(() => manager.inputValue()).toBe(level);
      // 3. Rows: people outside engineering are left out, with their count.
      await page.getByLabel(/^Leave out \d+ (people|person) outside engineering/).waitFor();
      // 4. Preview and import.
      await page.getByRole("button", { name: "Import 18 rows" }).click();
      await page.waitForURL(/\/team\?imported=/);
      await page.getByText(/Imported the file: \d+ added/).waitFor();

      await uploadFile(fixture(file));
      await page.getByText("Nothing to import yet:").waitFor();
      await page.getByText("18 already match the team").waitFor();
      await expect.poll(() => page.getByLabel('Level of "Engineering Manager"').inputValue()).toBe(level);
      await page.getByText("kept from the last import").first().waitFor();
      await page.getByText("Read as you chose for the last file with these columns.").waitFor();
    });

  it("reads next month's file: a raise updates, a new hire is added, and the same file as Excel changes nothing", async () => {
    await uploadFile(fixture("personio.xlsx"));
    // messy.csv has since made Engineering Manager L4; personio.csv's managers were imported at L3.
    await page.getByLabel('Level of "Engineering Manager"').selectOption("L3");
    await page.getByText("Nothing to import yet:").waitFor();
    const next = (await readFile(fixture("personio.csv"), "utf8"))
      .replace('"128.000,00 €"', '"134.000,00 €"')
      .trimEnd()
      .concat(
        '\n4810299,Noa,Berger,noa.berger@lumenforge.example,Software Engineer II,Engineering,Payments,Berlin,04.01.2027,internal,active,,"81.000,00 €"\n',
      );
    await page.goto(`${app.url}/team/import`);
    await page
      .getByLabel("Team file (.csv or .xlsx)")
      .setInputFiles({ name: "personio-december.csv", mimeType: "text/csv", buffer: Buffer.from(next) });
    await page.getByRole("button", { name: "Preview the import" }).click();
    await page.getByLabel('Level of "Engineering Manager"').selectOption("L3");
    await page.getByText("1 new engineer and 1 update").waitFor();
    await page.getByRole("cell", { name: /salary \$128,000 → \$134,000/ }).waitFor();
    // People on the team the file does not list are offered to mark as left, on a day.
    await page.getByRole("heading", { name: "5. People who may have left" }).waitFor();
    await page.getByLabel("Mark Aiko Tanaka as left").check();
    await page.getByText("choose the day they left").waitFor();
    await page.getByLabel("Day Aiko Tanaka left").fill("2026-11-30");
    await page.getByText("choose the day they left").waitFor({ state: "detached" });
    await page.getByText(/^1 new engineer and 1 update; .*; 1 marked as left\.$/).waitFor();
    await page.getByRole("button", { name: "Import 2 rows" }).click();
    // Importing re-plans the file and writes it, then the roster loads: allow a busy machine time.
    await page.getByText("Imported the file: 1 added, 1 updated, 1 marked as left.").waitFor({ timeout: 30_000 });
    await page.getByLabel("Search engineers").fill("Aiko Tanaka");
    await page.getByText("No engineers match").waitFor();
    // The titles the imports kept are on the Ladder page, to change there.
    await page.goto(`${app.url}/ladder#job-titles`, { waitUntil: "networkidle" });
    // This import chose L3 for it; the Ladder page changes it back, and the next import reads that.
    const manager = page.getByLabel('Level of "Engineering Manager"');
    await expect.poll(() => manager.inputValue()).toBe("L3");
    await manager.selectOption("L4");
    await page.getByRole("button", { name: "Save the job titles" }).click();
    await page.getByText("Saved 1 job title.").waitFor();
    await expect.poll(() => page.getByLabel('Level of "Engineering Manager"').inputValue()).toBe("L4");
  }, 90_000);
});

describe("accounts and web safety", () => {
  it("on first start offers to create the admin, who adds a viewer; the viewer sees plans but no salary and no admin pages", async () => {
    const fresh = await startApp({ env: {} });
    try {
      const visitor = await browser.newPage();
      await visitor.goto(`${fresh.url}/team`);
      await visitor.waitForURL(`${fresh.url}/setup`);
      await visitor.getByLabel("Your name").fill("Ada Admin");
      await visitor.getByLabel("Email").fill("ada@example.com");
      await visitor.getByLabel("Password").fill("short");
      await visitor.getByRole("button", { name: "Create the admin account" }).click();
      await visitor.getByText("Use at least 10 characters").waitFor();
      await expect(visitor.getByLabel("Email").inputValue()).resolves.toBe("ada@example.com");
      await visitor.getByLabel("Password").fill("a good long password");
      await visitor.getByRole("button", { name: "Create the admin account" }).click();
      await visitor.getByRole("heading", { name: "Your team today" }).waitFor();

      await visitor.getByRole("link", { name: "Admin" }).click();
      const addUser = visitor.locator("form", { hasText: "Add a user with a first password" });
      await addUser.getByLabel("Name", { exact: true }).fill("Val Viewer");
      await addUser.getByLabel("Email").fill("val@example.com");
      await addUser.getByLabel("Role", { exact: true }).selectOption("viewer");
      await addUser.getByLabel("First password").fill("viewer password 1");
      await visitor.getByRole("button", { name: "Add user" }).click();
      await visitor.getByText("Added Val Viewer as viewer").waitFor();
      await visitor.getByRole("button", { name: "Sign out" }).click();
      await visitor.waitForURL(/\/login/);
      // The URL changes before the sign-in page replaces the admin page's forms.
      await visitor.getByRole("button", { name: "Sign in" }).waitFor();

      await visitor.getByLabel("Email").fill("val@example.com");
      await visitor.getByLabel("Password").fill("wrong password");
      await visitor.getByRole("button", { name: "Sign in" }).click();
      await visitor.getByText("That email and password do not match an account.").waitFor();
      await visitor.getByLabel("Password").fill("viewer password 1");
      await visitor.getByRole("button", { name: "Sign in" }).click();
      // The admin chose that password: Val replaces it before anything else.
      await visitor.waitForURL(`${fresh.url}/account`);
      await visitor.getByLabel("Current password").fill("viewer password 1");
      await visitor.getByLabel("New password", { exact: true }).fill("val's own password");
      await visitor.getByLabel("New password again").fill("val's own password");
      await visitor.getByRole("button", { name: "Change password" }).click();
      await visitor.getByRole("link", { name: "Go to the dashboard" }).click();
      await visitor.getByRole("heading", { name: "Your team today" }).waitFor();

      await visitor.goto(`${fresh.url}/team`);
      await visitor.getByRole("columnheader", { name: /Name/ }).waitFor();
      await expect(visitor.getByRole("columnheader", { name: /Salary/ }).count()).resolves.toBe(0);
      expect(await visitor.content()).not.toMatch(/\$\d{2,3},\d{3}/);
      await expect(visitor.getByRole("link", { name: "Add engineer" }).count()).resolves.toBe(0);
      await visitor.goto(`${fresh.url}/scenarios`);
      await visitor.getByRole("link", { name: "Hire 2 seniors" }).click();
      await visitor.waitForURL(/\/report$/);
      await expect.poll(() => visitor.locator(".report svg.recharts-surface").count()).toBeGreaterThanOrEqual(5);
      await visitor.goto(`${fresh.url}/admin`);
      await visitor.getByRole("heading", { name: "This page is not open to your account" }).waitFor();
      await visitor.close();
    } finally {
      await fresh.stop();
    }
  });

  it("refuses changes from another site, sends security headers, and shows a <script> name as text", async () => {
    const evil = await fetch(`${app.url}/team/new`, {
      method: "POST",
      headers: { Origin: "https://evil.example", Cookie: "x=1" },
      body: new URLSearchParams({ name: "x" }),
      redirect: "manual",
    });
    expect(evil.status).toBe(403);
    const noOrigin = await fetch(`${app.url}/logout`, { method: "POST", redirect: "manual" });
    expect(noOrigin.status).toBe(403);
    const headers = (await fetch(`${app.url}/login`)).headers;
    expect(headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(headers.get("x-content-type-options")).toBe("nosniff");

    await page.goto(`${app.url}/team/new`);
    await page.getByLabel("Name").fill("<script>window.pwned=1</script><img src=x onerror=window.pwned=2>");
    await page.getByLabel("Level").selectOption("L2");
    await page.getByLabel("Salary (dollars a year)").fill("100000");
    await page.getByRole("button", { name: "Add engineer" }).click();
    await page
      .getByRole("heading", { name: "<script>window.pwned=1</script><img src=x onerror=window.pwned=2>" })
      .waitFor();
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  });
});

describe("a large team", () => {
  it("pages through 2,000 more engineers, 25 rows at a time", async () => {
    const db = await openDatabase(app.databaseFile);
    const now = new Date().toISOString();
    const before = Number(
      (
        await db
          .selectFrom("engineer")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("left_on", "is", null)
          .executeTakeFirstOrThrow()
      ).n,
    );
    const team = await db.selectFrom("team").select("id").orderBy("id").executeTakeFirstOrThrow();
    await db.transaction().execute(async (trx) => {
      for (let start = 0; start < 2000; start += 500) {
        const batch = Array.from({ length: 500 }, (_, i) => ({
          name: `Bulk Engineer ${start + i}`,
          level_id: `L${((start + i) % 5) + 1}`,
          team_id: team.id,
          salary: 100_000 + ((start + i) % 40) * 1000,
          start_date: "2024-01-01",
          notes: "",
          created_at: now,
          updated_at: now,
        }));
        await trx.insertInto("engineer").values(batch).execute();
      }
    });
    await db.destroy();

    await page.goto(`${app.url}/team`);
    await expect(page.locator("table.data tbody tr").count()).resolves.toBe(25);
    const total = before + 2000;
    await expect(page.locator(".pager").textContent()).resolves.toContain(
      `${total} engineers · page 1 of ${Math.ceil(total / 25)}`,
    );
    await page.getByRole("link", { name: "Next" }).click();
    await page.waitForURL(/page=2/);
    await expect.poll(() => page.locator(".pager").textContent()).toContain("page 2 of");
    await page.getByLabel("Search engineers").fill("Bulk Engineer 1999");
    await page.waitForURL(/q=Bulk/);
    await expect.poll(() => page.locator("table.data tbody tr").count()).toBe(1);
    await expect.poll(() => page.locator(".pager").textContent()).toContain(`1 of ${total} engineers · page 1 of 1`);
  });
});

describe("an unexpected server error", () => {
  it("shows an error page without a stack trace and logs one line", async () => {
    const db = await openDatabase(app.databaseFile);
    await sql`alter table skill rename to skill_moved`.execute(db);
    try {
      const response = await page.goto(`${app.url}/ladder`);
      expect(response?.status()).toBe(500);
      await expect(page.getByRole("heading", { name: "This page could not be shown" }).isVisible()).resolves.toBe(true);
      const html = await page.content();
      expect(html).not.toMatch(/no such table|at .*\.js:\d+/);
      expect(app.logs()).toMatch(/\[teamshape\] \S+ req=[0-9a-f]{16} GET \/ladder failed: .*no such table/);
    } finally {
      await sql`alter table skill_moved rename to skill`.execute(db);
      await db.destroy();
    }
    consoleErrors = consoleErrors.filter((e) => !e.includes("status of 500"));
  });
});

describe("pages that do not exist", () => {
  it("shows a friendly 404 page", async () => {
    const response = await page.goto(`${app.url}/no/such/page`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "We could not find that page" }).isVisible()).resolves.toBe(true);
    consoleErrors = consoleErrors.filter((e) => !e.includes("404"));
  });
});

describe("setting salary bands from the team", () => {
  it("sets every level's band from the Ladder page's preview, and the dashboard stops asking for it", async () => {
    // Two more staff engineers, one paid above the starting band, so every level has people enough.
    const db = await openDatabase(app.databaseFile);
    const now = new Date().toISOString();
    const team = await db.selectFrom("team").select("id").orderBy("id").executeTakeFirstOrThrow();
    await db
      .insertInto("engineer")
      .values(
        [158_000, 171_000].map((salary, i) => ({
          name: `Staff Hire ${i + 1}`,
          level_id: "L5",
          team_id: team.id,
          salary,
          start_date: "2025-09-01",
          notes: "",
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    await db.destroy();

    await page.goto(app.url);
    const attention = page.getByRole("region", { name: "Needs attention" });
    const bandsItem = attention.getByRole("listitem").filter({ hasText: "still on the starting salary bands" });
    await expect(bandsItem.locator(".attention-count").textContent()).resolves.toBe("5");
    await attention.getByRole("listitem").filter({ hasText: "paid outside their level's band" }).waitFor();
    await bandsItem.getByRole("link", { name: "Set bands from your team" }).click();
    await page.waitForURL(/\/ladder#bands$/);

    await page.getByLabel(/Lowest \/ median \/ highest/).check();
    await page.getByRole("button", { name: "Preview the bands" }).click();
    await page.getByRole("heading", { name: "Proposed bands: lowest / median / highest" }).waitFor();
    // The proposal's own table (the Ladder page's other tables name the levels too).
    const staff = page.locator('[aria-labelledby="proposal-heading"]').getByRole("row", { name: /L5 Staff Engineer/ });
    await expect(staff.getByRole("cell").nth(2).textContent()).resolves.toBe("$135k – $165k, mid $145k");
    await expect(staff.getByRole("cell").nth(5).textContent()).resolves.toBe("none");
    await page.getByRole("button", { name: "Save 5 bands" }).click();
    await page
      .getByText("Saved the bands of L1, L2, L3, L4 and L5 from your team's salaries (lowest / median / highest).")
      .waitFor();
    // The bands' own table (the job titles below name the levels too).
    await expect(
      page
        .locator("#bands")
        .getByRole("row", { name: /^L5 Staff Engineer/ })
        .textContent(),
    ).resolves.toContain("Your team's pay");

    await page.goto(app.url);
    await attention.waitFor();
    await expect(attention.getByText("still on the starting salary").count()).resolves.toBe(0);
    await expect(attention.getByText("paid outside their level's band").count()).resolves.toBe(0);
  });
});

describe("inviting a person", () => {
  it("the admin invites a viewer, who opens the link in another browser, sets a password and lands signed in", async () => {
    await page.goto(`${app.url}/admin`);
    const inviteForm = page.locator("form", { hasText: "Create invite link" });
    await inviteForm.getByLabel("Name").fill("Vera Invited");
    await inviteForm.getByLabel("Email").fill("vera@example.com");
    await inviteForm.getByLabel("Role").selectOption("viewer");
    await page.getByRole("button", { name: "Create invite link" }).click();
    const link = page.getByLabel("Invite link");
    await link.waitFor();
    const url = await link.inputValue();
    expect(url).toMatch(new RegExp(`^${app.url}/invite/[A-Za-z0-9_-]{43}$`));
    await expect(page.getByRole("status").first().textContent()).resolves.toMatch(
      /Send this link to Vera Invited yourself\. It works once, until \d{1,2} \w+ \d{4}, and is shown only now/,
    );
    await page.getByRole("button", { name: "Copy link" }).click();
    await expect.poll(() => page.locator(".copy-link + .hint").textContent()).toMatch(/Copied|Ctrl\+C/);
    await expect(page.getByRole("row", { name: /Vera Invited/ }).textContent()).resolves.toContain("vera@example.com");

    // A fresh browser, signed in as no one.
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const vera = await fresh.newPage();
      const errors: string[] = [];
      vera.on("console", (message) => (message.type() === "error" ? errors.push(message.text()) : undefined));
      vera.on("pageerror", (error) => errors.push(error.message));
      await vera.goto(url);
      await vera.getByRole("heading", { name: "Welcome to Teamshape, Vera Invited" }).waitFor();
      await expect(vera.getByLabel("Your email, to sign in with").inputValue()).resolves.toBe("vera@example.com");
      await vera.getByLabel("Choose a password").fill("vera's own password");
      await vera.getByLabel("The same password again").fill("vera's own password");
      await vera.getByRole("button", { name: "Set password and sign in" }).click();
      await vera.getByRole("heading", { name: "Your team today" }).waitFor();
      expect(new URL(vera.url()).pathname).toBe("/");
      await expect(vera.locator(".user-menu").textContent()).resolves.toContain("Vera Invited · viewer");
      await expect(vera.getByRole("link", { name: "Admin" }).count()).resolves.toBe(0);
      expect(errors).toEqual([]);

      // The link worked once.
      const again = await fresh.newPage();
      await again.goto(url);
      await again.getByRole("heading", { name: "This invite has already been used" }).waitFor();
      await expect(again.getByLabel("Choose a password").count()).resolves.toBe(0);
      await expect(again.getByRole("button", { name: "Set password and sign in" }).count()).resolves.toBe(0);
    } finally {
      await fresh.close();
    }
  });
});

describe("hiring takes time and people", () => {
  /** "Mar 2027" for the month `offset` months after `start` ("2027-01"), worked out here, not by the app. */
  const monthName = (start: string, offset: number) => {
    const [year, month] = start.split("-").map(Number) as [number, number];
    return new Date(Date.UTC(year, month - 1 + offset, 1)).toLocaleString("en-US", {
      month: "short",
      year: "numeric",
      timeZone: "UTC",
    });
  };
  const isoMonth = (start: string, offset: number) => {
    const [year, month] = start.split("-").map(Number) as [number, number];
    return new Date(Date.UTC(year, month - 1 + offset, 1)).toISOString().slice(0, 7);
  };
  /** The capacity the month-by-month table shows for the month `offset` months into the plan. */
  const capacityAt = (offset: number) =>
    page
      .locator(`tr:has(#month-${offset})`)
      .getByRole("cell")
      .nth(3)
      .textContent()
      // The shared app's team may run into the thousands: "1,013.2".
      .then((text) => Number(text!.replace(/,/g, "")));

  it("8 seniors in one quarter with 1 recruiter: the recruiter warning, the interview chart and the capacity they cost before the hires start", async () => {
    await page.goto(`${app.url}/scenarios/new`);
    await page.getByLabel("Name").fill("Eight seniors at once");
    await page.getByRole("button", { name: "Create scenario" }).click();
    await page.getByRole("heading", { name: "Eight seniors at once" }).waitFor();
    await page.waitForLoadState("networkidle");
    const start = await page.locator("#what-if-start").inputValue();
    await expect(page.getByLabel("Working week (hours)").inputValue()).resolves.toBe("40");

    // No backfills: the only joiners and the only interviews are the 8 planned seniors.
    await page.getByLabel("Backfill leavers").selectOption("off");
    await page.getByLabel("Time to fill (months) for L4").fill("3");
    await page.getByLabel("Interview h/hire for L4").fill("100");
    const hiring = page.getByRole("region", { name: "Hiring", exact: true });
    // Recruiters are not checked until they are set, and the panel says so.
    await hiring.getByText("Set the number of recruiters to check this").first().waitFor();
    await page.getByLabel("Recruiters").fill("1");
    await page.getByRole("button", { name: "+ Hire" }).click();
    await page
      .getByLabel(/^Level of event \d+$/)
      .last()
      .selectOption("L4");
    await page
      .getByLabel(/^How many for event \d+$/)
      .last()
      .fill("8");
    await page
      .getByLabel(/^Month of event \d+$/)
      .last()
      .selectOption({ index: 3 });

    // 8 joiners in the plan's second quarter (months 3 to 5) against 1 recruiter x 6 hires a quarter.
    const warning = page
      .getByRole("region", { name: "Warnings" })
      .getByRole("listitem")
      .filter({ hasText: "more than 1 recruiter can hire" });
    await expect
      .poll(() => warning.textContent())
      .toContain(
        `8 people join from ${isoMonth(start, 3)} to ${isoMonth(start, 5)}, more than 1 recruiter can hire (6 a quarter).`,
      );
    // Its month is a link to that month's row.
    await warning.getByRole("link", { name: `See ${monthName(start, 3)}` }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#month-3");
    await expect(page.locator("#month-3:target").textContent()).resolves.toBe(monthName(start, 3));

    // A time to fill of 3 months: the searches open at the plan's start (the hire joins the first team).
    const searches = hiring.getByRole("listitem").filter({ hasText: "To start 8 Senior Engineers" });
    await expect(searches.textContent()).resolves.toMatch(
      new RegExp(
        `^To start 8 Senior Engineers on \\w+ in ${monthName(start, 3)}, open all 8 searches by ${monthName(start, 0)}\\.$`,
      ),
    );
    // 8 x 100 hours over months 0-2: 800 / (3 months x 52/12 weeks x 40 hours) = 1.54 engineers.
    await expect(hiring.textContent()).resolves.toContain(
      `Interviews from ${monthName(start, 0)} to ${monthName(start, 2)} take about 800 hours: 1.5 of an engineer's time for the quarter.`,
    );
    const chart = hiring.locator("figure", { hasText: "Interview hours" });
    await expect(chart.getByRole("img").first().getAttribute("aria-label")).resolves.toMatch(
      /^Interview hours: about 800 hours in all/,
    );
    // Drawn: a bar for each of the three months of interviews, and the share line.
    await expect.poll(() => chart.locator(".recharts-bar-rectangle path").count()).toBe(3);
    await expect(chart.locator(".recharts-line path").count()).resolves.toBeGreaterThan(0);

    const withInterviews = [await capacityAt(0), await capacityAt(1), await capacityAt(2), await capacityAt(6)];
    // The same plan with no interview hours: more capacity in the months of the searches, the same after.
    await page.getByLabel("Interview h/hire for L4").fill("0");
    await hiring.getByText("No interview hours are counted").waitFor();
    const without = [await capacityAt(0), await capacityAt(1), await capacityAt(2), await capacityAt(6)];
    for (const month of [0, 1, 2]) expect(withInterviews[month]!).toBeLessThan(without[month]!);
    expect(withInterviews[3]).toBe(without[3]);
  });
});

describe("accessibility", () => {
  /** Axe finds nothing, and every chart legend's words reach 4.5:1 (axe cannot measure those). */
  const expectAccessible = async (where: Page, label: string) => {
    await where.waitForLoadState("networkidle");
    const violations = await axeViolations(where);
    expect(violations, `axe on ${label}`).toEqual([]);
    for (const legend of await legendContrasts(where))
      expect(legend.ratio, `legend "${legend.text}" on ${label}`).toBeGreaterThanOrEqual(4.5);
  };
  const visit = async (path: string) => {
    await page.goto(`${app.url}${path}`, { waitUntil: "networkidle" });
    return page.url();
  };
  const firstHref = async (selector: string) => (await page.locator(selector).first().getAttribute("href"))!;

  it("axe finds no violation on any page a signed-in admin reaches, charts and legends included", async () => {
    await visit("/");
    await page.locator(".recharts-surface").first().waitFor();
    await expectAccessible(page, "the dashboard");
    await visit("/team");
    await expectAccessible(page, "the team roster");
    const engineer = await firstHref('table.data tbody a[href^="/team/"]');
    await visit(engineer);
    await page.locator(".recharts-surface").first().waitFor();
    await expectAccessible(page, "an engineer");
    await visit(`${engineer}/edit`);
    await expectAccessible(page, "an engineer's form");
    for (const [path, label] of [
      ["/teams", "teams"],
      ["/ladder", "the ladder"],
      ["/ladder/L4/edit", "a level's form"],
      ["/scenarios", "the scenarios"],
      ["/scenarios/new", "a new scenario"],
      ["/scenarios/import", "the scenario import"],
      ["/team/import", "the team import"],
      ["/admin", "admin"],
      ["/admin/audit", "the audit trail"],
      ["/account", "the account"],
    ] as const)
      await visit(path).then(() => expectAccessible(page, label));

    await visit("/scenarios");
    await page.getByRole("link", { name: "Hire 4 juniors" }).click();
    await page.getByRole("heading", { name: "Hire 4 juniors" }).waitFor();
    const scenario = new URL(page.url()).pathname;
    await page.locator(".recharts-surface").first().waitFor();
    await page.getByRole("button", { name: /Simulate 1,000 futures/ }).click();
    await page.getByText(/\(80% of futures\)/).waitFor({ timeout: 30_000 });
    await page.locator(".recharts-legend-item-text", { hasText: "Likely range" }).waitFor();
    await expectAccessible(page, "a scenario, simulated");
    // The legends measured: headcount's levels and teams, cost, mentoring and the capacity's range.
    expect((await legendContrasts(page)).length).toBeGreaterThan(10);
    await visit(`${scenario}/report`);
    await page.locator(".report svg.recharts-surface").first().waitFor();
    await expectAccessible(page, "a scenario's report");
    await visit("/compare");
    await page.locator(".recharts-surface").first().waitFor();
    await expectAccessible(page, "compare");
    await visit("/compare/report");
    await page.locator(".report svg.recharts-surface").first().waitFor();
    await expectAccessible(page, "the comparison's report");

    // The import's review: a file read and shown, nothing imported.
    await visit("/team/import");
    await page
      .getByLabel("Team file (.csv or .xlsx)")
      .setInputFiles(new URL("../fixtures/hr/bamboohr.csv", import.meta.url).pathname);
    await page.getByRole("button", { name: "Preview the import" }).click();
    await page.getByRole("heading", { name: /^Importing / }).waitFor();
    await expectAccessible(page, "the team import's review");

    const signedOut = await browser.newPage();
    try {
      await signedOut.goto(`${app.url}/login`);
      await expectAccessible(signedOut, "the sign-in page");
    } finally {
      await signedOut.close();
    }
  }, 180_000);

  it("axe finds no violation on the first start's setup page", async () => {
    const fresh = await startApp({ env: {}, build: false });
    const visitor = await browser.newPage();
    try {
      await visitor.goto(`${fresh.url}/setup`);
      await visitor.getByRole("button", { name: "Create the admin account" }).waitFor();
      await expectAccessible(visitor, "setup");
    } finally {
      await visitor.close();
      await fresh.stop();
    }
  }, 90_000);

  it("reaches + Hire in a few Tab presses through 'Skip to the plan', and no chart takes focus", async () => {
    await visit("/scenarios");
    await page.getByRole("link", { name: "Hire 4 juniors" }).click();
    await page.getByRole("heading", { name: "Hire 4 juniors" }).waitFor();
    await page.locator(".recharts-surface").first().waitFor();
    await page.reload({ waitUntil: "networkidle" });
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement;
        return {
          text: (element?.textContent ?? "").trim(),
          inChart: !!element?.closest("svg, .recharts-wrapper, .chart"),
        };
      });

    let tabs = 0;
    const tabUntil = async (text: string) => {
      for (let i = 0; i < 60 && (await focused()).text !== text; i++) {
        await page.keyboard.press("Tab");
        tabs++;
      }
      expect((await focused()).text).toBe(text);
    };
    await tabUntil("Skip to the plan");
    await page.keyboard.press("Enter");
    await tabUntil("+ Hire");
    // Skip to content, Skip to the plan, then + Hire.
    expect(tabs).toBeLessThanOrEqual(3);
    await page.keyboard.press("Enter");
    await page.getByLabel("Level of event 2").waitFor();

    // Every tab stop on the page, from the top: none of them is a chart.
    await page.reload({ waitUntil: "networkidle" });
    const stops: { text: string; inChart: boolean }[] = [];
    for (let i = 0; i < 400; i++) {
      await page.keyboard.press("Tab");
      const stop = await focused();
      if (i > 0 && stop.text === "Skip to content") break;
      stops.push(stop);
    }
    expect(stops.length).toBeGreaterThan(20);
    expect(stops.filter((s) => s.inChart)).toEqual([]);
  }, 60_000);

  it("on a 390 px phone, the first screen shows the answer, and a wide table says it scrolls", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const onFirstScreen = async (locator: ReturnType<Page["locator"]>) => {
      const box = (await locator.boundingBox())!;
      expect(box.y + box.height).toBeLessThan(844);
    };
    await visit("/");
    await onFirstScreen(page.locator(".stat", { hasText: "Headcount" }).locator(".stat-value"));
    await onFirstScreen(page.locator(".stat", { hasText: "Fully-loaded cost" }).locator(".stat-value"));
    // The top bar is two short rows: the pages scroll sideways in the second.
    expect((await page.locator(".topbar").boundingBox())!.height).toBeLessThan(110);

    await visit("/scenarios");
    await page.getByRole("link", { name: "Hire 2 seniors" }).click();
    await page.getByRole("heading", { name: "Hire 2 seniors" }).waitFor();
    await onFirstScreen(page.locator(".stat", { hasText: "Total cost" }).locator(".stat-value"));
    await onFirstScreen(page.getByRole("button", { name: "Save", exact: true }));

    await visit("/compare");
    const frame = page.locator(".scroll-frame", { has: page.locator("table.comparison") });
    await expect.poll(() => frame.getByText("Scroll sideways for more columns").isVisible()).toBe(true);
    await expect.poll(() => frame.getAttribute("data-more-right")).toBe("");
    await frame.locator(".table-scroll").evaluate((box) => box.scrollTo({ left: box.scrollWidth }));
    await expect.poll(() => frame.getAttribute("data-more-right")).toBeNull();
    await expect.poll(() => frame.getAttribute("data-more-left")).toBe("");

    // At desktop width the same table fits: no hint.
    await page.setViewportSize({ width: 1280, height: 900 });
    await expect.poll(() => frame.getByText("Scroll sideways for more columns").isVisible()).toBe(false);
  });
});

describe("goals", () => {
  /** "Apr 2027" and "2027-04" for the month `offset` months after `start`, worked out here, not by the app. */
  const monthAt = (start: string, offset: number) => {
    const [year, month] = start.split("-").map(Number) as [number, number];
    return new Date(Date.UTC(year, month - 1 + offset, 1));
  };
  const monthName = (start: string, offset: number) =>
    monthAt(start, offset).toLocaleString("en-US", { month: "short", year: "numeric", timeZone: "UTC" });
  const isoMonth = (start: string, offset: number) => monthAt(start, offset).toISOString().slice(0, 7);

  it("sets a capacity goal in the panel: not met with where it fails, an outside month named, saved and kept", async () => {
    await page.goto(`${app.url}/scenarios/new`);
    await page.getByLabel("Name").fill("A capacity goal");
    await page.getByRole("button", { name: "Create scenario" }).click();
    await page.getByRole("heading", { name: "A capacity goal" }).waitFor();
    await page.waitForLoadState("networkidle");
    const start = await page.locator("#what-if-start").inputValue();
    const horizon = Number(await page.getByLabel("Horizon (months)").inputValue());

    const panel = page.getByRole("region", { name: "Goals", exact: true });
    await panel.getByText("No goals yet").waitFor();
    await panel.getByRole("checkbox", { name: "Capacity" }).check();
    const goal = panel.getByRole("group", { name: "Capacity" });
    // Far beyond any team this shared app holds: short at every month from the fourth to the last.
    await goal.getByLabel("At least (mid-level engineers)").fill("1000000");
    await goal.getByLabel("From").selectOption({ label: monthName(start, 3) });
    const message = `Capacity is below 1000000 from ${isoMonth(start, 3)} to ${isoMonth(start, horizon - 1)}.`;
    await expect.poll(() => goal.getByTestId("goal-capacity-message").textContent()).toBe(message);
    await expect(goal.getByText("Not met", { exact: true }).isVisible()).resolves.toBe(true);
    await expect(panel.getByRole("status").textContent()).resolves.toContain("Misses its goal");
    // The first failing month links to its row of the month-by-month table.
    await goal.getByRole("link", { name: `See ${monthName(start, 3)}` }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#month-3");

    // A plan cut to 3 months no longer holds the goal's month: the field says so, keeps it, and Save waits.
    await page.getByLabel("Horizon (months)").fill("3");
    await expect
      .poll(() => goal.locator(".field-error").textContent())
      .toBe(`Outside the plan, which ends in ${monthName(start, 2)}: choose a month up to then.`);
    await expect(goal.getByLabel("From").locator("option:checked").textContent()).resolves.toBe(
      "Month 4, outside the plan",
    );
    await expect(page.getByRole("button", { name: "Save", exact: true }).isDisabled()).resolves.toBe(true);
    await page.getByLabel("Horizon (months)").fill(String(horizon));
    await expect.poll(() => goal.getByTestId("goal-capacity-message").textContent()).toBe(message);

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await saved(page);
    await page.reload();
    await page.waitForLoadState("networkidle");
    const kept = page.getByRole("region", { name: "Goals", exact: true }).getByRole("group", { name: "Capacity" });
    await expect(kept.getByRole("checkbox", { name: "Capacity" }).isChecked()).resolves.toBe(true);
    await expect(kept.getByLabel("At least (mid-level engineers)").inputValue()).resolves.toBe("1000000");
    await expect(kept.getByLabel("From").inputValue()).resolves.toBe("3");
    await expect(kept.getByTestId("goal-capacity-message").textContent()).resolves.toBe(message);
    await expect(kept.getByText("Not met", { exact: true }).isVisible()).resolves.toBe(true);
  });
});

describe("plan for me", () => {
  const panelOf = (on: Page) =>
    on.locator("section", { has: on.getByRole("heading", { name: "Plan for me", exact: true }) });

  it("finds hires that meet a capacity goal, checked by the engine, and saves them as a new scenario", async () => {
    await page.goto(`${app.url}/scenarios`, { waitUntil: "networkidle" });
    await page.getByRole("link", { name: "Hire 2 seniors" }).click();
    await page.getByRole("heading", { name: "Hire 2 seniors" }).waitFor();
    await page.waitForLoadState("networkidle");
    // The demo plans set no goal: the panel asks for one first.
    await expect(panelOf(page).getByText("Set a goal first").isVisible()).resolves.toBe(true);

    // The same plan with a capacity goal a year in: 1.5 more than it reaches then, imported as a file.
    const file = (await (await page.request.get(`${page.url()}.json`)).json()) as Scenario;
    const reached = projectScenario(mustParseScenario(file)).rows[12]!.capacity;
    const atLeast = Math.round((reached + 1.5) * 10) / 10;
    const name = "Capacity by next year";
    await page.goto(`${app.url}/scenarios/import`, { waitUntil: "networkidle" });
    await page.getByLabel("Scenario file (.json)").setInputFiles({
      name: "goal.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify({ ...file, name, goals: { capacity: { atLeast, fromMonth: 12 } } })),
    });
    await page.getByRole("button", { name: "Import" }).click();
    await page.getByRole("heading", { name }).waitFor();
    await page.waitForLoadState("networkidle");
    const original = page.url();

    const panel = panelOf(page);
    // A bad "most hires per slot" is refused, naming the field.
    await panel.getByLabel("Most hires per slot").fill("0");
    await panel.getByRole("button", { name: "Plan for me" }).click();
    await expect(panel.getByRole("alert").first().textContent()).resolves.toContain("Most hires per slot");

    // The default search (every level, team and quarter) runs in the worker with progress, and cancels.
    await panel.getByLabel("Most hires per slot").fill("5");
    await panel.getByRole("button", { name: "Plan for me" }).click();
    await panel.getByRole("button", { name: "Cancel" }).click();
    await expect(panel.getByRole("status").count()).resolves.toBe(0);
    await expect(panel.getByTestId("plan-answer").count()).resolves.toBe(0);

    // Mid-level Engineers on Platform, at most 2 a quarter: 7 quarters (not the first: time to fill), 3^7 plans.
    for (const level of ["Junior Engineer", "Engineer II", "Senior Engineer", "Staff Engineer"])
      await panel.getByLabel(level, { exact: true }).uncheck();
    for (const team of ["Mobile", "Payments"]) await panel.getByLabel(team, { exact: true }).uncheck();
    await panel.getByLabel("Most hires per slot").fill("2");
    await panel.getByRole("button", { name: "Plan for me" }).click();
    const answer = panel.getByTestId("plan-answer");
    await answer.waitFor({ timeout: 60_000 });
    const headline = (await answer.textContent())!;
    expect(headline).toMatch(/^Hire \d+ Mid-level Engineers? in [A-Z][a-z]{2} 20\d\d.*it meets the goal/);
    await expect(panel.getByText(`Best of all ${(3 ** 7).toLocaleString("en-US")} plans`).isVisible()).resolves.toBe(
      true,
    );
    // The goal, now and with the proposal.
    const goalRow = panel.getByRole("row", { name: new RegExp(`Capacity of at least ${atLeast}`) });
    await expect(goalRow.getByRole("cell").nth(1).textContent()).resolves.toBe("Not met");
    await expect(goalRow.getByRole("cell").nth(2).textContent()).resolves.toMatch(/^Met/);
    // The hires, by month, level and team.
    const hiresTable = panel.locator("table", { has: page.getByRole("columnheader", { name: "Starts in" }) });
    const shown = await hiresTable
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("td")].map((td) => td.textContent ?? "")));
    expect(shown.length).toBeGreaterThan(0);
    for (const [, level, team, count] of shown) {
      expect([level, team]).toEqual(["Mid-level Engineer", "Platform"]);
      expect(Number(count)).toBeGreaterThanOrEqual(1);
      expect(Number(count)).toBeLessThanOrEqual(2);
    }
    // What relaxing the goal would save follows.
    await panel.getByText(/^Allowing capacity of at least/).waitFor({ timeout: 60_000 });
    expect(await axeViolations(page), "axe on a proposal").toEqual([]);

    await panel.getByRole("button", { name: "Save as new scenario" }).click();
    await page.getByRole("heading", { name: `${name} — planned` }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(page.url()).not.toBe(original);

    // The new scenario is the old plan plus the hires shown, and the engine finds it meets the goal.
    const saved = mustParseScenario(await (await page.request.get(`${page.url()}.json`)).json());
    expect(saved.plan.slice(0, file.plan.length)).toEqual(file.plan);
    const added = saved.plan.slice(file.plan.length);
    const platform = saved.teams!.find((t) => t.name === "Platform")!.id;
    expect(
      added.map((e) =>
        e.type === "hire" ? [formatMonth(addMonths(saved.start, e.month)), e.level, e.team, e.count] : e,
      ),
    ).toEqual(shown.map(([month, , , count]) => [month, "L3", platform, Number(count)]));
    expect(evaluateGoals(saved, projectScenario(saved)).map((g) => g.met)).toEqual([true]);
    // ...and it plans again from there: the plan already meets the goal.
    const again = panelOf(page);
    await again.getByRole("button", { name: "Plan for me" }).click();
    await expect(again.getByTestId("plan-answer").textContent({ timeout: 60_000 })).resolves.toMatch(
      /already meets the goal/,
    );
  }, 180_000);

  it("says when no plan meets every goal, naming the goals that conflict, and shows the closest plan", async () => {
    await page.goto(`${app.url}/scenarios`, { waitUntil: "networkidle" });
    await page.getByRole("link", { name: "Capacity by next year", exact: true }).click();
    await page.getByRole("heading", { name: "Capacity by next year" }).waitFor();
    await page.waitForLoadState("networkidle");
    const file = (await (await page.request.get(`${page.url()}.json`)).json()) as Scenario;
    // At most as many people as today, yet more capacity: no hire can do both.
    const people = file.team.reduce((sum, entry) => sum + entry.count, 0);
    await page.goto(`${app.url}/scenarios/import`, { waitUntil: "networkidle" });
    await page.getByLabel("Scenario file (.json)").setInputFiles({
      name: "conflict.json",
      mimeType: "application/json",
      buffer: Buffer.from(
        JSON.stringify({
          ...file,
          name: "Capacity with no new people",
          goals: { ...file.goals, maxHeadcount: people },
        }),
      ),
    });
    await page.getByRole("button", { name: "Import" }).click();
    await page.getByRole("heading", { name: "Capacity with no new people" }).waitFor();
    await page.waitForLoadState("networkidle");
    const panel = panelOf(page);
    await panel.getByLabel("Most hires per slot").fill("1");
    await panel.getByRole("button", { name: "Plan for me" }).click();
    const answer = panel.getByTestId("plan-answer");
    await answer.waitFor({ timeout: 60_000 });
    await expect(answer.textContent()).resolves.toMatch(
      new RegExp(`^No plan in this search meets every goal: .*at most ${people} people`),
    );
    await expect(panel.getByRole("heading", { name: "Hires in the closest plan" }).isVisible()).resolves.toBe(true);
    await panel
      .getByText(/^Allowing /)
      .first()
      .waitFor({ timeout: 120_000 });
  }, 180_000);
});

describe("headcount requests", () => {
  it("a planner asks for a hire, the admin approves it with a note into the plan of record, and the planner sees the outcome", async () => {
    const { adoptPlan, getPlanOfRecord } = await import("~/services/plan-of-record.server");
    const { hashPassword } = await import("~/services/passwords.server");
    const db = await openDatabase(app.databaseFile);
    let plan = await getPlanOfRecord(db);
    const current = async (id: number | null | undefined) =>
      id == null
        ? undefined
        : db.selectFrom("scenario").select(["id", "document"]).where("id", "=", id).executeTakeFirst();
    if (!(await current(plan?.scenarioId))) {
      const first = await db
        .selectFrom("scenario")
        .select("id")
        .where("archived_at", "is", null)
        .orderBy("id")
        .executeTakeFirstOrThrow();
      const document = JSON.parse((await current(first.id))!.document) as Scenario;
      expect((await adoptPlan(db, { scenarioId: first.id, adoptedFrom: `${document.start}-01` })).ok).toBe(true);
      plan = await getPlanOfRecord(db);
    }
    const scenario = JSON.parse((await current(plan!.scenarioId))!.document) as Scenario;
    const planLength = scenario.plan.length;
    // Three months into the plan: worked out here, not by the app.
    const month = addMonths(scenario.start, 3);
    const now = new Date().toISOString();
    await db
      .insertInto("user")
      .values({
        email: "paula@example.com",
        name: "Paula Planner",
        role: "planner",
        password_hash: await hashPassword("paula's own password"),
        created_at: now,
        updated_at: now,
      })
      .execute();

    const planner = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const paula = await planner.newPage();
      paula.setDefaultTimeout(8_000);
      const errors: string[] = [];
      paula.on("console", (message) => (message.type() === "error" ? errors.push(message.text()) : undefined));
      paula.on("pageerror", (error) => errors.push(error.message));
      await paula.goto(`${app.url}/requests`);
      await paula.getByLabel("Email").fill("paula@example.com");
      await paula.getByLabel("Password").fill("paula's own password");
      await paula.getByRole("button", { name: "Sign in" }).click();
      await paula.getByRole("heading", { name: "Headcount requests" }).waitFor();
      await paula.waitForLoadState("networkidle");
      const form = paula.locator("form", { has: paula.getByRole("heading", { name: "Request a hire" }) });
      // A reason is needed: the field is named and what was typed stays.
      await form.getByLabel("Level", { exact: true }).selectOption({ label: "Senior Engineer" });
      await form.getByLabel("Team", { exact: true }).selectOption({ label: "Mobile" });
      await form.getByLabel("Starts in").fill(month);
      await form.getByRole("button", { name: "Request a hire" }).click();
      await expect(form.locator(".field-error").first().textContent()).resolves.toBe(
        "Say why the team needs this hire",
      );
      await expect(form.getByLabel("Starts in").inputValue()).resolves.toBe(month);
      await form.getByLabel("Why the team needs this hire").fill("Mobile has three juniors and no senior");
      await form.getByRole("button", { name: "Request a hire" }).click();
      await paula.getByTestId("request-outcome").waitFor();
      const requestUrl = paula.url();
      await expect(paula.getByTestId("request-outcome").textContent()).resolves.toBe("Waiting for an admin's decision");
      expect(await axeViolations(paula), "axe on a request").toEqual([]);
      await expect(paula.getByRole("button", { name: "Approve" }).count()).resolves.toBe(0);

      // The admin sees it waiting in the nav, and approves it with a note.
      await page.goto(`${app.url}/requests`, { waitUntil: "networkidle" });
      await expect(page.getByRole("link", { name: /^Requests \(\d+\)$/ }).isVisible()).resolves.toBe(true);
      expect(await axeViolations(page), "axe on the requests list").toEqual([]);
      await page.goto(requestUrl, { waitUntil: "networkidle" });
      await page.getByLabel("Note to the requester").fill("Go ahead: the budget is agreed");
      await page.getByRole("button", { name: "Approve" }).click();
      await expect
        .poll(() => page.getByTestId("request-outcome").textContent())
        .toMatch(/^Approved by Admin on \d{1,2} [A-Z][a-z]{2} \d{4}: Go ahead: the budget is agreed$/);
      await expect(
        page.getByText(/as version \d+\. It counts in the plan of record once an admin adopts/).isVisible(),
      ).resolves.toBe(true);
      // The hire is in the plan of record's scenario, three months from its start.
      const after = JSON.parse((await current(plan!.scenarioId))!.document) as Scenario;
      expect(after.plan).toHaveLength(planLength + 1);
      expect(after.plan.at(-1)).toMatchObject({ type: "hire", level: "L4", count: 1, month: 3 });

      // The planner reads the outcome in the list.
      await paula.goto(`${app.url}/requests?mine=1`, { waitUntil: "networkidle" });
      const id = requestUrl.split("/").at(-1)!;
      const row = paula.getByRole("row", { name: new RegExp(`#${id}\\b`) });
      await expect(row.textContent()).resolves.toContain("Go ahead: the budget is agreed");
      await expect(row.locator(".pill").textContent()).resolves.toBe("Approved");
      // The one refused form answered 400, as it should; nothing else went wrong.
      expect(errors).toEqual(["Failed to load resource: the server responded with a status of 400 (Bad Request)"]);
    } finally {
      await planner.close();
      await db.destroy();
    }
  }, 60_000);
});

describe("share a report", () => {
  it("a planner makes a read-only link, a browser with no account opens it with no way into the app, and revoking it closes it at once", async () => {
    await page.goto(`${app.url}/scenarios`, { waitUntil: "networkidle" });
    await page.getByRole("link", { name: "Hire 2 seniors" }).click();
    await page.getByRole("link", { name: "Report", exact: true }).click();
    await page.getByRole("heading", { name: "Hire 2 seniors", level: 1 }).waitFor();
    await page.waitForLoadState("networkidle");
    const panel = page.getByRole("region", { name: "Share a read-only link" });
    await panel.getByLabel("Label (optional)").fill("For finance");
    await panel.getByRole("button", { name: "Create link" }).click();
    const shown = panel.getByLabel("The link: copy it now, it is shown only this once");
    await shown.waitFor();
    const url = await shown.inputValue();
    expect(url).toMatch(new RegExp(`^${app.url}/share/[A-Za-z0-9_-]{43}$`));
    await panel.getByRole("cell", { name: /^active until / }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // A fresh browser with no cookies: the report, and nothing that leads into the app.
    const stranger = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const reader = await stranger.newPage();
    const response = (await reader.goto(url, { waitUntil: "networkidle" }))!;
    expect(response.status()).toBe(200);
    expect(response.headers()["referrer-policy"]).toBe("no-referrer");
    expect(response.headers()["x-robots-tag"]).toBe("noindex");
    expect(response.headers()["cache-control"]).toBe("no-store");
    await reader.getByRole("heading", { name: "Hire 2 seniors", level: 1 }).waitFor();
    await expect(reader.getByRole("navigation").count()).resolves.toBe(0);
    await expect(reader.locator('a[href]:not([href^="#"])').count()).resolves.toBe(0);
    await expect(reader.getByText("Share a read-only link").count()).resolves.toBe(0);
    await expect(reader.getByText(/no one's pay or name is shown/).isVisible()).resolves.toBe(true);
    expect(await axeViolations(reader)).toEqual([]);

    // The planner sees the opening counted, and revokes the link.
    await page.reload({ waitUntil: "networkidle" });
    await panel.getByRole("cell", { name: /^opened once, last / }).waitFor();
    await panel.getByRole("button", { name: 'Revoke the link "For finance"' }).click();
    await panel.getByRole("cell", { name: /^revoked by / }).waitFor();

    const closed = (await reader.reload({ waitUntil: "networkidle" }))!;
    expect(closed.status()).toBe(410);
    await reader.getByRole("heading", { name: "This link was revoked" }).waitFor();
    await expect(reader.getByText("Hire 2 seniors").count()).resolves.toBe(0);
    expect(await axeViolations(reader)).toEqual([]);
    await stranger.close();
  }, 120_000);
});

describe("plan vs actual", () => {
  it("adopts a demo plan from the first of this month, imports next month's roster and reads the variance", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const firstOfMonth = `${today.slice(0, 7)}-01`;
    await page.goto(`${app.url}/scenarios`, { waitUntil: "networkidle" });
    await page.getByRole("link", { name: "Hire 4 juniors" }).click();
    await page.getByRole("heading", { name: "Hire 4 juniors" }).waitFor();
    await page.waitForLoadState("networkidle");
    // Adopt it: its four juniors join Platform in two months' time.
    const panel = page.locator("section", { has: page.getByRole("heading", { name: "Plan of record", exact: true }) });
    await panel.getByLabel("Counts from").fill(firstOfMonth);
    await panel.getByLabel("Note (optional)").fill("Agreed at the planning review");
    // An earlier describe may have adopted this scenario already: the button then names the version.
    await panel.getByRole("button", { name: /^Adopt (as the plan of record|version \d+( again)?)$/ }).click();
    await panel
      .getByRole("status")
      .getByText(`Version `, { exact: false })
      .filter({ hasText: `is the plan of record from 1 ${formatMonth(firstOfMonth.slice(0, 7))}.` })
      .waitFor();

    // Next month's roster, by hand: a junior joins Platform today, and Elena Petrova (Mid-level) has left.
    const csv = [
      "Name,Level,Team,Salary ($ a year),Start date (YYYY-MM-DD),Status,Left on",
      `Noor Adebayo,L1,Platform,104000,${today},active,`,
      `Elena Petrova,,,,,terminated,${today}`,
    ].join("\n");
    await page.goto(`${app.url}/team/import`, { waitUntil: "networkidle" });
    await page
      .getByLabel("Team file (.csv or .xlsx)")
      .setInputFiles({ name: "next-month.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Preview the import" }).click();
    await page.getByRole("heading", { name: /^Importing / }).waitFor();
    await page.getByLabel("Mark Elena Petrova as left").waitFor();
    await expect(page.getByLabel("Mark Elena Petrova as left").isChecked()).resolves.toBe(true);
    await page.getByRole("button", { name: /^Import 1 rows?$/ }).click();
    await page.getByText("Imported the file: 1 added, 0 updated, 1 marked as left.").waitFor({ timeout: 30_000 });

    await page.goto(`${app.url}/plan`, { waitUntil: "networkidle" });
    await page.getByRole("heading", { name: "Plan vs actual", level: 1 }).waitFor();
    await page.getByText(/^Plan of record: Hire 4 juniors, version \d+, adopted from 1 /).waitFor();
    // In words: no hire was due yet, and the junior who joined is one planned for later, made early;
    // Elena left, which the plan did not have.
    const answer = (await page.getByTestId("variance-answer").textContent())!;
    expect(answer).toMatch(/^No hire was planned by [A-Z][a-z]{2} \d{4}, and one planned for later started early/);
    expect(answer).toMatch(
      /; one Mid-level Engineer left unplanned \(the plan expected about [\d.]+ to leave by now\);/,
    );
    // The tables say the same: Noor fills a planned junior on Platform, early; Elena's leaving was not planned.
    const hires = page.locator("section", { has: page.getByRole("heading", { name: "Planned hires" }) });
    const filled = hires.getByRole("row", { name: /Noor Adebayo/ });
    await expect(filled.getByText("early", { exact: true }).isVisible()).resolves.toBe(true);
    await expect(filled.getByRole("cell", { name: "Junior Engineer" }).isVisible()).resolves.toBe(true);
    // The other three juniors are still due (an earlier describe's approved request may add a senior).
    const due = hires
      .getByRole("row")
      .filter({ hasText: "Junior Engineer" })
      .getByText(/^due [A-Z][a-z]{2} \d{4}$/);
    await expect(due.count()).resolves.toBe(3);
    const leavers = page.locator(".card", { has: page.getByRole("heading", { name: "Leavers" }) });
    await expect(
      leavers
        .getByRole("row", { name: /Elena Petrova/ })
        .getByText("not in the plan")
        .isVisible(),
    ).resolves.toBe(true);
    await page.locator(".recharts-surface").nth(2).waitFor();
    expect(await axeViolations(page), "axe on plan vs actual").toEqual([]);
    for (const legend of await legendContrasts(page))
      expect(legend.ratio, `legend "${legend.text}" on plan vs actual`).toBeGreaterThanOrEqual(4.5);
  }, 120_000);
});
