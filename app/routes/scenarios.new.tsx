import { actorOf, requireUser } from "~/services/auth.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { Field } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { monthOf } from "~/domain";
import { parseForm } from "~/forms/parse";
import { newScenarioFormSchema } from "~/forms/scenario";
import { listEngineers } from "~/services/engineers.server";
import { listLevels } from "~/services/ladder.server";
import { createScenarioFromCohorts, createScenarioFromRoster } from "~/services/scenarios.server";
import { getDb } from "~/utils/db.server";
import { FormActions } from "~/components/ui/form-actions";

export const meta: MetaFunction = () => [{ title: "New scenario · Teamshape" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "planner");
  const db = await getDb();
  const [levels, engineers] = await Promise.all([listLevels(db), listEngineers(db)]);
  return {
    levels: levels.map(({ id, title, band }) => ({ id, title, mid: band.mid })),
    engineerCount: engineers.length,
    thisMonth: monthOf(new Date()),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "planner");
  const db = await getDb();
  const levels = await listLevels(db);
  const ids = levels.map((l) => l.id);
  const parsed = parseForm(newScenarioFormSchema(ids), await request.formData());
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const form = parsed.data as typeof parsed.data & Record<string, number | undefined>;
  const frame = {
    name: form.name,
    description: form.description,
    start: form.start,
    horizonMonths: form.horizonMonths,
    step: form.step,
  };
  const id =
    form.source === "roster"
      ? await createScenarioFromRoster(db, { frame, actor: actorOf(user) })
      : await createScenarioFromCohorts(db, {
          frame,
          actor: actorOf(user),
          cohorts: ids.map((levelId) => ({
            levelId,
            count: form[`count.${levelId}`] ?? 0,
            salary: form[`salary.${levelId}`] ?? 0,
          })),
        });
  return redirect(`/scenarios/${id}`);
}

export default function NewScenario() {
  const { levels, engineerCount, thisMonth } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors ?? {};
  const values: Record<string, string> = result?.values ?? {
    source: engineerCount > 0 ? "roster" : "cohorts",
    start: thisMonth,
    horizonMonths: "24",
    step: "month",
  };
  const [source, setSource] = useState(values.source ?? "roster");
  return (
    <>
      <PageHeader
        title="New scenario"
        crumbs={[{ to: "/scenarios", label: "Scenarios" }]}
        description="Start from your team as it is today, or from a top-down plan of cohorts. Add hires and change assumptions on the next page."
      />
      <Form method="post" className="form card" noValidate>
        <fieldset className="form">
          <legend>Start from</legend>
          <label>
            <input
              type="radio"
              name="source"
              value="roster"
              checked={source === "roster"}
              onChange={() => setSource("roster")}
              disabled={engineerCount === 0}
            />{" "}
            The team as it is today ({engineerCount} engineers, a snapshot)
          </label>
          <label>
            <input
              type="radio"
              name="source"
              value="cohorts"
              checked={source === "cohorts"}
              onChange={() => setSource("cohorts")}
            />{" "}
            A top-down plan: so many engineers per level
          </label>
          {errors.source ? <p className="field-error">{errors.source}</p> : null}
        </fieldset>
        <Field name="name" label="Name" error={errors.name}>
          {(props) => <input {...props} type="text" defaultValue={values.name} placeholder="Hire 2 seniors" />}
        </Field>
        <Field
          name="description"
          label="The question it answers"
          error={errors.description}
          hint="Optional, for example: what if we hire two seniors instead of four juniors?"
        >
          {(props) => <input {...props} type="text" defaultValue={values.description} />}
        </Field>
        <div className="form-row">
          <Field name="start" label="Start month" error={errors.start}>
            {(props) => <input {...props} type="month" defaultValue={values.start} />}
          </Field>
          <Field name="horizonMonths" label="Horizon (months)" error={errors.horizonMonths}>
            {(props) => <input {...props} type="text" inputMode="numeric" defaultValue={values.horizonMonths} />}
          </Field>
          <Field name="step" label="Figures by" error={errors.step}>
            {(props) => (
              <select {...props} defaultValue={values.step}>
                <option value="month">Month</option>
                <option value="quarter">Quarter</option>
                <option value="year">Year</option>
              </select>
            )}
          </Field>
        </div>
        {source === "cohorts" ? (
          <fieldset className="form">
            <legend>Cohorts</legend>
            {levels.map((level) => (
              <div className="form-row" key={level.id}>
                <Field
                  name={`count.${level.id}`}
                  label={`${level.id} · ${level.title}: engineers`}
                  error={errors[`count.${level.id}`]}
                >
                  {(props) => (
                    <input
                      {...props}
                      type="text"
                      inputMode="numeric"
                      defaultValue={values[`count.${level.id}`] ?? "0"}
                    />
                  )}
                </Field>
                <Field name={`salary.${level.id}`} label="at a salary of" error={errors[`salary.${level.id}`]}>
                  {(props) => (
                    <input
                      {...props}
                      type="text"
                      inputMode="decimal"
                      defaultValue={values[`salary.${level.id}`] ?? String(level.mid)}
                    />
                  )}
                </Field>
              </div>
            ))}
          </fieldset>
        ) : null}
        <FormActions submitLabel="Create scenario" cancelTo="/scenarios" />
      </Form>
    </>
  );
}
