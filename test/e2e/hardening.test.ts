/**
 * Hostile requests against the running server (build/server.mjs, two worker processes): bodies
 * over their limit, forged origins and hosts, odd methods, SIGTERM while busy, and what the log
 * says about a failure.
 */
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { sql } from "kysely";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/utils/db.server";
import { HEAVY_PLAN } from "../factories/scenario";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./browser";
import { signedIn } from "./client";
import { startApp, type RunningApp } from "./server";

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
}, 120_000);
afterAll(async () => {
  await app?.stop();
});

/** The process ids under `pid`, itself included, read from /proc. */
function processTree(pid: number): number[] {
  const children = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        // /proc/<pid>/stat: "pid (name) state ppid ..."; the name may hold spaces.
        return readFileSync(`/proc/${name}/stat`, "utf8").split(") ")[1]!.split(" ")[1] === String(pid);
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
  return [pid, ...children.flatMap(processTree)];
}

/** The server's first process (the cluster's primary): the one started with this app's database file whose parent was not. */
function serverPid(running: RunningApp): number {
  const mark = `TEAMSHAPE_DATABASE=${running.databaseFile}\0`;
  const started = (pid: string) => {
    try {
      return readFileSync(`/proc/${pid}/environ`, "utf8").includes(mark);
    } catch {
      return false;
    }
  };
  const pid = readdirSync("/proc").find(
    (name) =>
      /^\d+$/.test(name) &&
      started(name) &&
      !started(readFileSync(`/proc/${name}/stat`, "utf8").split(") ")[1]!.split(" ")[1]!),
  );
  if (!pid) throw new Error("the server process was not found");
  return Number(pid);
}

const alive = (pid: number) => {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
};

/** Resident memory of the server and its workers, in MB. */
const serverRssMb = (pid: number) =>
  processTree(pid).reduce((sum, p) => {
    try {
      return sum + Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))![1]) / 1024;
    } catch {
      return sum;
    }
  }, 0);

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  ms: number;
}

/**
 * Sends a request with node:http (which, unlike fetch, lets a test set Host and stream a body of
 * any size). `stream` bytes go out in 64 KB pieces, as fast as the server takes them, until it
 * answers; `declare` sends a Content-Length instead of chunked encoding.
 */
