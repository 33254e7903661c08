import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { UsersTable } from "~/components/tables/users-table";
import { Field } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { MIN_PASSWORD, newUserSchema, resetPasswordSchema, roleSchema } from "~/forms/account";
import { formText, parseForm } from "~/forms/parse";
import { actorOf, requireUser } from "~/services/auth.server";
import { changeRole, createUser, listUsers, removeUser, resetPassword } from "~/services/users.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Users · Teamshape" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "admin");
  const users = await listUsers(await getDb());
  return { users: users.map((u) => ({ ...u, isYou: u.id === user.id })) };
}

type Result = {
  intent: string;
  ok: boolean;
  message: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, "admin");
  const db = await getDb();
  const actor = actorOf(user);
  const form = await request.formData();
  const intent = formText(form, "intent");
  const id = Number(form.get("id"));
  const refuse = (message: string, extra: Partial<Result> = {}) =>
    data<Result>({ intent, ok: false, message, ...extra }, { status: 400 });
  switch (intent) {
    case "create": {
      const parsed = parseForm(newUserSchema, form);
      if (!parsed.ok)
        return refuse("The account was not added: see the fields below.", {
          errors: parsed.errors,
          values: { ...parsed.values, password: "" },
        });
      const created = await createUser(db, { input: parsed.data, actor });
      if (!created.ok)
        return refuse("The account was not added.", {
          errors: { email: created.message },
          values: { name: parsed.data.name, email: parsed.data.email, role: parsed.data.role },
        });
      return data<Result>({
        intent,
        ok: true,
        message: `Added ${parsed.data.name} as ${parsed.data.role}. Give them their email and password; they can sign in now.`,
      });
    }
    case "role": {
      const parsed = parseForm(roleSchema, form);
      if (!parsed.ok) return refuse(parsed.errors.role!);
      const changed = await changeRole(db, { id, role: parsed.data.role, actor });
      return changed.ok ? data<Result>({ intent, ok: true, message: "Role changed." }) : refuse(changed.message);
    }
    case "reset": {
      const parsed = parseForm(resetPasswordSchema, form);
      if (!parsed.ok) return refuse(`Password not changed: ${parsed.errors.password}.`);
      const reset = await resetPassword(db, { id, password: parsed.data.password, actor });
      return reset.ok
        ? data<Result>({ intent, ok: true, message: "Password changed; they were signed out everywhere." })
        : refuse(reset.message);
    }
    case "remove": {
      if (id === user.id) return refuse("You cannot remove your own account.");
      const removed = await removeUser(db, { id, actor });
      return removed.ok
        ? data<Result>({ intent, ok: true, message: "Removed; they were signed out." })
        : refuse(removed.message);
    }
    default:
      return refuse(`Unknown action "${intent}".`);
  }
}

export default function Users() {
  const { users } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const creating = result?.intent === "create" && !result.ok ? result : undefined;
  return (
    <>
      <PageHeader
        title="Users"
        description="Admins manage accounts and see the audit trail. Planners edit the team, ladder and scenarios and see salaries. Viewers read plans and reports, and never see an individual's salary."
        actions={
          <Link className="button button-light" to="/admin/audit">
            Audit trail
          </Link>
        }
      />
      {result && !creating ? (
        <p className={result.ok ? "notice" : "form-error"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </p>
      ) : null}
      <UsersTable users={users} />
      {/* A fresh, empty form after each user is added. */}
      <Form key={users.length} method="post" className="form card section" noValidate>
        <h2>Add a user</h2>
        {creating ? (
          <p className="form-error" role="alert">
            {creating.message}
          </p>
        ) : null}
        <div className="form-row">
          <Field name="name" label="Name" error={creating?.errors?.name}>
            {(props) => <input {...props} type="text" autoComplete="off" defaultValue={creating?.values?.name} />}
          </Field>
          <Field name="email" label="Email" error={creating?.errors?.email}>
            {(props) => <input {...props} type="email" autoComplete="off" defaultValue={creating?.values?.email} />}
          </Field>
        </div>
        <div className="form-row">
          <Field name="role" label="Role" error={creating?.errors?.role}>
            {(props) => (
              <select {...props} defaultValue={creating?.values?.role ?? "viewer"}>
                <option value="viewer">viewer: reads plans, no individual salaries</option>
                <option value="planner">planner: edits team, ladder and scenarios</option>
                <option value="admin">admin: everything, plus users and the audit trail</option>
              </select>
            )}
          </Field>
          <Field
            name="password"
            label="First password"
            hint={`At least ${MIN_PASSWORD} characters; tell them in person or by phone.`}
            error={creating?.errors?.password}
          >
            {(props) => <input {...props} type="password" autoComplete="new-password" />}
          </Field>
        </div>
        <div className="button-row">
          <button type="submit" name="intent" value="create" className="button">
            Add user
          </button>
        </div>
      </Form>
    </>
  );
}
