import { useSyncExternalStore, type ReactNode } from "react";

const noSubscription = () => () => {};

/**
 * True once the page runs in the browser: charts measure their box, so they draw only there.
 * False in the server's render and while hydrating it; true at once for anything mounted later.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/** A titled chart with a plain-words caption; the chart itself renders after hydration. */
export function ChartFrame({
  title,
  caption,
  height = 280,
  children,
}: {
  title: string;
  caption?: ReactNode;
  height?: number;
  children: () => ReactNode;
}) {
  const hydrated = useHydrated();
  return (
    <figure className="card" style={{ margin: 0 }}>
      <h2>{title}</h2>
      {caption ? <figcaption className="card-note">{caption}</figcaption> : null}
      <div className="chart" style={{ height }} role="img" aria-label={title}>
        {hydrated ? children() : <div className="chart-placeholder">Loading chart...</div>}
      </div>
    </figure>
  );
}

export const CLASS_COLORS = { junior: "#7c9cff", mid: "#47b7d1", senior: "#2f8a63" } as const;
export const AXIS_STYLE = { fontSize: 12, fill: "#4a5568" };
