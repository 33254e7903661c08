/**
 * A loader's or action's answer as the browser would get it: status, redirect and body text
 * (workbooks read back cell by cell), for tests that look at everything a user receives.
 */
import ExcelJS from "exceljs";
import { routeArgs } from "./requests";

export type Handler = (args: ReturnType<typeof routeArgs>) => Promise<unknown>;

export interface Answer {
  status: number;
  location: string | null;
  /** Page data as JSON, a download's text, or a workbook's cells one row a line. */
  body: string;
}

export async function answerOf(run: Handler, request: Request, params: Record<string, string> = {}): Promise<Answer> {
  let result: unknown;
  try {
    result = await run(routeArgs(request, params));
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    result = thrown;
  }
  if (result instanceof Response) {
    const type = result.headers.get("Content-Type") ?? "";
    let body = "";
    if (type.includes("spreadsheetml")) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await result.arrayBuffer());
      workbook.eachSheet((sheet) => sheet.eachRow((row) => (body += `${sheet.name}: ${JSON.stringify(row.values)}\n`)));
    } else body = await result.text();
    return { status: result.status, location: result.headers.get("Location"), body };
  }
  const r = result as { type?: string; data?: unknown; init?: { status?: number } };
  if (r?.type === "DataWithResponseInit")
    return { status: r.init?.status ?? 200, location: null, body: JSON.stringify(r.data) };
  return { status: 200, location: null, body: JSON.stringify(result) };
}
