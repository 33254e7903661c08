/**
 * The production server (`npm start` runs build/server.mjs, bundled from this file): Express
 * serving the Remix build, with what every response needs. It
 * - sets the security headers: a Content-Security-Policy whose scripts need this response's nonce,
 *   frame-ancestors 'none', nosniff, a same-origin referrer policy;
 * - refuses a POST (or any method that changes data) whose Origin is not this site's, so another
 *   site cannot submit a form here with the user's cookie (CSRF); the site's address is
 *   TEAMSHAPE_ORIGIN, or without it a loopback Host (a DNS-rebinding page names any other host);
 * - holds every request body to the limit of its route (BODY_LIMITS), refusing more with 413;
 * - gives every request an id (X-Request-Id) and passes it, the client's address (for sign-in rate
 *   limits) and the nonce to Remix; every log line is one line (utils/log.server.ts);
 * - on SIGTERM/SIGINT finishes requests in flight for up to 3 s, then exits; the supervisor kills
 *   any worker still running after 4 s;
 * - runs one worker process per core (node:cluster) sharing the port and the SQLite file.
 */
import {
  broadcastDevReady,
  createRequestHandler,
  writeReadableStreamToWritable,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import cluster, { type Worker } from "node:cluster";
import type { Server } from "node:http";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { describeError, logLine, newRequestId, REQUEST_ID_HEADER } from "~/utils/log.server";

// Express shows stack traces unless it runs in production mode.
process.env.NODE_ENV ??= "production";
const publicDir = fileURLToPath(new URL("../public", import.meta.url));
/** Behind a reverse proxy, TEAMSHAPE_TRUST_PROXY=1 reads the client's address and https from its X-Forwarded-* headers. */
const trustProxy = process.env.TEAMSHAPE_TRUST_PROXY === "1";
const port = Number(process.env.PORT) || 3000;
const development = process.env.NODE_ENV === "development";
/** Worker processes: one per core, at most 2 by default (TEAMSHAPE_WORKERS overrides; 1 runs without cluster). */
const workerCount = Number(process.env.TEAMSHAPE_WORKERS) || (development ? 1 : Math.min(2, availableParallelism()));

/** The methods the app answers: pages, downloads and form posts. */
const METHODS = ["GET", "HEAD", "POST"];
const SAFE_METHODS = new Set(["GET", "HEAD"]);

/** The address people open Teamshape at (TEAMSHAPE_ORIGIN), as an origin: "https://teamshape.example.com". */
const configuredOrigin = readConfiguredOrigin();

function readConfiguredOrigin(): string | undefined {
  const value = process.env.TEAMSHAPE_ORIGIN;
  if (!value) return undefined;
  const origin = URL.canParse(value) ? new URL(value).origin : "null";
  if (origin !== "null") return origin;
  logLine(`TEAMSHAPE_ORIGIN must be an address like https://teamshape.example.com, not "${value}"`);
  process.exit(1);
}

const KiB = 1024;
const MiB = 1024 * KiB;
/**
 * The most a request's body may hold, by path; the first match wins. A `.data` suffix is the same
 * route submitted by the page's own script.
 */
const BODY_LIMITS: readonly { path: RegExp; bytes: number }[] = [
  // A 5 MB spreadsheet upload, and then the confirm step posts the parsed sheet back as JSON.
  { path: /^\/team\/import(?:\/|\.data)?$/i, bytes: 16 * MiB },
  { path: /^\/scenarios\/import(?:\/|\.data)?$/i, bytes: 6 * MiB },
  // The what-if page posts the whole scenario document, URL-encoded.
  { path: /^\/scenarios\/\d+(?:\/|\.data)?$/i, bytes: 12 * MiB },
  { path: /^/, bytes: 64 * KiB },
];

const bodyLimit = (path: string) => BODY_LIMITS.find((limit) => limit.path.test(path))!.bytes;
const inWords = (bytes: number) =>
  bytes < MiB
    ? `${Math.ceil(bytes / KiB).toLocaleString("en-US")} KB`
    : `${Math.ceil(bytes / MiB).toLocaleString("en-US")} MB`;

const LINGER_MS = 1_000;

/**
 * Answers with a plain message and closes the connection, so a body left unread is never read on.
 * Node closes the socket as soon as the answer is written, and closing with unread data makes the
 * kernel reset the connection, which can reach a client still sending before the answer does. So
 * the socket stops writing at once but is only destroyed a moment later.
 */
function refuse(res: Response, status: number, message: string): void {
  const socket = res.req.socket;
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
  res.status(status).set({ "Content-Type": "text/plain; charset=utf-8", Connection: "close" }).send(message);
}

/** The body, read up to `limit` bytes; "too large" as soon as it passes that, "gone" if the client left. */
function readBody(req: Request, limit: number): Promise<Buffer<ArrayBuffer> | "too large" | "gone"> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: Buffer<ArrayBuffer> | "too large" | "gone") => {
      req.off("data", onData).off("end", onEnd).off("error", onGone).off("close", onGone);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        finish("too large");
      } else chunks.push(chunk);
    };
    const onEnd = () => finish(Buffer.concat(chunks, size));
    const onGone = () => finish("gone");
    req.on("data", onData).on("end", onEnd).on("error", onGone).on("close", onGone);
  });
}

