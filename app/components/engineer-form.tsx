import { Form } from "@remix-run/react";
import type { FieldErrors } from "~/forms/parse";
import { Field } from "./ui/field";
import { FormActions } from "./ui/form-actions";

export interface EngineerFormValues {
  name?: string;
  levelId?: string;
  teamId?: string;
  salary?: string;
  startDate?: string;
  notes?: string;
}

/** Add or edit an engineer's details. Values are what the user typed, kept across errors. */
export function EngineerForm({
  levels,
  teams,
  values,
  errors = {},
  submitLabel,
  cancelTo,
  version,
}: {
  levels: { id: string; title: string; band: { min: number; max: number } }[];
  /** The teams one may join (active ones). */
  teams: { id: number; name: string }[];
  values: EngineerFormValues;
  errors?: FieldErrors;
  submitLabel: string;
  cancelTo: string;
  /** The version the form was loaded at, when editing. */
  version?: number;
}) {
  return (
    <Form method="post" className="form card" noValidate>
      {version ? <input type="hidden" name="version" value={version} /> : null}
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <Field name="name" label="Name" error={errors.name}>
        {(props) => <input {...props} type="text" defaultValue={values.name} autoComplete="off" />}
      </Field>
      <div className="form-row">
        <Field name="levelId" label="Level" error={errors.levelId}>
          {(props) => (
            <select {...props} defaultValue={values.levelId ?? ""}>
              <option value="" disabled>
                Choose a level
              </option>
              {levels.map((level) => (
                <option key={level.id} value={level.id}>
                  {level.id} · {level.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="teamId" label="Team" error={errors.teamId}>
          {(props) => (
            <select {...props} defaultValue={values.teamId ?? String(teams[0]?.id ?? "")}>
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="salary" label="Salary (dollars a year)" error={errors.salary} hint="For example 120000 or 120k">
          {(props) => <input {...props} type="text" inputMode="decimal" defaultValue={values.salary} />}
        </Field>
        <Field name="startDate" label="Start date" error={errors.startDate}>
          {(props) => <input {...props} type="date" defaultValue={values.startDate} />}
        </Field>
      </div>
      <Field name="notes" label="Notes" error={errors.notes} hint="Optional. Visible to anyone who can see the team.">
        {(props) => <textarea {...props} defaultValue={values.notes} />}
      </Field>
      <FormActions submitLabel={submitLabel} cancelTo={cancelTo} />
    </Form>
  );
}
