import type { ReactNode } from "react";

export type Tone = "good" | "warn" | "bad" | undefined;

/** A figure with its label and a line of context: the dashboard's building block. */
export function StatCard({
  label,
  value,
  hint,
  tone,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  tone?: Tone;
}) {
  return (
    <div className={`card stat${tone ? ` ${tone}` : ""}`}>
      <p className="stat-label">{label}</p>
      <p className="stat-value">{value}</p>
      {hint ? <p className="stat-hint">{hint}</p> : null}
    </div>
  );
}