/**
 * Holds every request to the body limit of its path (BODY_LIMITS): a declared Content-Length over
 * it is refused before reading, and a body sent without one is cut off the moment it passes it.
 * Remix gets the body as a buffer (res.locals.body), so nothing downstream can read more.
 */
async function limitBody(req: Request, res: Response, next: NextFunction) {
  const hasBody = req.headers["content-length"] !== undefined || req.headers["transfer-encoding"] !== undefined;
  if (!hasBody) return next();
  const limit = bodyLimit(req.path);
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit)
    return refuse(res, 413, `This request is ${inWords(declared)}; Teamshape accepts at most ${inWords(limit)} here.`);
  const body = await readBody(req, limit);
  if (body === "gone") return req.socket.destroy();
  if (body === "too large") {
    return refuse(
      res,
      413,
      `This request is more than ${inWords(limit)}; Teamshape accepts at most ${inWords(limit)} here.`,
    );
  }
  res.locals.body = body;
  next();
}

function decodablePath(path: string): boolean {
  try {
    decodeURI(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Remix's handler for Express would hand Remix `req` itself as the body stream, unlimited; this one
 * hands it the body limitBody read.
 */
function remixHandler(build: ServerBuild, getLoadContext: (req: Request, res: Response) => AppLoadContext) {
  const handle = createRequestHandler(build, build.mode);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const controller = new AbortController();
      // The client went away before the answer was sent: loaders and actions may stop.
      res.on("close", () => res.writableFinished || controller.abort());
      const site = siteOrigin(req);
      if (!site || !req.originalUrl.startsWith("/"))
        return refuse(
          res,
          400,
          "This request does not name a page of this site: its Host header or its path is not one Teamshape can answer.",
        );
      if (!decodablePath(req.path))
        return refuse(res, 400, "This address is broken: part of it is not valid percent-encoding (such as %E0%A4%A).");
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
      }
      // Remix refuses an action whose Origin differs from Host (or X-Forwarded-Host) by throwing,
      // a 500; behind a proxy that rewrites Host that was every POST. sameOriginOnly has already
      // checked the Origin against the site's own, so Remix is told that host.
      headers.set("Host", new URL(site).host);
      headers.delete("X-Forwarded-Host");
      headers.set(REQUEST_ID_HEADER, res.locals.requestId as string);
      const withBody = req.method !== "GET" && req.method !== "HEAD";
      const request = new globalThis.Request(`${site}${req.originalUrl}`, {
        method: req.method,
        headers,
        body: withBody ? ((res.locals.body as Buffer<ArrayBuffer> | undefined) ?? Buffer.alloc(0)) : undefined,
        signal: controller.signal,
      });
      const response = await handle(request, getLoadContext(req, res));
      res.statusMessage = response.statusText;
      res.status(response.status);
      // A page's own header (a share link's Referrer-Policy) replaces the site-wide default set above.
      for (const [name, value] of response.headers.entries())
        if (name === "set-cookie") res.append(name, value);
        else res.setHeader(name, value);
      if (response.body) await writeReadableStreamToWritable(response.body, res);
      else res.end();
    } catch (error) {
      next(error);
    }
  };
}

function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // Charts and layout set style attributes; no script can run from a style.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Any other method is a 405 here: Remix cannot even build a Request for some (TRACE, CONNECT), which was a 500. */
function knownMethodsOnly(req: Request, res: Response, next: NextFunction) {
  if (METHODS.includes(req.method)) return next();
  res.setHeader("Allow", METHODS.join(", "));
  refuse(res, 405, `Teamshape answers ${METHODS.join(", ")} requests, not ${req.method}.`);
}

