/** Accounts as the admin manages them. Every change is audited in its own transaction. */
import type { Role } from "../../db/schema";
import { inTransaction, type DB } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import type { Actor, User } from "./auth.server";
import { hashPassword } from "./passwords.server";

export interface UserListItem extends User {
  createdAt: string;
  version: number;
}

export async function listUsers(db: DB): Promise<UserListItem[]> {
  const rows = await db
    .selectFrom("user")
    .select(["id", "email", "name", "role", "must_change_password", "created_at", "version"])
    .orderBy("name")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    mustChangePassword: r.must_change_password === 1,
    createdAt: r.created_at,
    version: r.version,
  }));
}

export type CreateUserResult = { ok: true; id: number } | { ok: false; field: "email"; message: string };

/**
 * Inserts a user and audits it, inside the caller's transaction. `mustChangePassword` when an admin
 * chose the password: the user is sent to change it at their first sign-in.
 */
export async function insertUser(
  trx: DB,
  {
    input,
    passwordHash,
    mustChangePassword,
    actor,
    now,
    summary,
  }: {
    input: { name: string; email: string; role: Role };
    passwordHash: string;
    mustChangePassword: boolean;
    actor: Actor | null;
    now: string;
    summary: string;
  },
): Promise<number> {
  const { id } = await trx
    .insertInto("user")
    .values({
      email: input.email,
      name: input.name,
      role: input.role,
      password_hash: passwordHash,
      must_change_password: mustChangePassword ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  // The first admin is their own actor.
  await recordAudit(trx, {
    actor: actor ?? { id, name: input.name },
    at: now,
    action: "create",
    entity: "user",
    entityId: id,
    summary,
    after: { name: input.name, email: input.email, role: input.role },
  });
  return id;
}

export async function createUser(
  db: DB,
  {
    input,
    actor,
    now = new Date().toISOString(),
  }: { input: { name: string; email: string; role: Role; password: string }; actor: Actor; now?: string },
): Promise<CreateUserResult> {
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    const taken = await trx.selectFrom("user").select("id").where("email", "=", input.email).executeTakeFirst();
    if (taken)
      return { ok: false as const, field: "email" as const, message: "An account with this email already exists" };
    const id = await insertUser(trx, {
      input,
      passwordHash,
      mustChangePassword: true,
      actor,
      now,
      summary: `Added ${input.role} "${input.name}" <${input.email}> with a first password, to change at first sign-in`,
    });
    return { ok: true as const, id };
  });
}

/** The first admin, only while there are no accounts at all; false when someone was first. */
export async function createFirstAdmin(
  db: DB,
  input: { name: string; email: string; password: string },
): Promise<number | false> {
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    if (await trx.selectFrom("user").select("id").limit(1).executeTakeFirst()) return false;
    const now = new Date().toISOString();
    return insertUser(trx, {
      input: { ...input, role: "admin" },
      passwordHash,
      mustChangePassword: false,
      actor: null,
      now,
      summary: `Created the first admin "${input.name}" <${input.email}>`,
    });
  });
}

async function adminCount(trx: DB): Promise<number> {
  const row = await trx
    .selectFrom("user")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type UserChange = { ok: true } | { ok: false; message: string };

/** Sets a new password, to be changed at the next sign-in, and signs the user out everywhere. */
export async function resetPassword(
  db: DB,
  { id, password, actor, now = new Date().toISOString() }: { id: number; password: string; actor: Actor; now?: string },
): Promise<UserChange> {
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (trx) => {
    const user = await trx.selectFrom("user").select(["name", "email"]).where("id", "=", id).executeTakeFirst();
    if (!user) return { ok: false, message: "No such user." };
    await trx
      .updateTable("user")
      .set((eb) => ({
        password_hash: passwordHash,
        must_change_password: 1,
        updated_at: now,
        version: eb("version", "+", 1),
      }))
      .where("id", "=", id)
      .execute();
    await trx.deleteFrom("session").where("user_id", "=", id).execute();
    await recordAudit(trx, {
      actor,
      action: "reset password",
      entity: "user",
      entityId: id,
      summary: `Reset the password of "${user.name}" <${user.email}>, to change at their next sign-in; signed them out everywhere`,
    });
    return { ok: true };
  });
}

export async function changeRole(
  db: DB,
  { id, role, actor, now = new Date().toISOString() }: { id: number; role: Role; actor: Actor; now?: string },
): Promise<UserChange> {
  return inTransaction(db, async (trx) => {
    const user = await trx.selectFrom("user").select(["name", "role"]).where("id", "=", id).executeTakeFirst();
    if (!user) return { ok: false, message: "No such user." };
    if (user.role === role) return { ok: true };
    if (user.role === "admin" && (await adminCount(trx)) === 1)
      return { ok: false, message: "There must be at least one admin: make someone else admin first." };
    await trx
      .updateTable("user")
      .set((eb) => ({ role, updated_at: now, version: eb("version", "+", 1) }))
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, {
      actor,
      action: "update",
      entity: "user",
      entityId: id,
      summary: `Changed the role of "${user.name}" from ${user.role} to ${role}`,
      before: { role: user.role },
      after: { role },
    });
    return { ok: true };
  });
}

/** Removes a user and their sessions; the audit trail keeps their name. */
export async function removeUser(db: DB, { id, actor }: { id: number; actor: Actor }): Promise<UserChange> {
  return inTransaction(db, async (trx) => {
    const user = await trx.selectFrom("user").select(["name", "email", "role"]).where("id", "=", id).executeTakeFirst();
    if (!user) return { ok: false, message: "No such user." };
    if (user.role === "admin" && (await adminCount(trx)) === 1)
      return { ok: false, message: "This is the only admin: make someone else admin before removing this account." };
    await trx.deleteFrom("user").where("id", "=", id).execute();
    await recordAudit(trx, {
      actor,
      action: "delete",
      entity: "user",
      entityId: id,
      summary: `Removed ${user.role} "${user.name}" <${user.email}>`,
      before: { name: user.name, email: user.email, role: user.role },
    });
    return { ok: true };
  });
}
