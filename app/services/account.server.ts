/**
 * A person's own account: changing their password. The current password is checked like a
 * sign-in (a wrong one counts as a failed sign-in, under the same limits); the change, the end of
 * the user's other sessions and the audit entry are written in one transaction.
 */
import { inTransaction, type DB } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { attemptPassword, waitInWords, type User } from "./auth.server";
import { hashPassword } from "./passwords.server";

export type PasswordChangeResult =
  | { ok: true; otherSessionsEnded: number }
  | { ok: false; field: "currentPassword" | "form"; message: string; retryAfterSeconds?: number };

export const WRONG_CURRENT_PASSWORD = "That is not your current password.";

/** "1 other session", "2 other sessions" */
const otherSessions = (n: number) => `${n} other session${n === 1 ? "" : "s"}`;

/**
 * Sets the user's new password, ends every session of theirs but `keepSession` (the stored key of
 * the one they are using), and clears the mark an admin-set password leaves.
 */
export async function changeOwnPassword(
  db: DB,
  {
    user,
    currentPassword,
    newPassword,
    address,
    keepSession,
    now = new Date().toISOString(),
  }: {
    user: User;
    currentPassword: string;
    newPassword: string;
    address: string;
    keepSession: string | null;
    now?: string;
  },
): Promise<PasswordChangeResult> {
  const attempt = await attemptPassword(db, { email: user.email, password: currentPassword, address });
  if (!attempt.ok && attempt.waitMs > 0)
    return {
      ok: false,
      field: "form",
      message: `Too many wrong passwords for this account. Wait ${waitInWords(attempt.waitMs)}, then try again.`,
      retryAfterSeconds: Math.ceil(attempt.waitMs / 1000),
    };
  if (!attempt.ok || attempt.row.id !== user.id)
    return { ok: false, field: "currentPassword", message: WRONG_CURRENT_PASSWORD };
  const checkedHash = attempt.row.password_hash;
  const wasSetByAdmin = attempt.row.must_change_password === 1;
  const passwordHash = await hashPassword(newPassword);
  return inTransaction(db, async (trx) => {
    // Only over the password just checked: a reset made meanwhile by an admin wins.
    const updated = await trx
      .updateTable("user")
      .set((eb) => ({
        password_hash: passwordHash,
        must_change_password: 0,
        updated_at: now,
        version: eb("version", "+", 1),
      }))
      .where("id", "=", user.id)
      .where("password_hash", "=", checkedHash)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      return {
        ok: false as const,
        field: "form" as const,
        message: "Your password was changed by someone else just now. Sign in again with the new one.",
      };
    const ended = await trx
      .deleteFrom("session")
      .where("user_id", "=", user.id)
      .where("id", "!=", keepSession ?? "")
      .executeTakeFirst();
    const otherSessionsEnded = Number(ended.numDeletedRows);
    await recordAudit(trx, {
      actor: { id: user.id, name: user.name },
      at: now,
      action: "change password",
      entity: "user",
      entityId: user.id,
      summary: `"${user.name}" <${user.email}> changed their password${
        wasSetByAdmin ? " (the one an admin set)" : ""
      }; ${otherSessions(otherSessionsEnded)} signed out`,
    });
    return { ok: true as const, otherSessionsEnded };
  });
}
