import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field } from "~/components/ui/field";
import { readForm, signInSchema, UNREADABLE_FORM } from "~/forms/account";
import { ACCOUNT_PAGE, countUsers, secureRequest, getUser, signIn, startSession } from "~/services/auth.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Teamshape" }];

/**
 * Only paths on this site, so a crafted link cannot send someone elsewhere after signing in. The
 * path is resolved first: "/.//evil.example" resolves to "//evil.example", which a browser reads
 * as another host.
 */
function safeNext(next: string | null): string {
  if (!next?.startsWith("/") || /[\\\p{Cc}]/u.test(next)) return "/";
  const base = "http://teamshape.invalid";
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return "/";
  }
  if (url.origin !== base || url.pathname.startsWith("//") || url.pathname.startsWith("/\\")) return "/";
  return url.pathname + url.search + url.hash;
}

export async function loader({ request }: LoaderFunctionArgs) {
  if ((await countUsers()) === 0) throw redirect("/setup");
  if (await getUser(request)) throw redirect(safeNext(new URL(request.url).searchParams.get("next")));
  return null;
}

type FieldErrors = { email?: string; password?: string };
const NO_FIELD_ERRORS: FieldErrors = {};

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  if (!form) return data({ message: UNREADABLE_FORM, email: "", errors: NO_FIELD_ERRORS }, { status: 400 });
  const typed = form.get("email");
  const parsed = signInSchema.safeParse({
    email: form.get("email") ?? undefined,
    password: form.get("password") ?? undefined,
  });
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues)
      errors[issue.path[0] === "password" ? "password" : "email"] ??= issue.message;
    return data({ message: null, email: typeof typed === "string" ? typed : "", errors }, { status: 400 });
  }
  const { email, password } = parsed.data;
  const result = await signIn({ email, password, address: context.remoteAddress ?? "unknown" });
  if (!result.ok) {
    const limited =
      result.retryAfterSeconds !== undefined
        ? { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } }
        : { status: 401 };
    return data({ message: result.message, email, errors: NO_FIELD_ERRORS }, limited);
  }
  const cookie = await startSession(result.user.id, { secure: secureRequest(request) });
  // A password an admin set is replaced before anything else (every other page would send them there anyway).
  const next = result.user.mustChangePassword ? ACCOUNT_PAGE : safeNext(new URL(request.url).searchParams.get("next"));
  return redirect(next, { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="card auth-card">
      <h1>Sign in</h1>
      <p className="card-note">Teamshape holds salaries, so every page needs an account. Ask your admin for one.</p>
      <Form
        method="post"
        action={`/login${search.get("next") ? `?next=${encodeURIComponent(search.get("next")!)}` : ""}`}
        className="form"
      >
        {result?.message ? (
          <p className="form-error" role="alert">
            {result.message}
          </p>
        ) : null}
        <Field name="email" label="Email" error={result?.errors.email}>
          {(props) => <input {...props} type="email" autoComplete="username" defaultValue={result?.email} required />}
        </Field>
        <Field name="password" label="Password" error={result?.errors.password}>
          {(props) => <input {...props} type="password" autoComplete="current-password" required />}
        </Field>
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            Sign in
          </button>
        </div>
      </Form>
    </section>
  );
}
