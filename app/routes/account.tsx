import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { changePasswordSchema, MIN_PASSWORD, readForm, UNREADABLE_FORM } from "~/forms/account";
import { parseForm, type FieldErrors } from "~/forms/parse";
import { changeOwnPassword } from "~/services/account.server";
import { requireSignedIn, sessionKeyOf } from "~/services/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Your account · Teamshape" }];

/** Open to every signed-in user, and the one page open to a user who must change the password an admin set. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireSignedIn(request);
  return { name: user.name, email: user.email, role: user.role, mustChangePassword: user.mustChangePassword };
}

type Result = { ok: boolean; message: string; errors: FieldErrors; changedAt?: string; wasRequired?: boolean };

const sessionsInWords = (n: number) =>
  n === 0
    ? "no other browser or device was signed in."
    : `${n} other browser${n === 1 ? " or device was" : "s or devices were"} signed out.`;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireSignedIn(request);
  const refuse = (message: string, errors: FieldErrors = {}, init: ResponseInit = { status: 400 }) =>
    data<Result>({ ok: false, message, errors }, init);
  const form = await readForm(request);
  if (!form) return refuse(UNREADABLE_FORM);
  const parsed = parseForm(changePasswordSchema, form);
  if (!parsed.ok) return refuse("Your password was not changed: see the fields below.", parsed.errors);
  const changedAt = new Date().toISOString();
  const changed = await changeOwnPassword(await getDb(), {
    user,
    currentPassword: parsed.data.currentPassword,
    newPassword: parsed.data.newPassword,
    address: context.remoteAddress ?? "unknown",
    keepSession: await sessionKeyOf(request),
    now: changedAt,
  });
  if (!changed.ok) {
    if (changed.retryAfterSeconds !== undefined)
      return refuse(
        changed.message,
        {},
        { status: 429, headers: { "Retry-After": String(changed.retryAfterSeconds) } },
      );
    return changed.field === "form"
      ? refuse(changed.message)
      : refuse("Your password was not changed: see the fields below.", { currentPassword: changed.message });
  }
  return data<Result>({
    ok: true,
    message: `Your password is changed. You stay signed in here; ${sessionsInWords(changed.otherSessionsEnded)}`,
    errors: {},
    changedAt,
    wasRequired: user.mustChangePassword,
  });
}

export default function Account() {
  const { name, email, role, mustChangePassword } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.ok ? {} : (result?.errors ?? {});
  return (
    <>
      <PageHeader
        title="Your account"
        description={
          <>
            Signed in as {name} ({email}), {role}.
          </>
        }
      />
      {mustChangePassword ? (
        <p className="must-change" role="note">
          <strong>Choose your own password to go on.</strong> An admin set the password you signed in with, so Teamshape
          asks you to replace it with one only you know. Until then, this is the only page open to you.
        </p>
      ) : null}
      {result ? (
        <p className={result.ok ? "notice" : "form-error"} role={result.ok ? "status" : "alert"}>
          {result.message}
          {result.ok && result.wasRequired ? (
            <>
              {" "}
              <Link to="/">Go to the dashboard</Link>
            </>
          ) : null}
        </p>
      ) : null}
      {/* Empty again after each change. */}
      <Form key={result?.changedAt ?? "form"} method="post" className="form card section" noValidate>
        <h2>Change your password</h2>
        <p className="card-note">This signs you out in every other browser and device; you stay signed in here.</p>
        <Field
          name="currentPassword"
          label="Current password"
          hint={mustChangePassword ? "The one you were given and signed in with." : undefined}
          error={errors.currentPassword}
        >
          {(props) => <input {...props} type="password" autoComplete="current-password" />}
        </Field>
        <Field
          name="newPassword"
          label="New password"
          hint={`At least ${MIN_PASSWORD} characters.`}
          error={errors.newPassword}
        >
          {(props) => <input {...props} type="password" autoComplete="new-password" />}
        </Field>
        <Field name="confirmPassword" label="New password again" error={errors.confirmPassword}>
          {(props) => <input {...props} type="password" autoComplete="new-password" />}
        </Field>
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            Change password
          </button>
        </div>
      </Form>
    </>
  );
}
