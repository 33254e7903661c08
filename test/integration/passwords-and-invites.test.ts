/**
 * Accounts a person can keep (issue 14): changing one's own password, invites by a one-time link,
 * and a password an admin set changed at first sign-in. Routes are called as a browser would, on
 * this file's own SQLite file; each test makes the accounts it signs in with.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { INVITE_DAYS } from "~/forms/account";
import * as root from "~/root";
import * as dashboard from "~/routes/_index";
import * as account from "~/routes/account";
import * as admin from "~/routes/admin._index";
import * as invite from "~/routes/invite.$token";
import * as ladder from "~/routes/ladder._index";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import * as newEngineer from "~/routes/team.new";
import * as teamCsv from "~/routes/team[.csv]";
import { WRONG_CURRENT_PASSWORD } from "~/services/account.server";
import { listAudit } from "~/services/audit.server";
import { getUser, resetSignInLimits, SYSTEM, WRONG_CREDENTIALS } from "~/services/auth.server";
import { createInvite } from "~/services/invites.server";
import { hashPassword } from "~/services/passwords.server";
import { getDb } from "~/utils/db.server";
import { answerOf, type Handler } from "../setup/answers";
import { dataOf, formRequest, getRequest, routeArgs, thrownResponse } from "../setup/requests";

/** Every password and token this file types or receives: none may reach the audit trail. */
const secrets = new Set<string>();
const secret = (value: string) => (secrets.add(value), value);

const signIn = (email: string, password: string, address = "10.20.0.1") =>
  loginAction(routeArgs(formRequest("/login", { email, password }, { as: null }), {}, { remoteAddress: address }));
const cookieOf = (response: Response) => response.headers.get("Set-Cookie")!.split(";")[0]!;
const withCookie = (cookie: string, path = "/") =>
  new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
