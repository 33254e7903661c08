import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { InvitesTable } from "~/components/tables/invites-table";
import { UsersTable } from "~/components/tables/users-table";
import { CopyLink } from "~/components/ui/copy-link";
import { Field } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import {
  INVITE_DAYS,
  inviteSchema,
  MIN_PASSWORD,
  newUserSchema,
  resetPasswordSchema,
  roleSchema,
} from "~/forms/account";
import { formText, parseForm } from "~/forms/parse";
import { fiscalYearSchema, MONTH_NAMES } from "~/forms/workspace";
import { actorOf, requireUser } from "~/services/auth.server";
import { createInvite, listOpenInvites, revokeInvite } from "~/services/invites.server";
import { changeRole, createUser, listUsers, removeUser, resetPassword } from "~/services/users.server";
import { getWorkspace, setFiscalYearStart } from "~/services/workspace.server";
import { getDb } from "~/utils/db.server";
import { formatDay } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Users · Teamshape" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "admin");
  const db = await getDb();
  const [users, invites, workspace] = await Promise.all([listUsers(db), listOpenInvites(db), getWorkspace(db)]);
  return {
    users: users.map((u) => ({ ...u, isYou: u.id === user.id })),
    invites,
    fiscalYearStartMonth: workspace.fiscalYearStartMonth,
  };
}

type Result = {
  intent: string;
  ok: boolean;
  message: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  /** The invite just made: its link is shown this once and never stored. */
  invite?: { id: number; name: string; url: string; expiresAt: string };
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
    case "invite": {
      const parsed = parseForm(inviteSchema, form);
      if (!parsed.ok)
        return refuse("No invite was made: see the fields below.", { errors: parsed.errors, values: parsed.values });
      const made = await createInvite(db, { input: parsed.data, actor });
      if (!made.ok)
        return refuse("No invite was made.", { errors: { email: made.message }, values: { ...parsed.data } });
      const { name } = parsed.data;
      return data<Result>({
        intent,
        ok: true,
        message: made.replaced
          ? `Invite ready. It replaces the earlier invite for ${parsed.data.email}, whose link no longer works.`
          : "Invite ready.",
        invite: {
          id: made.id,
          name,
          url: `${new URL(request.url).origin}/invite/${made.token}`,
          expiresAt: made.expiresAt,
        },
      });
    }
    case "revoke": {
      const revoked = await revokeInvite(db, { id, actor });
      return revoked.ok
        ? data<Result>({
            intent,
            ok: true,
            message: `Revoked the invite of ${revoked.name}: its link no longer works.`,
          })
        : refuse(revoked.message);
    }
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
        message: `Added ${parsed.data.name} as ${parsed.data.role}. Give them their email and password; they choose a password of their own when they first sign in.`,
      });
    }
    case "role": {
      const parsed = parseForm(roleSchema, form);
      if (!parsed.ok) return refuse(parsed.errors.role!);
      const changed = await changeRole(db, { id, role: parsed.data.role, actor });
      return changed.ok ? data<Result>({ intent, ok: true, message: "Role changed." }) : refuse(changed.message);
    }
    case "reset": {
      if (id === user.id) return refuse("To change your own password, use Account in the top bar.");
      const parsed = parseForm(resetPasswordSchema, form);
      if (!parsed.ok) return refuse(`Password not changed: ${parsed.errors.password}.`);
      const reset = await resetPassword(db, { id, password: parsed.data.password, actor });
      return reset.ok
        ? data<Result>({
            intent,
            ok: true,
            message:
              "Password changed; they were signed out everywhere and choose a password of their own when they next sign in.",
          })
        : refuse(reset.message);
    }
    case "remove": {
      if (id === user.id) return refuse("You cannot remove your own account.");
      const removed = await removeUser(db, { id, actor });
      return removed.ok
        ? data<Result>({ intent, ok: true, message: "Removed; they were signed out." })
        : refuse(removed.message);
    }
    case "fiscal-year": {
      const parsed = parseForm(fiscalYearSchema, form);
      if (!parsed.ok)
        return refuse("The fiscal year was not changed: see the field below.", {
          errors: parsed.errors,
          values: parsed.values,
        });
      const month = parsed.data.fiscalYearStartMonth;
      await setFiscalYearStart(db, { month, actor });
      return data<Result>({
        intent,
        ok: true,
        message: `The fiscal year now starts in ${MONTH_NAMES[month - 1]}. Quarters and years on scenarios, reports and downloads follow it.`,
      });
    }
    default:
      return refuse(`Unknown action "${intent}".`);
  }
}

