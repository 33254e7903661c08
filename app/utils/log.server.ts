/**
 * The server log: one line per event, `[teamshape] <time> req=<id> <what happened>`, so a log
 * search for a request id (shown to the user as "Reference <id>") finds the whole event.
 */
import { randomBytes } from "node:crypto";

/** A new request id: 8 random bytes as hex. */
export const newRequestId = () => randomBytes(8).toString("hex");

/**
 * The header that carries the request id to loaders and actions (server.ts sets it on every
 * request, over whatever the client sent), so the loaders of one page can share work: Remix hands
 * each its own copy of the Request.
 */
export const REQUEST_ID_HEADER = "x-teamshape-request-id";

/** An error as one line: its name, message and stack frames joined by " | ". */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  return [`${error.name}: ${error.message}`, ...frames].join(" | ");
}

/** Writes one line to stderr; any line break in `text` (a stack, a user's input) becomes " | ". */
export function logLine(text: string, { requestId }: { requestId?: string } = {}): void {
  const time = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const oneLine = text.replace(/\s*[\r\n]+\s*/g, " | ");
  console.error(`[teamshape] ${time}${requestId ? ` req=${requestId}` : ""} ${oneLine}`);
}