/** Every request gets an id: sent back as X-Request-Id, shown on the error page, written on each log line about it. */
function assignRequestId(_req: Request, res: Response, next: NextFunction) {
  res.locals.requestId = newRequestId();
  res.setHeader("X-Request-Id", res.locals.requestId as string);
  next();
}

/** One log line for an error no route handled, and a plain 500 that gives its reference. */
function lastResort(error: unknown, req: Request, res: Response, _next: NextFunction) {
  const requestId = res.locals.requestId as string;
  logLine(`${req.method} ${req.path} failed: ${describeError(error)}`, { requestId });
  if (res.headersSent) return void req.socket.destroy();
  refuse(res, 500, `Something went wrong on our side. Reference ${requestId}.`);
}

function securityHeaders(_req: Request, res: Response, next: NextFunction) {
  const nonce = randomBytes(16).toString("base64");
  res.locals.nonce = nonce;
  res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  if (configuredOrigin?.startsWith("https:")) res.setHeader("Strict-Transport-Security", "max-age=31536000");
  next();
}

/** The first segment of a path, decoded ("" if it is not valid percent-encoding). */
function firstSegment(path: string): string {
  try {
    return decodeURIComponent(path.split("/")[1] ?? "");
  } catch {
    return "";
  }
}

/** A Host header that is a plain name or address, with an optional port (nothing a URL would read otherwise). */
const HOST = /^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

