/**
 * Invites: the admin makes a one-time link for a person, who opens it and chooses their own
 * password. The link holds 32 random bytes (base64url); the database keeps only their SHA-256, so
 * a copy of the file holds no usable link. A link works once, for INVITE_DAYS days, until revoked.
 * Making, using and revoking an invite are audited, never with the token or the password.
 */
import { createHash, randomBytes } from "node:crypto";
import type { InviteRow, Role } from "../../db/schema";
import { INVITE_DAYS } from "~/forms/account";
import { inTransaction, type DB } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import type { Actor } from "./auth.server";
import { hashPassword } from "./passwords.server";
import { insertUser } from "./users.server";

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const tokenHash = (token: string) => createHash("sha256").update(token).digest("base64url");

/** What an invite link is now: open to use, or why not ("taken": the email got an account another way). */
export type InviteState = "open" | "used" | "expired" | "revoked" | "taken" | "unknown";

export interface OpenInvite {
  id: number;
  name: string;
  email: string;
  role: Role;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
}

const toOpenInvite = (row: InviteRow): OpenInvite => ({
  id: row.id,
  name: row.name,
  email: row.email,
  role: row.role,
  invitedBy: row.invited_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

function stateOf(row: InviteRow | undefined, now: string): InviteState {
  if (!row) return "unknown";
  if (row.used_at) return "used";
  if (row.revoked_at) return "revoked";
  if (row.expires_at <= now) return "expired";
  return "open";
}

export type CreateInviteResult =
  | { ok: true; id: number; token: string; expiresAt: string; replaced: number }
  | { ok: false; field: "email"; message: string };

/**
 * Makes an invite and returns its token, the only time it exists outside the link. An open invite
 * for the same email is revoked by it (the admin lost the link and asks again).
 */
export async function createInvite(
  db: DB,
  {
    input,
    actor,
    now = new Date().toISOString(),
  }: { input: { name: string; email: string; role: Role }; actor: Actor; now?: string },
): Promise<CreateInviteResult> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.parse(now) + INVITE_DAYS * 86_400_000).toISOString();
  return inTransaction(db, async (trx) => {
    const taken = await trx.selectFrom("user").select("id").where("email", "=", input.email).executeTakeFirst();
    if (taken)
      return {
        ok: false as const,
        field: "email" as const,
        message: "An account with this email already exists: they can sign in already",
      };
    const earlier = await trx
      .selectFrom("invite")
      .selectAll()
      .where("email", "=", input.email)
      .where("used_at", "is", null)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", now)
      .execute();
    for (const old of earlier) {
      await trx.updateTable("invite").set({ revoked_at: now }).where("id", "=", old.id).execute();
      await recordAudit(trx, {
        actor,
        at: now,
        action: "revoke",
        entity: "invite",
        entityId: old.id,
        summary: `Replaced the invite of "${old.name}" <${old.email}> with a new one; its link no longer works`,
      });
    }
    const { id } = await trx
      .insertInto("invite")
      .values({
        token_hash: tokenHash(token),
        email: input.email,
        name: input.name,
        role: input.role,
        invited_by: actor.name,
        created_at: now,
        expires_at: expiresAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor,
      at: now,
      action: "invite",
      entity: "invite",
      entityId: id,
      summary: `Invited "${input.name}" <${input.email}> as ${input.role}; the link works once, until ${expiresAt.slice(0, 10)}`,
      after: { name: input.name, email: input.email, role: input.role, expiresAt },
    });
    return { ok: true as const, id, token, expiresAt, replaced: earlier.length };
  });
}

const hasAccount = (db: DB, email: string) =>
  db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst();

/** Invites not yet used, revoked or expired, for emails without an account, newest first. */
export async function listOpenInvites(db: DB, now = new Date().toISOString()): Promise<OpenInvite[]> {
  const rows = await db
    .selectFrom("invite")
    .selectAll()
    .where("used_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom("user").select("user.id").whereRef("user.email", "=", "invite.email"))),
    )
    .orderBy("id", "desc")
    .execute();
  return rows.map(toOpenInvite);
}

async function inviteByToken(db: DB, token: string): Promise<InviteRow | undefined> {
  if (!TOKEN.test(token)) return undefined;
  return db.selectFrom("invite").selectAll().where("token_hash", "=", tokenHash(token)).executeTakeFirst();
}

/** The invite a link names, when it is open; otherwise only its state (and, expired, when it expired). */
export async function findInvite(
  db: DB,
  { token, now = new Date().toISOString() }: { token: string; now?: string },
): Promise<{ state: "open"; invite: OpenInvite } | { state: Exclude<InviteState, "open">; expiredAt?: string }> {
  const row = await inviteByToken(db, token);
  const state = stateOf(row, now);
  if (state === "open")
    return (await hasAccount(db, row!.email)) ? { state: "taken" } : { state, invite: toOpenInvite(row!) };
  return state === "expired" ? { state, expiredAt: row!.expires_at } : { state };
}

export type AcceptInviteResult =
  { ok: true; userId: number } | { ok: false; state: Exclude<InviteState, "open">; expiredAt?: string };

/**
 * Uses an invite: makes the account with the password the person chose, and marks the invite
 * used, in one transaction, so a link used twice at once makes one account.
 */
export async function acceptInvite(
  db: DB,
  { token, password, now = new Date().toISOString() }: { token: string; password: string; now?: string },
): Promise<AcceptInviteResult> {
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (trx): Promise<AcceptInviteResult> => {
    const row = await inviteByToken(trx, token);
    const state = stateOf(row, now);
    if (state !== "open")
      return state === "expired" ? { ok: false, state, expiredAt: row!.expires_at } : { ok: false, state };
    const invite = row!;
    if (await hasAccount(trx, invite.email)) return { ok: false, state: "taken" };
    const userId = await insertUser(trx, {
      input: { name: invite.name, email: invite.email, role: invite.role },
      passwordHash,
      mustChangePassword: false,
      actor: null,
      now,
      summary: `"${invite.name}" <${invite.email}> joined as ${invite.role} by the invite of ${invite.invited_by}, with a password of their own`,
    });
    await trx.updateTable("invite").set({ used_at: now, user_id: userId }).where("id", "=", invite.id).execute();
    await recordAudit(trx, {
      actor: { id: userId, name: invite.name },
      at: now,
      action: "accept",
      entity: "invite",
      entityId: invite.id,
      summary: `"${invite.name}" <${invite.email}> used their invite and set a password; the link no longer works`,
    });
    return { ok: true, userId };
  });
}

export type RevokeInviteResult = { ok: true; name: string } | { ok: false; message: string };

export async function revokeInvite(
  db: DB,
  { id, actor, now = new Date().toISOString() }: { id: number; actor: Actor; now?: string },
): Promise<RevokeInviteResult> {
  return inTransaction(db, async (trx): Promise<RevokeInviteResult> => {
    const row = await trx.selectFrom("invite").selectAll().where("id", "=", id).executeTakeFirst();
    const state = stateOf(row, now);
    if (state === "unknown") return { ok: false, message: "No such invite." };
    if (state !== "open")
      return { ok: false, message: `That invite was already ${state === "used" ? "used" : state}: nothing to revoke.` };
    await trx.updateTable("invite").set({ revoked_at: now }).where("id", "=", id).execute();
    await recordAudit(trx, {
      actor,
      at: now,
      action: "revoke",
      entity: "invite",
      entityId: id,
      summary: `Revoked the invite of "${row!.name}" <${row!.email}>; its link no longer works`,
    });
    return { ok: true, name: row!.name };
  });
}
