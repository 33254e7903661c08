/**
 * npm run bench:page: the scenario page (/scenarios/$id) of a 1,000-engineer team in 10 teams with
 * 42 promote, depart and move-to-team events, on the built app. Prints the page's bytes as sent
 * uncompressed and gzipped (and how much of it is the loader data), how many <option>s it holds, and
 * the server's time for it: the median (and range) of 20 GETs, each from the request to the last byte,
 * on loopback, after 3 warm-up GETs, and the server's CPU time per GET (one server process, from
 * /proc: on a shared machine it moves less than the wall time does).
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { defaultLevels, DEFAULT_SKILLS, mustParseScenario, SCENARIO_FORMAT } from "../../app/domain";
import { createScenario } from "../../app/services/scenarios.server";
import { openDatabase } from "../../app/utils/db.server";
import { signedIn } from "../e2e/client";
import { E2E_ADMIN, startApp } from "../e2e/server";

const PEOPLE = 1_000;
const GETS = 20;

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** CPU time of a process, every thread, in ms (Linux; null elsewhere). */
function cpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

const app = await startApp({
  env: { TEAMSHAPE_ADMIN_EMAIL: E2E_ADMIN.email, TEAMSHAPE_ADMIN_PASSWORD: E2E_ADMIN.password, TEAMSHAPE_WORKERS: "1" },
});
try {
  const levels = defaultLevels();
  const teams = Array.from({ length: 10 }, (_, i) => ({ id: `t${i}`, name: `Team ${i}` }));
  const team = Array.from({ length: PEOPLE }, (_, i) => {
    const level = levels[i % 5]!;
    const skills: Record<string, number> = {};
    DEFAULT_SKILLS.forEach((skill, s) => {
      if ((i + s) % 3 === 0) skills[skill.id] = 1 + ((i * 7 + s) % 4);
    });
    return {
      id: `e${i}`,
      name: `Engineer ${i}`,
      level: level.id,
      salary: level.band.mid + (i % 17) * 500,
      skills,
      team: teams[i % 10]!.id,
    };
  });
  // 14 each of promote (below the top level), depart and move to a team, and 4 hires.
  const plan = [
    ...Array.from({ length: 14 }, (_, k) => ({ type: "promote" as const, member: `e${k * 70 + 1}`, month: k + 1 })),
    ...Array.from({ length: 14 }, (_, k) => ({ type: "depart" as const, member: `e${k * 70 + 2}`, month: k + 2 })),
    ...Array.from({ length: 14 }, (_, k) => ({
      type: "transfer" as const,
      member: `e${k * 70 + 3}`,
      team: teams[(k + 5) % 10]!.id,
      month: k + 3,
    })),
    ...Array.from({ length: 4 }, (_, k) => ({
      type: "hire" as const,
      level: levels[k]!.id,
      count: 2,
      month: 3 * k,
      team: teams[k]!.id,
    })),
  ];
  const scenario = mustParseScenario({
    format: SCENARIO_FORMAT,
    name: `Benchmark: ${PEOPLE.toLocaleString("en-US")} engineers`,
    start: "2027-01",
    horizonMonths: 24,
    levels,
    teams,
    team,
    plan,
  });
  const db = await openDatabase(app.databaseFile);
  const id = await createScenario(db, { scenario, source: "roster" });
  await db.destroy();

  const client = await signedIn(app);
  const path = `/scenarios/${id}`;
  const get = async () => {
    const started = performance.now();
    const response = await fetch(`${app.url}${path}`, {
      headers: { Cookie: client.cookie, "Accept-Encoding": "identity" },
    });
    const body = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
    return { body, ms };
  };
  for (let i = 0; i < 3; i++) await get();
  const times: number[] = [];
  let html = "";
  const cpuBefore = cpuMs(app.pid);
  for (let i = 0; i < GETS; i++) {
    const { body, ms } = await get();
    times.push(ms);
    html = body;
  }
  const cpuAfter = cpuMs(app.pid);
  const bytes = Buffer.byteLength(html);
  const gzipped = gzipSync(html).length;
  // The loader data: Remix streams it into the page as script text.
  const loaderData = [...html.matchAll(/streamController\.enqueue\((.*?)\);<\/script>/gs)].reduce(
    (sum, m) => sum + Buffer.byteLength(m[1]!),
    0,
  );
  const options = html.match(/<option[\s>]/g)?.length ?? 0;
  const ms = sorted(times);
  console.log(
    `scenario page, ${PEOPLE.toLocaleString("en-US")} engineers in 10 teams, ${plan.length} plan events (${plan.length - 4} naming a person):`,
  );
  console.log(
    `  bytes: ${kb(bytes)} uncompressed, ${kb(gzipped)} gzipped; of which loader data ${kb(loaderData)}; ${options.toLocaleString("en-US")} <option>s (targets: < 300 KB)`,
  );
  console.log(
    `  server time, ${GETS} GETs: median ${ms[Math.floor(GETS / 2)]!.toFixed(1)} ms, ${ms[0]!.toFixed(1)}-${ms[GETS - 1]!.toFixed(1)} ms (target < 50 ms); server CPU ${
      cpuBefore === null || cpuAfter === null ? "n/a" : `${((cpuAfter - cpuBefore) / GETS).toFixed(1)} ms`
    } per GET`,
  );
} finally {
  await app.stop();
}
