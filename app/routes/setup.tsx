import { data, redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { Field } from "~/components/ui/field";
import { MIN_PASSWORD, readForm, setupSchema, UNREADABLE_FORM } from "~/forms/account";
import { formFailure, parseForm } from "~/forms/parse";
import { countUsers, secureRequest, startSession } from "~/services/auth.server";
import { createFirstAdmin } from "~/services/users.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Create the admin account · Teamshape" }];

/** Open only while there are no accounts: the first visit creates the admin. */
export async function loader() {
  if ((await countUsers()) > 0) throw redirect("/login");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  if ((await countUsers()) > 0) throw redirect("/login");
  const form = await readForm(request);
  if (!form) return data(formFailure({ form: UNREADABLE_FORM }, {}), { status: 400 });
  const parsed = parseForm(setupSchema, form);
  if (!parsed.ok) return data(formFailure(parsed.errors, { ...parsed.values, password: "" }), { status: 400 });
  const id = await createFirstAdmin(await getDb(), parsed.data);
  if (id === false) throw redirect("/login");
  return redirect("/", { headers: { "Set-Cookie": await startSession(id, { secure: secureRequest(request) }) } });
}

export default function Setup() {
  const result = useActionData<typeof action>();
  return (
    <section className="card auth-card">
      <h1>Welcome to Teamshape</h1>
      <p className="card-note">
        Create the admin account. The admin adds everyone else as a planner (edits the team, ladder and scenarios, sees
        salaries) or a viewer (reads plans, never sees an individual salary).
      </p>
      <Form method="post" className="form">
        {result?.errors.form ? (
          <p className="form-error" role="alert">
            {result.errors.form}
          </p>
        ) : null}
        <Field name="name" label="Your name" error={result?.errors.name}>
          {(props) => <input {...props} type="text" autoComplete="name" defaultValue={result?.values?.name} />}
        </Field>
        <Field name="email" label="Email" error={result?.errors.email}>
          {(props) => <input {...props} type="email" autoComplete="username" defaultValue={result?.values?.email} />}
        </Field>
        <Field
          name="password"
          label="Password"
          hint={`At least ${MIN_PASSWORD} characters.`}
          error={result?.errors.password}
        >
          {(props) => <input {...props} type="password" autoComplete="new-password" />}
        </Field>
        <div className="button-row">
          <button type="submit" className="button">
            Create the admin account
          </button>
        </div>
      </Form>
    </section>
  );
}