function send(
  path: string,
  {
    app: to = app,
    method = "POST",
    headers = {},
    body,
    stream = 0,
    declare = false,
  }: {
    app?: RunningApp;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    stream?: number;
    declare?: boolean;
  } = {},
): Promise<Answer> {
  const { port, host } = new URL(to.url);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.request({
      host: "127.0.0.1",
      port,
      method,
      path,
      headers: { Host: host, ...(declare ? { "Content-Length": String(stream) } : {}), ...headers },
    });
    let answered = false;
    request.on("response", (response) => {
      answered = true;
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => {
        resolve({
          status: response.statusCode!,
          headers: response.headers,
          body: text,
          ms: performance.now() - started,
        });
        request.destroy();
      });
    });
    request.on("error", (error) => answered || reject(error));
    if (body !== undefined) return request.end(body);
    if (!stream) return request.end();
    const piece = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (!answered && sent < stream) {
        sent += piece.length;
        if (!request.write(piece)) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

describe("request bodies have limits by route", () => {
  it("cuts off a streamed 1 GiB anonymous sign-in at once, without the server's memory growing, and keeps answering", async () => {
    const pid = serverPid(app);
    const before = serverRssMb(pid);
    const answer = await send("/login", {
      stream: GiB,
      headers: { Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe("close");
    expect(answer.body).toBe("This request is more than 64 KB; Teamshape accepts at most 64 KB here.");
    expect(answer.ms).toBeLessThan(2_000);
    // Six at once, as the tester sent them.
    const six = await Promise.all(
      Array.from({ length: 6 }, () => send("/login", { stream: GiB, headers: { Origin: app.url } })),
    );
    expect(six.map((a) => a.status)).toEqual(Array(6).fill(413));
    expect(serverRssMb(pid) - before).toBeLessThan(100);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    console.info(
      `1 GiB sign-in: 413 after ${answer.ms.toFixed(0)} ms; server RSS ${before.toFixed(0)} -> ${serverRssMb(pid).toFixed(0)} MB after seven`,
    );
  });

  it("refuses a declared length over the limit before reading it, naming both sizes", async () => {
    const answer = await send("/login", { stream: GiB, declare: true, headers: { Origin: app.url } });
    expect(answer).toMatchObject({
      status: 413,
      body: "This request is 1,024 MB; Teamshape accepts at most 64 KB here.",
    });
  });

  it.each([
    ["/team/import", 16 * MiB, "16 MB"],
    ["/team/import.data", 16 * MiB, "16 MB"],
    ["/scenarios/import", 6 * MiB, "6 MB"],
    ["/scenarios/3", 12 * MiB, "12 MB"],
    ["/scenarios/3.data", 12 * MiB, "12 MB"],
    ["/scenarios/new", 64 * 1024, "64 KB"],
    ["/admin", 64 * 1024, "64 KB"],
  ])("holds %s to its limit", async (path, limit, words) => {
    const over = await send(path, { stream: limit + 1, headers: { Origin: app.url } });
    expect(over.status).toBe(413);
    expect(over.body).toContain(`at most ${words} here`);
    // At the limit the request reaches the page (which, signed out, sends the visitor to sign in).
    const at = await send(path, { stream: limit, headers: { Origin: app.url } });
    expect(at.status).not.toBe(413);
  });
});

describe("odd methods and inputs get a 4xx that says why, never a 500", () => {
  it.each(["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS"])(
    "answers %s / with a same-site Origin with 405 and Allow",
    async (method) => {
      const answer = await send("/", { method, headers: { Origin: app.url } });
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toBe("GET, HEAD, POST");
      expect(answer.body).toBe(`Teamshape answers GET, HEAD, POST requests, not ${method}.`);
    },
  );

  it.each([
    ["JSON", "application/json", '{"email":"admin@example.com"}'],
    ["broken multipart", "multipart/form-data; boundary=zz", "garbage"],
  ])("answers a sign-in whose body is not a form (%s) with 400", async (_, type, body) => {
    const answer = await send("/login", { headers: { Origin: app.url, "Content-Type": type }, body });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("The form could not be read. Reload the page and try again.");
  });

  it("answers an email over 200 characters with a 400 naming the limit, keeping the email typed", async () => {
    const email = `${"b".repeat(200)}@example.com`;
    const answer = await send("/login", {
      headers: { Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password: "x" }).toString(),
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("The email can be at most 200 characters");
    expect(answer.body).toContain(`value="${email}"`);
  });

  it("answers a broken percent-encoding in the path with 400, and a POST to a page without a form with 405", async () => {
    expect((await send("/%E0%A4%A", { method: "GET" })).status).toBe(400);
    expect((await send("/team/%E0%A4%A", { method: "GET" })).status).toBe(400);
    expect((await send("/healthz", { headers: { Origin: app.url } })).status).toBe(405);
  });

  it("logged none of these as a failure", () => {
    expect(app.logs()).not.toMatch(/failed|could not be decoded|Error/);
  });
});

describe("the log", () => {
  it("writes one line, holding the id the response carried, for a server error; the error page shows that id", async () => {
    const client = await signedIn(app);
    const db = await openDatabase(app.databaseFile);
    await sql`alter table skill rename to skill_moved`.execute(db);
    try {
      const response = await client.get("/ladder");
      expect(response.status).toBe(500);
      const id = response.headers.get("x-request-id")!;
      expect(id).toMatch(/^[0-9a-f]{16}$/);
      expect((await response.text()).replace(/<!-- -->/g, "")).toContain(`Reference ${id}`);
      await expect
        .poll(() =>
          app
            .logs()
            .split("\n")
            .filter((line) => line.includes(id)),
        )
        .toHaveLength(1);
      const line = app
        .logs()
        .split("\n")
        .find((l) => l.includes(id))!;
      expect(line).toMatch(
        new RegExp(
          `^\\[teamshape\\] \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ req=${id} GET /ladder failed: .*no such table: skill`,
        ),
      );

      // In a browser the reference stays once the page has hydrated, with no console error but the 500 itself.
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
      try {
        const context = await browser.newContext();
        await context.addCookies([{ name: "teamshape_session", value: client.cookie.split("=")[1]!, url: app.url }]);
        const page = await context.newPage();
        const errors: string[] = [];
        page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
        const loaded = await page.goto(`${app.url}/ladder`);
        const shown = loaded!.headers()["x-request-id"]!;
        await page.waitForFunction(() => (window as { __remixRouter?: unknown }).__remixRouter !== undefined);
        await expect(page.locator("#error-reference").textContent()).resolves.toBe(`Reference ${shown}`);
        expect(errors.filter((e) => !e.includes("status of 500"))).toEqual([]);
      } finally {
        await browser.close();
      }
    } finally {
      await sql`alter table skill_moved rename to skill`.execute(db);
      await db.destroy();
    }
  });

  it("has no line that is not a whole event (no stack trace over several lines)", () => {
    const lines = app.logs().trimEnd().split("\n");
    expect(lines.filter((line) => !line.startsWith("[teamshape] "))).toEqual([]);
  });
});

describe("the request id", () => {
  it("is the server's own, whatever the client sends: a forged one does not keep a signed-out session", async () => {
    const client = await signedIn(app);
    // The loaders of one page load share a session lookup through the request's id (getUser).
    const page = () =>
      fetch(`${app.url}/team`, {
        redirect: "manual",
        headers: { Cookie: client.cookie, "X-Teamshape-Request-Id": "forged" },
      });
    for (let i = 0; i < 6; i++) {
      const response = await page();
      expect(response.status).toBe(200);
      expect(response.headers.get("X-Request-Id")).not.toBe("forged");
    }
    expect((await client.post("/logout", new URLSearchParams())).status).toBe(302);
    for (let i = 0; i < 6; i++) {
      const response = await page();
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toMatch(/^\/login/);
    }
  });
});

describe("changes are accepted only at the site's own address", () => {
  let fresh: RunningApp;
  beforeAll(async () => {
    // A fresh install: no accounts yet, so the first POST /setup creates the admin.
    fresh = await startApp({ env: { TEAMSHAPE_WORKERS: "1" } });
  }, 120_000);
  afterAll(async () => {
    await fresh?.stop();
  });
  const setup = new URLSearchParams({
    name: "Mallory",
    email: "mallory@evil.example",
    password: "a long password 1",
  }).toString();
  const form = { "Content-Type": "application/x-www-form-urlencoded" };

  it("refuses a DNS-rebinding page's POST /setup without TEAMSHAPE_ORIGIN, saying what to set", async () => {
    const { port } = new URL(fresh.url);
    for (const host of [
      `evil.example:${port}`,
      "evil.example",
      `localhost.evil.example:${port}`,
      `evil.example@localhost:${port}`,
    ]) {
      const answer = await send("/setup", {
        app: fresh,
        headers: { Host: host, Origin: `http://${host}`, ...form },
        body: setup,
      });
      expect(answer.status, host).toBe(403);
      expect(answer.body).toContain("Set TEAMSHAPE_ORIGIN");
    }
    // Still a fresh install: signing in sends the visitor to create the admin.
    expect((await fetch(`${fresh.url}/login`, { redirect: "manual" })).headers.get("location")).toBe("/setup");
  });

  it.each(["localhost", "127.0.0.1", "127.9.9.9", "[::1]"])(
    "accepts a loopback host (%s) whose Origin matches it",
    async (name) => {
      const { port } = new URL(fresh.url);
      const host = `${name}:${port}`;
      expect(
        (
          await send("/login", {
            app: fresh,
            headers: { Host: host, Origin: "http://evil.example", ...form },
            body: "email=a&password=b",
          })
        ).status,
      ).toBe(403);
      // The matching Origin reaches the page, which on a fresh install sends everyone to create the admin.
      const answer = await send("/login", {
        app: fresh,
        headers: { Host: host, Origin: `http://${host}`, ...form },
        body: "email=a&password=b",
      });
      expect([answer.status, answer.headers.location]).toEqual([302, "/setup"]);
    },
  );

  it("answers a first-run form that is too long or not a form with a 400, keeping the email typed", async () => {
    const { host } = new URL(fresh.url);
    const email = `${"c".repeat(200)}@example.com`;
    const long = await send("/setup", {
      app: fresh,
      headers: { Host: host, Origin: `http://${host}`, ...form },
      body: new URLSearchParams({ name: "Ada", email, password: "p".repeat(201) }).toString(),
    });
    expect(long.status).toBe(400);
    expect(long.body).toContain("The email can be at most 200 characters");
    expect(long.body).toContain("The password can be at most 200 characters");
    expect(long.body).toContain(`value="${email}"`);
    const json = await send("/setup", {
      app: fresh,
      headers: { Host: host, Origin: `http://${host}`, "Content-Type": "application/json" },
      body: "{}",
    });
    expect(json.status).toBe(400);
    expect(json.body).toContain("The form could not be read.");
  });

  it("lets the first admin be created from localhost", async () => {
    const { host } = new URL(fresh.url);
    const answer = await send("/setup", {
      app: fresh,
      headers: { Host: host, Origin: `http://${host}`, ...form },
      body: setup,
    });
    expect([answer.status, answer.headers.location]).toEqual([302, "/"]);
    expect(answer.headers["set-cookie"]?.[0]).toMatch(/^teamshape_session=/);
  });
});

describe("behind a proxy (TEAMSHAPE_ORIGIN set)", () => {
  let proxied: RunningApp;
  const ORIGIN = "https://teamshape.example";
  beforeAll(async () => {
    proxied = await startApp({
      env: {
        TEAMSHAPE_WORKERS: "1",
        TEAMSHAPE_ORIGIN: ORIGIN,
        TEAMSHAPE_ADMIN_EMAIL: "admin@example.com",
        TEAMSHAPE_ADMIN_PASSWORD: "correct horse battery",
      },
    });
  }, 120_000);
  afterAll(async () => {
    await proxied?.stop();
  });
  const signIn = (headers: Record<string, string>, password = "correct horse battery") =>
    send("/login", {
      app: proxied,
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams({ email: "admin@example.com", password }).toString(),
    });

  it("signs in through a proxy that rewrites Host (this was a 500 for every POST)", async () => {
    const proxies: Record<string, string>[] = [
      { Host: "127.0.0.1:3000" },
      { Host: "backend" },
      { Host: "backend", "X-Forwarded-Host": "other.example" },
    ];
    for (const headers of proxies) {
      const answer = await signIn({ ...headers, Origin: ORIGIN });
      expect(answer.status, JSON.stringify(headers)).toBe(302);
      expect(answer.headers["set-cookie"]?.[0]).toContain("Secure");
      expect((await signIn({ ...headers, Origin: ORIGIN }, "wrong password")).status).toBe(401);
    }
  });

  it("accepts only that origin, even from a loopback host", async () => {
    const { host } = new URL(proxied.url);
    for (const origin of [`http://${host}`, "https://evil.example", "http://teamshape.example"]) {
      const answer = await signIn({ Host: host, Origin: origin });
      expect(answer.status, origin).toBe(403);
      expect(answer.body).toBe(
        "Refused: this change did not come from a Teamshape page. Reload the page and try again.",
      );
    }
    expect(proxied.logs()).not.toContain("failed");
  });
});

describe("SIGTERM", () => {
  it("ends the server, its workers and a PDF browser within 6 s, even with a busy compute thread and requests in flight", async () => {
    const busy = await startApp();
    try {
      const client = await signedIn(busy);
      // A plan just under the Monte Carlo limit: its report keeps a compute thread busy.
      const plan = HEAVY_PLAN;
      const upload = new FormData();
      upload.set("file", new File([JSON.stringify(plan)], "plan.json", { type: "application/json" }));
      const imported = await client.post("/scenarios/import", upload);
      expect(imported.status).toBe(302);
      const id = /\/scenarios\/(\d+)/.exec(imported.headers.get("location")!)![1];
      const pid = serverPid(busy);
      // In flight: a PDF of that report (Chromium opens the report, whose simulation runs in a compute thread) ...
      void client.get(`/scenarios/${id}/report.pdf`).catch(() => undefined);
      const isChromium = (p: number) => {
        try {
          return readFileSync(`/proc/${p}/cmdline`, "utf8").includes("chromium");
        } catch {
          return false;
        }
      };
      await expect.poll(() => processTree(pid).some(isChromium), { timeout: 20_000 }).toBe(true);
      await new Promise((r) => setTimeout(r, 1_500));
      // ... and an upload that never finishes.
      const trickle = http.request({
        host: "127.0.0.1",
        port: new URL(busy.url).port,
        method: "POST",
        path: "/team/import",
        headers: { Host: new URL(busy.url).host, Origin: busy.url, Cookie: client.cookie },
      });
      trickle.on("error", () => undefined);
      trickle.write("a");
      await new Promise((r) => setTimeout(r, 200));

      const everything = processTree(pid);
      expect(everything.length).toBeGreaterThanOrEqual(4); // the supervisor, two workers, Chromium
      const started = performance.now();
      process.kill(pid, "SIGTERM");
      await expect.poll(() => everything.filter(alive), { timeout: 6_000, interval: 50 }).toEqual([]);
      const seconds = (performance.now() - started) / 1000;
      trickle.destroy();
      console.info(`SIGTERM: all ${everything.length} processes gone after ${seconds.toFixed(2)} s`);
      expect(seconds).toBeLessThan(6);
    } finally {
      await busy.stop();
    }
  }, 90_000);
});
