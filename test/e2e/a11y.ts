/**
 * Accessibility checks for the browser tests: Deque's axe-core rules run in the page, and the
 * contrast of chart legends, which axe leaves "incomplete" (it cannot tell the background of text
 * drawn next to an SVG swatch).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** WCAG 2.0, 2.1 and 2.2 level A and AA, plus Deque's best practices (empty table headers, landmarks). */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe on the page as it is now and returns one line per violation: rule, impact, what it
 * asks and the offending elements. The script goes in through the DevTools protocol (page.evaluate),
 * which the app's Content-Security-Policy does not govern, so production's CSP stays as strict.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(
    async (tags) =>
      (
        await (
          window as unknown as {
            axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> };
          }
        ).axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })
      ).violations,
    AXE_TAGS,
  );
  return violations.map(
    (v) => `${v.id} (${v.impact ?? "?"}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}

/** The WCAG contrast ratio of two CSS colours "rgb(r, g, b)". */
export function contrastRatio(foreground: string, background: string): number {
  const luminance = (color: string) => {
    const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((c) => {
      const v = Number(c) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
  return (light! + 0.05) / (dark! + 0.05);
}

/** Each chart legend's words with the contrast they have against the card behind them. */
export async function legendContrasts(page: Page): Promise<{ text: string; ratio: number }[]> {
  const legends = await page.evaluate(() =>
    [...document.querySelectorAll(".recharts-legend-item-text")].map((element) => {
      let behind: Element | null = element;
      let background = "rgba(0, 0, 0, 0)";
      while (behind && /rgba\(0, 0, 0, 0\)|transparent/.test(background)) {
        background = getComputedStyle(behind).backgroundColor;
        behind = behind.parentElement;
      }
      return { text: element.textContent ?? "", color: getComputedStyle(element).color, background };
    }),
  );
  return legends.map((l) => ({ text: l.text, ratio: contrastRatio(l.color, l.background) }));
}
