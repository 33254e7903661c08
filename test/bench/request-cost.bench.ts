/**
 * npm run bench:request: what one request of each kind the load sends costs, on PostgreSQL (not
 * part of `npm test`). One built server on a throwaway database (TEAMSHAPE_TEST_POSTGRES, default
 * postgres://teamshape:teamshape@localhost:5432/postgres) with the load's 400 engineers, signed in,
 * warm; each kind is asked N times one after another (N=200). Prints per request: the wall time,
 * the server process's CPU and PostgreSQL's (all its processes, so other databases' work counts
 * too: run it on a quiet machine), the statements PostgreSQL ran (its statement log, which the
 * bench turns on for its own database; reading the log needs root) and the body's size.
 *
 *   npm run bench:request [-- --build]     (N=400 npm run bench:request for steadier figures)
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createEngineer } from "../../app/services/engineers.server";
import { openPostgres } from "../../app/utils/db.server";
import { signedIn } from "../e2e/client";
import { E2E_ADMIN, startApp } from "../e2e/server";
import { createPostgresDatabase, dropPostgresDatabase, throwawayName } from "../setup/postgres";

const server = process.env.TEAMSHAPE_TEST_POSTGRES || "postgres://teamshape:teamshape@localhost:5432/postgres";
const LOG = "/var/log/postgresql/postgresql-15-main.log";
const N = Number(process.env.N ?? 200);

/** CPU time of a process (all its threads), in clock ticks (10 ms). */
function ticks(pid: number | string): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

function postgresTicks(): number {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").startsWith("postgres")) total += ticks(pid);
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

const name = throwawayName("request");
const url = await createPostgresDatabase(name, server);
const app = await startApp({
  env: {
    TEAMSHAPE_ADMIN_EMAIL: E2E_ADMIN.email,
    TEAMSHAPE_ADMIN_PASSWORD: E2E_ADMIN.password,
    DATABASE_URL: url,
    TEAMSHAPE_WORKERS: "1",
  },
  build: process.argv.includes("--build"),
});
try {
  const db = await openPostgres(url, 2);
  const ids: number[] = [];
  for (let i = 0; i < 400; i++)
    ids.push(
      await createEngineer(db, {
        input: { name: `Load ${i}`, levelId: "L2", salary: 100_000, startDate: "2025-01-01", notes: "" },
      }),
    );
  await db.destroy();
  const client = await signedIn(app);
  const logging = existsSync(LOG);
  if (logging) execFileSync("su", ["postgres", "-c", `psql -qc "alter database ${name} set log_statement = 'all'"`]);
  const versions = new Map(ids.map((id) => [id, 1]));
  let saves = 0;
  const kinds: [string, () => Promise<Response>][] = [
    ["/", () => client.get("/")],
    ["/team", () => client.get("/team")],
    ["/scenarios/1.csv", () => client.get("/scenarios/1.csv")],
    [
      "save",
      () => {
        const id = ids[saves++ % ids.length]!;
        const version = versions.get(id)!;
        versions.set(id, version + 1);
        const form = { name: "Load", levelId: "L2", salary: String(100_000 + saves), startDate: "2025-01-01" };
        return client.post(`/team/${id}/edit`, new URLSearchParams({ ...form, notes: "", version: String(version) }));
      },
    ],
  ];
  console.log(`One server on PostgreSQL, 400 engineers, ${N} requests of each kind (Node ${process.version})`);
  for (const [kind, run] of kinds) {
    for (let i = 0; i < 30; i++) await (await run()).arrayBuffer(); // warm
    const [server0, postgres0, log0, t0] = [
      ticks(app.pid),
      postgresTicks(),
      logging ? statSync(LOG).size : 0,
      performance.now(),
    ];
    let bytes = 0;
    for (let i = 0; i < N; i++) {
      const response = await run();
      bytes = (await response.arrayBuffer()).byteLength;
      if (response.status >= 400) throw new Error(`${kind}: ${response.status}`);
    }
    const wall = (performance.now() - t0) / N;
    const serverMs = ((ticks(app.pid) - server0) * 10) / N;
    const postgresMs = ((postgresTicks() - postgres0) * 10) / N;
    const statements = logging
      ? readFileSync(LOG, "utf8")
          .slice(log0)
          .split("\n")
          .filter((line) => line.includes(name) && /(statement|execute [^:]*):/.test(line)).length / N
      : NaN;
    console.log(
      `${kind.padEnd(17)} wall ${wall.toFixed(1)} ms, server CPU ${serverMs.toFixed(1)} ms, PostgreSQL CPU ${postgresMs.toFixed(1)} ms, statements ${statements.toFixed(1)}, body ${(bytes / 1024).toFixed(0)} KB`,
    );
  }
} finally {
  await app.stop();
  await dropPostgresDatabase(name, server);
}
