/**
 * Accounts and sessions. A session is a row in the database (so signing out, a password reset or
 * removing a user ends it at once) named by 32 random bytes; the browser holds that id in a signed,
 * HttpOnly, SameSite=Lax cookie that expires with the session (12 hours). The signing key comes
 * from TEAMSHAPE_SESSION_SECRET or is made once and kept in the database.
 */
import { createCookie, redirect, type Cookie } from "@remix-run/node";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Role, UserRow } from "../../db/schema";
import { getDb, inTransaction, type DB } from "~/utils/db.server";
import { REQUEST_ID_HEADER } from "~/utils/log.server";
import { DUMMY_HASH, hashPassword, verifyPassword } from "./passwords.server";

export type { Role };
export const ROLES: readonly Role[] = ["viewer", "planner", "admin"];
export const SESSION_HOURS = 12;

/** The signed-in user, as pages and services see them. */
export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** The password is one an admin set: every page but the account page sends them to change it. */
  mustChangePassword: boolean;
  /** Someone reading a share link (`SHARE_LINK_READER`): a viewer, with small levels priced together. */
  readsShareLink?: boolean;
}

/** Who made a change, for the audit trail and "changed by X". */
export interface Actor {
  id: number | null;
  name: string;
}
export const SYSTEM: Actor = { id: null, name: "Teamshape" };

const toUser = (row: Pick<UserRow, "id" | "email" | "name" | "role" | "must_change_password">): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  mustChangePassword: row.must_change_password === 1,
});

/** True when `role` may do what `needed` may. */
export function allows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** Viewers never see an individual's salary. */
export const seesSalaries = (user: User) => allows(user.role, "planner");

let cookie: Promise<Cookie> | undefined;

async function sessionSecret(db: DB): Promise<string> {
  if (process.env.TEAMSHAPE_SESSION_SECRET) return process.env.TEAMSHAPE_SESSION_SECRET;
  const fresh = randomBytes(32).toString("base64url");
  await db
    .insertInto("setting")
    .values({ key: "session_secret", value: fresh })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  return (await db.selectFrom("setting").select("value").where("key", "=", "session_secret").executeTakeFirstOrThrow())
    .value;
}

function sessionCookie(): Promise<Cookie> {
  cookie ??= (async () =>
    createCookie("teamshape_session", {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      maxAge: SESSION_HOURS * 3600,
      secrets: [await sessionSecret(await getDb())],
    }))();
  return cookie;
}

/** One lookup per Request object (a loader may ask twice). */
const usersByRequest = new WeakMap<Request, Promise<User | null>>();

/**
 * One lookup per page load: the root loader and the page's loader both ask, each with its own copy
 * of the Request, which share the request id (REQUEST_ID_HEADER). Only for GET: an action's own
 * lookup stays its own, and the loaders that run after it look up afresh. Keyed by the id and the
 * cookie, so a client that sent a forged id would get no one but the holder of its own cookie; and
 * a lookup is shared for at most PAGE_LOAD_MS, so even then a signed-out session would not outlive
 * it. At most PAGE_LOADS_KEPT are kept, the latest.
 */
const usersByPageLoad = new Map<string, { user: Promise<User | null>; at: number }>();
const PAGE_LOADS_KEPT = 256;
const PAGE_LOAD_MS = 5_000;

/** The signed-in user for a request, or null. */
export function getUser(request: Request): Promise<User | null> {
  let user = usersByRequest.get(request);
  if (user) return user;
  const id = request.method === "GET" || request.method === "HEAD" ? request.headers.get(REQUEST_ID_HEADER) : null;
  const pageLoad = id === null ? undefined : `${id} ${request.headers.get("Cookie") ?? ""}`;
  const shared = pageLoad === undefined ? undefined : usersByPageLoad.get(pageLoad);
  if (shared && Date.now() - shared.at < PAGE_LOAD_MS) user = shared.user;
  else {
    user = lookUpUser(request);
    if (pageLoad !== undefined) {
      usersByPageLoad.delete(pageLoad); // set again below, as the newest
      usersByPageLoad.set(pageLoad, { user, at: Date.now() });
      if (usersByPageLoad.size > PAGE_LOADS_KEPT) usersByPageLoad.delete(usersByPageLoad.keys().next().value!);
    }
  }
  usersByRequest.set(request, user);
  return user;
}