export default function Users() {
  const { users, invites, fiscalYearStartMonth } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const refused = (intent: string) => (result?.intent === intent && !result.ok ? result : undefined);
  const creating = refused("create");
  const inviting = refused("invite");
  const fiscal = result?.intent === "fiscal-year" ? result : undefined;
  const invite = result?.intent === "invite" && result.ok ? result : undefined;
  return (
    <>
      <PageHeader
        title="Users"
        description="Admins manage accounts and see the audit trail. Planners edit the team, ladder and scenarios and see salaries. Viewers read plans and reports, and never see an individual's salary."
        actions={
          <>
            <Link className="button button-light" to="/admin/shares">
              Share links
            </Link>
            <Link className="button button-light" to="/admin/audit">
              Audit trail
            </Link>
          </>
        }
      />
      {result && !creating && !inviting && !invite && !fiscal ? (
        <p className={result.ok ? "notice" : "form-error"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </p>
      ) : null}
      <section className="card invite-card">
        <h2>Invite a person</h2>
        <p className="card-note">
          You get a link to send them yourself (by chat or email). They open it, choose their own password and are
          signed in. The link works once, for {INVITE_DAYS} days.
        </p>
        {invite?.invite ? (
          <div className="invite-ready">
            <p className="notice" role="status">
              {invite.message} Send this link to {invite.invite.name} yourself. It works once, until{" "}
              <strong>{formatDay(new Date(invite.invite.expiresAt))}</strong>, and is shown only now: if it is lost,
              make a new invite.
            </p>
            <CopyLink id="invite-link" label="Invite link" url={invite.invite.url} />
          </div>
        ) : null}
        {/* A fresh, empty form after each invite. */}
        <Form key={invite?.invite?.id ?? "invite"} method="post" className="form" noValidate>
          {inviting ? (
            <p className="form-error" role="alert">
              {inviting.message}
            </p>
          ) : null}
          <div className="form-row">
            <Field name="name" id="invite-name" label="Name" error={inviting?.errors?.name}>
              {(props) => <input {...props} type="text" autoComplete="off" defaultValue={inviting?.values?.name} />}
            </Field>
            <Field name="email" id="invite-email" label="Email" error={inviting?.errors?.email}>
              {(props) => <input {...props} type="email" autoComplete="off" defaultValue={inviting?.values?.email} />}
            </Field>
          </div>
          <div className="form-row">
            <Field name="role" id="invite-role" label="Role" error={inviting?.errors?.role}>
              {(props) => <RoleSelect {...props} defaultValue={inviting?.values?.role} />}
            </Field>
          </div>
          <div className="button-row">
            <button type="submit" name="intent" value="invite" className="button">
              Create invite link
            </button>
          </div>
        </Form>
      </section>
      <section className="section">
        <h2>Accounts</h2>
        <UsersTable users={users} />
      </section>
      {invites.length > 0 ? (
        <section className="section">
          <h2>Open invites</h2>
          <p className="muted">Not used yet. Revoke one to make its link stop working at once.</p>
          <InvitesTable invites={invites} />
        </section>
      ) : null}
      <Form method="post" className="form card section" noValidate>
        <h2>Fiscal year</h2>
        <p className="card-note">
          Cost and headcount by quarter and by year follow it, on every scenario, report and download. A fiscal year is
          named by the calendar year it ends in: starting in April, FY2028 runs from April 2027 to March 2028.
        </p>
        {fiscal ? (
          <p className={fiscal.ok ? "notice" : "form-error"} role={fiscal.ok ? "status" : "alert"}>
            {fiscal.message}
          </p>
        ) : null}
        <div className="form-row">
          <Field
            name="fiscalYearStartMonth"
            label="The fiscal year starts in"
            error={fiscal?.errors?.fiscalYearStartMonth}
          >
            {(props) => (
              <select
                {...props}
                key={fiscalYearStartMonth}
                defaultValue={fiscal?.values?.fiscalYearStartMonth ?? String(fiscalYearStartMonth)}
              >
                {MONTH_NAMES.map((name, i) => (
                  <option key={name} value={String(i + 1)}>
                    {name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="button-row">
          <button type="submit" name="intent" value="fiscal-year" className="button">
            Save fiscal year
          </button>
        </div>
      </Form>
      {/* A fresh, empty form after each user is added. */}
      <Form key={users.length} method="post" className="form card section" noValidate>
        <h2>Add a user with a first password</h2>
        <p className="card-note">
          When you would rather hand over a password in person. They must choose their own when they first sign in.
        </p>
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
            {(props) => <RoleSelect {...props} defaultValue={creating?.values?.role} />}
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

function RoleSelect({ defaultValue, ...props }: { defaultValue?: string } & JSX.IntrinsicElements["select"]) {
  return (
    <select {...props} defaultValue={defaultValue ?? "viewer"}>
      <option value="viewer">viewer: reads plans, no individual salaries</option>
      <option value="planner">planner: edits team, ladder and scenarios</option>
      <option value="admin">admin: everything, plus users and the audit trail</option>
    </select>
  );
}
