import type { ReactNode } from "react";
import { useHydrated } from "~/components/ui/use-hydrated";

/**
 * A titled chart with a plain-words caption; the chart itself renders after hydration. Charts are
 * pictures, not controls (each is drawn with `accessibilityLayer={false}`, so it takes no focus):
 * a screen reader reads the title and `summary`, one line of what the chart shows.
 */
export function ChartFrame({
  title,
  caption,
  summary,
  height = 280,
  children,
}: {
  title: string;
  caption?: ReactNode;
  summary?: string;
  height?: number;
  children: () => ReactNode;
}) {
  const hydrated = useHydrated();
  return (
    <figure className="card" style={{ margin: 0 }}>
      <h2>{title}</h2>
      {caption ? <figcaption className="card-note">{caption}</figcaption> : null}
      <div className="chart" style={{ height }} role="img" aria-label={summary ? `${title}: ${summary}` : title}>
        {hydrated ? children() : <div className="chart-placeholder">Loading chart...</div>}
      </div>
    </figure>
  );
}

export const CLASS_COLORS = { junior: "#7c9cff", mid: "#47b7d1", senior: "#2f8a63" } as const;
export const AXIS_STYLE = { fontSize: 12, fill: "#4a5568" };

/** "from 15 in 2027-01 to 19 in 2028-12": a line's first and last values, for a chart's summary. */
export function fromFirstToLast(
  points: { period: string; value: number | null | undefined }[],
  format: (v: number) => string,
): string {
  const drawn = points.filter((p) => typeof p.value === "number");
  const first = drawn[0];
  const last = drawn[drawn.length - 1];
  if (!first || !last) return "no values";
  return `from ${format(first.value!)} in ${first.period} to ${format(last.value!)} in ${last.period}`;
}
