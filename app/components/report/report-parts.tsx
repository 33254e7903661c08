import { Link, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import type { GoalsInWords, PlanWarning } from "~/domain";
import { formatPercent } from "~/utils/format";

/** What viewers read wherever money is shown: their figures are priced at band midpoints. */
export const BAND_MIDPOINT_NOTE =
  "Costs are priced at each level's band midpoint, not at people's salaries, which only planners see.";

const PDF_PROBLEMS: Record<string, string> = {
  unavailable: "This server cannot make PDF files (it has no Chromium).",
  busy: "The server is making several PDFs already; try again in a minute.",
  failed: "The PDF could not be made just now.",
};

/**
 * The top of a printable report: what it is, when it was prepared, the question it answers, and
 * (on screen only) the ways to print it or take it away as a file.
 */
export function ReportHeader({
  kind,
  title,
  prepared,
  question,
  facts,
  back,
  downloads,
}: {
  kind: string;
  title: string;
  prepared: string;
  question: ReactNode;
  facts: string;
  back: { to: string; label: string } | null;
  downloads: { to: string; label: string }[];
}) {
  const [search] = useSearchParams();
  return (
    <header className="report-header">
      {search.get("pdf") ? (
        <p className="form-error no-print" role="alert">
          {PDF_PROBLEMS[search.get("pdf")!] ?? PDF_PROBLEMS.failed} Use &quot;Print or save as PDF&quot; and choose
          &quot;Save as PDF&quot; in the print dialog: it gives the same pages.
        </p>
      ) : null}
      <div className="report-toolbar no-print">
        {back ? <Link to={back.to}>← {back.label}</Link> : <span />}
        <div className="button-row">
          <button type="button" className="button" onClick={() => window.print()}>
            Print or save as PDF
          </button>
          {downloads.map((d) => (
            <Link key={d.to} to={d.to} reloadDocument className="button button-light">
              {d.label}
            </Link>
          ))}
        </div>
      </div>
      <p className="report-kind">{kind}</p>
      <h1>{title}</h1>
      <p className="report-question">{question}</p>
      <p className="muted">
        {facts} Prepared {prepared} with Teamshape.
      </p>
    </header>
  );
}

/** A titled block that is never split across printed pages. */
export function ReportSection({ title, note, children }: { title: string; note?: ReactNode; children: ReactNode }) {
  return (
    <section className="report-section">
      <h2>{title}</h2>
      {note ? <p className="card-note">{note}</p> : null}
      {children}
    </section>
  );
}

/** Where a plan breaks a target, in words, or that it breaks none. */
export function WarningList({ warnings }: { warnings: PlanWarning[] }) {
  return warnings.length > 0 ? (
    <ul className="report-warnings">
      {warnings.map((w) => (
        <li key={w.message}>{w.message}</li>
      ))}
    </ul>
  ) : (
    <p className="notice">This plan keeps mentoring covered, the ratio in band and every skill with two owners.</p>
  );
}

/**
 * A plan's goals as a checklist: each met or not, named as `goalLabel` names it, in
 * `evaluateGoals`'s words, and (when simulated) the share of simulated futures that meet it.
 */
export function GoalList({
  goals,
  likelihoods,
}: {
  goals: GoalsInWords["goals"];
  likelihoods?: readonly { probability: number }[] | null;
}) {
  return (
    <ul className="report-goals">
      {goals.map((g, i) => {
        const likely = likelihoods?.[i];
        return (
          <li key={g.label}>
            <span className={`pill ${g.met ? "good" : "bad"}`}>{g.met ? "met" : "not met"}</span>{" "}
            <strong>
              {g.label.charAt(0).toUpperCase()}
              {g.label.slice(1)}.
            </strong>{" "}
            {g.message}
            {likely ? ` Met in ${formatPercent(likely.probability)} of simulated futures.` : ""}
          </li>
        );
      })}
    </ul>
  );
}
