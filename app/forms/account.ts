import { z } from "zod";

/** The longest email and password accepted (and the longest name). */
export const MAX_EMAIL = 200;
export const MAX_PASSWORD = 200;
export const MAX_NAME = 120;

const email = z
  .string({ error: "Enter an email address" })
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address")
  .max(MAX_EMAIL, `The email can be at most ${MAX_EMAIL} characters`)
  .pipe(z.email({ error: "Enter an email address like ada@example.com" }));
const name = z
  .string({ error: "Enter a name" })
  .trim()
  .min(1, "Enter a name")
  .max(MAX_NAME, `The name can be at most ${MAX_NAME} characters`);
export const MIN_PASSWORD = 10;
/** How long an invite link works. */
export const INVITE_DAYS = 7;
const password = z
  .string({ error: "Enter a password" })
  .min(MIN_PASSWORD, `Use at least ${MIN_PASSWORD} characters`)
  .max(MAX_PASSWORD, `The password can be at most ${MAX_PASSWORD} characters`);
const role = z.enum(["admin", "planner", "viewer"], { error: "Choose admin, planner or viewer" });

export const signInSchema = z.object({
  email: z
    .string({ error: "Enter your email" })
    .trim()
    .max(MAX_EMAIL, `The email can be at most ${MAX_EMAIL} characters`)
    .default(""),
  password: z
    .string({ error: "Enter your password" })
    .max(MAX_PASSWORD, `The password can be at most ${MAX_PASSWORD} characters`)
    .default(""),
});

/** A new account; the first admin's form and the admin's "add a user" form. */
export const newUserSchema = z.object({ name, email, role, password });
export const setupSchema = z.object({ name, email, password });
export const resetPasswordSchema = z.object({ password });
export const roleSchema = z.object({ role });

/** The admin's invite: who, and with which role; they choose their own password. */
export const inviteSchema = z.object({ name, email, role });

const SAME_TWICE = "The two new passwords differ: type the same password in both boxes";
const again = z
  .string({ error: "Type the new password again" })
  .max(MAX_PASSWORD, `The password can be at most ${MAX_PASSWORD} characters`);

/** The invited person's own password, typed twice. */
export const setPasswordSchema = z
  .object({ password, confirmPassword: again })
  .refine((form) => form.password === form.confirmPassword, { path: ["confirmPassword"], message: SAME_TWICE });

/** Changing one's own password: the current one, then the new one twice. */
export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "Enter your current password" })
      .min(1, "Enter your current password")
      .max(MAX_PASSWORD, `The password can be at most ${MAX_PASSWORD} characters`),
    newPassword: password,
    confirmPassword: again,
  })
  .refine((form) => form.newPassword === form.confirmPassword, { path: ["confirmPassword"], message: SAME_TWICE })
  .refine((form) => form.newPassword !== form.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from your current one",
  });

/** The form a request posted, or null when its body is not a form (JSON, broken multipart): a 400, not a 500. */
export async function readForm(request: Request): Promise<FormData | null> {
  try {
    return await request.formData();
  } catch {
    return null;
  }
}

export const UNREADABLE_FORM = "The form could not be read. Reload the page and try again.";
