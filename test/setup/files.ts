/** Reading back what the app hands out: PDF text (pdf.js, Mozilla's PDF reader) and workbooks (exceljs). */
import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** Every page's text, pages separated by form feeds, runs of spaces collapsed. */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false })
    .promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    // Pieces of one word (Chromium splits at ligatures such as "ffi") touch; others get a space.
    let text = "";
    let end: { x: number; y: number } | undefined;
    for (const item of content.items) {
      if (!("str" in item)) continue;
      const [x, y] = [item.transform[4] as number, item.transform[5] as number];
      const touching = end && Math.abs(end.y - y) < 1 && Math.abs(end.x - x) < 0.5;
      text += (touching ? "" : " ") + item.str;
      end = { x: x + item.width, y };
    }
    pages.push(text.replace(/\s+/g, " ").trim());
  }
  await document.destroy();
  return { pages: document.numPages, text: pages.join("\f") };
}

/**
 * Each page of a PDF as a reader sees it: its body text (without the running footer, which sits in
 * the bottom margin) and how far down the page that text reaches (0 at the top, 1 at the bottom).
 */
export async function pdfPageLayout(
  bytes: Uint8Array,
  { footerHeight = 48 }: { footerHeight?: number } = {},
): Promise<{ text: string; reach: number }[]> {
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false })
    .promise;
  const pages: { text: string; reach: number }[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    const [, bottom, , top] = page.view as [number, number, number, number];
    let lowest = top;
    const words: string[] = [];
    for (const item of (await page.getTextContent()).items) {
      if (!("str" in item) || item.str.trim() === "") continue;
      // PDF y runs up from the bottom; the footer is the text in the bottom margin.
      const y = item.transform[5] as number;
      if (y < bottom + footerHeight) continue;
      words.push(item.str);
      lowest = Math.min(lowest, y);
    }
    pages.push({ text: words.join(" ").replace(/\s+/g, " ").trim(), reach: (top - lowest) / (top - bottom) });
  }
  await document.destroy();
  return pages;
}

export async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(path)) as unknown as ArrayBuffer);
  return workbook;
}
