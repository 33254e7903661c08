/**
 * The real app for browser tests: built with `npm run build` and served by build/server.mjs on a
 * free port with its own SQLite file, as `npm start` runs it.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CHROMIUM_PATH } from "./browser";
import { createPostgresDatabase, dropPostgresDatabase, nameForFile, TEST_POSTGRES } from "../setup/postgres";

const root = fileURLToPath(new URL("../..", import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * Builds the app once per test run, however many test files (each in its own worker process,
 * children of the same vitest process) ask: the first takes a lock directory, the others wait.
 */
async function buildOnce(): Promise<void> {
  const marker = join(root, "build", `.built-for-${process.ppid}`);
  const lock = join(tmpdir(), `teamshape-build-lock-${process.ppid}`);
  for (;;) {
    if (existsSync(marker)) return;
    try {
      mkdirSync(lock);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (!existsSync(marker)) {
      for (const old of (existsSync(join(root, "build"))
        ? readdirSync(join(root, "build"), { withFileTypes: true })
        : []
      ).filter((f) => f.name.startsWith(".built-for-")))
        rmSync(join(root, "build", old.name));
      execFileSync("npm", ["run", "build"], {
        cwd: root,
        stdio: "pipe",
        env: { ...process.env, NODE_ENV: "production" },
      });
      writeFileSync(marker, "");
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface RunningApp {
  url: string;
  /** The server's process id (with TEAMSHAPE_WORKERS=1, the one process that answers). */
  pid: number;
  databaseFile: string;
  /** With TEAMSHAPE_TEST_POSTGRES: the PostgreSQL database that stands for `databaseFile`. */
  databaseUrl?: string;
  /** Everything the server printed so far. */
  logs: () => string;
  stop: () => Promise<void>;
  /** Kills the server process at once (SIGKILL), as a crash would; the database file stays. */
  crash: () => Promise<void>;
}

/** The admin that `startApp` creates through TEAMSHAPE_ADMIN_* (the documented first-run path). */
export const E2E_ADMIN = { email: "admin@example.com", password: "correct horse battery" };

/** Builds (unless told not to) and starts the app; `env` adds to its environment. */
export async function startApp({
  env = { TEAMSHAPE_ADMIN_EMAIL: E2E_ADMIN.email, TEAMSHAPE_ADMIN_PASSWORD: E2E_ADMIN.password },
  build = true,
  databaseFile: file,
}: { env?: Record<string, string>; build?: boolean; databaseFile?: string } = {}): Promise<RunningApp> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Browser tests need Chromium at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium" (or set TEAMSHAPE_CHROMIUM).`,
    );
  }
  if (build) await buildOnce();
  const dir = mkdtempSync(join(tmpdir(), "teamshape-e2e-"));
  const databaseFile = file ?? join(dir, "e2e.sqlite");
  // On PostgreSQL, each database file stands for a database of its own: the same file, the same data.
  const databaseUrl =
    TEST_POSTGRES && !env.DATABASE_URL ? await createPostgresDatabase(nameForFile(databaseFile)) : undefined;
  const port = await freePort();
  const server: ChildProcess = spawn(
    process.execPath,
    [
      ...(process.env.TEAMSHAPE_PROFILE_DIR
        ? ["--cpu-prof", `--cpu-prof-dir=${process.env.TEAMSHAPE_PROFILE_DIR}`]
        : []),
      "build/server.mjs",
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        TEAMSHAPE_DATABASE: databaseFile,
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
        NODE_ENV: "production",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  server.stdout!.on("data", (chunk) => (output += chunk));
  server.stderr!.on("data", (chunk) => (output += chunk));
  const url = `http://localhost:${port}`;
  // Up to a minute: on a busy machine, migrating and seeding a new file takes a while.
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
    if (i === 599 || server.exitCode !== null) {
      server.kill();
      throw new Error(`the app did not start:\n${output}`);
    }
  }
  return {
    url,
    pid: server.pid!,
    databaseFile,
    databaseUrl,
    logs: () => output,
    stop: async () => {
      if (server.exitCode === null && server.signalCode === null) {
        server.kill();
        await new Promise((r) => server.once("exit", r));
      }
      if (databaseUrl) await dropPostgresDatabase(nameForFile(databaseFile));
      rmSync(dir, { recursive: true, force: true });
    },
    crash: async () => {
      if (server.exitCode !== null || server.signalCode !== null) return; // already down
      server.kill("SIGKILL");
      await new Promise((r) => server.once("exit", r));
    },
  };
}
