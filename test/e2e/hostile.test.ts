/**
 * Hostile inputs from issue 11, sent to the running server (2 processes, as `npm start` runs it):
 * plans that would take minutes or gigabytes, and large uploads. While each is being processed,
 * `/healthz` and the sign-in page must keep answering (nine answers in ten under 200 ms, none held
 * for a second), and afterwards the server
 * must still be the same process, answering.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mustParseScenario } from "~/domain";
import { openDatabase } from "~/utils/db.server";
import { UPLOAD_LIMITS } from "~/utils/limits";
import { HEAVY_PLAN, ISSUE_11_PLAN } from "../factories/scenario";
import { hostileWorkbooks, rosterCsv } from "../setup/hostile-files";
import { signedIn, type Client } from "./client";
import { startApp, type RunningApp } from "./server";

let app: RunningApp;
let client: Client;
beforeAll(async () => {
  app = await startApp();
  client = await signedIn(app);
}, 180_000);
afterAll(async () => app?.stop());

/** Stores a document as it stands, as if saved before today's limits existed; returns its id. */
async function storeAsIs(document: unknown): Promise<number> {
  const scenario = mustParseScenario(document);
  const db = await openDatabase(app.databaseFile);
  try {
    const now = new Date().toISOString();
    const { id } = await db
      .insertInto("scenario")
      .values({
        name: scenario.name,
        description: "",
        document: JSON.stringify(scenario),
        source: "cohorts",
        created_at: now,
        updated_at: now,
        updated_by: "test",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return id;
  } finally {
    await db.destroy();
  }
}

/** The value at `share` (0-1) of the sorted times: the nearest rank. */
const percentile = (times: number[], share: number) =>
  [...times].sort((a, b) => a - b)[Math.max(0, Math.ceil(share * times.length) - 1)] ?? 0;

/**
 * Runs `attack` while asking for /healthz and /login again and again; returns, for each, the 90th
 * percentile and the slowest answer (ms), and how many rounds were asked. A blocked event loop
 * holds every answer for as long as it is blocked, seconds for these files; the 90th percentile
 * leaves out a lone spike of this shared 2-core machine (275 ms once, with another test suite on it).
 */
async function whileUnderAttack<T>(attack: () => Promise<T>): Promise<{
  result: T;
  p90: Record<"healthz" | "login", number>;
  slowest: Record<"healthz" | "login", number>;
  asked: number;
}> {
  const times = { healthz: [] as number[], login: [] as number[] };
  let asked = 0;
  let done = false;
  const probe = (async () => {
    await new Promise((r) => setTimeout(r, 100)); // let the attack reach the server first
    while (!done || asked < 10) {
      for (const path of ["healthz", "login"] as const) {
        const started = performance.now();
        const response = await fetch(`${app.url}/${path}`);
        await response.text();
        expect(response.status, path).toBe(200);
        times[path].push(performance.now() - started);
      }
      asked += 1;
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const result = await attack();
  done = true;
  await probe;
  const p90 = { healthz: percentile(times.healthz, 0.9), login: percentile(times.login, 0.9) };
  const slowest = { healthz: Math.max(...times.healthz), login: Math.max(...times.login) };
  console.info(
    `under attack: ${asked} rounds; /healthz p90 ${p90.healthz.toFixed(0)} ms, slowest ${slowest.healthz.toFixed(0)} ms; /login p90 ${p90.login.toFixed(0)} ms, slowest ${slowest.login.toFixed(0)} ms`,
  );
  return { result, p90, slowest, asked };
}

/** Nine answers in ten under 200 ms, and none held for a second. */
function expectAnswering({ p90, slowest }: Pick<Awaited<ReturnType<typeof whileUnderAttack>>, "p90" | "slowest">) {
  for (const path of ["healthz", "login"] as const) {
    expect(p90[path], `${path}, 90th percentile`).toBeLessThan(200);
    expect(slowest[path], `${path}, slowest`).toBeLessThan(1_000);
  }
}

describe("hostile inputs leave the server answering", () => {
  it("refuses to save the plan from the issue, naming the limit", async () => {
    const created = await storeAsIs({
      ...ISSUE_11_PLAN,
      name: "Small",
      team: [{ id: "a", level: "L1", count: 5, salary: 100_000 }],
      monteCarlo: { trials: 100 },
    });
    const response = await client.post(
      `/scenarios/${created}`,
      new URLSearchParams({ intent: "save", document: JSON.stringify(ISSUE_11_PLAN), version: "1" }),
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("over the limit");
  });

  it("serves reports of plans at and over the work limits while /healthz and sign-in keep answering", async () => {
    const over = await storeAsIs(ISSUE_11_PLAN);
    const heavy = await storeAsIs(HEAVY_PLAN);
    // Many groups: 4,000 named engineers over 120 months, projected in the compute thread.
    const wide = await storeAsIs({
      ...ISSUE_11_PLAN,
      name: "Wide",
      team: Array.from({ length: 4_000 }, (_, i) => ({
        id: `e${i}`,
        level: ["L1", "L2", "L3", "L4", "L5"][i % 5],
        salary: 100_000 + i,
      })),
      monteCarlo: { trials: 500 },
    });
    const { result, asked, ...answering } = await whileUnderAttack(() =>
      Promise.all(
        [over, heavy, heavy, wide, wide, over]
          .flatMap((id) => [`/scenarios/${id}/report`, `/scenarios/${id}.xlsx`])
          .map(async (path) => {
            const response = await client.get(path);
            return { path, status: response.status, body: path.endsWith(".xlsx") ? "" : await response.text() };
          }),
      ),
    );
    expect(asked).toBeGreaterThanOrEqual(10);
    expectAnswering(answering);
    for (const r of result) expect(r.status, r.path).toBe(200);
    expect(result.find((r) => r.path === `/scenarios/${over}/report`)!.body).toContain("over the limit");
    // The same processes are still serving: none died and was replaced.
    expect(app.logs()).not.toContain("stopped");
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  }, 120_000);

  it("refuses issue 11's spreadsheets, each naming its limit, while /healthz and sign-in keep answering", async () => {
    const files: [string, Uint8Array, RegExp][] = [
      ["xfd.xlsx", await hostileWorkbooks.xfdOnEveryRow(), /at most 100 columns/],
      ["bomb.xlsx", await hostileWorkbooks.repeatedRows(), /50 MB/],
      ["strings.xlsx", await hostileWorkbooks.sharedStrings(), /shared text|50 MB/],
      ["cell.xlsx", await hostileWorkbooks.hugeCell(), /at most 2,000 characters|50 MB/],
      [
        "many.csv",
        rosterCsv(UPLOAD_LIMITS.rows + 1_000),
        new RegExp(`at most ${UPLOAD_LIMITS.rows.toLocaleString("en-US")}`),
      ],
    ];
    const { result, asked, ...answering } = await whileUnderAttack(() =>
      Promise.all(
        [...files, ...files].map(async ([name, bytes, expected]) => {
          const form = new FormData();
          form.append("file", new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
          const response = await client.post("/team/import", form);
          return { name, status: response.status, text: await response.text(), expected };
        }),
      ),
    );
    expect(asked).toBeGreaterThanOrEqual(10);
    expectAnswering(answering);
    for (const r of result) {
      expect(r.status, r.name).toBe(400);
      expect(r.text, r.name).toMatch(r.expected);
    }
    expect(app.logs()).not.toContain("stopped");
  }, 120_000);

  it("cuts off a 1 GiB body sent by nobody while /healthz and sign-in keep answering", async () => {
    const { result, ...answering } = await whileUnderAttack(() =>
      Promise.all(
        Array.from({ length: 6 }, async () => {
          const chunk = new Uint8Array(1024 * 1024).fill(97);
          let sent = 0;
          const body = new ReadableStream<Uint8Array>({
            pull(controller) {
              if (sent >= 1024) return controller.close();
              sent += 1;
              controller.enqueue(chunk);
            },
          });
          try {
            const response = await fetch(`${app.url}/login`, {
              method: "POST",
              body,
              duplex: "half",
              headers: { Origin: app.url },
            });
            return response.status;
          } catch {
            return "connection closed";
          }
        }),
      ),
    );
    for (const status of result) expect([413, "connection closed"]).toContain(status);
    expect(result).toContain(413);
    expectAnswering(answering);
  }, 120_000);
});
