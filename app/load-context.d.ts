/** What the server (app/server.ts) hands every loader and action. */
import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address, for sign-in rate limits ("unknown" outside the server). */
    remoteAddress?: string;
    /** This response's Content-Security-Policy nonce. */
    nonce?: string;
    /** This request's id, for log lines and the error page's reference. */
    requestId?: string;
  }
}
