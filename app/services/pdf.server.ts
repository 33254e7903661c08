/**
 * Direct PDF downloads: the system Chromium (driven by playwright-core) opens the printable report
 * page and prints it, so the PDF holds exactly the charts and tables the page shows, with no
 * second drawing of them. One PDF renders at a time; without Chromium the caller falls back to the
 * browser's own "Save as PDF".
 */
import { existsSync } from "node:fs";
import { logLine } from "~/utils/log.server";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** The Chromium this machine has, or undefined. TEAMSHAPE_CHROMIUM names it (a missing path turns PDFs off). */
export function chromiumPath(): string | undefined {
  const chosen = process.env.TEAMSHAPE_CHROMIUM ?? process.env.CHROMIUM_PATH;
  return (chosen ? [chosen] : CANDIDATES).find((path) => existsSync(path));
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let queue: Promise<unknown> = Promise.resolve();
let waiting = 0;
/** PDFs queued beyond this are refused (the user is told to try again) rather than left hanging. */
const MAX_WAITING = 4;

class PdfBusy extends Error {}

export type Paper = "A4" | "Letter";

/**
 * Prints the page at `url` to PDF once every chart on it has drawn. `headers` go with each request
 * (the signed-in user's cookie). Undefined when there is no Chromium.
 */
export async function renderPdf(
  url: string,
  { title, paper = "A4", headers = {} }: { title: string; paper?: Paper; headers?: Record<string, string> },
): Promise<ArrayBuffer | undefined> {
  const executablePath = chromiumPath();
  if (!executablePath) return undefined;
  if (waiting >= MAX_WAITING) throw new PdfBusy("too many PDFs in the queue");
  waiting += 1;
  const run = queue.then(async () => {
    // Loaded on the first PDF, not at start-up in every server process.
    const { chromium } = await import("playwright-core");
    // Chromium cannot outlive this process: Playwright closes it on SIGTERM and kills it when the
    // process exits; if the process is killed outright, Chromium's end of the DevTools pipe
    // closes and it quits (within 0.2 s, measured). SIGINT is left to the server's own handler,
    // which Playwright's would pre-empt by exiting at once.
    const browser = await chromium.launch({
      executablePath,
      args: CHROMIUM_ARGS,
      timeout: 20_000,
      handleSIGTERM: true,
      handleSIGINT: false,
      handleSIGHUP: true,
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 1400 }, extraHTTPHeaders: headers });
      const response = await page.goto(url, { waitUntil: "load", timeout: 20_000 });
      if (!response?.ok()) throw new Error(`the report page answered ${response?.status() ?? "nothing"}`);
      // Charts draw after hydration, once they have measured their box.
      await page.waitForFunction(
        () => [...document.querySelectorAll(".chart")].every((chart) => chart.querySelector("svg.recharts-surface")),
        undefined,
        { timeout: 20_000 },
      );
      const escaped = title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
      return await page.pdf({
        format: paper,
        printBackground: true,
        margin: { top: "14mm", bottom: "16mm", left: "12mm", right: "12mm" },
        displayHeaderFooter: true,
        headerTemplate: "<span></span>",
        footerTemplate: `<div style="font-size:8px;width:100%;padding:0 12mm;color:#667;display:flex;justify-content:space-between"><span>${escaped}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
      });
    } finally {
      await browser.close();
    }
  });
  void run.then(
    () => (waiting -= 1),
    () => (waiting -= 1),
  );
  queue = run.catch(() => undefined);
  const bytes = await run;
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** The PDF response, or a way back to the printable page when this machine cannot make one. */
export async function pdfResponse(
  request: Request,
  { reportPath, title, fileName }: { reportPath: string; title: string; fileName: string },
): Promise<Response> {
  const url = new URL(request.url);
  // The server prints its own page on loopback, never at a host named by the request (which a
  // client controls).
  const report = new URL(
    reportPath + url.search,
    process.env.TEAMSHAPE_INTERNAL_URL ?? `http://127.0.0.1:${process.env.PORT || 3000}`,
  );
  const paper: Paper = url.searchParams.get("paper")?.toLowerCase() === "letter" ? "Letter" : "A4";
  const cookie = request.headers.get("Cookie");
  const back = (reason: "unavailable" | "busy" | "failed") => {
    report.searchParams.set("pdf", reason);
    return new Response(null, { status: 303, headers: { Location: report.pathname + report.search } });
  };
  let pdf: ArrayBuffer | undefined;
  try {
    pdf = await renderPdf(report.href, { title, paper, headers: cookie ? { cookie } : {} });
  } catch (error) {
    if (error instanceof PdfBusy) return back("busy");
    logLine(`PDF of ${reportPath} failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    return back("failed");
  }
  if (!pdf) return back("unavailable");
  return new Response(pdf, {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${fileName}"` },
  });
}
