import { Form } from "@remix-run/react";
import { Field } from "~/components/ui/field";
import type { WorkspaceHiring } from "~/domain";
import { HIRING_INTENT, hiringSettingsValues } from "~/forms/workspace";
import { formatNumber } from "~/utils/format";

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** "2 recruiters can make 12 hires a quarter", or why nothing is checked. */
export function recruitersWords({ recruiters, hiresPerRecruiterPerQuarter }: WorkspaceHiring): string {
  if (recruiters === null) return "Not set: scenarios do not check how many hires the recruiters can make.";
  return `${plural(recruiters, "recruiter", "recruiters")} can make ${plural(recruiters * hiresPerRecruiterPerQuarter, "hire", "hires")} a quarter.`;
}

/**
 * The Ladder page's hiring card: the workspace's recruiters, the hires each makes a quarter and
 * first-year attrition, which every scenario the app creates starts with. Everyone sees them (they
 * hold no pay); planners and admins get the form.
 */
export function HiringCard({
  hiring,
  canEdit,
  errors = {},
  values,
}: {
  hiring: WorkspaceHiring;
  canEdit: boolean;
  errors?: Record<string, string>;
  values?: Record<string, string> | null;
}) {
  const shown = values ?? hiringSettingsValues(hiring);
  const text = (name: string, label: string, hint: string, inputMode: "numeric" | "decimal") => (
    <Field name={name} id={`hiring-${name}`} label={label} error={errors[name]} hint={hint}>
      {(props) => <input {...props} type="text" inputMode={inputMode} defaultValue={shown[name]} />}
    </Field>
  );
  return (
    <section className="card section hiring-card" id="hiring" aria-labelledby="hiring-heading">
      <h2 id="hiring-heading">Recruiters and first-year leavers</h2>
      <p className="card-note">
        New scenarios start with these, and with each level&apos;s time to fill and interview hours below. Saved
        scenarios keep their own; change them on the scenario.
      </p>
      <dl className="facts">
        <div>
          <dt>Recruiters</dt>
          <dd>{recruitersWords(hiring)}</dd>
        </div>
        <div>
          <dt>People leaving in their first year</dt>
          <dd>
            {String(Math.round(hiring.firstYearAttritionMultiplier * 100) / 100)} times each level&apos;s usual rate
          </dd>
        </div>
      </dl>
      {canEdit ? (
        <Form method="post" className="form" noValidate>
          {Object.keys(errors).length > 0 ? (
            <p className="form-error" role="alert">
              The hiring settings were not saved: see the fields below.
            </p>
          ) : null}
          <div className="form-row">
            {text("recruiters", "Recruiters", "Leave empty to check no recruiter capacity", "numeric")}
            {text("hiresPerRecruiterPerQuarter", "Hires per recruiter a quarter", "6 is typical", "decimal")}
            {text(
              "firstYearAttritionMultiplier",
              "First-year attrition (times the usual rate)",
              "1 to 10; 1.5 is a cautious figure",
              "decimal",
            )}
          </div>
          <div className="button-row">
            <button type="submit" name="intent" value={HIRING_INTENT} className="button">
              Save hiring settings
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