const postWithCookie = (cookie: string, path: string, fields: Record<string, string>) =>
  new Request(`http://localhost${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
  });
const userOf = (cookie: string) => getUser(withCookie(cookie));

/** An account made straight in the database, with no mark to change its password. */
async function makeUser(name: string, email: string, password: string): Promise<number> {
  const now = new Date().toISOString();
  const db = await getDb();
  const { id } = await db
    .insertInto("user")
    .values({
      email,
      name,
      role: "planner",
      password_hash: await hashPassword(secret(password)),
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

async function signedIn(email: string, password: string, address?: string): Promise<string> {
  const response = (await signIn(email, password, address)) as Response;
  expect(response.status).toBe(302);
  return cookieOf(response);
}

type AccountResult = { ok: boolean; message: string; errors: Record<string, string>; wasRequired?: boolean };
const changePassword = async (cookie: string, fields: Record<string, string>, address = "10.20.0.1") => {
  for (const value of Object.values(fields)) secret(value);
  return dataOf<AccountResult>(
    await account.action(routeArgs(postWithCookie(cookie, "/account", fields), {}, { remoteAddress: address })),
  );
};

const failuresFor = async (key: string) =>
  (await (await getDb()).selectFrom("sign_in_failure").select("at").where("key", "=", key).execute()).length;

describe("changing one's own password", () => {
  it("refuses a wrong current password and counts it like a failed sign-in, under the same limits", async () => {
    await resetSignInLimits();
    await makeUser("Pat Wrong", "pat.wrong@example.com", "pat's first password");
    const cookie = await signedIn("pat.wrong@example.com", "pat's first password", "10.20.1.1");
    const attempt = (current: string) =>
      changePassword(
        cookie,
        { currentPassword: current, newPassword: "a brand new password", confirmPassword: "a brand new password" },
        "10.20.1.1",
      );
    const wrong = await attempt("not my password");
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors).toEqual({ currentPassword: WRONG_CURRENT_PASSWORD });
    expect(await failuresFor("pair:10.20.1.1 pat.wrong@example.com")).toBe(1);
    expect(await failuresFor("account:pat.wrong@example.com")).toBe(1);
    await attempt("still not it");
    await attempt("nor this one");
    // Three failures: the next attempt waits, the right password included, and so does signing in from here.
    const held = await attempt("pat's first password");
    expect(held.status).toBe(429);
    expect(held.data.message).toBe("Too many wrong passwords for this account. Wait 1 second, then try again.");
    expect(
      dataOf<{ message: string }>(await signIn("pat.wrong@example.com", "pat's first password", "10.20.1.1")),
    ).toMatchObject({ status: 429, data: { message: "Too many failed sign-ins. Wait 1 second, then try again." } });
    // Nothing changed: the old password still signs in (from elsewhere), the new one does not.
    expect(((await signIn("pat.wrong@example.com", "pat's first password", "10.20.1.2")) as Response).status).toBe(302);
    expect(
      dataOf<{ message: string }>(await signIn("pat.wrong@example.com", "a brand new password", "10.20.1.3")).data,
    ).toMatchObject({ message: WRONG_CREDENTIALS });
    await resetSignInLimits();
  });

  it("refuses two new passwords that differ, a short one and the current one again, naming the field; nothing is written", async () => {
    await resetSignInLimits();
    const id = await makeUser("Pat Typo", "pat.typo@example.com", "pat's typo password");
    const cookie = await signedIn("pat.typo@example.com", "pat's typo password");
    const db = await getDb();
    const before = await db.selectFrom("user").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    const trailBefore = (await listAudit(db)).length;

    const differ = await changePassword(cookie, {
      currentPassword: "pat's typo password",
      newPassword: "the new password 1",
      confirmPassword: "the new password 2",
    });
    expect(differ.status).toBe(400);
    expect(differ.data.errors).toEqual({
      confirmPassword: "The two new passwords differ: type the same password in both boxes",
    });
    const short = await changePassword(cookie, {
      currentPassword: "pat's typo password",
      newPassword: "short",
      confirmPassword: "short",
    });
    expect(short.data.errors).toEqual({ newPassword: "Use at least 10 characters" });
    const same = await changePassword(cookie, {
      currentPassword: "pat's typo password",
      newPassword: "pat's typo password",
      confirmPassword: "pat's typo password",
    });
    expect(same.data.errors).toEqual({ newPassword: "Choose a password different from your current one" });
    const empty = await changePassword(cookie, {});
    expect(Object.keys(empty.data.errors).sort()).toEqual(["confirmPassword", "currentPassword", "newPassword"]);
    expect(empty.data.errors.currentPassword).toBe("Enter your current password");

    expect(await db.selectFrom("user").selectAll().where("id", "=", id).executeTakeFirstOrThrow()).toEqual(before);
    expect((await listAudit(db)).length).toBe(trailBefore);
    // A refused form checks no password, so it counts as no failed sign-in.
    expect(await failuresFor("pair:10.20.0.1 pat.typo@example.com")).toBe(0);
  });

  it("changes it, keeps this session, signs out the user's other sessions (no one else's) and audits it", async () => {
    await resetSignInLimits();
    const id = await makeUser("Pat Busy", "pat.busy@example.com", "pat's old password");
    const here = await signedIn("pat.busy@example.com", "pat's old password");
    const laptop = await signedIn("pat.busy@example.com", "pat's old password");
    const phone = await signedIn("pat.busy@example.com", "pat's old password");
    const colleague = await signedIn("viewer@example.com", "correct horse battery");

    const changed = await changePassword(here, {
      currentPassword: "pat's old password",
      newPassword: "pat's new password",
      confirmPassword: "pat's new password",
    });
    expect(changed.status).toBe(200);
    expect(changed.data).toMatchObject({
      ok: true,
      message: "Your password is changed. You stay signed in here; 2 other browsers or devices were signed out.",
      wasRequired: false,
    });
    expect(await userOf(here)).toMatchObject({ id, email: "pat.busy@example.com" });
    expect(await userOf(laptop)).toBeNull();
    expect(await userOf(phone)).toBeNull();
    expect(await userOf(colleague)).toMatchObject({ email: "viewer@example.com" });

    expect(dataOf<{ message: string }>(await signIn("pat.busy@example.com", "pat's old password")).data.message).toBe(
      WRONG_CREDENTIALS,
    );
    expect(((await signIn("pat.busy@example.com", "pat's new password")) as Response).status).toBe(302);

    const [entry] = await listAudit(await getDb(), { entity: "user", text: "Pat Busy" });
    expect(entry).toMatchObject({
      user_name: "Pat Busy",
      action: "change password",
      entity_id: String(id),
      summary: '"Pat Busy" <pat.busy@example.com> changed their password; 2 other sessions signed out',
      before: null,
      after: null,
    });
  });

  it("is open to every role, from the Account link in the top bar; signed out, it asks to sign in", async () => {
    for (const as of ["viewer", "planner", "admin"] as const) {
      const page = await answerOf(account.loader, getRequest("/account", { as }));
      expect(page.status).toBe(200);
      expect(JSON.parse(page.body)).toMatchObject({ email: `${as}@example.com`, role: as, mustChangePassword: false });
    }
    const anonymous = await answerOf(account.action, formRequest("/account", {}, { as: null }));
    expect(anonymous.location).toBe("/login?next=%2Faccount");
  });
});

type AdminResult = {
  ok: boolean;
  message: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  invite?: { id: number; name: string; url: string; expiresAt: string };
};
const adminPost = async (fields: Record<string, string>) =>
  dataOf<AdminResult>(await admin.action(routeArgs(formRequest("/admin", fields))));

/** Invites through the admin page; returns the link's token. */
async function invitePerson(name: string, email: string, role = "viewer"): Promise<{ token: string; id: number }> {
  const made = await adminPost({ intent: "invite", name, email, role });
  expect(made.status).toBe(200);
  const token = secret(made.data.invite!.url.split("/invite/")[1]!);
  return { token, id: made.data.invite!.id };
}

type InvitePage = { state: string; invite?: { name: string; email: string; role: string }; expiredAt?: string };
const openInvite = async (token: string, cookie?: string) => {
  const request = cookie ? withCookie(cookie, `/invite/${token}`) : new Request(`http://localhost/invite/${token}`);
  return dataOf<InvitePage>(await invite.loader(routeArgs(request, { token })));
};
const acceptInvite = (token: string, fields: Record<string, string>) => {
  for (const value of Object.values(fields)) secret(value);
  return invite.action(
    routeArgs(
      new Request(`http://localhost/invite/${token}`, {
        method: "POST",
        body: new URLSearchParams(fields),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      }),
      { token },
    ),
  );
};

