/**
 * npm run load: the built app on loopback under 50 virtual users for a bounded time (autocannon).
 * Each user, signed in, cycles through the dashboard, the roster, a scenario's projection
 * (computed on the server, as CSV) and a save (a new salary for one of 50 engineers no one else is
 * saving at that moment, through the edit form with its version check). Prints requests per second, p50/p99 latency and the error count,
 * then checks that every acknowledged save is in the database. Exits 1 on any error or missing
 * save. Not part of `npm test`.
 *
 * Users pause between clicks: each sends at most `--rate` requests a second (default 1, a brisk
 * user; about 50 requests a second in all). `--rate 0` removes the pause, so 50 connections send
 * back to back and the figures show the server's ceiling instead.
 *
 *   npm run load [-- --seconds 20 --users 50 --rate 1]
 */
import autocannon from "autocannon";
import { createEngineer } from "../../app/services/engineers.server";
import { openDatabase } from "../../app/utils/db.server";
import { signedIn } from "../e2e/client";
import { startApp } from "../e2e/server";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg("seconds", 20);
const users = arg("users", 50);
const rate = arg("rate", 1);

const app = await startApp();
let failed = false;
try {
  const client = await signedIn(app);
  // One engineer per user to edit, so saves never race each other's version.
  const setup = await openDatabase(app.databaseFile);
  const mine: number[] = [];
  for (let i = 0; i < users; i++) mine.push(await createEngineer(setup, { input: { name: `Load ${i}`, levelId: "L2", salary: 100_000, startDate: "2025-01-01", notes: "" } }));
  await setup.destroy();
  const headers = { cookie: client.cookie, origin: app.url };
  const answers: Record<string, Map<number, number>> = { dashboard: new Map(), roster: new Map(), projection: new Map(), save: new Map() };
  const count = (kind: string) => (status: number) => answers[kind]!.set(status, (answers[kind]!.get(status) ?? 0) + 1);
  /** Per engineer: the last salary the server acknowledged, and the one sent after it (maybe cut off at the end). */
  const acknowledged = new Map<number, number>();
  const sent = new Map<number, number>();
  // autocannon clears a connection's context after each round of requests, so the state lives here:
  // engineers not being saved right now, and each one's current version.
  const idle = [...mine];
  const versions = new Map(mine.map((id) => [id, 1]));
  type Context = { engineer?: number; salary?: number };

  console.log(
    `Load: ${users} virtual users, ${rate > 0 ? `each at most ${rate} request(s) a second` : "no pause between requests"}, for ${seconds} s on ${app.url} (Node ${process.version})`
  );
  const result = await autocannon({
    url: app.url,
    connections: users,
    duration: seconds,
    // Spread evenly over time (users do not all click at the same instant).
    ...(rate > 0 ? { overallRate: rate * users } : {}),
    requests: [
      { method: "GET", path: "/", headers, onResponse: count("dashboard") },
      { method: "GET", path: "/team", headers, onResponse: count("roster") },
      { method: "GET", path: "/scenarios/1.csv", headers, onResponse: count("projection") },
      {
        method: "POST",
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        // Each connection waits for its answer before the next request, so its context knows which save was answered.
        setupRequest: (request, context) => {
          const own = context as Context;
          own.engineer = idle.shift()!; // at most one save per connection at a time, so never empty
          own.salary = 100_000 + Math.floor(Math.random() * 50_000);
          sent.set(own.engineer, own.salary);
          const body = new URLSearchParams({
            name: `Load ${mine.indexOf(own.engineer)}`,
            levelId: "L2",
            salary: String(own.salary),
            startDate: "2025-01-01",
            notes: "",
            version: String(versions.get(own.engineer)),
          });
          return { ...request, path: `/team/${own.engineer}/edit`, body: body.toString() };
        },
        onResponse: (status, _body, context) => {
          count("save")(status);
          const own = context as Context;
          if (status === 302) {
            acknowledged.set(own.engineer!, own.salary!);
            versions.set(own.engineer!, versions.get(own.engineer!)! + 1);
          }
          idle.push(own.engineer!);
        },
      },
    ],
  });

  const db = await openDatabase(app.databaseFile);
  const stored = new Map((await db.selectFrom("engineer").select(["id", "salary"]).where("id", "in", mine).execute()).map((r) => [r.id, r.salary]));
  await db.destroy();
  // The database holds the last acknowledged salary, or the one sent after it if that landed as the run stopped.
  const missing = [...acknowledged].filter(([id, salary]) => stored.get(id) !== salary && stored.get(id) !== sent.get(id));
  const errors = result.errors + result.timeouts + result["4xx"] + result["5xx"];
  const line = (kind: string) => [...answers[kind]!].map(([status, n]) => `${n.toLocaleString("en-US")} x ${status}`).join(", ");
  console.log(`Requests: ${result.requests.total.toLocaleString("en-US")} in ${seconds} s, ${Math.round(result.requests.average)} a second`);
  console.log(`Latency (all requests): p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
  for (const kind of Object.keys(answers)) console.log(`  ${kind}: ${line(kind)}`);
  console.log(`Errors: ${errors} (${result.errors} connection errors, ${result.timeouts} timeouts, ${result["4xx"]} 4xx, ${result["5xx"]} 5xx)`);
  const saves = answers.save!.get(302) ?? 0;
  console.log(`Saves acknowledged: ${saves.toLocaleString("en-US")} over ${acknowledged.size} engineers; acknowledged but missing afterwards: ${missing.length}`);
  failed = errors > 0 || missing.length > 0;
} finally {
  await app.stop();
}
process.exit(failed ? 1 : 0);
