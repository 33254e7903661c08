/** A signed-in HTTP client for the running app, as a browser would talk to it (same Origin, its cookie). */
import { E2E_ADMIN, type RunningApp } from "./server";

export interface Client {
  cookie: string;
  get: (path: string) => Promise<Response>;
  post: (path: string, body: URLSearchParams | FormData) => Promise<Response>;
}

export async function signedIn(
  app: RunningApp,
  { email = E2E_ADMIN.email, password = E2E_ADMIN.password } = {},
): Promise<Client> {
  const response = await fetch(`${app.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: app.url },
    body: new URLSearchParams({ email, password }),
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (response.status !== 302 || !cookie)
    throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return sessionOn(app, cookie);
}

/** A session's cookie talking to `app`: another server on the same database knows the session too. */
export function sessionOn(app: Pick<RunningApp, "url">, cookie: string): Client {
  return {
    cookie,
    get: (path) => fetch(`${app.url}${path}`, { redirect: "manual", headers: { Cookie: cookie } }),
    post: (path, body) =>
      fetch(`${app.url}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: { Cookie: cookie, Origin: app.url },
        body,
      }),
  };
}
