/**
 * npm run load: the built app on loopback under 50 virtual users for a bounded time (autocannon).
 * Each user, signed in, cycles through the dashboard, the roster, a scenario's projection
 * (computed on the server, as CSV) and a save (adding an engineer). Prints requests per second,
 * p50/p99 latency and the error count, then checks that every acknowledged save is in the
 * database. Exits 1 on any error or missing save. Not part of `npm test`.
 *
 *   npm run load [-- --seconds 20 --users 50]
 */
import autocannon from "autocannon";
import { openDatabase } from "../../app/utils/db.server";
import { signedIn } from "../e2e/client";
import { startApp } from "../e2e/server";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg("seconds", 20);
const users = arg("users", 50);

const app = await startApp();
let failed = false;
try {
  const client = await signedIn(app);
  const headers = { cookie: client.cookie, origin: app.url };
  const answers: Record<string, Map<number, number>> = { dashboard: new Map(), roster: new Map(), projection: new Map(), save: new Map() };
  const count = (kind: string) => (status: number) => answers[kind]!.set(status, (answers[kind]!.get(status) ?? 0) + 1);
  const acknowledged = new Set<string>();
  let saves = 0;

  console.log(`Load: ${users} virtual users for ${seconds} s on ${app.url} (Node ${process.version})`);
  const result = await autocannon({
    url: app.url,
    connections: users,
    duration: seconds,
    requests: [
      { method: "GET", path: "/", headers, onResponse: count("dashboard") },
      { method: "GET", path: "/team", headers, onResponse: count("roster") },
      { method: "GET", path: "/scenarios/1.csv", headers, onResponse: count("projection") },
      {
        method: "POST",
        path: "/team/new",
        headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
        // Each connection waits for its answer before the next request, so the context knows which save was answered.
        setupRequest: (request, context) => {
          saves += 1;
          const name = `Load ${saves}`;
          (context as { name?: string }).name = name;
          return { ...request, body: new URLSearchParams({ name, levelId: "L2", salary: String(100_000 + saves), startDate: "2025-01-01", notes: "" }).toString() };
        },
        onResponse: (status, _body, context) => {
          count("save")(status);
          if (status === 302) acknowledged.add((context as { name: string }).name);
        },
      },
    ],
  });

  const db = await openDatabase(app.databaseFile);
  const stored = new Set((await db.selectFrom("engineer").select("name").where("name", "like", "Load %").execute()).map((r) => r.name));
  await db.destroy();
  const missing = [...acknowledged].filter((name) => !stored.has(name));
  const errors = result.errors + result.timeouts + result["4xx"] + result["5xx"];
  const line = (kind: string) => [...answers[kind]!].map(([status, n]) => `${n.toLocaleString("en-US")} x ${status}`).join(", ");
  console.log(`Requests: ${result.requests.total.toLocaleString("en-US")} in ${seconds} s, ${Math.round(result.requests.average)} a second`);
  console.log(`Latency (all requests): p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
  for (const kind of Object.keys(answers)) console.log(`  ${kind}: ${line(kind)}`);
  console.log(`Errors: ${errors} (${result.errors} connection errors, ${result.timeouts} timeouts, ${result["4xx"]} 4xx, ${result["5xx"]} 5xx)`);
  console.log(`Saves acknowledged: ${acknowledged.size.toLocaleString("en-US")}; in the database afterwards: ${stored.size.toLocaleString("en-US")}; acknowledged but missing: ${missing.length}`);
  failed = errors > 0 || missing.length > 0;
} finally {
  await app.stop();
}
process.exit(failed ? 1 : 0);
