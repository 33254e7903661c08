import { actorOf, requireUser } from "~/services/auth.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/ui/field";
import { levelFormSchema, levelFormValues } from "~/forms/level";
import { formFailure, formValues, parseForm, readVersion } from "~/forms/parse";
import { refusalOf } from "~/services/changes.server";
import { listLevels, listSkills, updateLevel } from "~/services/ladder.server";
import { getDb } from "~/utils/db.server";
import { MAX_TIME_TO_FILL_MONTHS } from "~/domain";
import { PageHeader } from "~/components/ui/page-header";
import { ProficiencySelect } from "~/components/ui/proficiency-select";
import { FormActions } from "~/components/ui/form-actions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Edit ${data?.level.title ?? "level"} · Teamshape` },
];

async function loadLevel(levelId: string | undefined) {
  const db = await getDb();
  const [levels, skills] = await Promise.all([listLevels(db), listSkills(db)]);
  const index = levels.findIndex((l) => l.id === levelId);
  if (index < 0) throw new Response("Level not found", { status: 404 });
  return { db, level: levels[index]!, isTop: index === levels.length - 1, skills };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, "planner");
  const { level, isTop, skills } = await loadLevel(params.levelId);
  return { level, isTop, skills };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, "planner");
  const { db, level, isTop, skills } = await loadLevel(params.levelId);
  const formData = await request.formData();
  const parsed = parseForm(
    levelFormSchema(
      skills.map((s) => s.id),
      isTop,
    ),
    formData,
  );
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const saved = await updateLevel(db, {
    id: level.id,
    changes: parsed.data,
    expectedVersion: readVersion(formData),
    actor: actorOf(user),
  });
  const refused = refusalOf(saved, "Level not found");
  if (refused) return data(formFailure({ form: refused }, formValues(formData)), { status: 409 });
  return redirect(`/ladder?saved=${encodeURIComponent(level.title)}#${level.id}`);
}

export default function EditLevel() {
  const { level, isTop, skills } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors ?? {};
  const values =
    result?.values ??
    levelFormValues(
      level,
      skills.map((s) => s.id),
    );
  const text = (name: string, label: string, hint?: string, inputMode: "decimal" | "numeric" | "text" = "decimal") => (
    <Field name={name} label={label} error={errors[name]} hint={hint}>
      {(props) => <input {...props} type="text" inputMode={inputMode} defaultValue={values[name]} />}
    </Field>
  );
  return (
    <>
      <PageHeader
        title={`Edit ${level.id} · ${level.title}`}
        crumbs={[{ to: "/ladder", label: "Ladder" }]}
        description="Changes apply to the dashboard at once. Saved scenarios keep the ladder they were made with."
      />
      <Form method="post" className="form" style={{ maxWidth: 900 }} noValidate>
        <input type="hidden" name="version" value={level.version} />
        {errors.form ? (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        ) : Object.keys(errors).length > 0 ? (
          <p className="form-error">Some values need fixing: see the messages below.</p>
        ) : null}
        <fieldset className="form">
          <legend>The role</legend>
          <div className="form-row">
            {text("title", "Title", undefined, "text")}
            <Field name="class" label="Class" error={errors.class} hint="Juniors and seniors make the ratio">
              {(props) => (
                <select {...props} defaultValue={values.class}>
                  <option value="junior">Junior</option>
                  <option value="mid">Mid-level</option>
                  <option value="senior">Senior</option>
                </select>
              )}
            </Field>
            {text("years", "Typical experience (years)", "For example 3-5", "text")}
          </div>
          <Field name="summary" label="What the level is for" error={errors.summary}>
            {(props) => <textarea {...props} defaultValue={values.summary} />}
          </Field>
        </fieldset>
        <fieldset className="form">
          <legend>Salary band (dollars a year)</legend>
          <div className="form-row">
            {text("bandMin", "Minimum")}
            {text("bandMid", "Midpoint", "Hires and backfills join here")}
            {text("bandMax", "Maximum")}
          </div>
        </fieldset>
        <fieldset className="form">
          <legend>Planning parameters</legend>
          <div className="form-row">
            {text("output", "Output", "Work a month; mid-level = 1")}
            {text("rampMonths", "Ramp-up (months)")}
            {text("attritionPercent", "Attrition (% a year)")}
            {text("promotionPercent", "Promotion (% a year)", isTop ? "0 on the top level" : undefined)}
            {text("mentorHours", "Mentor hours a week", "Given when fully ramped")}
            {text("menteeHours", "Mentee hours a week", "Needed from mentors")}
          </div>
        </fieldset>
        <fieldset className="form">
          <legend>Hiring</legend>
          <div className="form-row">
            {text(
              "timeToFillMonths",
              "Time to fill (months)",
              `Whole months from opening a search to the start, 0 to ${MAX_TIME_TO_FILL_MONTHS}`,
              "numeric",
            )}
            {text(
              "interviewHours",
              "Interview hours a hire",
              "Engineer hours spent on all the interviews for one hire",
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>Expected skills</legend>
          <div className="skills-grid">
            {skills.map((skill) => (
              <Field key={skill.id} name={`expect.${skill.id}`} label={skill.name} error={errors[`expect.${skill.id}`]}>
                {(props) => (
                  <ProficiencySelect
                    {...props}
                    zeroLabel="Not expected"
                    defaultValue={values[`expect.${skill.id}`] ?? "0"}
                  />
                )}
              </Field>
            ))}
          </div>
        </fieldset>
        <FormActions submitLabel="Save level" cancelTo="/ladder" />
      </Form>
    </>
  );
}
