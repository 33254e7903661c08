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

export async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(path)) as unknown as ArrayBuffer);
  return workbook;
}
