/** Real Requests for calling route loaders and actions the way Remix does. */
export function formRequest(path: string, fields: Record<string, string>): Request {
  return new Request(`http://localhost${path}`, { method: "POST", body: new URLSearchParams(fields) });
}

export function getRequest(path: string): Request {
  return new Request(`http://localhost${path}`);
}

export const routeArgs = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

/** Runs a loader or action that is expected to throw a Response; returns that Response. */
export async function thrownResponse(run: () => Promise<unknown>): Promise<Response> {
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
