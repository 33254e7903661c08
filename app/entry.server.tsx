import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { describeError, logLine } from "~/utils/log.server";
import { NonceContext } from "~/utils/nonce";
import { RequestIdContext } from "~/utils/request-id";

const ABORT_DELAY_MS = 5_000;

/** One log line per unexpected server error, with the request's id; the user sees the error page (and the id), never the stack. */
/**
 * Start-up, for the server (app/server.ts) to call before it listens: migrates and seeds the
 * database through this build's own modules, so the connection it opens is the one requests use.
 */
export { startUp } from "~/services/startup.server";

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  // A client that left, or Remix's own 4xx answers (a POST to a page without a form is a 405): nothing went wrong here.
  if (request.signal.aborted || (isRouteErrorResponse(error) && error.status < 500)) return;
  logLine(`${request.method} ${new URL(request.url).pathname} failed: ${describeError(error)}`, {
    requestId: context.requestId,
  });
};

/**
 * Renders the whole page, then sends it in one piece. No loader defers data, so streaming would
 * save nothing; and each streamed piece costs a trip through a web stream, a socket write and (with
 * compression) a gzip flush, which made a 56 KB roster page about 30 of each.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.nonce ?? "";
  return new Promise((resolve, reject) => {
    const app = (
      <NonceContext.Provider value={nonce}>
        <RequestIdContext.Provider value={loadContext.requestId ?? ""}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} nonce={nonce} />
        </RequestIdContext.Provider>
      </NonceContext.Provider>
    );
    let shellRendered = false;
    let settled = false;
    let timeout: ReturnType<typeof setTimeout> | undefined;
    const chunks: Buffer[] = [];
    const page = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        const body = Buffer.concat(chunks);
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        responseHeaders.set("Content-Length", String(body.byteLength));
        settled = true;
        clearTimeout(timeout);
        resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode }));
        done();
      },
    });
    const { pipe, abort } = renderToPipeableStream(app, {
      nonce,
      onShellReady() {
        shellRendered = true;
      },
      onAllReady() {
        pipe(page);
      },
      onShellError(error: unknown) {
        settled = true;
        clearTimeout(timeout);
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered)
          logLine(`${request.method} ${new URL(request.url).pathname} failed to render: ${describeError(error)}`, {
            requestId: loadContext.requestId,
          });
      },
    });
    if (!settled) timeout = setTimeout(abort, ABORT_DELAY_MS + 1_000);
  });
}