describe("inviting a person by a one-time link", () => {
  it("is for admins only", async () => {
    for (const as of ["viewer", "planner"] as const) {
      const refused = await thrownResponse(() =>
        admin.action(
          routeArgs(
            formRequest("/admin", { intent: "invite", name: "X", email: "x@example.com", role: "viewer" }, { as }),
          ),
        ),
      );
      expect(refused.status).toBe(403);
    }
    expect((await listAudit(await getDb(), { entity: "invite" })).length).toBe(0);
  });

  it("refuses a form with the fields named and the input kept, and an email that has an account", async () => {
    const bad = await adminPost({ intent: "invite", name: " ", email: "not-an-email", role: "viewer" });
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual({ name: "Enter a name", email: "Enter an email address like ada@example.com" });
    expect(bad.data.values).toMatchObject({ name: " ", email: "not-an-email", role: "viewer" });

    const taken = await adminPost({ intent: "invite", name: "Again", email: "Planner@Example.com", role: "admin" });
    expect(taken.status).toBe(400);
    expect(taken.data.errors).toEqual({ email: "An account with this email already exists: they can sign in already" });
    expect(taken.data.values).toEqual({ name: "Again", email: "planner@example.com", role: "admin" });
    expect(
      await (await getDb()).selectFrom("invite").select("id").where("email", "=", "planner@example.com").execute(),
    ).toEqual([]);
  });

  it("gives a random link once, stores only its hash, and the invited person sets a password and is signed in", async () => {
    const made = await adminPost({
      intent: "invite",
      name: "Ines Invited",
      email: "ines@example.com",
      role: "planner",
    });
    expect(made.data.ok).toBe(true);
    const { url, expiresAt, id } = made.data.invite!;
    expect(url).toMatch(/^http:\/\/localhost\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = secret(url.split("/invite/")[1]!);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(INVITE_DAYS * 86_400_000 - 60_000);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(INVITE_DAYS * 86_400_000);

    const db = await getDb();
    const row = await db.selectFrom("invite").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(createHash("sha256").update(token).digest("base64url"));
    expect(JSON.stringify(await db.selectFrom("invite").selectAll().execute())).not.toContain(token);
    // The admin page lists it, without the link.
    const page = await answerOf(admin.loader, getRequest("/admin"));
    expect(JSON.parse(page.body).invites).toEqual([
      expect.objectContaining({ id, name: "Ines Invited", email: "ines@example.com", role: "planner" }),
    ]);
    expect(page.body).not.toContain(token);
    expect(page.body).not.toContain(row.token_hash);

    const opened = await openInvite(token);
    expect(opened).toEqual({
      status: 200,
      data: {
        state: "open",
        invite: {
          name: "Ines Invited",
          email: "ines@example.com",
          role: "planner",
          invitedBy: "Test admin",
          expiresAt,
        },
        signedInAs: null,
      },
    });

    // Two different passwords: refused, the invite stays open.
    const differ = dataOf<{ errors: Record<string, string> }>(
      await acceptInvite(token, { password: "ines own password", confirmPassword: "ines own passw0rd" }),
    );
    expect(differ.status).toBe(400);
    expect(differ.data.errors).toEqual({
      confirmPassword: "The two new passwords differ: type the same password in both boxes",
    });
    expect((await openInvite(token)).data.state).toBe("open");

    const accepted = (await acceptInvite(token, {
      password: "ines own password",
      confirmPassword: "ines own password",
    })) as Response;
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toBe("/");
    const cookie = cookieOf(accepted);
    expect(await userOf(cookie)).toMatchObject({
      name: "Ines Invited",
      email: "ines@example.com",
      role: "planner",
      mustChangePassword: false,
    });
    expect((await answerOf(dashboard.loader as Handler, withCookie(cookie))).status).toBe(200);
    expect(((await signIn("ines@example.com", "ines own password")) as Response).status).toBe(302);
    expect(JSON.parse((await answerOf(admin.loader as Handler, getRequest("/admin"))).body).invites).toEqual([]);

    const trail = await listAudit(db, { text: "ines@example.com" });
    expect(trail.map((a) => [a.entity, a.action, a.user_name])).toEqual([
      ["invite", "accept", "Ines Invited"],
      ["user", "create", "Ines Invited"],
      ["invite", "invite", "Test admin"],
    ]);
    expect(trail[2]!.summary).toBe(
      `Invited "Ines Invited" <ines@example.com> as planner; the link works once, until ${expiresAt.slice(0, 10)}`,
    );
  });

  it("works once: a used link says so and makes no second account", async () => {
    const { token } = await invitePerson("Una Used", "una@example.com");
    const first = (await acceptInvite(token, {
      password: "una's password 1",
      confirmPassword: "una's password 1",
    })) as Response;
    expect(first.status).toBe(302);
    expect(await openInvite(token)).toEqual({ status: 410, data: { state: "used", expiredAt: null } });
    const again = dataOf<InvitePage>(
      await acceptInvite(token, { password: "someone else's 2", confirmPassword: "someone else's 2" }),
    );
    expect(again).toEqual({ status: 410, data: { state: "used", expiredAt: null } });
    expect(dataOf<{ message: string }>(await signIn("una@example.com", "someone else's 2")).data.message).toBe(
      WRONG_CREDENTIALS,
    );
    const db = await getDb();
    expect(await db.selectFrom("user").select("id").where("email", "=", "una@example.com").execute()).toHaveLength(1);
  });

  it("opens the same link twice at once into one account", async () => {
    const { token } = await invitePerson("Ravi Race", "ravi@example.com");
    const answers = await Promise.all(
      ["ravi password one", "ravi password two"].map((password) =>
        acceptInvite(token, { password, confirmPassword: password }),
      ),
    );
    expect(answers.filter((a) => a instanceof Response && a.status === 302)).toHaveLength(1);
    expect(answers.map((a) => (a instanceof Response ? a.status : dataOf(a).status)).sort()).toEqual([302, 410]);
  });

  it("expires after 7 days, and says when", async () => {
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000).toISOString();
    const db = await getDb();
    const made = await createInvite(db, {
      input: { name: "Eve Expired", email: "eve@example.com", role: "viewer" },
      actor: SYSTEM,
      now: eightDaysAgo,
    });
    if (!made.ok) throw new Error(made.message);
    secret(made.token);
    const expected = { status: 410, data: { state: "expired", expiredAt: made.expiresAt } };
    expect(await openInvite(made.token)).toEqual(expected);
    expect(
      dataOf(await acceptInvite(made.token, { password: "eve's password", confirmPassword: "eve's password" })),
    ).toEqual(expected);
    expect(await db.selectFrom("user").select("id").where("email", "=", "eve@example.com").execute()).toEqual([]);
    // An expired invite is not in the admin's list, and a new one can be made for the same email.
    expect(JSON.parse((await answerOf(admin.loader as Handler, getRequest("/admin"))).body).invites).toEqual([]);
    const { token } = await invitePerson("Eve Expired", "eve@example.com");
    expect((await openInvite(token)).data.state).toBe("open");
  });

  it("is revoked by the admin, or replaced by a new invite for the same email; either link then says so", async () => {
    const { token, id } = await invitePerson("Rob Revoked", "rob@example.com");
    const revoked = await adminPost({ intent: "revoke", id: String(id) });
    expect(revoked.data).toMatchObject({
      ok: true,
      message: "Revoked the invite of Rob Revoked: its link no longer works.",
    });
    expect(await openInvite(token)).toEqual({ status: 410, data: { state: "revoked", expiredAt: null } });
    expect(
      dataOf(await acceptInvite(token, { password: "rob's password", confirmPassword: "rob's password" })).status,
    ).toBe(410);
    expect((await adminPost({ intent: "revoke", id: String(id) })).data).toMatchObject({
      ok: false,
      message: "That invite was already revoked: nothing to revoke.",
    });

    // The admin lost the link and invites again: the first link stops working, the second works.
    const lost = await invitePerson("Lea Lost", "lea@example.com");
    const again = await adminPost({ intent: "invite", name: "Lea Lost", email: "lea@example.com", role: "viewer" });
    expect(again.data.message).toBe(
      "Invite ready. It replaces the earlier invite for lea@example.com, whose link no longer works.",
    );
    const second = secret(again.data.invite!.url.split("/invite/")[1]!);
    expect((await openInvite(lost.token)).data.state).toBe("revoked");
    expect((await openInvite(second)).data.state).toBe("open");

    const trail = await listAudit(await getDb(), { entity: "invite", text: "Rob Revoked" });
    expect(trail.map((a) => [a.action, a.user_name, a.summary])).toEqual([
      ["revoke", "Test admin", 'Revoked the invite of "Rob Revoked" <rob@example.com>; its link no longer works'],
      ["invite", "Test admin", expect.stringContaining('Invited "Rob Revoked" <rob@example.com> as viewer')],
    ]);
  });

  it("says so when the email got an account another way after the invite was made, and drops it from the list", async () => {
    const { token } = await invitePerson("Tia Twice", "tia@example.com");
    await adminPost({
      intent: "create",
      name: "Tia Twice",
      email: "tia@example.com",
      role: "viewer",
      password: secret("tia's first password"),
    });
    expect(await openInvite(token)).toEqual({ status: 410, data: { state: "taken", expiredAt: null } });
    expect(
      dataOf(await acceptInvite(token, { password: "tia's own password", confirmPassword: "tia's own password" })),
    ).toEqual({ status: 410, data: { state: "taken", expiredAt: null } });
    expect(dataOf<{ message: string }>(await signIn("tia@example.com", "tia's own password")).data.message).toBe(
      WRONG_CREDENTIALS,
    );
    const invites = JSON.parse((await answerOf(admin.loader, getRequest("/admin"))).body).invites as {
      email: string;
    }[];
    expect(invites.map((i) => i.email)).not.toContain("tia@example.com");
  });

  it("says a link that names no invite does not work, and tells nothing about anyone", async () => {
    for (const token of ["nonsense", "A".repeat(43), "../admin"])
      expect(await openInvite(token)).toEqual({ status: 404, data: { state: "unknown", expiredAt: null } });
  });

  it("signs out whoever was signed in in that browser and signs the invited person in", async () => {
    const { token } = await invitePerson("Sam Shared", "sam@example.com");
    const before = await signedIn("admin@example.com", "correct horse battery");
    expect((await openInvite(token, before)).data).toMatchObject({ state: "open", signedInAs: "Test admin" });
    const accepted = (await invite.action(
      routeArgs(
        postWithCookie(before, `/invite/${token}`, { password: "sam's password", confirmPassword: "sam's password" }),
        {
          token,
        },
      ),
    )) as Response;
    secret("sam's password");
    expect(accepted.status).toBe(302);
    expect(await userOf(before)).toBeNull();
    expect(await userOf(cookieOf(accepted))).toMatchObject({ email: "sam@example.com" });
  });
});

