/**
 * Real Requests for calling route loaders and actions the way Remix does, signed in. Each test
 * file's database gets three accounts (setup/database.ts); requests go as the admin unless `as`
 * says otherwise, and `as: null` sends no cookie at all.
 */
import type { Role } from "../../db/schema";

export type As = Role | null;

const cookies = new Map<Role, string>();

/** Called once per test file by the setup, with each role's session cookie. */
export function useSessionCookies(byRole: Map<Role, string>): void {
  for (const [role, cookie] of byRole) cookies.set(role, cookie);
}

function headersFor(as: As, extra: Record<string, string> = {}): Headers {
  const headers = new Headers(extra);
  if (as) headers.set("Cookie", cookies.get(as) ?? "");
  return headers;
}

export function formRequest(path: string, fields: Record<string, string>, { as = "admin" }: { as?: As } = {}): Request {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: headersFor(as, { "Content-Type": "application/x-www-form-urlencoded" }),
  });
}

export function getRequest(path: string, { as = "admin" }: { as?: As } = {}): Request {
  return new Request(`http://localhost${path}`, { headers: headersFor(as) });
}

/** A multipart POST, as a browser sends a file upload. */
export function uploadRequest(path: string, form: FormData, { as = "admin" }: { as?: As } = {}): Request {
  return new Request(`http://localhost${path}`, { method: "POST", body: form, headers: headersFor(as) });
}

export const routeArgs = (
  request: Request,
  params: Record<string, string> = {},
  context: Record<string, unknown> = {},
) => ({ request, params, context });

/** Runs a loader or action that is expected to throw a Response; returns that Response. */
export async function thrownResponse(run: () => unknown): Promise<Response> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

/** What a loader or action returned, seen from a test: `data(value, init)` or a plain value. */
export function dataOf<T>(result: unknown): { data: T; status: number } {
  const r = result as { data: T; init?: { status?: number } | null; type?: string };
  if (r?.type === "DataWithResponseInit") return { data: r.data, status: r.init?.status ?? 200 };
  return { data: result as T, status: 200 };
}
