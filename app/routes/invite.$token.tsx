import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field } from "~/components/ui/field";
import { MIN_PASSWORD, readForm, setPasswordSchema, UNREADABLE_FORM } from "~/forms/account";
import { parseForm, type FieldErrors } from "~/forms/parse";
import { endSession, getUser, secureRequest, startSession } from "~/services/auth.server";
import { acceptInvite, findInvite, type AcceptInviteResult } from "~/services/invites.server";
import { getDb } from "~/utils/db.server";
import { formatDay } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Your invite · Teamshape" }];

type Closed = Extract<AcceptInviteResult, { ok: false }>;

/** A link that cannot be used says only that, and why: nothing about whom it was for. */
const closed = ({ state, expiredAt }: Pick<Closed, "state" | "expiredAt">) =>
  data({ state, expiredAt: expiredAt ?? null }, { status: state === "unknown" ? 404 : 410 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await findInvite(await getDb(), { token: params.token ?? "" });
  if (found.state !== "open") return closed(found);
  const user = await getUser(request);
  const { name, email, role, invitedBy, expiresAt } = found.invite;
  return {
    state: "open" as const,
    invite: { name, email, role, invitedBy, expiresAt },
    signedInAs: user?.name ?? null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = await getDb();
  const token = params.token ?? "";
  const found = await findInvite(db, { token });
  if (found.state !== "open") return closed(found);
  const form = await readForm(request);
  if (!form) return data({ state: "open" as const, errors: { form: UNREADABLE_FORM } }, { status: 400 });
  const parsed = parseForm(setPasswordSchema, form);
  if (!parsed.ok) return data({ state: "open" as const, errors: parsed.errors }, { status: 400 });
  const accepted = await acceptInvite(db, { token, password: parsed.data.password });
  if (!accepted.ok) return closed(accepted);
  // Whoever was signed in in this browser is signed out: it is the invited person's now.
  if (await getUser(request)) await endSession(request);
  return redirect("/", {
    headers: { "Set-Cookie": await startSession(accepted.userId, { secure: secureRequest(request) }) },
  });
}

const ROLE_WORDS = {
  viewer: "you can read the plans and reports, without individual salaries",
  planner: "you can edit the team, the ladder and scenarios, and see salaries",
  admin: "you can do everything, including managing users",
} as const;

const CLOSED_WORDS: Record<Closed["state"], (expiredAt: string | null) => [string, string]> = {
  unknown: () => [
    "This invite link does not work",
    "Check that you copied the whole link. If it still does not work, ask your admin for a new invite.",
  ],
  used: () => [
    "This invite has already been used",
    "Each invite link works once. If you set your password with it, sign in with that password. If not, ask your admin for a new invite.",
  ],
  expired: (expiredAt) => [
    "This invite has expired",
    `It worked until ${expiredAt ? formatDay(new Date(expiredAt)) : "a week after it was made"}. Ask your admin for a new invite.`,
  ],
  revoked: () => [
    "This invite was withdrawn",
    "Your admin revoked it, so it no longer works. Ask them for a new invite if you still need an account.",
  ],
  taken: () => [
    "You already have an account",
    "An account with this email exists already, so this invite is not needed. Sign in with your password, or ask your admin.",
  ],
};

export default function Invite() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  if (result && result.state !== "open") return <ClosedInvite state={result.state} expiredAt={result.expiredAt} />;
  if (loaded.state !== "open") return <ClosedInvite state={loaded.state} expiredAt={loaded.expiredAt} />;
  const { invite, signedInAs } = loaded;
  const errors: FieldErrors = result && "errors" in result ? result.errors : {};
  return (
    <section className="card auth-card">
      <h1>Welcome to Teamshape, {invite.name}</h1>
      <p>
        {invite.invitedBy} invited you as a {invite.role}: {ROLE_WORDS[invite.role]}. Choose a password to finish; you
        are then signed in.
      </p>
      <p className="card-note">This link works once, until {formatDay(new Date(invite.expiresAt))}.</p>
      {signedInAs ? (
        <p className="must-change">
          This browser is signed in as {signedInAs}. Setting this password signs {signedInAs} out here and signs you in
          as {invite.name}.
        </p>
      ) : null}
      <Form method="post" className="form" noValidate>
        {errors.form ? (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        ) : null}
        <Field name="email" label="Your email, to sign in with" hint="Your admin chose it; ask them to change it.">
          {(props) => <input {...props} type="email" autoComplete="username" value={invite.email} readOnly />}
        </Field>
        <Field
          name="password"
          label="Choose a password"
          hint={`At least ${MIN_PASSWORD} characters, known only to you.`}
          error={errors.password}
        >
          {(props) => <input {...props} type="password" autoComplete="new-password" />}
        </Field>
        <Field name="confirmPassword" label="The same password again" error={errors.confirmPassword}>
          {(props) => <input {...props} type="password" autoComplete="new-password" />}
        </Field>
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            Set password and sign in
          </button>
        </div>
      </Form>
    </section>
  );
}

function ClosedInvite({ state, expiredAt }: { state: Closed["state"]; expiredAt: string | null }) {
  const [title, text] = CLOSED_WORDS[state](expiredAt);
  return (
    <section className="card auth-card">
      <h1>{title}</h1>
      <p>{text}</p>
    </section>
  );
}