describe("a password the admin set is changed at first sign-in", () => {
  it("sends the user to their account page from every other page until they change it; signing out still works", async () => {
    await resetSignInLimits();
    const added = await adminPost({
      intent: "create",
      name: "Fran First",
      email: "fran@example.com",
      role: "planner",
      password: secret("fran's first password"),
    });
    expect(added.data.message).toBe(
      "Added Fran First as planner. Give them their email and password; they choose a password of their own when they first sign in.",
    );
    const signedInResponse = (await signIn("fran@example.com", "fran's first password")) as Response;
    expect(signedInResponse.headers.get("Location")).toBe("/account");
    const cookie = cookieOf(signedInResponse);

    // Pages, actions and downloads all send Fran to the account page.
    for (const [run, request] of [
      [dashboard.loader, withCookie(cookie, "/")],
      [ladder.loader, withCookie(cookie, "/ladder")],
      [teamCsv.loader, withCookie(cookie, "/team.csv")],
      [admin.loader, withCookie(cookie, "/admin")],
      [newEngineer.action, postWithCookie(cookie, "/team/new", { name: "Sneaky" })],
    ] as const) {
      const got = await answerOf(run, request);
      expect([got.status, got.location], request.url).toEqual([302, "/account"]);
    }
    const accountPage = await answerOf(account.loader, withCookie(cookie, "/account"));
    expect(JSON.parse(accountPage.body)).toMatchObject({ name: "Fran First", mustChangePassword: true });
    // The top bar hides the main menu meanwhile.
    expect(JSON.parse((await answerOf(root.loader as Handler, withCookie(cookie))).body).user).toEqual({
      name: "Fran First",
      role: "planner",
      mustChangePassword: true,
    });
    // Signing in again from another page's link still lands on the account page.
    const viaNext = (await loginAction(
      routeArgs(
        formRequest(
          "/login?next=%2Fteam",
          { email: "fran@example.com", password: "fran's first password" },
          { as: null },
        ),
        {},
        { remoteAddress: "10.20.0.9" },
      ),
    )) as Response;
    expect(viaNext.headers.get("Location")).toBe("/account");

    const out = (await logoutAction(
      routeArgs(new Request("http://localhost/logout", { method: "POST", headers: { Cookie: cookie } })),
    )) as Response;
    expect(out.headers.get("Location")).toBe("/login");
    expect(await userOf(cookie)).toBeNull();

    const again = cookieOf(viaNext);
    const changed = await changePassword(again, {
      currentPassword: "fran's first password",
      newPassword: "fran's very own password",
      confirmPassword: "fran's very own password",
    });
    expect(changed.data).toMatchObject({ ok: true, wasRequired: true });
    expect(await userOf(again)).toMatchObject({ mustChangePassword: false });
    expect((await answerOf(dashboard.loader as Handler, withCookie(again))).status).toBe(200);
    expect((await signIn("fran@example.com", "fran's very own password")) as Response).toMatchObject({ status: 302 });
    expect(((await signIn("fran@example.com", "fran's very own password")) as Response).headers.get("Location")).toBe(
      "/",
    );

    const [entry] = await listAudit(await getDb(), { entity: "user", text: "fran@example.com" });
    expect(entry!.summary).toBe(
      '"Fran First" <fran@example.com> changed their password (the one an admin set); 0 other sessions signed out',
    );
    await resetSignInLimits();
  });

  it("applies to the admin's password reset too, which the admin cannot use on their own account", async () => {
    await resetSignInLimits();
    const db = await getDb();
    const id = await makeUser("Reese Reset", "reese@example.com", "reese's own password");
    const reset = await adminPost({ intent: "reset", id: String(id), password: secret("a password from the admin") });
    expect(reset.data.ok).toBe(true);
    expect(((await signIn("reese@example.com", "a password from the admin")) as Response).headers.get("Location")).toBe(
      "/account",
    );
    const adminId = (
      await db.selectFrom("user").select("id").where("email", "=", "admin@example.com").executeTakeFirstOrThrow()
    ).id;
    const self = await adminPost({ intent: "reset", id: String(adminId), password: "whatever password" });
    expect(self.data).toMatchObject({ ok: false, message: "To change your own password, use Account in the top bar." });
    const users = JSON.parse((await answerOf(admin.loader, getRequest("/admin"))).body).users as {
      email: string;
      mustChangePassword: boolean;
    }[];
    expect(users.find((u) => u.email === "reese@example.com")!.mustChangePassword).toBe(true);
    expect(users.find((u) => u.email === "admin@example.com")!.mustChangePassword).toBe(false);
    await resetSignInLimits();
  });
});

describe("the audit trail of accounts", () => {
  it("holds no password, no invite token and no token's hash", async () => {
    const db = await getDb();
    const trail = JSON.stringify(await db.selectFrom("audit").selectAll().execute());
    const hashes = (await db.selectFrom("invite").select("token_hash").execute()).map((r) => r.token_hash);
    const passwordHashes = (await db.selectFrom("user").select("password_hash").execute()).map((r) => r.password_hash);
    expect(secrets.size).toBeGreaterThan(20);
    expect(hashes.length).toBeGreaterThan(5);
    for (const value of [...secrets, ...hashes, ...passwordHashes])
      expect(trail.includes(value.replace(/"/g, '\\"')), `the audit holds ${value}`).toBe(false);
    // And every kind of entry this work writes is there to be read.
    const actions = await db.selectFrom("audit").select(["entity", "action"]).distinct().execute();
    expect(actions).toEqual(
      expect.arrayContaining([
        { entity: "invite", action: "invite" },
        { entity: "invite", action: "accept" },
        { entity: "invite", action: "revoke" },
        { entity: "user", action: "create" },
        { entity: "user", action: "change password" },
        { entity: "user", action: "reset password" },
      ]),
    );
  });
});
