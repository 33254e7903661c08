import { Form, Link, useNavigation } from "@remix-run/react";
import { addMonths } from "~/domain";
import { Field } from "~/components/ui/field";
import { formatMonth, formatShortDay } from "~/utils/format";

/** The plan of record as the scenario page sees it: this scenario's adoption, or another's. */
export interface AdoptionState {
  isThisScenario: boolean;
  scenarioName: string;
  versionNumber: number;
  adoptedFrom: string;
  adoptedBy: string;
}

/** What the "adopt" intent answers: the adoption made, or the refusal with the input to show again. */
export type AdoptResult =
  | { intent: "adopt"; ok: true; versionNumber: number; adoptedFrom: string }
  | { intent: "adopt"; ok: false; errors: Record<string, string>; values: Record<string, string> };

/** The first of next month, inside the plan's months (its first or last month when outside). */
export function defaultAdoptionDay(today: string, start: string, horizonMonths: number): string {
  const last = addMonths(start, horizonMonths - 1);
  const next = addMonths(today, 1);
  const month = next < start ? start : next > last ? last : next;
  return `${month}-01`;
}

/**
 * "Adopt as the plan of record" (admins): the scenario's newest saved version becomes the plan the
 * team is held to from a day, on the Plan vs actual page. Says which version is the plan of record
 * when this scenario is, and whether it changed since.
 */
export function AdoptPlan({
  version,
  newestVersion,
  start,
  horizonMonths,
  today,
  adoption,
  result,
  dirty,
}: {
  /** The scenario's row version, for the stale-page check. */
  version: number;
  /** The newest saved version's number: what adopting takes. */
  newestVersion: number;
  start: string;
  horizonMonths: number;
  today: string;
  adoption: AdoptionState | null;
  result: AdoptResult | undefined;
  dirty: boolean;
}) {
  const navigation = useNavigation();
  const refused = result && !result.ok ? result : undefined;
  const mine = adoption?.isThisScenario ? adoption : null;
  const changedSince = mine !== null && newestVersion > mine.versionNumber;
  const label = mine
    ? changedSince
      ? `Adopt version ${newestVersion}`
      : `Adopt version ${newestVersion} again`
    : "Adopt as the plan of record";
  const last = addMonths(start, horizonMonths - 1);
  return (
    <section className="card section" id="adopt-plan" aria-labelledby="adopt-plan-title">
      <h2 id="adopt-plan-title">Plan of record</h2>
      {result?.ok ? (
        <p className="notice" role="status">
          Version {result.versionNumber} is the plan of record from {formatShortDay(result.adoptedFrom)}.{" "}
          <Link to="/plan">See plan vs actual</Link>
        </p>
      ) : null}
      {result?.ok ? null : mine ? (
        <p>
          Version {mine.versionNumber} of this scenario is the plan of record from {formatShortDay(mine.adoptedFrom)}{" "}
          (adopted by {mine.adoptedBy}).{" "}
          {changedSince
            ? `The scenario changed since: version ${newestVersion} is the newest. Adopt it to hold the team to the changes.`
            : "The scenario has not changed since."}{" "}
          <Link to="/plan">Plan vs actual</Link>
        </p>
      ) : (
        <p className="card-note">
          The plan the team is held to: <Link to="/plan">Plan vs actual</Link> compares it month by month with the
          roster, from the day you choose. Adopting takes the newest saved version (version {newestVersion}); later
          edits make new versions, which you adopt again.
          {adoption
            ? ` Now the plan of record is "${adoption.scenarioName}" (version ${adoption.versionNumber}): this replaces it.`
            : ""}
        </p>
      )}
      {refused?.errors.form ? (
        <p className="form-error" role="alert">
          {refused.errors.form}
        </p>
      ) : null}
      {/* Keyed by the adoption, so a done form starts empty again. */}
      <Form method="post" key={result?.ok ? `adopted-${result.adoptedFrom}-${result.versionNumber}` : "adopt"}>
        <div className="form-row">
          <input type="hidden" name="expectedVersion" value={version} />
          <Field
            name="adoptedFrom"
            label="Counts from"
            error={refused?.errors.adoptedFrom}
            hint={`A day inside the plan, ${formatMonth(start)} to ${formatMonth(last)}.`}
          >
            {(props) => (
              <input
                {...props}
                type="date"
                key={refused?.values.adoptedFrom ?? "default"}
                defaultValue={refused?.values.adoptedFrom ?? defaultAdoptionDay(today, start, horizonMonths)}
              />
            )}
          </Field>
          <Field
            name="note"
            id="adopt-plan-note"
            label="Note (optional)"
            error={refused?.errors.note}
            hint="Why this plan, for the audit trail."
          >
            {(props) => <input {...props} type="text" maxLength={500} defaultValue={refused?.values.note ?? ""} />}
          </Field>
        </div>
        <div className="button-row">
          <button
            className="button"
            name="intent"
            value="adopt"
            disabled={dirty || navigation.state !== "idle"}
            title={dirty ? "Save or discard the what-if first: adopting takes the saved version" : undefined}
          >
            {label}
          </button>
          {dirty ? <span className="muted">Save first: adopting takes the saved version.</span> : null}
        </div>
      </Form>
    </section>
  );
}