async function lookUpUser(request: Request): Promise<User | null> {
  const id: unknown = await (await sessionCookie()).parse(request.headers.get("Cookie"));
  if (typeof id !== "string") return null;
  const row = await (
    await getDb()
  )
    .selectFrom("session")
    .innerJoin("user", "user.id", "session.user_id")
    .select(["user.id", "user.email", "user.name", "user.role", "user.must_change_password"])
    .where("session.id", "=", sessionKey(id))
    .where("session.expires_at", ">", new Date().toISOString())
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

/** The signed-in user, whatever their role; anyone else is sent to sign in (then back here). */
export async function requireSignedIn(request: Request): Promise<User> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    if ((await countUsers()) === 0) throw redirect("/setup");
    throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

/** Where a user whose password an admin set is sent, from every page, until they change it. */
export const ACCOUNT_PAGE = "/account";

/**
 * The signed-in user, who must hold at least `role`. Anyone else is sent to sign in (then back
 * here); a user whose role is too low gets 403; a user who must change the password an admin set
 * is sent to the account page. Every loader, action and download calls this, except the account
 * page's own (requireSignedIn).
 */
export async function requireUser(request: Request, role: Role = "viewer"): Promise<User> {
  const user = await requireSignedIn(request);
  if (user.mustChangePassword) throw redirect(ACCOUNT_PAGE);
  if (!allows(user.role, role))
    throw new Response(
      `This needs the ${role} role; you are signed in as a ${user.role}. Ask an admin if you need more.`,
      { status: 403 },
    );
  return user;
}

export const actorOf = (user: User): Actor => ({ id: user.id, name: user.name });

export async function countUsers(): Promise<number> {
  const row = await (
    await getDb()
  )
    .selectFrom("user")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The database keeps only a hash of each session id, so a copy of the file holds no usable session. */
const sessionKey = (id: string) => createHash("sha256").update(id).digest("base64url");

/** Whether cookies must be Secure: the request came over https, or the site's origin is https. */
export const secureRequest = (request: Request) =>
  new URL(request.url).protocol === "https:" || (process.env.TEAMSHAPE_ORIGIN ?? "").startsWith("https:");

/** Starts a session for a user; returns the Set-Cookie header value. */
export async function startSession(userId: number, { secure = false }: { secure?: boolean } = {}): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  const now = new Date();
  const expires = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await (
    await getDb()
  )
    .insertInto("session")
    .values({ id: sessionKey(id), user_id: userId, created_at: now.toISOString(), expires_at: expires.toISOString() })
    .execute();
  return (await sessionCookie()).serialize(id, { secure });
}

/** The stored key of the request's session (a hash of the cookie's id), or null without one. */
export async function sessionKeyOf(request: Request): Promise<string | null> {
  const id: unknown = await (await sessionCookie()).parse(request.headers.get("Cookie"));
  return typeof id === "string" ? sessionKey(id) : null;
}

/** Ends the request's session; returns the Set-Cookie header value that clears the cookie. */
export async function endSession(request: Request): Promise<string> {
  const jar = await sessionCookie();
  const id: unknown = await jar.parse(request.headers.get("Cookie"));
  if (typeof id === "string") await (await getDb()).deleteFrom("session").where("id", "=", sessionKey(id)).execute();
  return jar.serialize("", { maxAge: 0 });
}

// ---------------------------------------------------------------------------------------------
// Signing in, limited per account and address (OWASP ASVS 2.2.1): one address guessing at an
// account is slowed, then locked out, without locking the account for everyone else.

const WINDOW_MS = 15 * 60_000;

/**
 * Failed sign-ins allowed in 15 minutes before the next attempt is refused for the rest of the
 * window: for one account from one address, from one address over all accounts, and for one
 * account from everywhere (a backstop against guessing spread over many addresses).
 */
export const SIGN_IN_LIMITS = { accountFromAddress: 5, address: 20, account: 100 } as const;

/** After this many failures for an account from one address, each attempt waits 1 s, 2 s, 4 s ... (at most 60 s) after the last. */
export const DELAY_AFTER_FAILURES = 3;
export const MAX_DELAY_SECONDS = 60;

/** The seconds to wait after the latest failure, once an account and address have `failures` of them. */
export const delaySeconds = (failures: number) =>
  failures < DELAY_AFTER_FAILURES ? 0 : Math.min(MAX_DELAY_SECONDS, 2 ** (failures - DELAY_AFTER_FAILURES));

/** The keys a failure is counted under (kept in the database, so every server process agrees). */
function failureKeys(email: string, address: string) {
  return { account: `account:${email}`, address: `address:${address}`, accountFromAddress: `pair:${address} ${email}` };
}

/** Failures for `key` in the window, newest first, at most `limit` of them. */
async function recentFailures(db: DB, key: string, now: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom("sign_in_failure")
    .select("at")
    .where("key", "=", key)
    .where("at", ">", now - WINDOW_MS)
    .orderBy("at", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => row.at);
}

/** How long (ms) until `key` may try again: 0, or until the oldest of `limit` recent failures leaves the window. */
async function lockedFor(db: DB, key: string, limit: number, now: number): Promise<number> {
  const failures = await recentFailures(db, key, now, limit);
  return failures.length < limit ? 0 : failures[limit - 1]! + WINDOW_MS - now;
}

/** How long (ms) the growing delay still holds an account and address back. */
async function delayedFor(db: DB, key: string, now: number): Promise<number> {
  const failures = await recentFailures(db, key, now, SIGN_IN_LIMITS.accountFromAddress);
  const delay = delaySeconds(failures.length);
  // No delay is no wait, even when the latest failure is stamped a moment after `now` (another
  // server's attempt, or one that took its turn at the write lock first).
  return delay === 0 ? 0 : Math.max(0, failures[0]! + delay * 1000 - now);
}

/** "45 seconds", "1 minute", "15 minutes": a wait in words, rounded up. */
export function waitInWords(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** Forgets every failed attempt (tests). */
export async function resetSignInLimits(): Promise<void> {
  await (await getDb()).deleteFrom("sign_in_failure").execute();
}

export type SignInResult = { ok: true; user: User } | { ok: false; message: string; retryAfterSeconds?: number };

export const WRONG_CREDENTIALS = "That email and password do not match an account.";

/** A password checked under the sign-in limits: the account, or why not (`waitMs` when the limits refused it unchecked). */
export type PasswordAttempt = { ok: true; row: UserRow } | { ok: false; waitMs: number };

/**
 * Checks an email and password. Unknown email and wrong password get the same message and take
 * the same time, and are counted the same way (SIGN_IN_LIMITS, delaySeconds). A refused attempt
 * checks no password, counts as no failure, and says how long to wait.
 */
export async function signIn({
  email,
  password,
  address,
}: {
  email: string;
  password: string;
  address: string;
}): Promise<SignInResult> {
  const attempt = await attemptPassword(await getDb(), { email, password, address });
  if (attempt.ok) return { ok: true, user: toUser(attempt.row) };
  if (attempt.waitMs === 0) return { ok: false, message: WRONG_CREDENTIALS };
  return {
    ok: false,
    message: `Too many failed sign-ins. Wait ${waitInWords(attempt.waitMs)}, then try again.`,
    retryAfterSeconds: Math.ceil(attempt.waitMs / 1000),
  };
}

/**
 * One password attempt for an account, counted like a sign-in (signIn, and the current password
 * asked before a password change): a wrong one is a failed sign-in, and the same limits refuse it.
 */
export async function attemptPassword(
  db: DB,
  { email, password, address }: { email: string; password: string; address: string },
): Promise<PasswordAttempt> {
  const normalized = email.trim().toLowerCase();
  const keys = failureKeys(normalized, address);
  // Count and reserve this attempt as a failure in one write transaction, before the slow hash, so
  // attempts sent in parallel cannot all slip under the limits. The answer: the ms to wait, or the reserved rows.
  const reserved = await inTransaction(db, async (trx) => {
    // The clock is read once this transaction has its turn, so attempts are stamped in the order they count.
    const now = Date.now();
    const wait = Math.max(
      await lockedFor(trx, keys.accountFromAddress, SIGN_IN_LIMITS.accountFromAddress, now),
      await lockedFor(trx, keys.address, SIGN_IN_LIMITS.address, now),
      await lockedFor(trx, keys.account, SIGN_IN_LIMITS.account, now),
      await delayedFor(trx, keys.accountFromAddress, now),
    );
    if (wait > 0) return wait;
    await trx
      .deleteFrom("sign_in_failure")
      .where("at", "<", now - WINDOW_MS)
      .execute();
    const attempt = randomUUID();
    await trx
      .insertInto("sign_in_failure")
      .values(Object.values(keys).map((key) => ({ key, at: now, attempt })))
      .execute();
    return attempt;
  });
  if (typeof reserved === "number") return { ok: false, waitMs: reserved };
  const row = await db.selectFrom("user").selectAll().where("email", "=", normalized).executeTakeFirst();
  const matches = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
  if (!row || !matches) return { ok: false, waitMs: 0 };
  // The password matched: this attempt was no failure, and this address's count for the account
  // starts again (the address's and the account's own counts stay: evidence of someone else guessing).
  await db.deleteFrom("sign_in_failure").where("key", "=", keys.accountFromAddress).execute();
  await db.deleteFrom("sign_in_failure").where("attempt", "=", reserved).execute();
  return { ok: true, row };
}

export { hashPassword };