function loopbackHost(host: string): boolean {
  const { hostname } = new URL(`http://${host}`);
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * The site's own origin: TEAMSHAPE_ORIGIN when set, otherwise what the request's Host header says
 * (undefined when that is not a host name).
 */
function siteOrigin(req: Request): string | undefined {
  if (configuredOrigin) return configuredOrigin;
  const host = req.get("host");
  return host && HOST.test(host) ? `${req.protocol}://${host.toLowerCase()}` : undefined;
}

/**
 * Accepts a change only from a page of this site. Without TEAMSHAPE_ORIGIN the site's address is
 * whatever the Host header says, which a page on another name that resolves here (DNS rebinding)
 * controls, so then only loopback hosts are trusted.
 */
function sameOriginOnly(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  const site = siteOrigin(req);
  if (!configuredOrigin && !(site && loopbackHost(new URL(site).host))) {
    return refuse(
      res,
      403,
      "Refused: Teamshape does not know this address as its own. Set TEAMSHAPE_ORIGIN to the address people open it at (for example https://teamshape.example.com) and restart it; until then it takes changes only at http://localhost.",
    );
  }
  let origin = req.get("origin");
  try {
    origin ??= req.get("referer") ? new URL(req.get("referer")!).origin : undefined;
  } catch {
    origin = undefined; // a Referer that is not a URL proves nothing
  }
  if (origin === site) return next();
  refuse(res, 403, "Refused: this change did not come from a Teamshape page. Reload the page and try again.");
}

/** Migrates and seeds the database, through the build's start-up export (entry.server.tsx), before any request. */
async function openDatabase(build: ServerBuild): Promise<void> {
  const { startUp } = build.entry.module as { startUp?: () => Promise<unknown> };
  if (!startUp) throw new Error("the build's entry.server exports no startUp");
  await startUp();
}

async function serve(): Promise<void> {
  const build = (await import(new URL("./index.js", import.meta.url).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.use(assignRequestId);
  if (trustProxy) app.set("trust proxy", 1);
  app.use(compression());
  // Remix flushes after every piece it writes, which makes gzip close a block each time. Nothing
  // here streams (no deferred data), so gzip flushes when its buffer is full or the response ends.
  app.use((_req, res, next) => {
    (res as { flush?: unknown }).flush = undefined;
    next();
  });
  app.use(securityHeaders);
  app.use(knownMethodsOnly);
  app.use("/build", express.static(`${publicDir}/build`, { immutable: true, maxAge: "1y" }));
  // The rest of public/ is a few known names (favicons, example files): asking the file system
  // about every page's path on the way to Remix cost more than some of the pages' own queries.
  const publicNames = new Set(existsSync(publicDir) ? readdirSync(publicDir) : []);
  const servePublic = express.static(publicDir, { maxAge: "1h" });
  app.use((req, res, next) => {
    if (publicNames.has(firstSegment(req.path))) void servePublic(req, res, next);
    else next();
  });
  app.use(sameOriginOnly);
  app.use((req, res, next) => void limitBody(req, res, next));
  // Pages and downloads hold salaries: no shared or browser cache keeps them.
  app.use((_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    next();
  });
  const handleWithRemix = remixHandler(build, (req, res) => ({
    remoteAddress: (trustProxy ? req.ip : req.socket.remoteAddress) ?? "unknown",
    nonce: res.locals.nonce as string,
    requestId: res.locals.requestId as string,
  }));
  app.use((req, res, next) => void handleWithRemix(req, res, next));
  app.use(lastResort);
  let server: Server | undefined;
  stopOnSignal(() => server);
  const listen = () =>
    new Promise<void>((resolve) => {
      server = app.listen(port, () => resolve());
    });
  if (cluster.isWorker) {
    // The supervisor says when: first the database (one worker at a time), then listening (all together).
    process.on("message", (message) => {
      if (message === "open database") void openDatabase(build).then(() => process.send?.("database open"), fail);
      if (message === "listen") void listen().then(() => process.send?.("listening"));
    });
    process.send?.("loaded");
    return;
  }
  await openDatabase(build).catch(fail);
  await listen();
  logLine(`listening on http://localhost:${port}`);
  if (build.mode === "development") void broadcastDevReady(build);
}

/** How long requests in flight get after SIGTERM before the process exits anyway. */
const STOP_DEADLINE_MS = 3_000;
/** How long the supervisor waits for its workers before killing them: a blocked event loop runs no signal handler. */
const KILL_AFTER_MS = 4_000;

/**
 * On SIGTERM or SIGINT: stop taking connections, let requests in flight finish, exit by the
 * deadline whatever is still running. process.exit also ends any worker threads, and a PDF
 * browser cannot outlive it (see pdf.server.ts).
 */
function stopOnSignal(server: () => Server | undefined): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const listening = server();
    if (!listening) process.exit(0);
    listening.close(() => process.exit(0));
    listening.closeIdleConnections();
    setTimeout(() => {
      logLine(
        `process ${process.pid}: requests still running ${STOP_DEADLINE_MS / 1000} s after the signal to stop; exiting anyway`,
      );
      process.exit(0);
    }, STOP_DEADLINE_MS);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

function fail(error: unknown): never {
  logLine(`the database did not open: ${describeError(error)}`);
  process.exit(1);
}

/**
 * With several workers, each opens the database in turn (the first migrates and seeds it), then
 * all start listening together, so connections spread over them from the first request. A worker
 * that dies is replaced. SIGTERM/SIGINT go on to every worker; one still running 4 s later is
 * killed (SIGKILL), so nothing outlives the supervisor.
 */
async function supervise(): Promise<void> {
  let stopping = false;
  const running = () =>
    Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined && !worker.isDead());
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    if (running().length === 0) process.exit(0);
    for (const worker of running()) worker.process.kill("SIGTERM");
    setTimeout(() => {
      for (const worker of running()) {
        logLine(`worker ${worker.process.pid} still running ${KILL_AFTER_MS / 1000} s after ${signal}; killing it`);
        worker.process.kill("SIGKILL");
      }
      // The last worker's exit event normally ends this process first.
      setTimeout(() => process.exit(0), 1_000);
    }, KILL_AFTER_MS);
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  const ask = (worker: Worker, message: string, answer: string) =>
    new Promise<void>((resolve) => {
      const onMessage = (reply: unknown) => {
        if (reply !== answer) return;
        worker.off("message", onMessage);
        resolve();
      };
      worker.on("message", onMessage);
      worker.send(message);
    });
  const fork = () =>
    new Promise<Worker>((resolve) => {
      const worker = cluster.fork();
      worker.once("message", () => resolve(worker)); // "loaded"
    });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (running().length === 0) process.exit(0);
      return;
    }
    logLine(`worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another`);
    void fork().then(async (replacement) => {
      await ask(replacement, "open database", "database open");
      await ask(replacement, "listen", "listening");
    });
  });
  const workers = await Promise.all(Array.from({ length: workerCount }, fork));
  for (const worker of workers) await ask(worker, "open database", "database open");
  await Promise.all(workers.map((worker) => ask(worker, "listen", "listening")));
  logLine(`listening on http://localhost:${port} (${workerCount} worker processes)`);
}

// An error nothing caught ends the process, as Node would, but on one log line.
for (const event of ["uncaughtException", "unhandledRejection"] as const) {
  process.on(event, (error: unknown) => {
    logLine(`process ${process.pid} stopped on an error nothing caught: ${describeError(error)}`);
    process.exit(1);
  });
}

if (workerCount > 1 && cluster.isPrimary) await supervise();
else await serve();
