/**
 * The production server (`npm start` runs build/server.mjs, bundled from this file): Express
 * serving the Remix build, with what every response needs. It
 * - sets the security headers: a Content-Security-Policy whose scripts need this response's nonce,
 *   frame-ancestors 'none', nosniff, a same-origin referrer policy;
 * - refuses a POST (or any method that changes data) whose Origin is not this site's, so another
 *   site cannot submit a form here with the user's cookie (CSRF);
 * - passes the client's address (for sign-in rate limits) and the nonce to Remix;
 * - finishes requests in flight on SIGTERM/SIGINT before exiting.
 */
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";

const buildUrl = new URL("./index.js", import.meta.url);
const build = (await import(buildUrl.href)) as ServerBuild;
const publicDir = fileURLToPath(new URL("../public", import.meta.url));

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

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

function securityHeaders(_req: Request, res: Response, next: NextFunction) {
  const nonce = randomBytes(16).toString("base64");
  res.locals.nonce = nonce;
  res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  next();
}

/** The site's own origin: TEAMSHAPE_ORIGIN behind a proxy, otherwise the request's host. */
function ownOrigin(req: Request): string {
  return process.env.TEAMSHAPE_ORIGIN ?? `${req.protocol}://${req.get("host")}`;
}

function sameOriginOnly(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  const origin = req.get("origin") ?? (req.get("referer") ? new URL(req.get("referer")!).origin : undefined);
  if (origin === ownOrigin(req)) return next();
  res.status(403).type("text/plain").send("Refused: this change did not come from a Teamshape page. Reload the page and try again.");
}

const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use(securityHeaders);
app.use("/build", express.static(`${publicDir}/build`, { immutable: true, maxAge: "1y" }));
app.use(express.static(publicDir, { maxAge: "1h" }));
app.use(sameOriginOnly);
app.all(
  "*",
  createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: (req, res) => ({ remoteAddress: req.socket.remoteAddress ?? "unknown", nonce: res.locals.nonce as string }),
  }),
);

const port = Number(process.env.PORT) || 3000;
const server = app.listen(port, async () => {
  // Open, migrate and seed the database now, so a problem shows at start-up, not on a first visit.
  const health = await fetch(`http://127.0.0.1:${port}/healthz`).catch((error: Error) => ({ ok: false, statusText: error.message }));
  if (!health.ok) console.error(`[teamshape] the database did not open: ${health.statusText}`);
  console.log(`[teamshape] http://localhost:${port}`);
  if (build.mode === "development") void broadcastDevReady(build);
});

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
